import { describe, expect, it } from 'vitest';
import { issue, makeTestApp, authJson, sampleRequest, verifyBody, type TestContext } from './helpers.js';

/*
 * An eddsa-rdfc-2022 signature covers the credential's RDF graph: a genuine credential can
 * be rewritten in another JSON form with the same canonical form and its proof still holds.
 * Whatever the form, the report shows the signed claims, or the format check fails; a
 * rewrite never hides a claim behind a verified report.
 */

type Json = Record<string, any>;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const SCHEMA_NAME = 'https://schema.org/name';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';

/** The JSON forms of one plain string that JSON-LD gives the same RDF. */
const sameRdfForms = (value: string): Array<[string, unknown]> => [
  ['a value object', { '@value': value }],
  ['a single-element array', [value]],
  ['a typed value (xsd:string)', { '@value': value, '@type': XSD_STRING }],
  ['a nested array of a value object', [[{ '@value': value }]]],
];

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;
const checkOf = (report: Json, id: string) => report.checks.find((c: Json) => c.id === id);

async function issued(ctx: TestContext): Promise<Json> {
  return (await issue(ctx)).credential as Json;
}

describe('a report shows a claim in every JSON-LD form whose signature still holds', () => {
  for (const [form, make] of sameRdfForms('x').map(([f]) => [f, (v: string) => sameRdfForms(v).find(([g]) => g === f)![1]] as const)) {
    it(`reads the learner name, the issuer name and the achievement name written as ${form}`, async () => {
      const ctx = await makeTestApp();
      const vc = await issued(ctx);
      const rewritten = clone(vc);
      rewritten.credentialSubject.name = make(vc.credentialSubject.name);
      rewritten.issuer.name = make(vc.issuer.name);
      rewritten.credentialSubject.achievement.name = make(vc.credentialSubject.achievement.name);
      const { body } = await verifyBody(ctx, { credential: rewritten });
      expect(checkOf(body, 'proof').status).toBe('passed');
      expect(body.verified).toBe(true);
      expect(body.credential.learner.name).toBe('Sok Dara');
      expect(body.credential.issuer.name).toBe(vc.issuer.name);
      expect(body.credential.achievement.name).toBe('Electrical Installation');
    });
  }

  it('reads the Khmer names (identities of type name) and the Khmer achievement name written as value objects', async () => {
    const ctx = await makeTestApp();
    const vc = await issued(ctx);
    const rewritten = clone(vc);
    const learnerKm = rewritten.credentialSubject.identifier.at(-1);
    learnerKm.identityHash = { '@value': learnerKm.identityHash };
    rewritten.issuer.otherIdentifier[0].identifier = [rewritten.issuer.otherIdentifier[0].identifier];
    rewritten.credentialSubject.achievement.related[0].name = [rewritten.credentialSubject.achievement.related[0].name];
    const { body } = await verifyBody(ctx, { credential: rewritten });
    expect(checkOf(body, 'proof').status).toBe('passed');
    expect(body.verified).toBe(true);
    expect(body.credential.learner).toEqual({ name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' });
    expect(body.credential.issuer.nameKm).toBe(ctx.institute.nameKm);
    expect(body.credential.achievement.nameKm).toBe('ការដំឡើងអគ្គិសនី');
  });

  it('reads a VC 2.0 name given in several languages (a list of language value objects), joining them', async () => {
    const ctx = await makeTestApp();
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'],
      issuer: { id: ctx.institute.didKey, name: [{ '@value': 'Dog', '@language': 'en' }, { '@value': 'Chien', '@language': 'fr' }] },
      credentialSubject: { id: 'did:example:x', name: { '@value': 'Chan Sophea', '@language': 'en', '@direction': 'ltr' } },
    };
    const res = await ctx.app.request('/credentials/issue', authJson({ credential }));
    const vc = ((await res.json()) as Json).verifiableCredential;
    // The VC API's verifier: this credential has no validFrom for an accreditation check.
    const verified = await ctx.app.request('/credentials/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential: vc }) });
    const { report } = (await verified.json()) as Json;
    expect(report.verified).toBe(true);
    expect(report.credential.issuer.name).toBe('Dog / Chien');
    expect(report.credential.learner.name).toBe('Chan Sophea');
  });
});

describe('a claim in a form the report cannot read fails the format check, though the signature holds', () => {
  const hidden: Array<[string, (vc: Json) => void]> = [
    ['the learner name as a full IRI key', (vc) => { vc.credentialSubject[SCHEMA_NAME] = vc.credentialSubject.name; delete vc.credentialSubject.name; }],
    ['the issuer name as a full IRI key', (vc) => { vc.issuer[SCHEMA_NAME] = vc.issuer.name; delete vc.issuer.name; }],
    ['the achievement name under an alias an inline context defines', (vc) => {
      vc['@context'] = [...vc['@context'], { nm: SCHEMA_NAME }];
      vc.credentialSubject.achievement.nm = vc.credentialSubject.achievement.name;
      delete vc.credentialSubject.achievement.name;
    }],
    ['validUntil as a full IRI key with its datatype', (vc) => {
      vc['https://www.w3.org/2018/credentials#validUntil'] = { '@value': vc.validUntil, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' };
      delete vc.validUntil;
    }],
    ['the learner\'s Khmer name (a name identity) as a full IRI key', (vc) => {
      const k = vc.credentialSubject.identifier.at(-1);
      k[`${OB}identityHash`] = k.identityHash;
      delete k.identityHash;
    }],
    ['the Khmer achievement name as a full IRI key', (vc) => {
      const r = vc.credentialSubject.achievement.related[0];
      r[SCHEMA_NAME] = r.name;
      delete r.name;
    }],
    ['the institute\'s Khmer name under an alias an inline context defines', (vc) => {
      vc['@context'] = [...vc['@context'], { khmerName: `${OB}identifier` }];
      const k = vc.issuer.otherIdentifier[0];
      k.khmerName = k.identifier;
      delete k.identifier;
    }],
    ['a status entry\'s purpose as a value object', (vc) => { vc.credentialStatus.statusPurpose = { '@value': vc.credentialStatus.statusPurpose }; }],
  ];
  for (const [what, rewrite] of hidden) {
    it(`${what}: proof passes, format fails, not verified`, async () => {
      const ctx = await makeTestApp();
      const vc = clone(await issued(ctx));
      rewrite(vc);
      const { body } = await verifyBody(ctx, { credential: vc });
      expect(checkOf(body, 'proof').status).toBe('passed');
      expect(checkOf(body, 'format')).toMatchObject({ status: 'failed', message: expect.stringContaining('signed data') });
      expect(body.verified).toBe(false);
    });
  }

  it('a revoked credential whose credentialStatus is rewritten as a full IRI key does not verify', async () => {
    const ctx = await makeTestApp();
    const { id, credential } = await issue(ctx);
    await ctx.app.request(`/api/v1/credentials/${id}/revoke`, authJson({ reason: 'issued by mistake' }));
    const vc = clone(credential as Json);
    const STATUS = 'https://www.w3.org/ns/credentials/status#';
    vc['https://www.w3.org/2018/credentials#credentialStatus'] = [vc.credentialStatus].map((e: Json) => ({
      '@id': e.id, '@type': `${STATUS}BitstringStatusListEntry`, [`${STATUS}statusPurpose`]: e.statusPurpose,
      [`${STATUS}statusListIndex`]: e.statusListIndex, [`${STATUS}statusListCredential`]: { '@id': e.statusListCredential },
      [`${STATUS}statusMessage`]: e.statusMessage.map((m: Json) => ({ [`${STATUS}status`]: m.status, [`${STATUS}message`]: m.message })),
    }));
    delete vc.credentialStatus;
    const { body } = await verifyBody(ctx, { credential: vc });
    expect(checkOf(body, 'proof').status).toBe('passed');
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'format').status).toBe('failed');
  });

  it('names with quotes, backslashes and Khmer verify as issued (the signed graph is read back exactly)', async () => {
    const ctx = await makeTestApp();
    const request = sampleRequest();
    request.learner = { ...request.learner, name: 'Sok "Dara" \\ O\'Neil \u00e9', nameKm: 'សុខ ដារ៉ា\t' };
    const { credential } = await issue(ctx, request);
    const { body } = await verifyBody(ctx, { credential });
    expect(body.verified).toBe(true);
    expect(body.credential.learner.name).toBe(request.learner.name);
  });

  it('the credential as issued still verifies (control)', async () => {
    const ctx = await makeTestApp();
    const { body } = await verifyBody(ctx, { credential: await issued(ctx) });
    expect(body.verified).toBe(true);
  });
});
