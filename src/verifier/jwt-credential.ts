import { issuerIdOf, typesOf, validityOf, type JsonObject } from '../schemas/credential.js';
import type { LegacyForm, VerificationReport } from '../schemas/report.js';
import { failed, validityCheck } from './checks.js';
import { checkJwtSignature, decodeJwtParts, numericDate } from './jwt.js';
import { formatCheck, legacyModelOf, report, statusAfter, type DecodedJwt, type VerifierDeps } from './report-parts.js';

const V1 = 'https://www.w3.org/2018/credentials/v1';
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): unknown => (isObject(v) ? v.id : v);

/**
 * `typ` values of a credential JWT, by form: a payload that is the credential is VC-JOSE-COSE
 * (vc+jwt, or its drafts' vc+ld+jwt); a `vc` claim is VC-JWT 1.1 (JWT). A bare credential
 * typed plain JWT is neither, and is refused.
 */
const JOSE_COSE_TYPES = [undefined, 'vc+jwt', 'application/vc+jwt', 'vc+ld+jwt', 'application/vc+ld+jwt'] as const;
const VC_JWT_11_TYPES = [undefined, 'JWT', 'jwt'] as const;

/** A date claim as VC-JWT 1.1 maps it: it sets the property, or must agree with it to the second. */
function mapDate(credential: JsonObject, property: string, claim: unknown, name: string): string | null {
  if (claim === undefined) return null;
  const date = numericDate(claim);
  if (date === undefined) return `${name} is not a NumericDate`;
  const stated = credential[property];
  if (stated === undefined) credential[property] = date;
  else if (typeof stated !== 'string' || Math.floor(Date.parse(stated) / 1000) !== Math.floor(Date.parse(date) / 1000)) {
    return `the JWT claim ${name} and the credential's ${property} disagree`;
  }
  return null;
}

/**
 * The credential a VC-JWT 1.1 payload carries in its `vc` claim, with the registered claims
 * mapped as VC-JWT 1.1 decodes them: iss → issuer, jti → id, sub → credentialSubject.id, nbf
 * → issuanceDate (validFrom for a 2.0 credential), exp → expirationDate (validUntil). A claim
 * and a property that both say something must say the same thing, so no reader of either
 * sees another credential than the one checked.
 */
export function credentialFromVcClaim(payload: JsonObject): JsonObject | string {
  if (!isObject(payload.vc)) return 'the vc claim must be a credential object';
  const credential: JsonObject = { ...payload.vc };
  const v1 = Array.isArray(credential['@context']) && credential['@context'][0] === V1;
  const { iss, jti, sub } = payload;
  if (iss !== undefined) {
    if (typeof iss !== 'string') return 'iss must be a string';
    if (credential.issuer === undefined) credential.issuer = iss;
    else if (idOf(credential.issuer) !== iss) return 'the JWT claim iss and the credential\'s issuer disagree';
  }
  if (jti !== undefined) {
    if (typeof jti !== 'string') return 'jti must be a string';
    if (credential.id === undefined) credential.id = jti;
    else if (credential.id !== jti) return 'the JWT claim jti and the credential\'s id disagree';
  }
  if (sub !== undefined) {
    if (typeof sub !== 'string') return 'sub must be a string';
    const subject = credential.credentialSubject;
    if (isObject(subject)) {
      if (subject.id === undefined) credential.credentialSubject = { ...subject, id: sub };
      else if (subject.id !== sub) return 'the JWT claim sub and the credential subject\'s id disagree';
    }
  }
  return mapDate(credential, v1 ? 'issuanceDate' : 'validFrom', payload.nbf, 'nbf')
    ?? mapDate(credential, v1 ? 'expirationDate' : 'validUntil', payload.exp, 'exp')
    ?? credential;
}

/**
 * Verifies a credential JWT: VC-JOSE-COSE `vc+jwt` (the payload is the credential) or a
 * VC-JWT 1.1 JWT (a `vc` claim; reported as legacy). Signed with EdDSA, ES256 or ES384 by a
 * key of the issuer from did:key, did:jwk or did:web.
 */
export async function verifyJwtCredential(deps: VerifierDeps, jwt: string, now: Date, decodedAlready?: DecodedJwt): Promise<VerificationReport> {
  const decoded = decodedAlready ?? decodeJwtParts(jwt);
  if (typeof decoded === 'string') return report('vc+jwt', [failed('format', decoded)], null, now);
  const { header, payload } = decoded;
  if (header.typ === 'vp+jwt' || header.typ === 'application/vp+jwt' || 'vp' in payload) {
    return report('vc+jwt', [failed('format', 'this JWT is a presentation: verify it as one (POST /presentations/verify)')], null, now);
  }
  const vcClaim = 'vc' in payload;
  const mapped = vcClaim ? credentialFromVcClaim(payload) : payload;
  if (typeof mapped === 'string') return report('vc+jwt', [failed('format', `not a valid VC-JWT 1.1: ${mapped}`)], null, now, 'vc-jwt-1.1');
  const { check, credential } = formatCheck(mapped);
  const legacy: LegacyForm | undefined = vcClaim ? 'vc-jwt-1.1' : credential ? legacyModelOf(credential) : undefined;
  const format = vcClaim && credential ? { ...check, message: `${check.message}, in a VC-JWT 1.1 JWT (legacy: a vc claim)` } : check;
  if (!credential) return report('vc+jwt', [format], null, now, legacy);
  if (typesOf(credential.type).includes('EnvelopedVerifiableCredential')) {
    return report('vc+jwt', [failed('format', 'an enveloped credential inside a JWT is not unwrapped again')], null, now);
  }
  const validity = validityCheck(validityOf(credential).from, validityOf(credential).until, now);
  const issuerId = issuerIdOf(credential);
  const { key, proof, signedAt } = await checkJwtSignature(deps, jwt, header, payload, {
    signer: issuerId,
    purpose: 'assertionMethod',
    keyCheck: 'issuer',
    types: vcClaim ? VC_JWT_11_TYPES : JOSE_COSE_TYPES,
    credentialId: credential.id,
    claimedTime: validityOf(credential).from,
  });
  return report('vc+jwt', [format, key, proof, validity, ...(await statusAfter(deps, proof, credential, signedAt))], credential, now, legacy);
}
