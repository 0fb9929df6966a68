import { describe, expect, it } from 'vitest';
import {
  adminPost, byConfiguration, credentialRequest, holderKey, ISSUER, makeOffer, nonce, proof, redeemed, tokenRequest, type WalletHttp,
} from './wallet-attacks.js';

/*
 * What a wallet offer refuses, each as a clear OAuth-style 4xx with nothing issued: run by the
 * Node suite (SQLite, in process) and the Workers suite (D1, inside workerd), from this file.
 * `deliveries` reads how many credentials a credential's offers delivered, from the store.
 */

type Json = Record<string, any>;

const wrongPin = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, '0');

export function walletAttackCases(setup: () => Promise<{ h: WalletHttp; deliveries: (credentialId: string) => Promise<number> }>) {
  describe('wallet offers refuse what is not the learner, and issue once', () => {
    it('an unknown offer: its offer URI is 404, its code invalid_grant, its exchange 404', async () => {
      const { h } = await setup();
      const unknown = 'Q1w2E3r4T5y6U7i8O9p1A2';
      expect((await h.fetch(`/oid4vci/default/offers/${unknown}`)).status).toBe(404);
      const token = await tokenRequest(h, unknown, '123456');
      expect(token.status).toBe(400);
      expect(token.body.error).toBe('invalid_grant');
      expect((await h.fetch(`/exchanges/${unknown}`, { method: 'POST' })).status).toBe(404);
    });

    it('5 wrong PINs void the offer: each says how many tries are left, then even the right PIN is refused', async () => {
      const { h, deliveries } = await setup();
      const { credentialId, offer } = await makeOffer(h);
      for (let i = 1; i <= 5; i++) {
        const res = await tokenRequest(h, offer.offerId, wrongPin(offer.txCode));
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('invalid_grant');
        expect(res.body.error_description).toMatch(i < 5 ? new RegExp(`${5 - i} tr(y|ies) left`) : /void/);
      }
      const right = await tokenRequest(h, offer.offerId, offer.txCode);
      expect(right.status).toBe(400);
      expect(right.body.error_description).toMatch(/void/);
      // The VC-API path of the same offer is closed too.
      expect((await h.fetch(`/exchanges/${offer.offerId}`, { method: 'POST' })).status).toBe(400);
      expect(await deliveries(credentialId)).toBe(0);
    });

    it('PINs sent all at once are still 5 tries: of 12 wrong ones sent together, 5 are compared and the rest find the offer void', async () => {
      const { h } = await setup();
      const { offer } = await makeOffer(h);
      const results = await Promise.all(Array.from({ length: 12 }, () => tokenRequest(h, offer.offerId, wrongPin(offer.txCode))));
      expect(results.every((r) => r.status === 400 && r.body.error === 'invalid_grant')).toBe(true);
      expect(results.filter((r) => /^wrong tx_code/.test(r.body.error_description as string))).toHaveLength(5);
      expect(results.filter((r) => /^this offer is void/.test(r.body.error_description as string))).toHaveLength(7);
      expect((await tokenRequest(h, offer.offerId, offer.txCode)).body.error_description).toMatch(/void/);
    });

    it('no tx_code is invalid_request; a wrong grant type unsupported_grant_type', async () => {
      const { h } = await setup();
      const { offer } = await makeOffer(h);
      const missing = await tokenRequest(h, offer.offerId);
      expect(missing.status).toBe(400);
      expect(missing.body.error).toBe('invalid_request');
      const res = await h.fetch('/oid4vci/default/token', {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).error).toBe('unsupported_grant_type');
    });

    it('a used pre-authorized code is refused; a withdrawn offer is refused', async () => {
      const { h } = await setup();
      const { offer } = await redeemed(h);
      const again = await tokenRequest(h, offer.offerId, offer.txCode);
      expect(again.status).toBe(400);
      expect(again.body.error_description).toMatch(/already used/);
      const other = await makeOffer(h);
      const revoke = await h.fetch(`/api/v1/credentials/${other.credentialId}/wallet-offer`, {
        method: 'DELETE', headers: { Authorization: `Bearer ${h.adminToken}` },
      });
      expect(((await revoke.json()) as Json).revoked).toBe(1);
      const withdrawn = await tokenRequest(h, other.offer.offerId, other.offer.txCode);
      expect(withdrawn.body.error_description).toMatch(/withdrawn/);
      expect((await h.fetch(`/oid4vci/default/offers/${other.offer.offerId}`)).status).toBe(404);
    });

    it('malformed, mis-addressed, stale, nonce-less, unknown-nonce and wrongly typed proofs are invalid_proof / invalid_nonce; nothing is delivered', async () => {
      const { h, deliveries } = await setup();
      const { credentialId, accessToken } = await redeemed(h);
      const holder = await holderKey();
      const now = Math.floor(h.now().getTime() / 1000);
      const cases: Array<[string, () => Promise<string>, string]> = [
        ['not a JWT', async () => 'not.a.jwt', 'invalid_proof'],
        ['wrong audience', async () => proof(h, holder, { nonce: await nonce(h), aud: 'https://evil.example/oid4vci/default' }), 'invalid_proof'],
        ['iat an hour ago', async () => proof(h, holder, { nonce: await nonce(h), iat: now - 3600 }), 'invalid_proof'],
        ['no nonce', async () => proof(h, holder), 'invalid_nonce'],
        ['a nonce never issued', async () => proof(h, holder, { nonce: 'n_made-up-nonce' }), 'invalid_nonce'],
        ['typ JWT', async () => proof(h, holder, { nonce: await nonce(h), typ: 'JWT' }), 'invalid_proof'],
        ['signed by another key than its kid', async () => {
          const other = await holderKey();
          return proof(h, other, { nonce: await nonce(h), header: { kid: holder.didUrl } });
        }, 'invalid_proof'],
        ['a did:web holder', async () => proof(h, holder, { nonce: await nonce(h), header: { kid: 'did:web:evil.example#key-1' } }), 'invalid_proof'],
      ];
      for (const [name, make, code] of cases) {
        const res = await credentialRequest(h, accessToken, byConfiguration(await make()));
        expect(res.status, name).toBe(400);
        expect(res.body.error, `${name}: ${JSON.stringify(res.body)}`).toBe(code);
      }
      expect(await deliveries(credentialId)).toBe(0);
    });

    it('an unsupported key type (a P-384 jwk) is refused as invalid_proof', async () => {
      const { h } = await setup();
      const { accessToken } = await redeemed(h);
      const { exportJWK, generateKeyPair, SignJWT } = await import('jose');
      const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
      const jwk = await exportJWK(publicKey);
      const jwt = await new SignJWT({ aud: ISSUER(h), iat: Math.floor(h.now().getTime() / 1000), nonce: await nonce(h) })
        .setProtectedHeader({ alg: 'ES384', typ: 'openid4vci-proof+jwt', jwk }).sign(privateKey);
      const res = await credentialRequest(h, accessToken, byConfiguration(jwt));
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_proof');
      expect(res.body.error_description).toMatch(/Ed25519 or P-256/);
    });

    it('a replayed proof (its nonce used once already) is invalid_nonce', async () => {
      const { h } = await setup();
      const first = await redeemed(h);
      const holder = await holderKey();
      const jwt = await proof(h, holder, { nonce: await nonce(h) });
      expect((await credentialRequest(h, first.accessToken, byConfiguration(jwt))).status).toBe(200);
      const second = await redeemed(h);
      const replay = await credentialRequest(h, second.accessToken, byConfiguration(jwt));
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_nonce');
    });

    it('unsupported formats and configurations are refused by name; no token is 401 invalid_token', async () => {
      const { h } = await setup();
      const { accessToken } = await redeemed(h);
      const holder = await holderKey();
      const mdoc = await credentialRequest(h, accessToken, { format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL', proof: { proof_type: 'jwt', jwt: await proof(h, holder, { nonce: await nonce(h) }) } });
      expect(mdoc.status).toBe(400);
      expect(mdoc.body.error).toBe('unsupported_credential_format');
      const unknown = await credentialRequest(h, accessToken, byConfiguration(await proof(h, holder, { nonce: await nonce(h) }), 'PassportCredential'));
      expect(unknown.status).toBe(400);
      expect(['unknown_credential_configuration', 'invalid_credential_request']).toContain(unknown.body.error);
      const noToken = await h.fetch('/oid4vci/default/credential', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(noToken.status).toBe(401);
      expect(noToken.headers.get('www-authenticate')).toMatch(/invalid_token/);
    });

    it('a used offer: the same access token asks again and is refused (invalid_token)', async () => {
      const { h, deliveries } = await setup();
      const { credentialId, accessToken } = await redeemed(h);
      const holder = await holderKey();
      expect((await credentialRequest(h, accessToken, byConfiguration(await proof(h, holder, { nonce: await nonce(h) })))).status).toBe(200);
      const again = await credentialRequest(h, accessToken, byConfiguration(await proof(h, holder, { nonce: await nonce(h) })));
      expect(again.status).toBe(401);
      expect(again.body.error).toBe('invalid_token');
      expect(await deliveries(credentialId)).toBe(1);
    });

    it('an offer redeemed twice at once issues once: two token requests give one token, two credential requests one credential', async () => {
      const { h, deliveries } = await setup();
      const { credentialId, offer } = await makeOffer(h);
      const tokens = await Promise.all([tokenRequest(h, offer.offerId, offer.txCode), tokenRequest(h, offer.offerId, offer.txCode)]);
      expect(tokens.map((t) => t.status).sort()).toEqual([200, 400]);
      const accessToken = tokens.find((t) => t.status === 200)!.body.access_token as string;
      const holder = await holderKey();
      const [a, b] = [await proof(h, holder, { nonce: await nonce(h) }), await proof(h, holder, { nonce: await nonce(h) })];
      const results = await Promise.all([credentialRequest(h, accessToken, byConfiguration(a)), credentialRequest(h, accessToken, byConfiguration(b))]);
      // The one that lost finds the offer delivered: at the compare-and-set (400) or already at its token (401).
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 400 || r.status === 401)).toBe(true);
      expect(await deliveries(credentialId)).toBe(1);
    });

    it('the offer API: an unknown credential is 404; an unknown field is 400; a revoked credential is 409', async () => {
      const { h } = await setup();
      const { credentialId } = await makeOffer(h);
      const bad = await adminPost(h, `/api/v1/credentials/${credentialId}/wallet-offer`, { expiresInDays: 30, pin: '000000' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Json).error.code).toBe('unknown_field');
      expect((await adminPost(h, `/api/v1/credentials/${credentialId}/revoke`, { reason: 'test' })).status).toBe(200);
      const revoked = await adminPost(h, `/api/v1/credentials/${credentialId}/wallet-offer`, {});
      expect(revoked.status).toBe(409);
      expect((await adminPost(h, '/api/v1/credentials/NoSuchCredential1234567/wallet-offer', {})).status).toBe(404);
    });
  });
}
