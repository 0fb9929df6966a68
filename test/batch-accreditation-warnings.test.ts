import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/runtime/node/cli.js';
import { problemText } from '../src/web/problem-text.js';
import { ADMIN_TOKEN, makeTestApp, type TestContext } from './helpers.js';
import { createTemplate, electricalTemplate, postBatch } from './cohort-helpers.js';
import { csrfIn, signIn } from './pages-helpers.js';
import type { Json } from './tenants.js';

/*
 * A dry run warns, row by row, about a completion date the accreditation rule would fail:
 * such a row can be issued, but its certificate would verify as ISSUER NOT ACCREDITED.
 * The test institute is accredited from 2026-01-01; "now" is 2026-03-01.
 */

const CSV = 'Student ID,Learner Name,Template Code,Completion Date\r\nS001,Sok Dara,ELC-L2,15/12/2025\r\nS002,Chan Sophea,ELC-L2,15/02/2026\r\n';

async function withTemplate(): Promise<TestContext> {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  return ctx;
}

describe('the batch dry run warns about completion dates the institute was not accredited on', () => {
  it('lists a warning for the row completed before the accreditation began, and none for the other; both rows are ready', async () => {
    const ctx = await withTemplate();
    const { status, body } = await postBatch(ctx, CSV, '?dryRun=true');
    expect(status).toBe(200);
    expect(body.problems).toEqual([]);
    expect(body.summary).toMatchObject({ valid: 2, toIssue: 2 });
    expect(body.warnings).toEqual([{
      row: 2, column: 'Completion Date',
      message: expect.stringMatching(/^Preah Kossomak Polytechnic Institute was not accredited on 2025-12-15 \(accredited from 2026-01-01\): .*ISSUER NOT ACCREDITED/),
    }]);
  });

  it('keeps the warnings with the batch it issues, and the certificate reads as warned', async () => {
    const ctx = await withTemplate();
    const { status, body } = await postBatch(ctx, CSV);
    expect(status).toBe(201);
    expect(body.validation.warnings).toHaveLength(1);
    const row = (body.rows as Json[]).find((r) => r.row === 2)!;
    const res = await ctx.app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: row.verifyUrl }) });
    const report = (await res.json()) as Json;
    expect(report.checks.find((c: Json) => c.id === 'accreditation').status).toBe('failed');
  });

  it('has no warning for a row issued before (it is not issued again)', async () => {
    const ctx = await withTemplate();
    await postBatch(ctx, CSV);
    const { body } = await postBatch(ctx, CSV, '?dryRun=true');
    expect(body.summary.alreadyIssued).toBe(2);
    expect(body.warnings).toEqual([]);
  });

  it('the console\'s check page shows the warning, in Khmer too', async () => {
    const ctx = await withTemplate();
    const { body } = await postBatch(ctx, CSV, '?dryRun=true');
    const km = problemText('km', body.warnings[0].message);
    expect(km).toMatch(/^Preah Kossomak Polytechnic Institute មិនត្រូវបានក្រសួងទទួលស្គាល់នៅថ្ងៃ 2025-12-15/);
    expect(km).toContain('ពី 2026-01-01');

    for (const lang of ['en', 'km']) {
      const browser = await signIn(ctx, ADMIN_TOKEN, { 'Accept-Language': lang });
      const page = await (await browser.get('/console/batches')).text();
      const form = new FormData();
      form.set('_csrf', csrfIn(page));
      form.set('file', new Blob([CSV], { type: 'text/csv' }), 'class.csv');
      const res = await browser.request('/console/batches/check', { method: 'POST', body: form });
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('id="warnings"');
      expect(html).toMatch(/<tr data-row="2"><td>(2|២)<\/td><td>Completion Date<\/td>/);
      expect(html).toContain(lang === 'km' ? 'មិនត្រូវបានក្រសួងទទួលស្គាល់នៅថ្ងៃ 2025-12-15' : 'was not accredited on 2025-12-15');
    }
  });
});

describe('skillcert issue --csv --dry-run', () => {
  it('prints the warning by row, and still exits 0 (nothing is wrong with the file itself)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillcert-cli-warn-'));
    try {
      const env = { DATABASE_PATH: join(dir, 'db.sqlite'), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: 'cli-test-admin-token-0123456789abcdef' };
      const lines: string[] = [];
      const run = (args: string[], extra: Record<string, string> = {}) => main(args, { ...env, ...extra }, (l) => lines.push(l));
      writeFileSync(join(dir, 'template.json'), JSON.stringify(electricalTemplate()));
      expect(await run(['templates', 'create', join(dir, 'template.json')])).toBe(0);
      const file = join(dir, 'class.csv');
      writeFileSync(file, 'Student ID,Learner Name,Template Code,Completion Date\nS1,Sok Dara,ELC-L2,2020-01-15\n');
      lines.length = 0;
      expect(await run(['issue', '--csv', file, '--dry-run'])).toBe(0);
      expect(lines.join('\n')).toMatch(/ {2}row 2 \(Completion Date\): warning: .* was not accredited on 2020-01-15 .*INSTITUTE_ACCREDITED_FROM/);
      lines.length = 0;
      expect(await run(['issue', '--csv', file, '--dry-run'], { INSTITUTE_ACCREDITED_FROM: '2019-09-01' })).toBe(0);
      expect(lines.join('\n')).not.toContain('warning:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
