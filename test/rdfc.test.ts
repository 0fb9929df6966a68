import { beforeAll, describe, expect, it } from 'vitest';
import { canonize, JsonLdError } from '../src/jsonld/canonize.js';
import { canonizeWithJsonld } from './support/jsonld-reference.js';
import { DID_V1_CONTEXT, KHMER_TERMS_CONTEXT, MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from '../src/jsonld/contexts.js';
import { issueOldShape } from './fixtures/old-shape.js';
import { issue, makeTestApp, sampleRequest } from './helpers.js';

/*
 * canonize() runs jsonld's expansion with copy-on-write active contexts and keeps processed
 * contexts between calls (src/jsonld/rdfc.ts). It must give byte for byte what jsonld.canonize
 * gives, refuse what it refuses, and not let one document's contexts leak into the next.
 */

type Json = Record<string, any>;
const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';

const corpus: Array<[string, Json]> = [];

async function expectSameAsJsonld(document: Json): Promise<string> {
  const expected = await canonizeWithJsonld(document);
  expect(await canonize(document)).toBe(expected);
  return expected;
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => { throw new Error('expected a rejection'); },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  const ctx = await makeTestApp();
  const khmer = await issue(ctx);
  const plainRequest = sampleRequest() as Json;
  delete plainRequest.learner.nameKm;
  delete plainRequest.achievement.nameKm;
  delete plainRequest.achievement.skills[0].nameKm;
  const plain = await issue(ctx, plainRequest);
  const { proof: _p, ...khmerUnsecured } = structuredClone(khmer.credential) as Json;
  const { proof: _q, ...plainUnsecured } = structuredClone(plain.credential) as Json;
  // Credentials issued before migrations/0010 carry their Khmer terms in an inline context.
  const { proof: _r, ...oldUnsecured } = structuredClone((await issueOldShape(ctx)).credential);

  const awkward = structuredClone(khmerUnsecured);
  awkward.credentialSubject.name = 'Line one\nline "two"\t\\ tab — ✓ 😀 ញ្ញ';
  awkward.credentialSubject.identifier.at(-1).identityHash = 'សុខ ដារ៉ា\u200b (ញ៉ាំ)';
  awkward.credentialSubject.achievement.creditsAvailable = 1.5;
  awkward.credentialSubject.achievement.description = 'A'.repeat(3000);

  corpus.push(
    ['an issued credential with Khmer texts (unsecured)', khmerUnsecured],
    ['the same credential with its proof (a named graph)', structuredClone(khmer.credential)],
    ['an issued credential without Khmer terms', plainUnsecured],
    ['escapes, emoji, Khmer clusters, a double, a long string', awkward],
    ['a VC v2 credential with a language value object, a boolean, nested nodes and no id', {
      '@context': [VC_V2_CONTEXT],
      type: ['VerifiableCredential'],
      issuer: { id: 'did:example:issuer', name: { '@value': 'វិទ្យាស្ថាន', '@language': 'km' } },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: [{ id: 'did:example:a', name: 'A' }, { name: 'anonymous', description: 'no id, a blank node' }],
    }],
    ['a VC v1 credential', {
      '@context': [VC_V1_CONTEXT],
      id: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:subject' },
    }],
    ['a DID document with a Multikey', {
      '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
      id: 'did:web:example.org',
      verificationMethod: [{
        id: 'did:web:example.org#k1', type: 'Multikey', controller: 'did:web:example.org',
        publicKeyMultibase: 'z6MkkhQ9yFY1pE8S2oE7ome69TwPthyrikvMfP9nWk7hFdpA',
      }],
      assertionMethod: ['did:web:example.org#k1'],
    }],
    ['a credential issued before migrations/0010, with its inline Khmer terms', oldUnsecured],
    ['an inline context that gives nameKm another meaning', {
      ...structuredClone(oldUnsecured),
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, { nameKm: { '@id': 'https://example.org/other#nameKm' }, descriptionKm: 'https://example.org/other#d' }],
    }],
  );
});

