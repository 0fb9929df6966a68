import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { resumeBatches } from '../src/batch/run.js';
import { ADMIN_TOKEN, makeTestApp, type TestContext } from './helpers.js';
import { createTemplate, electricalTemplate, postBatch } from './cohort-helpers.js';
import { call, createInstitute, createKey, type Json } from './tenants.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/batches/${name}`, import.meta.url), 'utf8');
const COHORT = fixture('cohort-semicolon.csv');
const PROBLEMS = fixture('problems.csv');

async function credentialCount(ctx: TestContext): Promise<number> {
  return (await ctx.store.listCredentials({ instituteId: null, limit: 1, offset: 0 })).total;
}

async function withTemplate(): Promise<TestContext> {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  return ctx;
}

describe('reading a spreadsheet export', () => {
  it('reads a BOM, semicolons, CRLF, quoted separators, a line break in a cell, a blank row and ="0002"', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, COHORT, '?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.summary).toMatchObject({ rows: 3, valid: 3, invalid: 0, toIssue: 3 });
    expect(res.body.rows.map((r: Json) => [r.row, r.studentId, r.name])).toEqual([
      [2, 'S001', 'Sok Dara'], [3, '0002', 'Chan, Sophea'], [5, 'S003', 'Keo Mony'],
    ]);
  });

  it('maps headers forgivingly (case, spaces, underscores, synonyms) and takes a JSON array too', async () => {
    const ctx = await withTemplate();
    const rows = [{ 'Student_ID': 'J1', 'FULL NAME': 'Sok Dara', 'Khmer Name': 'សុខ ដារ៉ា', Programme: 'ELC-L2', 'Date of completion': '2026-02-15' }];
    const res = await postBatch(ctx, rows, '?dryRun=true');
    expect(res.body.problems).toEqual([]);
    expect(res.body.summary.valid).toBe(1);
  });
});

describe('a dry run validates every row and signs nothing', () => {
  it('reports every problem with its row number and column', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, PROBLEMS, '?dryRun=true');
    expect(res.status).toBe(200);
    const problems = res.body.problems.map((p: Json) => [p.row, p.column]);
    expect(problems).toEqual([
      [3, 'completion date'],
      [4, 'template'],
      [5, 'name'],
      [7, 'student_id'],
      [8, 'student_id'],
      [9, 'email'],
    ]);
    expect(res.body.problems[1].message).toContain('NOPE-1');
    expect(res.body.problems[3].message).toContain('repeats row 2');
    expect(res.body.summary).toMatchObject({ rows: 8 - 1, valid: 1, invalid: 6 });
    expect(await credentialCount(ctx)).toBe(0);
  });

  it('refuses a completion date in the future (a typed year, most often)', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, 'student id,name,template code,completion date\nS1,Sok Dara,ELC-L2,2062-02-15\n', '?dryRun=true');
    expect(res.body.problems).toEqual([{ row: 2, column: 'completion date', message: '2062-02-15 is in the future' }]);
  });

  it('reports missing required columns against the header row', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, fixture('missing-columns.csv'), '?dryRun=true');
    expect(res.body.problems).toEqual([{ row: 1, column: 'template code', message: 'missing column "template code"' }]);
    expect(res.body.summary.valid).toBe(0);
    // ?template= supplies the code for every row instead
    const withDefault = await postBatch(ctx, fixture('missing-columns.csv'), '?dryRun=true&template=ELC-L2');
    expect(withDefault.body.problems).toEqual([]);
  });

  it('refuses a batch with problems (422, nothing issued) unless asked to issue the valid rows only', async () => {
    const ctx = await withTemplate();
    const refused = await postBatch(ctx, PROBLEMS);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('unprocessable');
    expect(refused.body.problems).toHaveLength(6);
    expect(await credentialCount(ctx)).toBe(0);
    const partial = await postBatch(ctx, PROBLEMS, '?validRowsOnly=true');
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.counts).toMatchObject({ total: 1, issued: 1 });
    expect(await credentialCount(ctx)).toBe(1);
  });
});

