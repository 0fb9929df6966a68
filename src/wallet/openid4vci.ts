import { fromBase64url } from '../crypto/encoding.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
import type { IssuerDeps } from '../issuer/issue.js';
import type { Institute } from '../store/port.js';
import { holderKeyFromDidUrl, holderKeyFromJwk, verifyHolderJws, HOLDER_BINDING_METHODS, HOLDER_JWS_ALGS, type HolderKey } from './holder-key.js';
import {
  Oauth2AuthorizationServer, Oauth2ServerErrorResponseError, OpenId4VcBaseError, Openid4vciIssuer, Openid4vciVersion, preAuthorizedCodeGrantIdentifier,
  type AuthorizationServerMetadata, type CredentialIssuerMetadata, type IssuerMetadataResult, type JwtSigner,
} from './oid4vc-lib.js';
import {
  deliver, issueNonce, offerOfToken, PIN_DIGITS, PROOF_IAT_SECONDS, redeemPreAuthorizedCode, takeNonce, WalletError, type DeliveryFormat,
} from './offers.js';

/*
 * The OpenID4VCI issuer of an institute, for 1.0 and draft 13, on @openid4vc's parsing and
 * proof checks: metadata, offers, the pre-authorized code token endpoint (tx_code), nonces, and
 * the credential endpoint. What the library leaves to its user is done here: the PIN limit,
 * the single use of codes and nonces, `iat` freshness, the key types a holder may use.
 *
 * Two profiles share one issuer: `1.0` (the default, `nonce_endpoint`, `credential_metadata`,
 * which draft 13 wallets also read: `format`, `credential_definition`, `display` and a
 * `c_nonce` in the token response are there too) and `draft13` (its own identifier, the
 * metadata exactly as draft 13 has it, for a wallet that reads a `credential_metadata` as 1.0).
 */

export type Oid4vciProfile = '1.0' | 'draft13';

export const LDP_VC_CONFIGURATION = 'OpenBadgeCredential_ldp_vc';
export const JWT_VC_CONFIGURATION = 'OpenBadgeCredential_jwt_vc_json';
const TYPES = ['VerifiableCredential', 'OpenBadgeCredential'];

/** The credential issuer identifier of an institute. */
export const credentialIssuerId = (publicUrl: string, institute: Pick<Institute, 'slug'>, profile: Oid4vciProfile = '1.0'): string =>
  `${publicUrl}/oid4vci/${institute.slug}${profile === 'draft13' ? '/draft13' : ''}`;

/** The URI a wallet fetches the offer from, and the `openid-credential-offer://` link that names it. */
export const credentialOfferUri = (publicUrl: string, institute: Pick<Institute, 'slug'>, offerId: string, profile: Oid4vciProfile = '1.0'): string =>
  `${credentialIssuerId(publicUrl, institute, profile)}/offers/${offerId}`;
export const credentialOfferLink = (publicUrl: string, institute: Pick<Institute, 'slug'>, offerId: string, profile: Oid4vciProfile = '1.0'): string =>
  `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri(publicUrl, institute, offerId, profile))}`;

function display(institute: Institute) {
  return [{ name: institute.name, locale: 'en' }, ...(institute.nameKm ? [{ name: institute.nameKm, locale: 'km' }] : [])];
}

/** The credential issuer metadata (validated by the library as it builds it). */
export function issuerMetadata(publicUrl: string, institute: Institute, profile: Oid4vciProfile): CredentialIssuerMetadata {
  const issuer = credentialIssuerId(publicUrl, institute, profile);
  const credentialDisplay = [{ name: 'Skill certificate', locale: 'en' }, { name: 'វិញ្ញាបនបត្រជំនាញ', locale: 'km' }];
  const common = {
    cryptographic_binding_methods_supported: HOLDER_BINDING_METHODS,
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: HOLDER_JWS_ALGS } },
    display: credentialDisplay,
    ...(profile === '1.0' ? { credential_metadata: { display: credentialDisplay } } : {}),
  };
  const metadata = {
    credential_issuer: issuer,
    credential_endpoint: `${issuer}/credential`,
    ...(profile === '1.0' ? { nonce_endpoint: `${issuer}/nonce` } : {}),
    display: display(institute),
    credential_configurations_supported: {
      [LDP_VC_CONFIGURATION]: {
        format: 'ldp_vc',
        credential_definition: { '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], type: TYPES },
        credential_signing_alg_values_supported: [institute.cryptosuite],
        ...common,
      },
      [JWT_VC_CONFIGURATION]: {
        format: 'jwt_vc_json',
        credential_definition: { type: TYPES },
        credential_signing_alg_values_supported: ['EdDSA'],
        ...common,
      },
    },
  };
  return issuerLib().createCredentialIssuerMetadata(metadata as unknown as CredentialIssuerMetadata);
}

