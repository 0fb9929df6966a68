import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../src/jsonld/contexts.js';
import { shareCardSvg } from '../src/web/share-card.js';
import { issueOldShape } from './fixtures/old-shape.js';
import { ADMIN_TOKEN, issue, makeTestApp, verifyBody, type TestContext } from './helpers.js';
import { loadObSchema } from './ob-schema.js';
import { signIn } from './pages-helpers.js';

/*
 * Khmer travels in Open Badges' own terms, with no inline context: the achievement's Khmer
 * version is a `related` Achievement (`inLanguage` km, at its own URL, its texts also carried
 * in the Related entry), the learner's and institute's Khmer names are identities of type
 * `name`. Our pages show Khmer from the new shape and from the old one (nameKm terms).
 */

type Json = Record<string, any>;

const LEARNER_KM = 'សុខ ដារ៉ា';
const ACHIEVEMENT_KM = 'ការដំឡើងអគ្គិសនី';
const UNIT_KM = 'ដំឡើងប្រព័ន្ធខ្សែភ្លើង';

async function pageText(ctx: TestContext, path: string): Promise<string> {
  const res = await ctx.app.request(path, { headers: { 'Accept-Language': 'km' } });
  expect(res.status, path).toBe(200);
  return res.text();
}

describe('the credential carries Khmer without an inline context', () => {
  it('its @context is VC 2.0 and OB 3.0, nothing else', async () => {
    const ctx = await makeTestApp();
    expect((await issue(ctx)).credential['@context']).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
  });

  it('the verification report reads the learner, institute, achievement and unit names in Khmer', async () => {
    const ctx = await makeTestApp();
    const { body } = await verifyBody(ctx, { credential: (await issue(ctx)).credential });
    expect(body.verified).toBe(true);
    expect(body.credential.learner).toEqual({ name: 'Sok Dara', nameKm: LEARNER_KM });
    expect(body.credential.issuer.nameKm).toBe(ctx.institute.nameKm);
    expect(body.credential.achievement.nameKm).toBe(ACHIEVEMENT_KM);
    expect(body.credential.achievement.skills[0].nameKm).toBe(UNIT_KM);
  });
});

describe('the Khmer achievement is published where `related` says', () => {
  it('an OB 3.0 Achievement in Khmer (valid against the schema), linking back to the English one', async () => {
    const ctx = await makeTestApp();
    const achievement = (await issue(ctx)).credential.credentialSubject as Json;
    const related = achievement.achievement.related[0];
    const res = await ctx.app.request(new URL(related.id).pathname);
    expect(res.status).toBe(200);
    const km = (await res.json()) as Json;
    expect(km).toMatchObject({ id: related.id, type: ['Achievement'], inLanguage: 'km', name: ACHIEVEMENT_KM });
    expect(km.alignment[0].targetName).toBe(UNIT_KM);
    expect(km.related).toEqual([{ id: achievement.achievement.id, type: ['Related'], inLanguage: 'en' }]);
    const schema = loadObSchema();
    if (schema) {
      const ajv = new Ajv2019({ strict: false, allErrors: true });
      (addFormats as unknown as (a: Ajv2019) => void)(ajv);
      ajv.addSchema(schema);
      const validate = ajv.getSchema(`${String(schema.$id)}#/$defs/Achievement`)!;
      expect(validate(km), JSON.stringify(validate.errors)).toBe(true);
    }
    expect((await ctx.app.request('/achievements/default/NO-SUCH/km')).status).toBe(404);
  });
});

describe('our pages show Khmer, from the credential as issued now and as issued before', () => {
  for (const shape of ['new', 'old'] as const) {
    it(`/v/:id, /c/:id, the share card and the console (${shape} shape)`, async () => {
      const ctx = await makeTestApp();
      const id = shape === 'new' ? (await issue(ctx)).id : (await issueOldShape(ctx)).id;
      for (const path of [`/v/${id}`, `/c/${id}`]) {
        const html = await pageText(ctx, path);
        for (const text of [LEARNER_KM, ACHIEVEMENT_KM, ctx.institute.nameKm as string]) expect(html, `${path}: ${text}`).toContain(text);
      }
      expect(await pageText(ctx, `/v/${id}`)).toContain(UNIT_KM);
      const { body } = await verifyBody(ctx, { text: `${ctx.deps.publicUrl}/v/${id}` });
      const card = shareCardSvg({ credential: body.credential, verifyUrl: `${ctx.deps.publicUrl}/v/${id}` });
      for (const text of [LEARNER_KM, ACHIEVEMENT_KM]) expect(card).toContain(text);
      const console = await (await (await signIn(ctx, ADMIN_TOKEN)).get(`/console/credentials/${id}`)).text();
      expect(console).toContain(LEARNER_KM);
      expect(console).toContain(ACHIEVEMENT_KM);
    });
  }

  it('the badge image of the achievement names it in Khmer too', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const image = (issued.credential.credentialSubject as Json).achievement.image;
    expect(image).toEqual({ id: `${ctx.deps.publicUrl}/achievements/default/ELC-L2/image.svg`, type: 'Image' });
    const res = await ctx.app.request(new URL(image.id).pathname);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toContain(ACHIEVEMENT_KM);
    expect(svg).toMatch(/Electrical(<\/text>.*?>| )Installation/);
  });
});
