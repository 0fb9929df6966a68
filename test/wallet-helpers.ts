import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { clientAuthenticationNone, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { holderKey, type HolderKey } from './wallet-attacks.js';
import { authJson, issue, makeTestApp, type TestContext } from './helpers.js';

export { holderKey, type HolderKey };

/*
 * A wallet for the tests: its own Ed25519 (or P-256) key as a did:key, and @openid4vc's
 * client side talking over HTTP to a running server. The service's PUBLIC_URL is https (the
 * library takes no other URL); the wallet's fetch sends each request to the loopback server.
 */

export const WALLET_PUBLIC_URL = 'https://certs.example.gov.kh';

export type { OfferResponse } from './wallet-attacks.js';
import type { OfferResponse } from './wallet-attacks.js';

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
