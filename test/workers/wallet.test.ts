import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { walletAttackCases } from '../wallet-attack-cases.js';
import { byConfiguration, credentialRequest, holderKey, nonce, proof, redeemed, type WalletHttp } from '../wallet-attacks.js';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

/*
 * Wallet offers on the Worker and D1 (the bundle wrangler deploys, inside workerd): the same
 * attack cases as the Node suite, and a delivery whose status follows the original.
 */

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const h: WalletHttp = {
  publicUrl: WORKER_TEST_PUBLIC_URL,
  adminToken: WORKER_TEST_ADMIN_TOKEN,
  now: () => new Date(),
  fetch: (path, init) => SELF.fetch(`${WORKER_TEST_PUBLIC_URL}${path}`, init),
  issueRequest: () => ({
    learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា', email: 'Dara.Sok@example.com' },
    achievement: {
      name: 'Electrical Installation', description: 'Installs and tests low-voltage wiring in residential buildings.',
      criteria: 'Passed the practical and written assessment of all units.', type: 'Certificate', code: 'ELC-L2',
    },
    validFrom: now(),
  }),
};
const deliveries = async (credentialId: string) =>
  Number((await env.DB.prepare('SELECT COUNT(*) AS n FROM credential_deliveries WHERE credential_id = ?').bind(credentialId).first<{ n: number }>())?.n ?? 0);

beforeAll(async () => {
  await emptyDatabase(env.DB);
});

walletAttackCases(async () => ({ h, deliveries }));

describe('a wallet delivery on the Worker', () => {
  it('is bound to the holder DID, verifies, and is revoked with the original', async () => {
    const { credentialId, accessToken } = await redeemed(h);
    const holder = await holderKey();
    const res = await credentialRequest(h, accessToken, byConfiguration(await proof(h, holder, { nonce: await nonce(h) })));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const credential = res.body.credentials[0].credential as Record<string, any>;
    expect(credential.credentialSubject.id).toBe(holder.did);
    const verify = async () => (await (await h.fetch('/api/v1/verify', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ credential }),
    })).json()) as { verified: boolean };
    expect((await verify()).verified).toBe(true);
    const revoke = await h.fetch(`/api/v1/credentials/${credentialId}/revoke`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` }, body: '{"reason":"test"}',
    });
    expect(revoke.status).toBe(200);
    expect((await verify()).verified).toBe(false);
  });
});
