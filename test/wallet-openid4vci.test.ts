import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { afterEach, describe, expect, it } from 'vitest';
import { Openid4vciVersion } from '@openid4vc/openid4vci';
import { createMetrics } from '../src/runtime/node/metrics.js';
import { ADMIN_TOKEN, authJson, verifyBody } from './helpers.js';
import { appDocumentLoader } from './interop-loader.js';
import { holderKey, holderSigner, offered, walletClient, walletWorld, type HolderKey, type WalletWorld } from './wallet-helpers.js';

/*
 * The whole OpenID4VCI flow as a wallet runs it, with @openid4vc/openid4vci's client side
 * (its own holder key), over HTTP against a running server: resolve the offer, the metadata,
 * the token with the tx_code, a nonce, the credential with a proof. For 1.0 and for draft 13.
 */

type Json = Record<string, any>;
let world: WalletWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function receive(w: WalletWorld, link: string, txCode: string, holder: HolderKey, configuration: string) {
  const client = walletClient(w, holder);
  const credentialOffer = await client.resolveCredentialOffer(link);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode });
  const nonce = issuerMetadata.originalDraftVersion === Openid4vciVersion.V1
    ? (await client.requestNonce({ issuerMetadata })).c_nonce
    : (accessTokenResponse.c_nonce as string);
  const { jwt } = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: configuration, signer: holderSigner(holder), nonce });
  const response = await client.retrieveCredentials({
    issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: configuration, proof: { proof_type: 'jwt', jwt },
  });
  return { version: issuerMetadata.originalDraftVersion, response: response.credentialResponse as Json };
}

async function dbVerify(w: WalletWorld, credential: unknown) {
  const documentLoader = appDocumentLoader(w.ctx);
  const listSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc });
  return vc.verifyCredential({
    credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc }), documentLoader,
    checkStatus: (options: unknown) => checkStatus({ ...(options as Json), suite: listSuite, documentLoader }),
  });
}

