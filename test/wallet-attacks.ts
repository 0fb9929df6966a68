import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url, toBase64url, utf8 } from '../src/crypto/encoding.js';

export interface OfferResponse {
  offerId: string; ref: string; url: string; openid4vci: string; openid4vciDraft13: string; interaction: string; lcw: string;
  txCode: string; expiresAt: string; links: { qrSvg: string; qrPng: string; openid4vciQrSvg: string; openid4vciQrPng: string };
}

export interface HolderKey {
  did: string;
  didUrl: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: 'EdDSA' | 'ES256';
}

/** A fresh holder key, as a did:key (Ed25519) or as a bare JWK (P-256, bound as its did:jwk). */
export async function holderKey(type: 'Ed25519' | 'P-256' = 'Ed25519'): Promise<HolderKey> {
  const alg = type === 'Ed25519' ? 'EdDSA' : 'ES256';
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(type === 'Ed25519' ? { crv: 'Ed25519' } : {}) });
  const publicJwk = await exportJWK(publicKey);
  const did = type === 'Ed25519'
    ? didKeyFromPublicKey(fromBase64url(publicJwk.x!))
    : `did:jwk:${toBase64url(utf8(JSON.stringify({ crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y })))}`;
  const didUrl = type === 'Ed25519' ? `${did}#${did.slice('did:key:'.length)}` : `${did}#0`;
  return { did, didUrl, privateKey, publicJwk, alg };
}

/*
 * The requests of the attack tests, written out by hand (no client library: it would refuse
 * to send most of them), shared by the Node suite and the Workers suite.
 */

type Json = Record<string, any>;

/** The service as the attack tests reach it: the app in process (Node) or the Worker (workerd). */
export interface WalletHttp {
  publicUrl: string;
  /** A request to a path of PUBLIC_URL. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  adminToken: string;
  issueRequest(): unknown;
  now(): Date;
}

export const ISSUER = (h: WalletHttp) => `${h.publicUrl}/oid4vci/default`;
const path = (h: WalletHttp, url: string) => url.slice(h.publicUrl.length);
export const PRE_AUTH = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const json = (body: unknown, token: string): RequestInit => ({
  method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body),
});

export async function tokenRequest(h: WalletHttp, code: string, txCode?: string, issuer = ISSUER(h)) {
  const form = new URLSearchParams({ grant_type: PRE_AUTH, 'pre-authorized_code': code, ...(txCode !== undefined ? { tx_code: txCode } : {}) });
  const res = await h.fetch(`${path(h, issuer)}/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString(),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function nonce(h: WalletHttp): Promise<string> {
  const res = await h.fetch(`${path(h, ISSUER(h))}/nonce`, { method: 'POST' });
  return ((await res.json()) as Json).c_nonce as string;
}

export interface ProofOptions {
  aud?: string;
  nonce?: string;
  iat?: number;
  typ?: string;
  header?: Json;
}

/** An openid4vci-proof+jwt by the holder key, with whatever claims the attack wants. */
export async function proof(h: WalletHttp, holder: HolderKey, o: ProofOptions = {}): Promise<string> {
  const payload: Json = { aud: o.aud ?? ISSUER(h), iat: o.iat ?? Math.floor(h.now().getTime() / 1000), ...(o.nonce !== undefined ? { nonce: o.nonce } : {}) };
  const header = { alg: holder.alg, typ: o.typ ?? 'openid4vci-proof+jwt', ...(holder.did.startsWith('did:key:') ? { kid: holder.didUrl } : { jwk: holder.publicJwk }), ...o.header };
  return new SignJWT(payload).setProtectedHeader(header as never).sign(holder.privateKey);
}

export async function credentialRequest(h: WalletHttp, accessToken: string, body: Json) {
  const res = await h.fetch(`${path(h, ISSUER(h))}/credential`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` }, body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export const byConfiguration = (jwt: string, id = 'OpenBadgeCredential_ldp_vc') => ({ credential_configuration_id: id, proofs: { jwt: [jwt] } });

/** Issues and offers one credential through the API. */
export async function makeOffer(h: WalletHttp, body: unknown = {}): Promise<{ credentialId: string; offer: OfferResponse }> {
  const issued = await h.fetch('/api/v1/credentials', json(h.issueRequest(), h.adminToken));
  if (issued.status !== 201) throw new Error(`issue failed: ${issued.status} ${await issued.text()}`);
  const { id } = (await issued.json()) as { id: string };
  const res = await h.fetch(`/api/v1/credentials/${id}/wallet-offer`, json(body, h.adminToken));
  if (res.status !== 201) throw new Error(`offer failed: ${res.status} ${await res.text()}`);
  return { credentialId: id, offer: (await res.json()) as OfferResponse };
}

export const adminPost = (h: WalletHttp, p: string, body: unknown) => h.fetch(p, json(body, h.adminToken));

/** An offer redeemed for its access token (the right PIN). */
export async function redeemed(h: WalletHttp) {
  const made = await makeOffer(h);
  const token = await tokenRequest(h, made.offer.offerId, made.offer.txCode);
  if (token.status !== 200) throw new Error(`token failed: ${JSON.stringify(token.body)}`);
  return { ...made, accessToken: token.body.access_token as string, cNonce: token.body.c_nonce as string };
}
