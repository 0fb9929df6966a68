import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { clientAuthenticationNone, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import { authJson, issue, makeTestApp, type TestContext } from './helpers.js';

/*
 * A wallet for the tests: its own Ed25519 (or P-256) key as a did:key, and @openid4vc's
 * client side talking over HTTP to a running server. The service's PUBLIC_URL is https (the
 * library takes no other URL); the wallet's fetch sends each request to the loopback server.
 */

export const WALLET_PUBLIC_URL = 'https://certs.example.gov.kh';

export interface OfferResponse {
  offerId: string; ref: string; url: string; openid4vci: string; openid4vciDraft13: string; interaction: string; lcw: string;
  txCode: string; expiresAt: string; links: { qrSvg: string; qrPng: string };
}

export interface WalletWorld {
  ctx: TestContext;
  base: string;
  /** fetch as a wallet does it: https://PUBLIC_URL/... reaches the loopback server. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** An app on the real clock (proof `iat` is checked against it) behind a listening server. */
export async function walletWorld(options: Parameters<typeof makeTestApp>[0] = {}): Promise<WalletWorld> {
  const ctx = await makeTestApp({ publicUrl: WALLET_PUBLIC_URL, clock: new Date(Math.floor(Date.now() / 1000) * 1000), ...options });
  const server: ServerType = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const walletFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(WALLET_PUBLIC_URL)) throw new Error(`the wallet was sent off the test service: ${url}`);
    return fetch(base + url.slice(WALLET_PUBLIC_URL.length), input instanceof Request ? { method: input.method, headers: input.headers, body: input.body, duplex: 'half', ...init } as RequestInit : init);
  }) as typeof fetch;
  return { ctx, base, fetch: walletFetch, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Issues a credential and makes an offer of it; the API's 201 body. */
export async function offered(ctx: TestContext, body: unknown = {}): Promise<{ credentialId: string; offer: OfferResponse }> {
  const issued = await issue(ctx);
  const res = await ctx.app.request(`/api/v1/credentials/${issued.id}/wallet-offer`, authJson(body));
  if (res.status !== 201) throw new Error(`offer failed: ${res.status} ${await res.text()}`);
  return { credentialId: issued.id, offer: (await res.json()) as OfferResponse };
}

export interface HolderKey {
  did: string;
  didUrl: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: 'EdDSA' | 'ES256';
}

/** A fresh holder key, as a did:key (Ed25519) or as a bare JWK (P-256). */
export async function holderKey(type: 'Ed25519' | 'P-256' = 'Ed25519'): Promise<HolderKey> {
  const alg = type === 'Ed25519' ? 'EdDSA' : 'ES256';
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(type === 'Ed25519' ? { crv: 'Ed25519' } : {}) });
  const publicJwk = await exportJWK(publicKey);
  const did = type === 'Ed25519' ? didKeyFromPublicKey(fromBase64url(publicJwk.x!)) : `did:jwk:${Buffer.from(JSON.stringify({ crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y })).toString('base64url')}`;
  const didUrl = type === 'Ed25519' ? `${did}#${did.slice('did:key:'.length)}` : `${did}#0`;
  return { did, didUrl, privateKey, publicJwk, alg };
}

/** The library's client, signing with the holder key. */
export function walletClient(world: WalletWorld, holder: HolderKey): Openid4vciClient {
  return new Openid4vciClient({
    callbacks: {
      fetch: world.fetch,
      hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
      generateRandom: (n) => new Uint8Array(randomBytes(n)),
      clientAuthentication: clientAuthenticationNone({ clientId: 'skillcert-test-wallet' }),
      signJwt: async (_signer: JwtSigner, { header, payload }) => ({
        jwt: await new SignJWT(payload).setProtectedHeader({ ...header, alg: holder.alg } as never).sign(holder.privateKey),
        signerJwk: holder.publicJwk as never,
      }),
    },
  });
}

export const holderSigner = (holder: HolderKey): JwtSigner =>
  holder.did.startsWith('did:key:') ? { method: 'did', didUrl: holder.didUrl, alg: holder.alg } : { method: 'jwk', publicJwk: holder.publicJwk as never, alg: holder.alg };