describe('a wallet receives its credential over OpenID4VCI, bound to its key', () => {
  it('1.0: offer → metadata → token with tx_code → nonce → ldp_vc; it verifies with @digitalbazaar/vc and our verifier, names the holder DID', async () => {
    world = await walletWorld();
    const { credentialId, offer } = await offered(world.ctx);
    const holder = await holderKey();
    const { version, response } = await receive(world, offer.openid4vci, offer.txCode, holder, 'OpenBadgeCredential_ldp_vc');
    expect(version).toBe(Openid4vciVersion.V1);
    expect(response.credentials).toHaveLength(1);
    const credential = response.credentials[0].credential as Json;
    expect(credential.credentialSubject.id).toBe(holder.did);
    const original = JSON.parse((await world.ctx.store.getCredential(credentialId))!.diJson) as Json;
    expect(credential.id).not.toBe(original.id);
    expect(credential.credentialStatus).toEqual(original.credentialStatus);
    expect(credential.issuer).toEqual(original.issuer);
    const db = await dbVerify(world, credential);
    expect(db.verified, JSON.stringify(db.error)).toBe(true);
    const ours = await verifyBody(world.ctx, { credential });
    expect(ours.body.verified, JSON.stringify(ours.body.checks)).toBe(true);
  });

  it('/metrics counts wallet offers created and claimed (from the database, so a restart keeps them)', async () => {
    const metricsOf = (w: WalletWorld) => createMetrics({ store: w.ctx.store, databasePath: ':memory:' });
    world = await walletWorld();
    const metrics = metricsOf(world);
    const gauge = async (state: string) => new RegExp(`skillcert_wallet_offers\\{state="${state}"\\} (\\d+)`).exec((await metrics.render()).body)?.[1];
    expect([await gauge('created'), await gauge('claimed')]).toEqual(['0', '0']);
    const { offer } = await offered(world.ctx);
    await offered(world.ctx);
    await receive(world, offer.openid4vci, offer.txCode, await holderKey(), 'OpenBadgeCredential_ldp_vc');
    // A fresh registry over the same store: the totals are the database's, not this process's.
    const again = metricsOf(world);
    const text = (await again.render()).body;
    expect(text).toContain('skillcert_wallet_offers{state="created"} 2');
    expect(text).toContain('skillcert_wallet_offers{state="claimed"} 1');
  });

  it('draft 13: the same flow by format, c_nonce from the token response, {credential} back; jwt_vc_json verifies with our verifier', async () => {
    world = await walletWorld();
    const { offer } = await offered(world.ctx);
    const holder = await holderKey();
    const { version, response } = await receive(world, offer.openid4vciDraft13, offer.txCode, holder, 'OpenBadgeCredential_jwt_vc_json');
    expect(version).toBe(Openid4vciVersion.Draft14);
    expect(typeof response.credential).toBe('string');
    const payload = JSON.parse(Buffer.from((response.credential as string).split('.')[1]!, 'base64url').toString()) as Json;
    expect(payload.credentialSubject.id).toBe(holder.did);
    const ours = await verifyBody(world.ctx, { jwt: response.credential });
    expect(ours.body.verified, JSON.stringify(ours.body.checks)).toBe(true);
  });

  it('draft 13 by ldp_vc and a P-256 holder key given as a jwk: bound to its did:jwk', async () => {
    world = await walletWorld();
    const { offer } = await offered(world.ctx);
    const holder = await holderKey('P-256');
    const { response } = await receive(world, offer.openid4vciDraft13, offer.txCode, holder, 'OpenBadgeCredential_ldp_vc');
    const credential = response.credential as Json;
    expect(credential.credentialSubject.id).toBe(holder.did);
    expect((await dbVerify(world, credential)).verified).toBe(true);
  });

  it('draft 13 ldp_vc from an institute with the Ed25519Signature2020 form on (what Inji asks): that proof alone, one object, verifying with Digital Bazaar\'s 2020 suite and ours', async () => {
    world = await walletWorld();
    const patch = await world.ctx.app.request('/api/v1/institutes/default', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ compatibility: { ed25519Signature2020: true } }),
    });
    expect(patch.status).toBe(200);
    const { offer } = await offered(world.ctx);
    const holder = await holderKey();
    const { response } = await receive(world, offer.openid4vciDraft13, offer.txCode, holder, 'OpenBadgeCredential_ldp_vc');
    const credential = response.credential as Json;
    expect(Array.isArray(credential.proof)).toBe(false);
    expect(credential.proof.type).toBe('Ed25519Signature2020');
    expect(credential.credentialSubject.id).toBe(holder.did);
    const db = await vc.verifyCredential({ credential, suite: new Ed25519Signature2020(), documentLoader: appDocumentLoader(world.ctx), checkStatus: async () => ({ verified: true }) });
    expect(db.verified, JSON.stringify(db.error)).toBe(true);
    expect((await verifyBody(world.ctx, { credential })).body.verified).toBe(true);
    // A 1.0 request gets the proof set (eddsa-rdfc-2022 and the 2020 proof) as any credential of the institute.
    const again = await offered(world.ctx);
    const v1 = await receive(world, again.offer.openid4vci, again.offer.txCode, await holderKey(), 'OpenBadgeCredential_ldp_vc');
    expect((v1.response.credentials[0].credential as Json).proof.map((p: Json) => p.type)).toEqual(['DataIntegrityProof', 'Ed25519Signature2020']);
  });

  it('revoking the original revokes what the wallet holds (one status entry), and the delivery is in the store and the ledger', async () => {
    world = await walletWorld();
    const { credentialId, offer } = await offered(world.ctx);
    const holder = await holderKey();
    const { response } = await receive(world, offer.openid4vci, offer.txCode, holder, 'OpenBadgeCredential_ldp_vc');
    const credential = response.credentials[0].credential as Json;
    const [delivery] = await world.ctx.store.credentialDeliveries(credentialId);
    expect(delivery).toMatchObject({ vcId: credential.id, holderDid: holder.did, protocol: 'openid4vci', format: 'ldp_vc', offerRef: offer.ref });
    expect(delivery!.body).toBe(JSON.stringify(credential));
    const audit = await world.ctx.store.auditEntries({ limit: 100 });
    const deliver = audit.find((e) => e.action === 'credential.deliver');
    expect(deliver?.target).toBe(`${world.ctx.deps.publicUrl}/credentials/${credentialId}`);
    expect(JSON.parse(deliver!.details)).toMatchObject({ credentialId: credential.id, holder: holder.did, offer: offer.ref });

    const res = await world.ctx.app.request(`/api/v1/credentials/${credentialId}/revoke`, authJson({ reason: 'issued by mistake' }));
    expect(res.status).toBe(200);
    const ours = await verifyBody(world.ctx, { credential });
    expect(ours.body.verified).toBe(false);
    expect(ours.body.checks.find((c: Json) => c.id === 'revocation')?.status).toBe('failed');
    const db = await dbVerify(world, credential);
    expect(db.statusResult?.results?.[0]?.status).toBe(true);
  });
});

describe('the offer as the registrar gets it', () => {
  it('201 with every way in: the QR decodes to the interaction URL (or, asked, the openid-credential-offer link); the learner page shows no offer', async () => {
    const { default: jsQR } = await import('jsqr');
    const { PNG } = await import('pngjs');
    const decode = (bytes: ArrayBuffer) => {
      const png = PNG.sync.read(Buffer.from(bytes));
      return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
    };
    world = await walletWorld();
    const { credentialId, offer } = await offered(world.ctx);
    const base = `${world.ctx.deps.publicUrl}/interactions/${offer.offerId}`;
    expect(offer).toMatchObject({
      url: base, interaction: `${base}?iuv=1`, txCode: expect.stringMatching(/^\d{6}$/),
      openid4vci: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${world.ctx.deps.publicUrl}/oid4vci/default/offers/${offer.offerId}`)}`,
    });
    const local = (url: string) => url.slice(world!.ctx.deps.publicUrl.length);
    expect(decode(await (await world.ctx.app.request(local(offer.links.qrPng))).arrayBuffer())).toBe(base);
    expect(decode(await (await world.ctx.app.request(local(offer.links.openid4vciQrPng))).arrayBuffer())).toBe(offer.openid4vci);
    expect((await world.ctx.app.request(local(offer.links.qrSvg))).headers.get('content-type')).toBe('image/svg+xml');
    const page = await (await world.ctx.app.request(`/c/${credentialId}`)).text();
    expect(page).not.toContain(offer.offerId);
    expect(page).not.toContain('/interactions/');
    // The PIN is never stored as it is: only its salted hash.
    const stored = (await world.ctx.store.walletOffersOf(credentialId))[0]!;
    expect(JSON.stringify(stored)).not.toContain(offer.txCode);
    expect(JSON.stringify(stored)).not.toContain(offer.offerId);
  });
});