/** The OAuth authorization server metadata (RFC 8414): the issuer is its own authorization server. */
export function authorizationServerMetadata(publicUrl: string, institute: Institute, profile: Oid4vciProfile): AuthorizationServerMetadata {
  const issuer = credentialIssuerId(publicUrl, institute, profile);
  return asLib().createAuthorizationServerMetadata({
    issuer,
    token_endpoint: `${issuer}/token`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  });
}

function metadataResult(publicUrl: string, institute: Institute, profile: Oid4vciProfile): IssuerMetadataResult {
  const credentialIssuer = issuerMetadata(publicUrl, institute, profile);
  return {
    originalDraftVersion: profile === 'draft13' ? Openid4vciVersion.Draft14 : Openid4vciVersion.V1,
    credentialIssuer,
    authorizationServers: [authorizationServerMetadata(publicUrl, institute, profile)],
    knownCredentialConfigurations: issuerLib().getKnownCredentialConfigurationsSupported(credentialIssuer),
  };
}

/** The credential offer object an offer URI answers: the pre-authorized code is the offer id, with a numeric tx_code. */
export function credentialOfferObject(publicUrl: string, institute: Institute, offerId: string, profile: Oid4vciProfile) {
  return {
    credential_issuer: credentialIssuerId(publicUrl, institute, profile),
    credential_configuration_ids: [LDP_VC_CONFIGURATION, JWT_VC_CONFIGURATION],
    grants: {
      [preAuthorizedCodeGrantIdentifier]: {
        'pre-authorized_code': offerId,
        tx_code: { input_mode: 'numeric', length: PIN_DIGITS, description: 'The PIN printed beside the QR code / លេខសម្ងាត់ដែលបោះពុម្ពនៅក្បែរកូដ QR' },
      },
    },
  };
}

/** A request as the library reads it. */
export interface RequestLike {
  method: string;
  url: string;
  headers: Headers;
}

/** The library's refusals as OAuth errors: its own error response when it has one, else invalid_request with its message. */
function fromLibrary(error: unknown, fallback: 'invalid_request' | 'invalid_credential_request' | 'invalid_proof'): never {
  if (error instanceof WalletError) throw error;
  if (error instanceof Oauth2ServerErrorResponseError) {
    const code = error.errorResponse.error as WalletError['code'];
    throw new WalletError(code, error.errorResponse.error_description ?? error.message);
  }
  if (error instanceof OpenId4VcBaseError || error instanceof Error) throw new WalletError(fallback, firstLine(error.message));
  throw error;
}
const firstLine = (text: string): string => text.split('\n')[0]!.slice(0, 300);

