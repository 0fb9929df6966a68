import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createTemplate } from './cohort-helpers.js';
import { ADMIN_TOKEN, makeTestApp, type TestContext } from './helpers.js';
import { check, issueChecked, unescapeHtml, untilDone } from './cohort-pages-helpers.js';
import { csrfIn, signIn, type Browser } from './pages-helpers.js';
import { createInstitute, createKey } from './tenants.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/batches/${name}`, import.meta.url), 'utf8');
const COHORT = fixture('cohort-semicolon.csv');
const PROBLEMS = fixture('problems.csv');

async function credentialCount(ctx: TestContext): Promise<number> {
  return (await ctx.store.listCredentials({ instituteId: null, limit: 1, offset: 0 })).total;
}

async function ready(): Promise<{ ctx: TestContext; browser: Browser }> {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  return { ctx, browser: await signIn(ctx, ADMIN_TOKEN) };
}

describe('console: issuing a cohort from a spreadsheet', () => {
  it('checking a file lists every problem by row and column, signs nothing, and offers the ready rows only', async () => {
    const { ctx, browser } = await ready();
    const { status, html } = await check(browser, PROBLEMS);
    expect(status, 'a check that finds problems succeeded, as the API dry run').toBe(200);
    const problemRows = [...html.matchAll(/<tr data-row="(\d+)"><td[^>]*>\d+<\/td><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], unescapeHtml(m[3]!)]);
    expect(problemRows).toEqual(expect.arrayContaining([
      [3, 'completion date', expect.stringMatching(/date/i)],
      [4, 'template', 'no template with code "NOPE-1"'],
      [5, 'name', 'is required'],
      [7, 'student_id', expect.stringContaining('repeats row 2')],
      [8, 'student_id', 'a student id or an email is required'],
      [9, 'email', expect.stringMatching(/email/i)],
    ]));
    expect(html).toContain('7 rows: 1 ready to issue, 6 with problems.');
    expect(html).toContain('Issue only the 1 ready row<');
    expect(html).not.toContain('>Issue 1 certificate<');
    expect(await credentialCount(ctx)).toBe(0);
    expect(await ctx.store.recentBatches(null, 10)).toEqual([]);
  });

  it('issues a checked file as a batch, shows its progress and outcome, and offers the results sheet and QR codes', async () => {
    const { ctx, browser } = await ready();
    const checked = await check(browser, COHORT);
    expect(checked.status).toBe(200);
    expect(checked.html).toContain('3 rows: 3 ready to issue, 0 with problems.');
    expect(checked.html).toMatch(/<td[^>]*>S001<\/td><td[^>]*>Sok Dara<\/td>/);
    const res = await issueChecked(browser, checked.html);
    expect(res.status).toBe(303);
    const where = res.headers.get('location')!;
    const id = /^\/console\/batches\/([A-Za-z0-9]+)$/.exec(where)![1]!;
    await untilDone(ctx, id);
    expect(await credentialCount(ctx)).toBe(3);

    const page = await (await browser.get(where)).text();
    expect(page).toContain('Finished');
    expect(page).toMatch(/<progress id="batch-progress" max="3" value="3"/);
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page.match(/class="pill r-issued"/g)).toHaveLength(4); // three rows and the counts line
    const rows = await ctx.store.batchRows(id);
    expect(page).toContain(`/console/credentials/${rows[0]!.credentialId}`);

    const results = await browser.get(`${where}/results.csv`);
    expect(results.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await results.arrayBuffer());
    expect([...bytes.subarray(0, 3)], 'a BOM, for Excel').toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.startsWith('row,student id,name')).toBe(true);
    expect(csv).toContain(`S001,Sok Dara,សុខ ដារ៉ា,${rows[0]!.credentialId}`);
    const zip = unzipSync(new Uint8Array(await (await browser.get(`${where}/qr.zip`)).arrayBuffer()));
    expect(Object.keys(zip).filter((n) => n.startsWith('svg/')).sort()).toEqual(['svg/0002.svg', 'svg/S001.svg', 'svg/S003.svg']);

    // The cohort page lists it; the ministry's list names the institute of each.
    const list = await (await browser.get('/console/batches')).text();
    expect(list).toContain(`href="/console/batches/${id}"`);
    expect(list).toMatch(new RegExp(`${id}</span></td><td[^>]*>${ctx.institute.name}</td><td[^>]*>3</td>`));
  });

  it('a batch still issuing shows a page that refreshes itself, and the rows waiting', async () => {
    const { ctx, browser } = await ready();
    const checked = await check(browser, COHORT);
    // Hold the background run before it stores its first credential.
    const save = ctx.store.saveIssuedCredential.bind(ctx.store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    ctx.store.saveIssuedCredential = async (...args) => {
      await gate;
      return save(...args);
    };
    const res = await issueChecked(browser, checked.html);
    const where = res.headers.get('location')!;
    const page = await (await browser.get(where)).text();
    expect(page).toContain('<meta http-equiv="refresh" content="2"/>');
    expect(page).toContain('Issuing…');
    expect(page).toContain('0 of 3 rows done');
    expect(page.match(/class="pill r-pending"/g)!.length).toBeGreaterThanOrEqual(3);
    release();
    await untilDone(ctx, where.split('/').pop()!);
  });

  it('pressing issue twice (a double click, a reload) issues the cohort once', async () => {
    const { ctx, browser } = await ready();
    const checked = await check(browser, COHORT);
    const first = await issueChecked(browser, checked.html);
    const second = await issueChecked(browser, checked.html);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    await untilDone(ctx, first.headers.get('location')!.split('/').pop()!);
    expect(await credentialCount(ctx)).toBe(3);
    expect(await ctx.store.recentBatches(null, 10)).toHaveLength(1);
  });

  it('issues the ready rows only when asked, and reports the others as not issued', async () => {
    const { ctx, browser } = await ready();
    const checked = await check(browser, PROBLEMS);
    const res = await issueChecked(browser, checked.html);
    expect(res.status).toBe(303);
    await untilDone(ctx, res.headers.get('location')!.split('/').pop()!);
    expect(await credentialCount(ctx)).toBe(1);
  });

  it('a learner name with markup in the file is shown as text on every cohort page', async () => {
    const { ctx, browser } = await ready();
    const csv = 'student id,name,template,completion date\r\nX1,<img src=x onerror=alert(1)>,ELC-L2,2026-02-15\r\n';
    const checked = await check(browser, csv, {}, '<b>list</b>.csv');
    expect(checked.html).not.toContain('<img src=x');
    expect(checked.html).not.toContain('<b>list');
    expect(checked.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const res = await issueChecked(browser, checked.html);
    await untilDone(ctx, res.headers.get('location')!.split('/').pop()!);
    const page = await (await browser.get(res.headers.get('location')!)).text();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses an upload without the session’s CSRF token, without a file, and from a key that may not issue', async () => {
    const { ctx, browser } = await ready();
    expect((await check(browser, COHORT, { _csrf: 'forged-token-value-000000000' })).status).toBe(403);
    const page = await (await browser.get('/console/batches')).text();
    const empty = new FormData();
    empty.set('_csrf', csrfIn(page));
    const noFile = await browser.request('/console/batches/check', { method: 'POST', body: empty });
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Choose a CSV file first.');
    await createInstitute(ctx, 'alpha');
    const revoker = await signIn(ctx, (await createKey(ctx, 'alpha', ['revoke'])).key);
    expect((await revoker.get('/console/batches')).status).toBe(403);
    expect(await credentialCount(ctx)).toBe(0);
  });

  it('another institute’s batch, its results and its QR codes are a 404', async () => {
    const { ctx, browser } = await ready();
    const res = await issueChecked(browser, (await check(browser, COHORT)).html);
    const where = res.headers.get('location')!;
    await untilDone(ctx, where.split('/').pop()!);
    await createInstitute(ctx, 'alpha');
    const other = await signIn(ctx, (await createKey(ctx, 'alpha', ['issue'])).key);
    for (const path of [where, `${where}/results.csv`, `${where}/qr.zip`]) expect((await other.get(path)).status).toBe(404);
    expect(await (await other.get('/console/batches')).text()).not.toContain(where);
  });

  it('the cohort pages speak Khmer, with Khmer digits', async () => {
    const { browser } = await ready();
    await browser.get('/lang/km?next=/console/batches');
    const upload = await (await browser.get('/console/batches')).text();
    expect(upload).toContain('ចេញវិញ្ញាបនបត្រសម្រាប់ក្រុមសិក្ខាកាម');
    const checked = await check(browser, COHORT);
    expect(checked.html).toContain('សរុប ៣ ជួរ៖ ៣ ជួររួចរាល់សម្រាប់ចេញ និង ០ ជួរមានបញ្ហា។');
    expect(checked.html).toContain('ចេញវិញ្ញាបនបត្រចំនួន ៣');
    // The file's problems in Khmer too (the column names are the file's own headers).
    const problems = (await check(browser, PROBLEMS)).html;
    for (const text of ['គ្មានគំរូដែលមានកូដ «NOPE-1» ទេ', 'ត្រូវតែបំពេញ', 'ស្ទួននឹងជួរ ២', 'ត្រូវការអត្តលេខសិក្ខាកាម ឬអ៊ីមែល', 'ត្រូវតែជាអាសយដ្ឋានអ៊ីមែល', '«2026-02-30» មិនមែនជាកាលបរិច្ឆេទត្រឹមត្រូវទេ']) {
      expect(unescapeHtml(problems)).toContain(text);
    }
  });
});

describe('console: a class list that is not UTF-8', () => {
  it('is refused with the way to save it, and signs nothing', async () => {
    const { ctx, browser } = await ready();
    const page = await (await browser.get('/console/batches')).text();
    const form = new FormData();
    form.set('_csrf', csrfIn(page));
    form.set('file', new Blob([Buffer.from('Student ID,Learner Name,Template Code,Completion Date\r\nS1,Jos\xe9e,ELC-L2,2026-02-15\r\n', 'latin1')], { type: 'text/csv' }), 'list.csv');
    const res = await browser.request('/console/batches/check', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('CSV UTF-8');
    expect(await credentialCount(ctx)).toBe(0);
  });
});
