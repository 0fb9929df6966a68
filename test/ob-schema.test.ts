import { beforeAll, describe, expect, it } from 'vitest';
import { issueOldShape } from './fixtures/old-shape.js';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, sampleRequest, type TestContext } from './helpers.js';
import { loadObSchema, obSchemaValidator } from './ob-schema.js';
import { createTemplate, postBatch } from './cohort-helpers.js';
import { csrfIn, signIn } from './pages-helpers.js';
import { call, type Json } from './tenants.js';

/*
 * Every credential skillcert issues, on every path, passes 1EdTech's OB 3.0
 * AchievementCredential schema: what 1EdTech certification and its public validator hold
 * issuers to. Checked on the credential as served (Data Integrity, with its proof) and on the
 * vc+jwt payload.
 */

const schema = loadObSchema();
let problems: (credential: unknown) => string[];
beforeAll(() => {
  if (schema) problems = obSchemaValidator(schema);
});

/** The credential as GET /credentials/:id serves it, and its vc+jwt payload. */
async function servedForms(ctx: TestContext, id: string): Promise<Array<[string, Json]>> {
  const di = JSON.parse(await (await ctx.app.request(`/credentials/${id}`)).text()) as Json;
  const jwt = await (await ctx.app.request(`/credentials/${id}`, { headers: { Accept: 'application/vc+jwt' } })).text();
  return [['Data Integrity', di], ['vc+jwt payload', JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as Json]];
}

const expectValid = async (ctx: TestContext, id: string) => {
  for (const [form, credential] of await servedForms(ctx, id)) expect(problems(credential), form).toEqual([]);
};

describe.skipIf(!schema)("1EdTech's OB 3.0 AchievementCredential schema", () => {
  it('refuses a credential of the shape skillcert issued before (two status entries, proof an object) (control)', async () => {
    const ctx = await makeTestApp();
    const old = await issueOldShape(ctx);
    expect(problems(old.credential)).toEqual(expect.arrayContaining(['/proof must be array', '/credentialStatus must be object']));
  });

  it('passes POST /api/v1/credentials, with Khmer, units, a level and a result', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx, { ...sampleRequest(), result: 'Competent' });
    expect(problems(issued.credential)).toEqual([]);
    await expectValid(ctx, issued.id);
  });

  it('passes POST /api/v1/credentials with the fewest fields (no Khmer, no units, no identifiers)', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx, {
      learner: { name: 'Keo Mony' },
      achievement: { name: 'Welding Level 1', description: 'Welds mild steel.', criteria: 'Passed the practical assessment.' },
    });
    await expectValid(ctx, issued.id);
  });

  it('passes for an institute that signs with eddsa-jcs-2022', async () => {
    const ctx = await makeTestApp();
    await ctx.app.request('/api/v1/institutes/default', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ cryptosuite: 'eddsa-jcs-2022' }),
    });
    const issued = await issue(ctx);
    expect(issued.credential.proof[0]!.cryptosuite).toBe('eddsa-jcs-2022');
    await expectValid(ctx, issued.id);
  });

  it('passes the VC API (/credentials/issue) with an Open Badges credential, asking for revocation and suspension', async () => {
    const ctx = await makeTestApp();
    const { proof: _p, credentialStatus: _s, id: _i, ...unsecured } = (await issue(ctx)).credential as Json;
    for (const options of [{}, { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }] }]) {
      const credential = { ...unsecured, id: `urn:uuid:${crypto.randomUUID()}` };
      const res = await ctx.app.request('/credentials/issue', authJson({ credential, options }));
      expect(res.status).toBe(201);
      const vc = ((await res.json()) as Json).verifiableCredential as Json;
      expect(problems(vc), JSON.stringify(options)).toEqual([]);
      if (options.credentialStatus) {
        expect(vc.credentialStatus).toMatchObject({ statusPurpose: 'revocation', statusMessage: expect.any(Array) });
        // The one entry takes a suspension too, through the VC API's status operation.
        const suspend = await ctx.app.request('/credentials/status', authJson({ credentialId: credential.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true } }));
        expect(((await suspend.json()) as Json).status).toBe('suspended');
      }
    }
  });

  it('passes a cohort batch (CSV), every row', async () => {
    const ctx = await makeTestApp();
    await createTemplate(ctx);
    const csv = 'Student ID,Learner Name,Khmer Name,Email,Template Code,Completion Date,Grade\r\nS001,Sok Dara,សុខ ដារ៉ា,dara@example.com,ELC-L2,15/02/2026,Competent\r\nS002,Chan Sophea,,,ELC-L2,15/02/2026,\r\n';
    const res = await postBatch(ctx, csv);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const ids = res.body.rows.map((r: Json) => r.credentialId as string);
    expect(ids).toHaveLength(2);
    for (const id of ids) await expectValid(ctx, id);
  });

  it('passes the console\'s "issue one"', async () => {
    const ctx = await makeTestApp();
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const form = await (await browser.get('/console/issue')).text();
    const res = await browser.post('/console/issue', {
      learnerName: 'Chan Sophea', learnerNameKm: 'ចាន់ សុភា', email: '', phone: '012 345 678', nationalId: '',
      achievementName: 'Welding Level 1', achievementNameKm: 'ការផ្សារដែក កម្រិត១', code: 'WLD-L1', level: 'CQF Level 1', field: 'Welding', hours: '300',
      type: 'Certificate', description: 'Welds mild steel.', criteria: 'Passed the practical assessment.',
      skills: 'WLD-U01 | Prepare materials | រៀបចំសម្ភារៈ', validFrom: '2026-02-20', validUntil: '', institute: 'default', _csrf: csrfIn(form),
    });
    expect(res.status).toBe(303);
    const id = /\/console\/credentials\/([^?]+)\?done=issued/.exec(res.headers.get('location') ?? '')?.[1] as string;
    await expectValid(ctx, id);
  });

  it('passes a credential of an institute the ministry created with a logo: the issuer\'s image and the achievement\'s', async () => {
    const ctx = await makeTestApp();
    const logo = 'https://ntti.example.edu.kh/logo.png';
    expect((await call(ctx, 'POST', '/api/v1/institutes', { body: { slug: 'bad', name: 'Bad', image: 'javascript:alert(1)' } })).status).toBe(400);
    const created = await call(ctx, 'POST', '/api/v1/institutes', { body: { slug: 'ntti', name: 'National Technical Training Institute', nameKm: 'វិទ្យាស្ថានជាតិ', image: logo, accreditedFrom: '2026-01-01' } });
    expect(created.body.image).toBe(logo);
    const key = (await call(ctx, 'POST', '/api/v1/institutes/ntti/api-keys', { body: { label: 'registrar', scopes: ['issue'] } })).body.key as string;
    const res = await ctx.app.request('/api/v1/credentials', authJson(sampleRequest(), key));
    expect(res.status).toBe(201);
    const { id, credential } = (await res.json()) as Json;
    expect(credential.issuer.image).toEqual({ id: logo, type: 'Image' });
    expect(credential.credentialSubject.achievement.image).toEqual({ id: logo, type: 'Image' });
    await expectValid(ctx, id as string);
    // Taken away again, the achievements get the badge skillcert draws.
    await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { image: null } });
    const next = (await (await ctx.app.request('/api/v1/credentials', authJson(sampleRequest(), key))).json()) as Json;
    expect(next.credential.issuer.image).toBeUndefined();
    expect(next.credential.credentialSubject.achievement.image.id).toMatch(/\/achievements\/ntti\/ELC-L2\/image\.svg$/);
  });
});