describe('canonize() gives the same N-Quads as jsonld.canonize', () => {
  it('for every document of the corpus', async () => {
    for (const [, document] of corpus) await expectSameAsJsonld(document);
  });

  it('with the Khmer text in the canonical form, tagged km where the credential tags it', async () => {
    const nquads = await expectSameAsJsonld(corpus[0]?.[1] as Json);
    expect(nquads).toContain('"ការដំឡើងអគ្គិសនី"@km');
    expect(nquads).toContain('"សុខ ដារ៉ា" .');
    const old = await expectSameAsJsonld(corpus.find(([what]) => what.includes('before migrations/0010'))?.[1] as Json);
    expect(old).toContain('"សុខ ដារ៉ា"@km');
    expect(old).toContain('"ការដំឡើងអគ្គិសនី"@km');
  });

  it('again and again, in any order, and concurrently (what it keeps between calls changes nothing)', async () => {
    const expected = await Promise.all(corpus.map(([, d]) => canonizeWithJsonld(d)));
    const indexes = corpus.map((_, i) => i);
    const orders = [indexes, [...indexes].reverse(), [...indexes.filter((i) => i % 2), ...indexes.filter((i) => !(i % 2))]];
    for (const order of orders) {
      for (const i of order) expect(await canonize(corpus[i]?.[1])).toBe(expected[i]);
      const together = await Promise.all(corpus.map(([, d]) => canonize(d)));
      expect(together).toEqual(expected);
    }
  });

  it('and the same inline context under two meanings gives two different, correct forms', async () => {
    const ours = await expectSameAsJsonld(corpus.find(([what]) => what.includes('before migrations/0010'))?.[1] as Json);
    const theirs = await expectSameAsJsonld(corpus.find(([what]) => what.includes('another meaning'))?.[1] as Json);
    expect(theirs).toContain('<https://example.org/other#nameKm>');
    expect(theirs).not.toBe(ours);
  });

  it('without changing the document it is given', async () => {
    const document = structuredClone(corpus[1]?.[1] as Json);
    const before = JSON.stringify(document);
    await canonize(document);
    expect(JSON.stringify(document)).toBe(before);
  });
});

describe('canonize() refuses what jsonld.canonize refuses in safe mode', () => {
  const refusals: Array<[string, (d: Json) => Json, string, string | undefined]> = [
    ['an undefined top-level term', (d) => ({ ...d, grade: 'A' }), 'ERR_UNDEFINED_TERM', 'grade'],
    ['an undefined term inside a type-scoped node', (d) => {
      d.credentialSubject.achievement.criteria.nrrative = 'typo';
      return d;
    }, 'ERR_UNDEFINED_TERM', 'nrrative'],
    ['an undefined type', (d) => ({ ...d, type: ['VerifiableCredential', 'OpenBadgeCredential', 'MadeUpCredential'] }), 'ERR_UNDEFINED_TERM', 'MadeUpCredential'],
    ['a context it does not ship', (d) => ({ ...d, '@context': [VC_V2_CONTEXT, 'https://example.org/evil-context.json'] }), 'ERR_UNKNOWN_CONTEXT', undefined],
    ['an invalid term definition in an inline context', (d) => ({ ...d, '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, { ...KHMER_TERMS_CONTEXT, nameKm: 42 }] }), 'ERR_INVALID_JSONLD', undefined],
  ];

  for (const [what, mutate, code, term] of refusals) {
    it(`${what}, before and after the caches are warm`, async () => {
      for (let i = 0; i < 2; i++) {
        const document = mutate(structuredClone(corpus[0]?.[1] as Json));
        expect(await rejection(() => canonizeWithJsonld(document))).toBeTruthy();
        const error = await rejection(() => canonize(document));
        expect(error).toBeInstanceOf(JsonLdError);
        expect((error as JsonLdError).code).toBe(code);
        if (term) expect((error as JsonLdError).term).toBe(term);
        // A refused document leaves nothing behind: the next one is still canonical.
        await expectSameAsJsonld(corpus[0]?.[1] as Json);
      }
    });
  }

  it('a relative @id, which safe mode refuses rather than drop', async () => {
    const document = { '@context': [VC_V2_CONTEXT], id: 'relative-id', type: ['VerifiableCredential'] };
    const reference = (await rejection(() => canonizeWithJsonld(document))) as { details?: { event?: { code?: string } } };
    expect(reference.details?.event?.code).toBe('relative @id reference');
    const error = await rejection(() => canonize(document));
    expect(error).toBeInstanceOf(JsonLdError);
    expect((error as JsonLdError).code).toBe('ERR_INVALID_JSONLD');
  });
});

describe('text with a base direction', () => {
  it('canonicalizes @direction as an i18n datatype, as Digital Bazaar\'s eddsa-rdfc-2022 does', async () => {
    const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
    const { staticDocumentLoader } = await import('../src/jsonld/contexts.js');
    const doc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      name: { '@value': 'وثيقة', '@language': 'ar', '@direction': 'rtl' },
      credentialSubject: { id: 'did:example:subject' },
    };
    const ours = await canonize(doc);
    expect(ours).toContain('^^<https://www.w3.org/ns/i18n#ar_rtl>');
    expect(ours).toBe(await cryptosuite.canonize(doc, { documentLoader: staticDocumentLoader }));
    expect(await canonizeWithJsonld(doc)).toBe(ours);
  });
});
