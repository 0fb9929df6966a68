import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createTemplate, postBatch } from './cohort-helpers.js';
import { ADMIN_TOKEN, authJson, makeTestApp } from './helpers.js';
import { signIn, csrfIn } from './pages-helpers.js';
import { tokenRequest, type WalletHttp } from './wallet-attacks.js';

/*
 * Offers for a whole cohort: the results sheet gains each learner's offer with its PIN printed
 * beside it, and the QR zip the offers' QR codes; a revoked learner gets none. Each PIN opens
 * its own learner's offer only.
 */

const CSV = 'Student ID,Learner Name,Khmer Name,Template Code,Completion Date\r\nS001,Sok Dara,សុខ ដារ៉ា,ELC-L2,15/02/2026\r\nS002,Chan Sophea,ចាន់ សុភា,ELC-L2,15/02/2026\r\nS003,Keo Mony,កែវ មុន្នី,ELC-L2,15/02/2026\r\n';

async function cohort() {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  const batch = await postBatch(ctx, CSV);
  expect(batch.status, JSON.stringify(batch.body)).toBeLessThan(300);
  const id = batch.body.id as string;
  const rows = ((await (await ctx.app.request(`/api/v1/batches/${id}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { rows: Array<{ credentialId: string }> }).rows;
  const h: WalletHttp = { publicUrl: ctx.deps.publicUrl, adminToken: ADMIN_TOKEN, issueRequest: () => ({}), now: () => ctx.clock.now, fetch: async (p, i) => ctx.app.request(p, i) };
  return { ctx, id, rows, h };
}

describe('wallet offers for a cohort', () => {
  it('the API makes one offer per learner (a revoked one gets none, with the reason); each PIN opens its own offer only', async () => {
    const { ctx, id, rows, h } = await cohort();
    expect((await ctx.app.request(`/api/v1/credentials/${rows[2]!.credentialId}/revoke`, authJson({ reason: 'test' }))).status).toBe(200);
    const res = await ctx.app.request(`/api/v1/batches/${id}/wallet-offers`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { offers: Array<{ studentId: string; offerId: string; txCode: string }>; refused: Array<{ studentId: string; reason: string }> };
    expect(body.offers.map((o) => o.studentId)).toEqual(['S001', 'S002']);
    expect(body.refused).toEqual([expect.objectContaining({ studentId: 'S003', reason: expect.stringMatching(/revoked/) })]);
    const [a, b] = body.offers as [typeof body.offers[0], typeof body.offers[0]];
    if (a.txCode !== b.txCode) expect((await tokenRequest(h, a.offerId, b.txCode)).body.error).toBe('invalid_grant');
    expect((await tokenRequest(h, a.offerId, a.txCode)).status).toBe(200);
  });

  it('the console\'s ZIP: the results sheet with each offer and its PIN beside it, and the offer QR codes by student id', async () => {
    const { ctx, id, h } = await cohort();
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const page = await (await browser.get(`/console/batches/${id}`)).text();
    expect(page).toContain(`/console/batches/${id}/wallet-offers`);
    const res = await browser.post(`/console/batches/${id}/wallet-offers`, { _csrf: csrfIn(page) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['results-with-wallet-offers.csv', 'wallet/svg/S001.svg', 'wallet/png/S003.png', 'svg/S002.svg']));
    const sheet = Papa.parse<Record<string, string>>(strFromU8(files['results-with-wallet-offers.csv']!).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(sheet.map((r) => r['student id'])).toEqual(['S001', 'S002', 'S003']);
    for (const row of sheet) {
      expect(row['wallet offer']).toMatch(new RegExp(`^${ctx.deps.publicUrl}/interactions/`));
      expect(row['wallet PIN']).toMatch(/^\d{6}$/);
      const offerId = row['wallet offer']!.split('/').pop()!;
      expect((await tokenRequest(h, offerId, row['wallet PIN'])).status).toBe(200);
    }
  });
});
