import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, makeTestApp } from './helpers.js';
import { createTemplate, postBatch } from './cohort-helpers.js';

async function withTemplate() {
  const ctx = await makeTestApp();
  await createTemplate(ctx);
  return ctx;
}

describe('the results sheet keeps the Khmer names', () => {
  it('has the Khmer name column, with the Khmer names as the sheet gave them (UTF-8 with a BOM)', async () => {
    const ctx = await withTemplate();
    const csv = '\uFEFFStudent ID,Learner Name,Khmer Name,Template Code,Completion Date\r\nS001,Sok Dara,សុខ ដារ៉ា,ELC-L2,15/02/2026\r\nS002,Chan Sophea,,ELC-L2,15/02/2026\r\n';
    const { body } = await postBatch(ctx, csv);
    const res = await ctx.app.request(`/api/v1/batches/${body.id}/results.csv`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).trim().split('\r\n');
    const header = lines[0]!.split(',');
    const at = header.indexOf('khmer name');
    expect(at).toBe(header.indexOf('name') + 1);
    expect(lines[1]!.split(',')[at]).toBe('សុខ ដារ៉ា');
    expect(lines[2]!.split(',')[at]).toBe('');
  });

});
