import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { describe, expect, it } from 'vitest';
import { ED25519_2020_CONTEXT, staticDocumentLoader } from '../src/jsonld/contexts.js';
import { ADMIN_TOKEN, makeTestApp, sampleRequest, verifyBody, type TestContext } from './helpers.js';
import { didKeySigner, type ForeignSigner } from './foreign-issuers.js';
import { appDocumentLoader } from './interop-loader.js';
import { makeOffer, tokenRequest, type WalletHttp } from './wallet-attacks.js';

/*
 * The Learner Credential Wallet's part, played here: the interaction URL (`?iuv=1`) or the
 * `dccrequest://` deep link names the VC-API exchange; the wallet POSTs to it, gets a request
 * for DID authentication (challenge, domain), signs a presentation with its did:key and POSTs
 * it to the exchange's transaction; the credential comes back in a presentation, bound to that
 * DID. Signed as LCW signs (Ed25519Signature2020, VC 1.1 presentation) and as a VC 2.0 wallet
 * does (eddsa-rdfc-2022), by Digital Bazaar's libraries.
 */

type Json = Record<string, any>;
const PUBLIC_URL = 'https://certs.example.gov.kh';

async function world() {
  const ctx = await makeTestApp({ publicUrl: PUBLIC_URL, clock: new Date(Math.floor(Date.now() / 1000) * 1000) });
  const h: WalletHttp = { publicUrl: PUBLIC_URL, adminToken: ADMIN_TOKEN, issueRequest: sampleRequest, now: () => ctx.clock.now, fetch: async (p, init) => ctx.app.request(p, init) };
  return { ctx, h };
}
const local = (url: string) => url.slice(PUBLIC_URL.length);
const post = async (ctx: TestContext, url: string, body?: unknown) => {
  const res = await ctx.app.request(local(url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? '{}' : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};

/** A DID-auth presentation, as LCW makes it (VC 1.1, Ed25519Signature2020) or as a VC 2.0 wallet does. */
async function didAuth(holder: ForeignSigner, vpr: Json, style: 'lcw' | 'vc2'): Promise<Json> {
  const presentation = style === 'lcw'
    ? { '@context': ['https://www.w3.org/2018/credentials/v1', ED25519_2020_CONTEXT], type: ['VerifiablePresentation'], holder: holder.did }
    : { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: holder.did };
  const suite = style === 'lcw' ? new Ed25519Signature2020({ signer: holder.signer }) : new DataIntegrityProof({ signer: holder.signer, cryptosuite: eddsaRdfc });
  const signed = await vc.signPresentation({ presentation, suite, challenge: vpr.challenge, domain: vpr.domain, documentLoader: staticDocumentLoader });
  return JSON.parse(JSON.stringify(signed)) as Json;
}

async function dbVerify(ctx: TestContext, credential: unknown) {
  const documentLoader = appDocumentLoader(ctx);
  const listSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc });
  return vc.verifyCredential({
    credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc }), documentLoader,
    checkStatus: (options: unknown) => checkStatus({ ...(options as Json), suite: listSuite, documentLoader }),
  });
}

describe('the Learner Credential Wallet takes its credential through the VC-API exchange', () => {
  for (const style of ['lcw', 'vc2'] as const) {
    it(`${style === 'lcw' ? 'as LCW signs (VC 1.1, Ed25519Signature2020)' : 'a VC 2.0 wallet (eddsa-rdfc-2022)'}: interaction URL → DID authentication → the credential, bound to the did:key, verifying everywhere`, async () => {
      const { ctx, h } = await world();
      const { credentialId, offer } = await makeOffer(h);
      // The QR's interaction URL answers its protocols; the deep link names the same exchange.
      const protocols = (await (await ctx.app.request(local(offer.interaction))).json()) as Json;
      expect(protocols.protocols.OID4VCI).toBe(offer.openid4vci);
      const exchange = protocols.protocols.vcapi as string;
      expect(offer.lcw.startsWith('dccrequest://request?request=')).toBe(true);
      expect(JSON.parse(decodeURIComponent(offer.lcw.slice('dccrequest://request?request='.length))).protocols.vcapi).toBe(exchange);

      const start = await post(ctx, exchange);
      expect(start.status).toBe(200);
      const vpr = start.body.verifiablePresentationRequest as Json;
      expect(vpr.query[0].type).toBe('DIDAuthentication');
      expect(vpr.domain).toBe(PUBLIC_URL);
      const endpoint = vpr.interact.service.find((s: Json) => s.type === 'UnmediatedPresentationService2021').serviceEndpoint as string;

      const holder = await didKeySigner('Ed25519');
      const done = await post(ctx, endpoint, { verifiablePresentation: await didAuth(holder, vpr, style) });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      const [credential] = done.body.verifiablePresentation.verifiableCredential as Json[];
      expect(credential!.credentialSubject.id).toBe(holder.did);
      expect((await dbVerify(ctx, credential)).verified).toBe(true);
      expect((await verifyBody(ctx, { credential })).body.verified).toBe(true);
      const [delivery] = await ctx.store.credentialDeliveries(credentialId);
      expect(delivery).toMatchObject({ protocol: 'vc-api', holderDid: holder.did, format: 'ldp_vc' });

      // Single use: the offer is closed for the exchange and for OpenID4VCI alike.
      expect((await post(ctx, exchange)).status).toBe(400);
      expect((await tokenRequest(h, offer.offerId, offer.txCode)).body.error).toBe('invalid_grant');
    });
  }

  it('a presentation with another challenge, or for another domain, or signed by a key not its holder\'s, delivers nothing', async () => {
    const { ctx, h } = await world();
    const { credentialId, offer } = await makeOffer(h);
    const exchange = `${PUBLIC_URL}/exchanges/${offer.offerId}`;
    const vpr = (await post(ctx, exchange)).body.verifiablePresentationRequest as Json;
    const endpoint = vpr.interact.service[0].serviceEndpoint as string;
    const holder = await didKeySigner('Ed25519');
    const other = await didKeySigner('Ed25519');
    const wrongChallenge = await didAuth(holder, { ...vpr, challenge: 'another-challenge' }, 'vc2');
    const wrongDomain = await didAuth(holder, { ...vpr, domain: 'https://evil.example' }, 'vc2');
    const notHolders = { ...(await didAuth(other, vpr, 'vc2')), holder: holder.did };
    for (const vp of [wrongChallenge, wrongDomain, notHolders]) {
      const res = await post(ctx, endpoint, { verifiablePresentation: vp });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
    expect((await post(ctx, `${exchange}/WrongTransaction12345678`, { verifiablePresentation: await didAuth(holder, vpr, 'vc2') })).status).toBe(400);
    expect(await ctx.store.credentialDeliveries(credentialId)).toEqual([]);
    // The right one still works afterwards.
    expect((await post(ctx, endpoint, { verifiablePresentation: await didAuth(holder, vpr, 'vc2') })).status).toBe(200);
  });
});
