import { describe, expect, it } from 'vitest';
import { LETTERS_REPLACED, lettersReplaced } from '../src/batch/lossy-save.js';
import { problemText } from '../src/web/problem-text.js';
import { makeTestApp, type TestContext } from './helpers.js';
import { createTemplate, postBatch } from './cohort-helpers.js';
import type { Json } from './tenants.js';

/*
 * Excel's plain "CSV" (Windows-1252) writes every letter it has no byte for as "?": Khmer
 * names become "??? ?????", and the file is still valid UTF-8 (it is all ASCII). Such cells
 * are row problems, with the advice to save as "CSV UTF-8", so they are never signed.
 */

const HEADER = 'Student ID,Learner Name,Khmer Name,Template Code,Completion Date,Grade\r\n';

async function withTemplate(): Promise<TestContext> {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  return ctx;
}

const ofRow = (problems: Json[], row: number) => problems.filter((p) => p.row === row);

describe('a class list saved as plain "CSV" is caught before anything is signed', () => {
  it('flags Khmer names that became "??? ?????" as row problems with the CSV UTF-8 advice', async () => {
    const ctx = await withTemplate();
    const csv = `${HEADER}S001,Sok Dara,??? ?????,ELC-L2,15/02/2026,Competent\r\nS002,Chan Sophea,???? ????,ELC-L2,15/02/2026,Competent\r\n`;
    const { status, body } = await postBatch(ctx, csv, '?dryRun=true');
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ rows: 2, valid: 0, invalid: 2 });
    for (const row of [2, 3]) {
      expect(ofRow(body.problems, row)).toEqual([{ row, column: 'Khmer Name', message: expect.stringContaining('CSV UTF-8') }]);
    }
    expect(body.problems[0].message).toMatch(/^letters were replaced by "\?"/);
  });

  it('refuses to issue such a file (422), and issues nothing', async () => {
    const ctx = await withTemplate();
    const { status } = await postBatch(ctx, `${HEADER}S001,Sok Dara,??? ?????,ELC-L2,15/02/2026,Competent\r\n`);
    expect(status).toBe(422);
    expect((await ctx.store.listCredentials({ instituteId: null, limit: 1, offset: 0 })).total).toBe(0);
  });

  it('flags a Latin name with a letter the save could not write ("Nguy?n V?n An"), and a name that is only "?"', async () => {
    const ctx = await withTemplate();
    const csv = `${HEADER}S001,Nguy?n V?n An,,ELC-L2,15/02/2026,\r\nS002,?,,ELC-L2,15/02/2026,\r\nS003,?ukasz Nowak,,ELC-L2,15/02/2026,\r\n`;
    const { body } = await postBatch(ctx, csv, '?dryRun=true');
    for (const row of [2, 3, 4]) expect(ofRow(body.problems, row)).toEqual([{ row, column: 'Learner Name', message: expect.stringContaining('CSV UTF-8') }]);
  });

  it('flags a lost Khmer grade', async () => {
    const ctx = await withTemplate();
    const { body } = await postBatch(ctx, `${HEADER}S001,Sok Dara,,ELC-L2,15/02/2026,???\r\n`, '?dryRun=true');
    expect(body.problems).toEqual([{ row: 2, column: 'Grade', message: expect.stringContaining('CSV UTF-8') }]);
  });

  it('flags a header whose Khmer letters were lost, since its column would otherwise be ignored', async () => {
    const ctx = await withTemplate();
    const csv = 'Student ID,Learner Name,?????,Template Code,Completion Date\r\nS001,Sok Dara,??? ?????,ELC-L2,15/02/2026\r\n';
    const { body } = await postBatch(ctx, csv, '?dryRun=true');
    expect(body.problems).toEqual([{ row: 1, column: '?????', message: expect.stringContaining('CSV UTF-8') }]);
    expect(body.summary.valid).toBe(0);
  });

  it('keeps a genuine question mark: a grade of "?" or "Pass?", and names and ids without one (control)', async () => {
    const ctx = await withTemplate();
    const csv = `${HEADER}S001,Sok Dara,សុខ ដារ៉ា,ELC-L2,15/02/2026,?\r\nS002,Chan Sophea,,ELC-L2,15/02/2026,Pass?\r\nS003,Keo Mony,,ELC-L2,15/02/2026,A (re-sit?)\r\n`;
    const { body } = await postBatch(ctx, csv, '?dryRun=true');
    expect(body.problems).toEqual([]);
    expect(body.summary.valid).toBe(3);
  });

  it('the console shows the advice in Khmer', async () => {
    const ctx = await withTemplate();
    const { body } = await postBatch(ctx, `${HEADER}S001,Sok Dara,??? ?????,ELC-L2,15/02/2026,\r\n`, '?dryRun=true');
    const message = body.problems[0].message as string;
    expect(message).toBe(LETTERS_REPLACED);
    const km = problemText('km', message);
    expect(km).not.toBe(message);
    expect(km).toContain('CSV UTF-8');
    expect(km).toMatch(/^[\u1780-\u17ff]/);
  });
});

describe('which cells count as letters replaced by "?"', () => {
  it.each([
    ['??? ?????', 'name', true], ['?', 'name', true], ['Sok ?', 'name', true], ['Nguy?n', 'name', true],
    ['Sok Dara', 'name', false], ['???', 'other', true], ['?ukasz', 'other', true], ['V?n', 'other', true],
    ['?', 'other', false], ['Pass?', 'other', false], ['A (re-sit?)', 'other', false], ['What? No', 'other', false], ['', 'name', false],
  ] as const)('%j in a %s column: %s', (value, kind, expected) => {
    expect(lettersReplaced(value, kind)).toBe(expected);
  });
});
