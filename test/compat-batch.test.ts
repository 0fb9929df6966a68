import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers.js';
import { createTemplate, electricalTemplate, postBatch } from './cohort-helpers.js';
import { checkOf, compatInstitute, ourVerify, publicGet } from './compat-helpers.js';
import { createKey, type Json } from './tenants.js';

describe('a cohort batch carries the institute\'s compatibility forms, as a single issue does', () => {
  it('every row gets the Ed25519Signature2020 proof and an ES256 vc+jwt, each verifying', async () => {
    const ctx = await makeTestApp();
    await compatInstitute(ctx, { ed25519Signature2020: true, es256Jwt: true });
    const { key } = await createKey(ctx, 'ntti', ['issue', 'admin']);
    await createTemplate(ctx, electricalTemplate(), key);
    const rows = ['Sok Dara', 'Chan Sophea'].map((name, i) => ({ 'student id': `S${i}`, name, template: 'ELC-L2', 'completion date': '2026-02-15' }));
    const res = await postBatch(ctx, rows, '', { token: key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toMatchObject({ total: 2, issued: 2 });
    for (const { credentialId } of res.body.rows as Json[]) {
      const credential = (await publicGet(ctx, `/credentials/${credentialId}`)).body as Json;
      expect(credential.proof.map((p: Json) => p.type)).toEqual(['DataIntegrityProof', 'Ed25519Signature2020']);
      const inji = (await publicGet(ctx, `/credentials/${credentialId}?form=inji`)).body as Json;
      const es256 = (await publicGet(ctx, `/credentials/${credentialId}?form=es256`)).body as string;
      for (const body of [{ credential }, { credential: inji }, { jwt: es256 }]) {
        const report = await ourVerify(ctx, body);
        expect(report.verified, JSON.stringify(report.checks)).toBe(true);
        expect(checkOf(report, 'proof')?.status).toBe('passed');
      }
    }
  });
});
