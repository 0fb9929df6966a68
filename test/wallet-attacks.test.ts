import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authJson, ADMIN_TOKEN, makeTestApp, sampleRequest } from './helpers.js';
import { walletAttackCases } from './wallet-attack-cases.js';
import { makeOffer, tokenRequest, type WalletHttp } from './wallet-attacks.js';
import '../src/wallet/oid4vc-lib.js';

/* The attack cases on SQLite, in process (the Workers suite runs the same on D1); and the ones that move the clock. */

async function setup(publicUrl = 'https://certs.example.gov.kh') {
  const ctx = await makeTestApp({ publicUrl, clock: new Date(Math.floor(Date.now() / 1000) * 1000) });
  const h: WalletHttp = {
    publicUrl, adminToken: ADMIN_TOKEN, issueRequest: sampleRequest, now: () => ctx.clock.now,
    fetch: async (path, init) => ctx.app.request(path, init),
  };
  return { ctx, h, deliveries: async (id: string) => (await ctx.store.credentialDeliveries(id)).length };
}

walletAttackCases(setup);

describe('wallet offers expire', () => {
  it('an offer expires after 30 days by default (or the days asked): then its code is invalid_grant and its URI 404', async () => {
    const { ctx, h } = await setup();
    const { offer } = await makeOffer(h);
    expect(Date.parse(offer.expiresAt) - ctx.clock.now.getTime()).toBe(30 * 86_400_000);
    const short = await makeOffer(h, { expiresInDays: 2 });
    expect(Date.parse(short.offer.expiresAt) - ctx.clock.now.getTime()).toBe(2 * 86_400_000);
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 30 * 86_400_000 + 1000);
    const res = await tokenRequest(h, offer.offerId, offer.txCode);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
    expect((await h.fetch(`/oid4vci/default/offers/${offer.offerId}`)).status).toBe(404);
  });

  it('the default is configurable (walletOfferDays)', async () => {
    const ctx = await makeTestApp({ deps: { walletOfferDays: 7 } });
    const issued = await ctx.app.request('/api/v1/credentials', authJson(sampleRequest()));
    const { id } = (await issued.json()) as { id: string };
    const res = await ctx.app.request(`/api/v1/credentials/${id}/wallet-offer`, authJson({}));
    expect(Date.parse(((await res.json()) as { expiresAt: string }).expiresAt) - ctx.clock.now.getTime()).toBe(7 * 86_400_000);
  });
});

describe('the protocol library leaves our own 400s as they were', () => {
  it('zod messages keep zod\'s own words after the library is loaded (it installs a global error map on import)', async () => {
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
    const { ctx } = await setup();
    const res = await ctx.app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validUntil: 5 }));
    const body = (await res.json()) as { error: { message: string } };
    expect(res.status).toBe(400);
    expect(body.error.message).toBe('validUntil: Invalid input: expected string, received number');
  });
});