/** The token endpoint: the pre-authorized code grant with its tx_code; a c_nonce rides along (draft 13 wallets read it there). */
export async function tokenResponse(deps: IssuerDeps, institute: Institute, profile: Oid4vciProfile, request: RequestLike, body: Record<string, unknown>) {
  const as = asLib();
  let parsed: ReturnType<Oauth2AuthorizationServer['parseAccessTokenRequest']>;
  try {
    parsed = as.parseAccessTokenRequest({ request: { method: 'POST', url: request.url, headers: request.headers }, accessTokenRequest: body });
  } catch (error) {
    fromLibrary(error, 'invalid_request');
  }
  if (parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier) throw new WalletError('unsupported_grant_type', 'only the pre-authorized code grant is supported');
  const grant = parsed.grant;
  const txCode = typeof grant.txCode === 'string' ? grant.txCode : undefined;
  // Before the offer is taken: the library's own checks of the request (no DPoP, no PKCE asked).
  try {
    await as.verifyPreAuthorizedCodeAccessTokenRequest({
      authorizationServerMetadata: authorizationServerMetadata(deps.publicUrl, institute, profile),
      grant, accessTokenRequest: parsed.accessTokenRequest, request: { method: 'POST', url: request.url, headers: request.headers },
      expectedPreAuthorizedCode: grant.preAuthorizedCode, ...(txCode !== undefined ? { expectedTxCode: txCode } : {}), now: deps.clock(),
    });
  } catch (error) {
    fromLibrary(error, 'invalid_request');
  }
  const { accessToken, expiresIn } = await redeemPreAuthorizedCode(deps, { institute, code: grant.preAuthorizedCode, txCode });
  const { nonce, expiresIn: nonceExpiresIn } = await issueNonce(deps);
  return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, c_nonce: nonce, c_nonce_expires_in: nonceExpiresIn };
}

/** The nonce endpoint (1.0). */
export async function nonceResponse(deps: IssuerDeps) {
  const { nonce, expiresIn } = await issueNonce(deps);
  return issuerLib().createNonceResponse({ cNonce: nonce, cNonceExpiresIn: expiresIn });
}

function formatOf(parsed: ReturnType<Openid4vciIssuer['parseCredentialRequest']>): DeliveryFormat {
  if (parsed.credentialConfigurationId === LDP_VC_CONFIGURATION) return 'ldp_vc';
  if (parsed.credentialConfigurationId === JWT_VC_CONFIGURATION) return 'jwt_vc_json';
  if (parsed.credentialConfigurationId) throw new WalletError('unknown_credential_configuration', `unknown credential configuration ${parsed.credentialConfigurationId}`);
  if (parsed.credentialIdentifier) throw new WalletError('invalid_credential_request', 'credential_identifier is not used by this issuer; ask by credential_configuration_id or format');
  const format = parsed.format;
  if (!format) {
    const asked = (parsed.credentialRequest as { format?: unknown }).format;
    throw new WalletError('unsupported_credential_format', typeof asked === 'string' ? `format ${asked} is not issued here; ask for ldp_vc or jwt_vc_json` : 'the request names no credential configuration or format');
  }
  const types = ((format as { credential_definition?: { type?: unknown } }).credential_definition?.type ?? []) as unknown[];
  if (format.format !== 'ldp_vc' && format.format !== 'jwt_vc_json') throw new WalletError('unsupported_credential_format', `format ${format.format} is not issued here; ask for ldp_vc or jwt_vc_json`);
  if (!types.includes('OpenBadgeCredential')) throw new WalletError('unsupported_credential_format', 'this issuer issues OpenBadgeCredential only');
  return format.format;
}

/** The holder key a proof JWT's header names (its signer), or an invalid_proof. */
async function holderKeyOf(signer: JwtSigner): Promise<HolderKey> {
  const key = signer.method === 'did' ? await holderKeyFromDidUrl(signer.didUrl) : signer.method === 'jwk' ? await holderKeyFromJwk(signer.publicJwk) : 'the proof must name its key by a did:key, a did:jwk or a jwk';
  if (typeof key === 'string') throw new WalletError('invalid_proof', key);
  return key;
}

/**
 * The credential endpoint: the access token's offer, one `openid4vci-proof+jwt` (signature by
 * the holder key, `aud` = this issuer, a nonce issued here and not used before, `iat` within
 * five minutes), then the delivery. Draft 13 requests (by `format`) get `{credential}`, 1.0
 * requests (by `credential_configuration_id`) `{credentials: [{credential}]}`.
 */