describe('issuing a batch', () => {
  it('issues one credential per row from the template, Khmer names stored byte for byte', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, COHORT);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ state: 'done', counts: { total: 3, issued: 3, pending: 0, existing: 0, failed: 0 } });
    expect(await credentialCount(ctx)).toBe(3);
    const first = await ctx.store.getCredential(res.body.rows[0].credentialId);
    const subject = (JSON.parse(first!.diJson) as Json).credentialSubject;
    expect(JSON.stringify(subject)).toContain('សុខ ដារ៉ា');
    expect(Buffer.from(JSON.stringify(subject), 'utf8').includes(Buffer.from('សុខ ដារ៉ា', 'utf8'))).toBe(true);
    expect(first).toMatchObject({ validFrom: '2026-02-15T00:00:00Z', validUntil: '2031-02-15T00:00:00Z', achievementName: 'Electrical Installation' });
    // the day-first date in row 3 is 15 February too
    expect((await ctx.store.getCredential(res.body.rows[1].credentialId))!.validFrom).toBe('2026-02-15T00:00:00Z');
    const verified = await call(ctx, 'POST', '/api/v1/verify', { token: null, body: { credential: JSON.parse(first!.diJson) } });
    expect(verified.body.verified, JSON.stringify(verified.body)).toBe(true);
    expect(JSON.parse(first!.diJson).credentialSubject.achievement.name).toBe('Electrical Installation');
  });

  it('the grade column becomes the learner\'s Open Badges Result, shown on the verify page', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, COHORT);
    const subjectOf = async (i: number) => (JSON.parse((await ctx.store.getCredential(res.body.rows[i].credentialId))!.diJson) as Json).credentialSubject;
    expect((await subjectOf(0)).result).toEqual([{ type: ['Result'], value: 'A' }]);
    expect((await subjectOf(1)).result).toEqual([{ type: ['Result'], value: 'B' }]);
    expect((await subjectOf(2)).result).toBeUndefined(); // an empty grade cell adds nothing
    const page = await ctx.app.request(`/v/${res.body.rows[0].credentialId}?lang=en`);
    expect(await page.text()).toMatch(/<dt>Result<\/dt><dd>A<\/dd>/);
  });

  it('re-submitting the same file issues nothing new and reports the existing credentials', async () => {
    const ctx = await withTemplate();
    const first = await postBatch(ctx, COHORT);
    const dry = await postBatch(ctx, COHORT, '?dryRun=true');
    expect(dry.body.summary).toMatchObject({ alreadyIssued: 3, toIssue: 0 });
    const again = await postBatch(ctx, COHORT);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(again.body.counts).toMatchObject({ issued: 0, existing: 3 });
    expect(again.body.rows.map((r: Json) => r.credentialId)).toEqual(first.body.rows.map((r: Json) => r.credentialId));
    expect(await credentialCount(ctx)).toBe(3);
  });

  it('an Idempotency-Key returns the same batch', async () => {
    const ctx = await withTemplate();
    const headers = { 'Idempotency-Key': 'cohort-2026-02' };
    const first = await postBatch(ctx, COHORT, '', { headers });
    const again = await postBatch(ctx, COHORT, '', { headers });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await credentialCount(ctx)).toBe(3);
  });

  it('an Idempotency-Key reused for a different file is refused (422) and issues nothing', async () => {
    const ctx = await withTemplate();
    const headers = { 'Idempotency-Key': 'cohort-2026-02' };
    const first = await postBatch(ctx, COHORT, '', { headers });
    const other = COHORT.replace('Sok Dara', 'Sok Darith');
    const reused = await postBatch(ctx, other, '', { headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(reused.body.error.message).toContain(first.body.id);
    // The same file with other options is another request too.
    const withOption = await postBatch(ctx, COHORT, '?validRowsOnly=true', { headers });
    expect(withOption.body.error.code).toBe('idempotency_key_reused');
    expect(await credentialCount(ctx)).toBe(3);
  });

  it('editing the template later changes no credential already issued', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, COHORT);
    const before = await ctx.store.getCredential(res.body.rows[0].credentialId);
    await call(ctx, 'PUT', '/api/v1/templates/ELC-L2', { body: electricalTemplate({ name: 'Electrical Installation (revised)' }) });
    expect(await ctx.store.getCredential(res.body.rows[0].credentialId)).toEqual(before);
    expect(res.body.rows[0].template).toBe('ELC-L2@1');
  });
});

