import { describe, expect, it } from 'vitest';
import { createTemplate } from './cohort-helpers.js';
import { check, issueChecked, untilDone } from './cohort-pages-helpers.js';
import { ADMIN_TOKEN, makeTestApp } from './helpers.js';
import { signIn } from './pages-helpers.js';

/*
 * What the cohort check page offers to issue, and how it counts: never a button that would
 * issue nothing, and English counts in the singular when there is one.
 */

const HEADER = 'Student ID,Learner Name,Khmer Name,Template Code,Completion Date';
const ROW_1 = 'S001,Sok Dara,សុខ ដារ៉ា,ELC-L2,15/02/2026';
const ROW_2 = 'S002,Chan Sophea,ចាន់ សុភា,ELC-L2,15/02/2026';
const BAD_ROW = 'S003,Keo Mony,,NOPE-1,15/02/2026';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

async function world(lang: 'en' | 'km' = 'en') {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  const browser = await signIn(ctx, ADMIN_TOKEN, { 'Accept-Language': lang });
  /** Issues a file through the console, to the end. */
  const issueFile = async (text: string) => {
    const res = await issueChecked(browser, (await check(browser, text)).html);
    expect(res.status).toBe(303);
    await untilDone(ctx, res.headers.get('location')!.split('/').pop()!);
  };
  return { ctx, browser, issueFile };
}
/** The issue buttons of a check page (forms posting to /console/batches). */
const issueButtons = (html: string) => [...html.matchAll(/<form method="post" action="\/console\/batches"[\s\S]*?<button type="submit" class="btn">([^<]*)<\/button>/g)].map((m) => m[1]);

describe('the cohort check page offers only what would be issued', () => {
  it('offers nothing to issue when every ready row was issued before, and says so (with problems in the file or not)', async () => {
    for (const lang of ['en', 'km'] as const) {
      const { browser, issueFile } = await world(lang);
      await issueFile(csv(ROW_1, ROW_2));
      for (const file of [csv(ROW_1, ROW_2), csv(ROW_1, ROW_2, BAD_ROW)]) {
        const { html } = await check(browser, file);
        expect(issueButtons(html), lang).toEqual([]);
        expect(html).toContain(lang === 'en'
          ? 'Both ready rows were issued before: there is nothing new to issue.'
          : 'ជួរដែលរួចរាល់ទាំង ២ ត្រូវបានចេញរួចហើយពីមុន៖ គ្មានអ្វីថ្មីត្រូវចេញទេ។');
      }
    }
  });

  it('counts the rows it would issue, not the rows issued before', async () => {
    const { browser, issueFile } = await world();
    await issueFile(csv(ROW_1));
    expect(issueButtons((await check(browser, csv(ROW_1, ROW_2))).html)).toEqual(['Issue 1 certificate']);
    const withProblem = (await check(browser, csv(ROW_1, ROW_2, BAD_ROW))).html;
    expect(issueButtons(withProblem)).toEqual(['Issue only the 1 ready row']);
    expect(withProblem).toContain('1 of the ready rows was issued before and will not be issued again.');
  });

  it('writes English counts in the singular for one: 1 row, 1 certificate, 1 of 1 row done', async () => {
    const { browser } = await world();
    const checked = (await check(browser, csv(ROW_1))).html;
    expect(checked).toContain('1 row: 1 ready to issue, 0 with problems.');
    expect(issueButtons(checked)).toEqual(['Issue 1 certificate']);
    const res = await issueChecked(browser, checked);
    const where = res.headers.get('location')!;
    const { ctx } = { ctx: browser.ctx };
    await untilDone(ctx, where.split('/').pop()!);
    const page = await (await browser.get(where)).text();
    expect(page).toContain('1 of 1 row done');
    expect(page).not.toMatch(/\b1 rows\b/);
    const two = (await check(browser, csv(ROW_1, ROW_2, BAD_ROW))).html;
    expect(two).toContain('3 rows: 2 ready to issue, 1 with problems.');
  });

  it('Khmer, which has no plural, keeps one wording with Khmer digits', async () => {
    const { browser } = await world('km');
    const checked = (await check(browser, csv(ROW_1))).html;
    expect(checked).toContain('សរុប ១ ជួរ៖ ១ ជួររួចរាល់សម្រាប់ចេញ និង ០ ជួរមានបញ្ហា។');
  });
});