export async function credentialResponse(
  deps: IssuerDeps,
  institute: Institute,
  profile: Oid4vciProfile,
  input: { authorization: string | undefined; body: Record<string, unknown> },
) {
  const token = /^Bearer ([\x21-\x7e]+)$/.exec(input.authorization ?? '')?.[1];
  if (!token) throw new WalletError('invalid_token', 'a Bearer access token from the token endpoint is required');
  const offer = await offerOfToken(deps, institute, token);
  const lib = issuerLib();
  const metadata = metadataResult(deps.publicUrl, institute, profile);
  let parsed: ReturnType<Openid4vciIssuer['parseCredentialRequest']>;
  try {
    parsed = lib.parseCredentialRequest({ issuerMetadata: metadata, credentialRequest: input.body });
  } catch (error) {
    fromLibrary(error, 'invalid_credential_request');
  }
  const format = formatOf(parsed);
  const jwts = parsed.proofs?.jwt;
  if (!jwts || jwts.length !== 1) throw new WalletError('invalid_proof', 'exactly one proof of type jwt is required');
  const jwt = jwts[0]!;

  let holder: HolderKey | undefined;
  let verified: Awaited<ReturnType<Openid4vciIssuer['verifyCredentialRequestJwtProof']>>;
  const now = deps.clock();
  const claims = (() => {
    try {
      const parts = jwt.split('.');
      const payload: unknown = parts.length === 3 ? JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(parts[1]!))) : null;
      return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as { nonce?: unknown }) : null;
    } catch {
      return null;
    }
  })();
  if (!claims) throw new WalletError('invalid_proof', 'the proof is not a JWT');
  const nonceOf = typeof claims.nonce === 'string' ? claims.nonce : undefined;
  if (!nonceOf) throw new WalletError('invalid_nonce', 'the proof carries no nonce; get one from the nonce endpoint (or the token response\'s c_nonce)');
  try {
    const issuer = new Openid4vciIssuer({
      callbacks: {
        ...libCallbacks,
        verifyJwt: async (signer, { compact }) => {
          holder = await holderKeyOf(signer);
          return (await verifyHolderJws(deps.crypto, compact, holder)) ? { verified: true as const, signerJwk: holder.jwk } : { verified: false as const };
        },
      },
    });
    verified = await issuer.verifyCredentialRequestJwtProof({ issuerMetadata: metadata, jwt, expectedNonce: nonceOf, now });
  } catch (error) {
    fromLibrary(error, 'invalid_proof');
  }
  if (!holder) throw new WalletError('invalid_proof', 'the proof names no key');
  const iat = verified.payload.iat;
  if (Math.abs(now.getTime() / 1000 - iat) > PROOF_IAT_SECONDS) throw new WalletError('invalid_proof', `the proof's iat is more than ${PROOF_IAT_SECONDS / 60} minutes from now`);
  // Last, once every other check passed: the nonce is used up here, so a replay finds it gone.
  if (!(await takeNonce(deps, nonceOf))) throw new WalletError('invalid_nonce', 'the proof\'s nonce is unknown, used or expired; get a fresh one');

  const { credential } = await deliver(deps, {
    offer, institute, holderDid: holder.did, format, protocol: 'openid4vci', via: { kind: 'token', idHash: offer.idHash, tokenHash: offer.tokenHash! },
  });
  if (parsed.format) {
    const { nonce } = await issueNonce(deps);
    return lib.createCredentialResponse({ credentialRequest: parsed, credential, cNonce: nonce });
  }
  return lib.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }] });
}

const libCallbacks = {
  hash: async () => {
    throw new Error('no hashing is asked of this issuer');
  },
  generateRandom: async (n: number) => crypto.getRandomValues(new Uint8Array(n)),
  signJwt: async () => {
    throw new Error('this issuer signs no JWT through the library');
  },
  verifyJwt: async () => ({ verified: false as const }),
  clientAuthentication: () => undefined,
};

let issuerInstance: Openid4vciIssuer | undefined;
let asInstance: Oauth2AuthorizationServer | undefined;
const issuerLib = () => (issuerInstance ??= new Openid4vciIssuer({ callbacks: libCallbacks as never }));
const asLib = () => (asInstance ??= new Oauth2AuthorizationServer({ callbacks: libCallbacks as never }));