describe('progress and results', () => {
  it('GET /api/v1/batches/:id gives counts and state; results.csv lists each row with its links', async () => {
    const ctx = await withTemplate();
    const { body } = await postBatch(ctx, COHORT);
    const status = await call(ctx, 'GET', `/api/v1/batches/${body.id}`);
    expect(status.body).toMatchObject({ id: body.id, state: 'done', counts: { issued: 3 } });
    const res = await ctx.app.request(`/api/v1/batches/${body.id}/results.csv`, { headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,student id,name,khmer name,credential id,link,verify url,learner page,status,error,offline qr');
    expect(lines[1]).toMatch(/,yes \(version \d+\)$/);
    expect(lines[1]).toContain(`,http://localhost:8787/c/${body.rows[0].credentialId},issued,`);
    expect(lines[2]).toContain('"Chan, Sophea"');
    expect(lines[1]).toContain(`/v/${body.rows[0].credentialId}`);
    expect(lines).toHaveLength(4);
  });

  it('qr.zip holds an SVG (and a PNG) QR per learner, named by student id, encoding the verify link', async () => {
    const ctx = await withTemplate();
    const { body } = await postBatch(ctx, COHORT);
    const res = await ctx.app.request(`/api/v1/batches/${body.id}/qr.zip`, { headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['png/0002.png', 'png/S001.png', 'png/S003.png', 'svg/0002.svg', 'svg/S001.svg', 'svg/S003.svg']);
    expect(new TextDecoder().decode(files['svg/S001.svg'])).toMatch(/^<svg|^<\?xml/);
    expect([...files['png/S001.png']!.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // The offline QR (issue 16): the verify link with the whole credential in its fragment.
    const png = PNG.sync.read(Buffer.from(files['png/S001.png']!));
    const text = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
    expect(text).toMatch(new RegExp(`^http://localhost:8787/v/${body.rows[0].credentialId}#SC1[0-9]+$`));
  });

  it("another institute's batch is not found", async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    await createInstitute(ctx, 'beta');
    const alphaAdmin = await createKey(ctx, 'alpha', ['admin', 'issue']);
    const betaIssuer = await createKey(ctx, 'beta', ['issue']);
    await createTemplate(ctx, electricalTemplate(), alphaAdmin.key);
    const { body } = await postBatch(ctx, COHORT, '', { token: alphaAdmin.key });
    expect(body.counts?.issued, JSON.stringify(body)).toBe(3);
    expect((await call(ctx, 'GET', `/api/v1/batches/${body.id}`, { token: betaIssuer.key })).status).toBe(404);
    // and beta has no ELC-L2 template, so its rows do not validate
    const dry = await postBatch(ctx, COHORT, '?dryRun=true', { token: betaIssuer.key });
    expect(dry.body.summary.valid).toBe(0);
  });

  it('needs the issue scope', async () => {
    const ctx = await withTemplate();
    await createInstitute(ctx, 'alpha');
    const revoker = await createKey(ctx, 'alpha', ['revoke']);
    expect((await postBatch(ctx, COHORT, '?dryRun=true', { token: revoker.key })).status).toBe(403);
  });
});

describe('resuming a batch', () => {
  it('finishes pending rows on resume, and refuses them when the institute was suspended meanwhile', async () => {
    const ctx = await withTemplate();
    const pendingBatch = (id: string) => ({
      id, instituteId: ctx.institute.id, idempotencyKey: null, requestSha256: null, state: 'issuing' as const, actor: 'token:tok-admin',
      createdAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z', summary: '{}',
    });
    const request = { learner: { name: 'Sok Dara' }, achievement: electricalTemplate({ code: 'ELC-L2', units: undefined, validityMonths: undefined }), validFrom: '2026-02-15T00:00:00Z' };
    const row = (batchId: string, rowNo: number) => ({
      batchId, rowNo, rowKey: `r${rowNo}|ELC-L2|2026-02-15`, studentId: `r${rowNo}`, learnerName: 'Sok Dara', request: JSON.stringify(request),
      templateCode: 'ELC-L2', templateVersion: 1, status: 'pending' as const, credentialId: null, error: null,
    });
    await ctx.store.createBatch(pendingBatch('b-1'), [row('b-1', 2), row('b-1', 3)]);
    const deps = { store: ctx.store, keys: ctx.deps.keys, crypto: ctx.deps.crypto, clock: ctx.deps.clock, publicUrl: ctx.deps.publicUrl };
    expect(await resumeBatches(deps)).toBe(1);
    expect((await ctx.store.batchRows('b-1')).map((r) => r.status)).toEqual(['issued', 'issued']);
    expect(await resumeBatches(deps)).toBe(0);

    await ctx.store.createBatch(pendingBatch('b-2'), [row('b-2', 4)]);
    await ctx.store.updateInstitute({ ...ctx.institute, status: 'suspended' });
    await resumeBatches(deps);
    expect((await ctx.store.batchRows('b-2'))[0]).toMatchObject({ status: 'failed', credentialId: null });
    expect((await ctx.store.batchRows('b-2'))[0]!.error).toContain('suspended');
    expect(await credentialCount(ctx)).toBe(2);
  });
});

describe('a batch issued in chunks (where requests have a CPU budget)', () => {
  it('answers 202 after one chunk, and POST /api/v1/batches/:id/resume issues the rest, each row once', async () => {
    const { makeTestApp: make } = await import('./helpers.js');
    const { createTemplate: template, postBatch: send } = await import('./cohort-helpers.js');
    const ctx = await make({ deps: { batchChunkRows: 2 } });
    await template(ctx);
    const rows = Array.from({ length: 5 }, (_, i) => `K${i + 1},Learner ${i + 1},ELC-L2,2026-02-15`).join('\n');
    const started = await send(ctx, `Student ID,Name,Template Code,Completion Date\n${rows}\n`);
    expect(started.status).toBe(202);
    let batch = started.body as any;
    for (let i = 0; i < 10 && batch.state === 'issuing'; i++) {
      const res = await ctx.app.request(`/api/v1/batches/${batch.id}/resume`, { method: 'POST', headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' } });
      expect(res.status).toBe(200);
      batch = await res.json();
    }
    expect(batch.counts).toMatchObject({ total: 5, issued: 5, pending: 0 });
    expect(new Set(batch.rows.map((r: any) => r.credentialId)).size).toBe(5);
  });
});

describe('listing batches', () => {
  it('lists the institute’s batches newest first with their counts, and refuses a limit out of range', async () => {
    const ctx = await withTemplate();
    const first = await postBatch(ctx, COHORT);
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000);
    const second = await postBatch(ctx, PROBLEMS, '?validRowsOnly=true');
    const listed = await call(ctx, 'GET', '/api/v1/batches');
    expect(listed.status).toBe(200);
    expect(listed.body.batches.map((b: Json) => b.id)).toEqual([second.body.id, first.body.id]);
    expect(listed.body.batches[1]).toMatchObject({ state: 'done', counts: { total: 3, issued: 3 } });
    expect((await call(ctx, 'GET', '/api/v1/batches?limit=1')).body.batches).toHaveLength(1);
    for (const bad of ['0', '101', 'ten', '1.5']) {
      const res = await call(ctx, 'GET', `/api/v1/batches?limit=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
  });
});

describe('refusing a batch that would be signed other than the caller meant', () => {
  it('a dry-run flag with an unknown value, or a misspelled parameter, is a 400 and signs nothing', async () => {
    const ctx = await withTemplate();
    for (const query of ['?dryRun=on', '?dryRun=maybe', '?dry-run=true', '?dryrun=1', '?validRowsOnly=sure', '?async=on']) {
      const res = await postBatch(ctx, COHORT, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    // nothing was left behind to be resumed later
    expect(await ctx.store.unfinishedBatches()).toEqual([]);
    expect(await ctx.store.recentBatches(null, 10)).toEqual([]);
    expect((await postBatch(ctx, COHORT, '?dryRun=false&validRowsOnly=no')).status).toBe(201);
    expect(await credentialCount(ctx)).toBe(3);
  });

  it('a file that is not UTF-8 (Excel\'s plain "CSV") is a 422 saying to save it as CSV UTF-8, and signs nothing', async () => {
    const ctx = await withTemplate();
    const latin1 = Buffer.from('Student ID,Learner Name,Template Code,Completion Date\r\nS1,Jos\xe9e Sok,ELC-L2,2026-02-15\r\n', 'latin1');
    const res = await ctx.app.request('/api/v1/batches', {
      method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' }, body: latin1,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Json;
    expect(body.error.message).toContain('CSV UTF-8');
    expect(await credentialCount(ctx)).toBe(0);
  });

  it('a JSON row whose cell is an object or an array is a row problem, not text', async () => {
    const ctx = await withTemplate();
    const res = await postBatch(ctx, [{ 'student id': 'J1', name: ['Sok', 'Dara'], template: 'ELC-L2', 'completion date': '2026-02-15' }], '?dryRun=true');
    expect(res.body.problems).toContainEqual({ row: 2, column: 'name', message: 'must be text or a number' });
    expect(res.body.summary).toMatchObject({ valid: 0, invalid: 1 });
  });
});

describe('the results sheet opened in Excel', () => {
  it('keeps a name that looks like a formula as text (a leading quote), never a formula', async () => {
    const ctx = await withTemplate();
    const csv = 'student id,name,template,completion date\r\n=1+1,=HYPERLINK("http://evil.example"),ELC-L2,2026-02-15\r\n';
    const { body } = await postBatch(ctx, csv);
    expect(body.counts.issued).toBe(1);
    const res = await ctx.app.request(`/api/v1/batches/${body.id}/results.csv`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    const line = (await res.text()).trim().split('\r\n')[1]!;
    expect(line.startsWith(`2,"'=1+1","'=HYPERLINK(""http://evil.example"")",`), line).toBe(true);
  });
});

describe('polling a batch', () => {
  it('?rows=false gives the state and counts without the rows; an odd value is a 400', async () => {
    const ctx = await withTemplate();
    const { body } = await postBatch(ctx, COHORT);
    const light = await call(ctx, 'GET', `/api/v1/batches/${body.id}?rows=false`);
    expect(light.status).toBe(200);
    expect(light.body).toMatchObject({ id: body.id, state: 'done', counts: { total: 3, issued: 3, pending: 0 } });
    expect(light.body.rows).toBeUndefined();
    expect((await call(ctx, 'GET', `/api/v1/batches/${body.id}`)).body.rows).toHaveLength(3);
    expect((await call(ctx, 'GET', `/api/v1/batches/${body.id}?rows=some`)).status).toBe(400);
  });
});
