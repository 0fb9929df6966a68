import { describe, expect, it } from 'vitest';
import { PROVINCES, provinceOf } from '../src/insight/provinces.js';
import { makeTestApp, sampleRequest } from './helpers.js';
import { call, createInstitute, createKey } from './tenants.js';

describe("institutes' province and sector", () => {
  it("the fixed list holds Cambodia's 25 provinces, each with its ISO 3166-2:KH code and English and Khmer names", () => {
    expect(PROVINCES).toHaveLength(25);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(25);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(25);
    expect(new Set(PROVINCES.map((p) => p.nameKm)).size).toBe(25);
    expect(PROVINCES.map((p) => Number(p.code.slice(3))).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const p of PROVINCES) expect(p.nameKm).toMatch(/^[\u1780-\u17FF]+$/);
    expect(provinceOf('KH-12')?.name).toBe('Phnom Penh');
    expect(provinceOf('siem reap')?.code).toBe('KH-17');
    expect(provinceOf('Sihanoukville')?.code).toBe('KH-18');
    expect(provinceOf('កណ្តាល')?.code).toBe('KH-8'); // written with subscript ត as often as with ដ
    expect(provinceOf('Narnia')).toBeUndefined();
  });

  it('are validated on create and update, kept, and shown with the province names', async () => {
    const ctx = await makeTestApp();
    const created = await createInstitute(ctx, 'ntti', { province: 'Phnom Penh', sector: 'public' });
    expect(created.province).toEqual({ code: 'KH-12', name: 'Phnom Penh', nameKm: 'ភ្នំពេញ' });
    expect(created.sector).toBe('public');
    const bad = await call(ctx, 'POST', '/api/v1/institutes', { body: { slug: 'x1', name: 'X', province: 'Narnia' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.message).toMatch(/^province: must be one of Cambodia's 25 provinces/);
    expect((await call(ctx, 'POST', '/api/v1/institutes', { body: { slug: 'x2', name: 'X', sector: 'military' } })).status).toBe(400);
    expect((await call(ctx, 'GET', '/api/v1/institutes/x1')).status).toBe(404);

    const moved = await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { province: 'បាត់ដំបង', sector: 'ngo' } });
    expect(moved.status).toBe(200);
    expect(moved.body.province.code).toBe('KH-2');
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti')).body).toMatchObject({ province: { code: 'KH-2' }, sector: 'ngo' });
    expect((await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { province: 'KH-99' } })).status).toBe(400);
    const cleared = await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { province: null } });
    expect(cleared.body).toMatchObject({ province: null, sector: 'ngo' });
  });
});

describe('the insight API refuses what it cannot answer with a clear 400', () => {
  it.each([
    ['/api/v1/insight/issuance?groupBy=colour', /"colour" cannot group issuance/],
    ['/api/v1/insight/issuance?groupBy=month,verdict', /"verdict" cannot group issuance/],
    ['/api/v1/insight/verification?from=2026-03-01&to=2026-02-01', /from: must not be after "to"/],
    ['/api/v1/insight/verification?from=2026-02-30', /from: is not a calendar date/],
    ['/api/v1/insight/verification?from=1/2/2026', /from: must be a date, YYYY-MM-DD/],
    ['/api/v1/insight/verification?from=2016-01-01&to=2026-01-01', /the period must be at most/],
    ['/api/v1/insight/verification?format=xlsx', /format/],
  ])('%s', async (path, message) => {
    const ctx = await makeTestApp();
    const res = await call(ctx, 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toMatch(message);
  });

  it('an unknown parameter is unknown_field; no token is 401', async () => {
    const ctx = await makeTestApp();
    const res = await call(ctx, 'GET', '/api/v1/insight/issuance?grupBy=month');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown_field');
    expect((await call(ctx, 'GET', '/api/v1/insight/issuance', { token: null })).status).toBe(401);
  });
});

describe('insight as CSV for Excel', () => {
  it('UTF-8 with a BOM, CRLF, Khmer intact, and a cell Excel would run as a formula written as text', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'evil', { name: '=HYPERLINK("http://attacker.example","click")', nameKm: 'វិទ្យាស្ថាន', province: 'Kep' });
    const key = await createKey(ctx, 'evil', ['issue']);
    const request = { ...sampleRequest(), achievement: { ...sampleRequest().achievement, name: '+SUM(A1:A9)', nameKm: 'ការដំឡើងអគ្គិសនី' } };
    expect((await call(ctx, 'POST', '/api/v1/credentials', { token: key.key, body: request })).status).toBe(201);
    for (const path of ['/api/v1/insight/issuance.csv?groupBy=institute,province,programme,level', '/api/v1/insight/issuance?groupBy=institute,province,programme,level&format=csv']) {
      const res = await ctx.app.request(path, { headers: { Authorization: `Bearer ${key.key}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="insight-issuance-evil-start-now.csv"');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes); // the decoder drops the BOM
      expect(text.split('\r\n')).toEqual([
        'institute,institute name,institute name (Khmer),province,province name,province name (Khmer),programme,programme (Khmer),level,issued,revoked,suspended',
        `evil,"'=HYPERLINK(""http://attacker.example"",""click"")",វិទ្យាស្ថាន,KH-23,Kep,កែប,"'+SUM(A1:A9)",ការដំឡើងអគ្គិសនី,CQF Level 2,1,0,0`,
        '',
      ]);
    }
  });
});
