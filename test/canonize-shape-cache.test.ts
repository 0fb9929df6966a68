import { describe, expect, it } from 'vitest';
import { buildCredential } from '../src/issuer/credential.js';
import { canonize, JsonLdError } from '../src/jsonld/canonize.js';
import { canonizeWithJsonld } from './support/jsonld-reference.js';
import { EXAMPLES_V2_CONTEXT, KHMER_TERMS_CONTEXT, OB_V3_CONTEXT, staticDocumentLoader, VC_V2_CONTEXT } from '../src/jsonld/contexts.js';
import { createRdfcCanonizer } from '../src/jsonld/rdfc.js';
import { MAX_SHAPE_STRINGS } from '../src/jsonld/shape-cache.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import type { IssueRequest } from '../src/schemas/issue-request.js';
import type { Institute } from '../src/store/port.js';

/*
 * The shape cache (src/jsonld/shape-cache.ts) expands one skeleton per document shape and
 * substitutes each document's strings into its quads. Its N-Quads must be jsonld.canonize's,
 * byte for byte, whatever the strings hold, and it must refuse what jsonld refuses.
 */

type Json = Record<string, any>;

/** mulberry32: a seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
type Random = ReturnType<typeof random>;

/** Strings that are hard on a substitution: escapes, look-alikes of IRIs, numbers, terms and keywords. */
const AWKWARD = [
  'សុខ ដារ៉ា', 'ការដំឡើងអគ្គិសនី', 'ញ៉ាំ\u200b (ញ្ញ)', 'say "hi"', 'back\\slash', 'two\\\\', 'line\nbreak', 'cr\r\ttab',
  '\u0000\u0001\u001f\u007f', '\\u0041 is not an escape', '\\"', '😀 emoji ✓', '', ' ', '  padded  ', 'https://example.org/looks/like/an/iri',
  'http://localhost:8787/credentials/abc', 'HTTPS://EXAMPLE.ORG/UPPER', 'did:example:123', 'did:web:localhost%3A8787',
  'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', 'ceasn:Competency', 'ext:QualificationLevel', 'xsd:string', 'schema:name', '_:b0', '_:c14n0',
  '@id', '@type', '42', '-1.5e10', '1.0', 'true', 'null', 'name', 'Profile', 'VerifiableCredential', 'OpenBadgeCredential',
  'a:b c', 'mailto:someone@example.com', 'tel:+85512345678', 'http://a b', 'https://www.w3.org/ns/credentials/v2', 'https://schema.org/name',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement', 'A'.repeat(300),
  '<tag>', '{"json": true}', '#fragment', '?query=1', '../relative', 'Electrical Installation', 'CQF Level 2', 'km', 'rtl',
];

const IRI_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** Awkward strings that are not IRI-like: they keep a document's shape (an IRI-like string makes another). */
const AWKWARD_TEXT = AWKWARD.filter((s) => !IRI_LIKE.test(s));

function awkward(r: Random, pool: readonly string[] = AWKWARD): string {
  const base = r.pick(pool);
  if (r.chance(0.5)) return base;
  return r.chance(0.5) ? `${base}${r.int(1000)}` : `${r.pick(pool)}${base}`;
}

const institute = (r: Random): Institute => ({
  id: 'inst-test', slug: 'test', name: r.chance(0.2) ? awkward(r, AWKWARD_TEXT) : 'Preah Kossomak Polytechnic Institute',
  nameKm: r.chance(0.8) ? 'វិទ្យាស្ថានពហុបច្ចេកទេសព្រះកុសុមៈ' : null, url: r.chance(0.8) ? 'https://ppi.example.edu.kh' : null,
  did: r.pick(['did:web:localhost%3A8787', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK']),
  didKey: null, isDefault: true, createdAt: '2026-01-01T00:00:00Z', contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
});

/** One of a few request shapes (so shapes repeat), with its strings drawn from AWKWARD now and then. */
function request(r: Random, shape: number): IssueRequest {
  // Mostly awkward text, which keeps the shape; now and then an IRI-like string, which makes another.
  const text = (plain: string) => (r.chance(0.03) ? awkward(r) : r.chance(0.4) ? awkward(r, AWKWARD_TEXT) : `${plain} ${r.int(100000)}`);
  const skills = Array.from({ length: shape % 4 }, (_, i) => ({
    code: r.chance(0.2) ? awkward(r, AWKWARD_TEXT) : `U${i}-${r.int(99)}`,
    name: text('Skill'),
    ...(shape % 3 === 0 ? { nameKm: text('ជំនាញ') } : {}),
    ...(shape % 5 === 1 ? { url: r.chance(0.5) ? `https://ntb.example.gov.kh/units/${r.int(1e6)}` : 'https://example.org/same' } : {}),
  }));
  return {
    learner: {
      name: text('Learner'),
      ...(shape % 2 === 0 ? { nameKm: text('សុខ') } : {}),
      ...(shape % 3 !== 2 ? { email: `l${r.int(1e6)}@example.com` } : {}),
      ...(shape % 4 === 1 ? { nationalId: String(r.int(1e9)) } : {}),
    },
    achievement: {
      name: text('Achievement'),
      ...(shape % 2 === 1 ? { nameKm: text('ការ') } : {}),
      ...(shape % 3 === 1 ? { description: text('Description'), descriptionKm: text('ការពិពណ៌នា') } : {}),
      criteria: text('Criteria'),
      type: r.pick(['Certificate', 'Diploma', 'Course']),
      code: r.chance(0.2) ? awkward(r, AWKWARD_TEXT) : `ELC-${r.int(9)}`,
      ...(shape % 2 === 0 ? { level: text('Level') } : {}),
      ...(shape % 5 === 2 ? { field: text('Field') } : {}),
      ...(shape % 3 === 0 ? { hours: r.pick([600, 1, 0]) } : {}),
      skills,
    },
    ...(shape % 2 === 0 ? { validUntil: '2031-02-15' } : {}),
  } as IssueRequest;
}

/** Edits after building: equal strings where jsonld merges or drops, arrays, a proof, another context. */
function edit(r: Random, d: Json): Json {
  const subject = d.credentialSubject;
  const choice = r.int(12);
  if (choice === 0) subject.name = [subject.name, r.chance(0.5) ? subject.name : awkward(r)];
  if (choice === 1) subject.achievement.id = d.id; // one node under two roles: jsonld merges them
  if (choice === 2 && Array.isArray(d.credentialStatus)) d.credentialStatus[1].statusListCredential = d.credentialStatus[0].statusListCredential;
  if (choice === 3 && subject.achievement.alignment?.length > 1) subject.achievement.alignment[1].targetName = subject.achievement.alignment[0].targetName;
  if (choice === 4) subject.achievement.criteria.narrative = subject.name;
  if (choice === 5) {
    d.proof = {
      type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-03-01T10:00:00Z',
      verificationMethod: `${d.issuer.id}#key-${r.int(5)}`, proofPurpose: 'assertionMethod', proofValue: `z${r.int(1e9)}`,
    };
  }
  if (choice === 6) d.name = { '@value': awkward(r), '@language': r.pick(['km', 'en', 'ar']), ...(r.chance(0.5) ? { '@direction': r.pick(['ltr', 'rtl']) } : {}) };
  if (choice === 7) d.type = ['VerifiableCredential', 'OpenBadgeCredential', ...(r.chance(0.5) ? ['VerifiableCredential'] : [])];
  if (choice === 8) d.issuer.id = r.pick(['did:example:other', `https://issuer.example/${r.int(3)}`, d.id]);
  if (choice === 9) subject.identifier?.forEach((i: Json) => (i.salt = r.chance(0.5) ? subject.identifier[0].salt : awkward(r)));
  if (choice === 10) d.description = r.chance(0.5) ? d.name : awkward(r);
  return d;
}

/** A document under the examples context (@vocab), with keys of its own. */
function vocabDocument(r: Random, shape: number): Json {
  const value = () => (r.chance(0.5) ? awkward(r) : `v${r.int(1000)}`);
  return {
    '@context': [VC_V2_CONTEXT, EXAMPLES_V2_CONTEXT],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'ExampleCredential'],
    issuer: r.pick(['did:example:issuer', 'https://issuer.example']),
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      ...(shape % 2 ? { id: `did:example:${r.int(1e6)}` } : {}),
      favouriteColour: value(),
      nested: { deeper: Array.from({ length: (shape % 3) + 1 }, value), homepage: { id: `https://home.example/${r.int(9)}` } },
      tags: Array.from({ length: shape % 4 }, value),
    },
  };
}

async function settle(run: () => Promise<string>): Promise<{ ok: true; value: string } | { ok: false }> {
  try {
    return { ok: true, value: await run() };
  } catch {
    return { ok: false };
  }
}

describe('the shape cache gives jsonld.canonize\'s N-Quads byte for byte', () => {
  it('for 1,200 generated credentials of repeating shapes with awkward strings', { timeout: 120_000 }, async () => {
    // Caches large enough for every shape drawn here: this test is about what a cached shape gives.
    const canonizer = createRdfcCanonizer(staticDocumentLoader, { shapeCache: { shapes: 1000, variantsPerShape: 1000 } });
    const r = random(20260301);
    let compared = 0;
    let refused = 0;
    for (let n = 0; n < 1200; n++) {
      const shape = r.int(10);
      let document: Json;
      if (n % 6 === 5) {
        document = vocabDocument(r, shape);
      } else {
        const id = `http://localhost:8787/credentials/C${r.int(1e9)}`;
        const statusUrl = (list: string) => `http://localhost:8787/status/${list}`;
        const lists = [`R${r.int(3)}`, `S${r.int(3)}`];
        document = await buildCredential({
          request: request(r, shape),
          institute: institute(r),
          credentialUrl: id,
          achievementUrl: r.chance(0.2) ? id : `http://localhost:8787/achievements/test/${encodeURIComponent(awkward(r))}`,
          validFrom: '2026-02-15T00:00:00Z',
          credentialStatus: r.chance(0.9)
            ? lists.map((list, i) => ({
                id: `${statusUrl(list)}#${r.int(131072)}`, type: 'BitstringStatusListEntry', statusPurpose: i ? 'suspension' : 'revocation',
                statusListIndex: String(r.int(131072)), statusListCredential: statusUrl(list),
              }))
            : [],
          crypto: nodeCryptoProvider,
        });
        if (r.chance(0.25)) document = edit(r, document);
      }
      const expected = await settle(() => canonizeWithJsonld(document));
      const actual = await settle(() => canonizer.canonize(document));
      expect(actual.ok, `document ${n}: ${JSON.stringify(document)}`).toBe(expected.ok);
      if (expected.ok && actual.ok) {
        expect(actual.value, `document ${n}: ${JSON.stringify(document)}`).toBe(expected.value);
        compared++;
      } else {
        refused++;
      }
    }
    const { shapeHits } = canonizer.stats();
    // Most documents must have come through the cache, or this test proves nothing about it.
    expect(shapeHits).toBeGreaterThan(600);
    expect(compared + refused).toBe(1200);
    expect(compared).toBeGreaterThan(1000);
  });

  it('for the same shape with every string position awkward in turn', { timeout: 60_000 }, async () => {
    const canonizer = createRdfcCanonizer(staticDocumentLoader);
    const r = random(7);
    const base = await buildCredential({
      request: request(r, 0), institute: institute(r), credentialUrl: 'http://localhost:8787/credentials/base',
      achievementUrl: 'http://localhost:8787/achievements/test/ELC', validFrom: '2026-02-15T00:00:00Z', credentialStatus: [], crypto: nodeCryptoProvider,
    });
    // Paths to every string outside @context and type.
    const paths: Array<Array<string | number>> = [];
    const walk = (v: unknown, path: Array<string | number>) => {
      if (typeof v === 'string') paths.push(path);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '@context' && k !== 'type') walk(x, [...path, k]);
    };
    walk(base, []);
    expect(paths.length).toBeGreaterThan(15);
    for (const path of paths) {
      for (const value of AWKWARD) {
        const document = structuredClone(base) as Json;
        let parent: any = document;
        for (const p of path.slice(0, -1)) parent = parent[p];
        parent[path.at(-1) as string | number] = value;
        const expected = await settle(() => canonizeWithJsonld(document));
        const actual = await settle(() => canonizer.canonize(document));
        expect(actual, `${path.join('.')} = ${JSON.stringify(value)}`).toEqual(expected);
      }
    }
    expect(canonizer.stats().shapeHits).toBeGreaterThan(paths.length * AWKWARD.length * 0.5);
  });
});

describe('the shape cache refuses what jsonld refuses', () => {
  const khmerRequest = (name: string): IssueRequest => ({
    learner: { name, nameKm: 'សុខ ដារ៉ា', email: `${name}@example.com` },
    achievement: { name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី', description: 'Wiring.', criteria: 'Passed.', type: 'Certificate', code: 'ELC-L2', skills: [] },
  }) as IssueRequest;
  const build = (name: string) =>
    buildCredential({
      request: khmerRequest(name), institute: institute(random(1)), credentialUrl: `http://localhost:8787/credentials/${name}`,
      achievementUrl: 'http://localhost:8787/achievements/test/ELC-L2', validFrom: '2026-02-15T00:00:00Z', credentialStatus: [], crypto: nodeCryptoProvider,
    }) as Promise<Json>;

  it('an undefined term in a document of a cached shape is ERR_UNDEFINED_TERM', async () => {
    const canonizer = createRdfcCanonizer(staticDocumentLoader);
    for (const name of ['a', 'b', 'c']) {
      const document = await build(name);
      expect(await canonizer.canonize(document)).toBe(await canonizeWithJsonld(document));
    }
    expect(canonizer.stats().shapeHits).toBeGreaterThan(0);

    // Through the service's canonize(), whose shape cache is warmed the same way.
    for (const name of ['a', 'b', 'c']) await canonize(await build(name));
    const cases: Array<[string, (d: Json) => void, string]> = [
      ['an undefined property', (d) => (d.credentialSubject.grade = 'A'), 'grade'],
      ['an undefined property where a string was', (d) => (d.credentialSubject.achievement.criteria = { narrative: 'x', nrrative: 'typo' }), 'nrrative'],
      ['an undefined type', (d) => (d.credentialSubject.type = ['AchievementSubject', 'MadeUpSubject']), 'MadeUpSubject'],
      ['an undefined type in place of a defined one', (d) => (d.credentialSubject.achievement.related[0].type = ['Relatd']), 'Relatd'],
    ];
    for (const [what, mutate, term] of cases) {
      for (let i = 0; i < 3; i++) {
        const document = await build(`d${i}`);
        mutate(document);
        await expect(canonizeWithJsonld(document), what).rejects.toBeTruthy();
        await expect(canonizer.canonize(document), what).rejects.toBeTruthy();
        const error = await canonize(document).then(() => null, (e: unknown) => e);
        expect(error, what).toBeInstanceOf(JsonLdError);
        expect((error as JsonLdError).code, what).toBe('ERR_UNDEFINED_TERM');
        expect((error as JsonLdError).term, what).toBe(term);
      }
    }
  });

  it('a relative IRI where a cached shape had an absolute one is refused', async () => {
    for (const name of ['a', 'b', 'c']) await canonize(await build(name));
    const document = await build('d');
    document.id = 'relative/credential';
    const error = await canonize(document).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(JsonLdError);
    expect((error as JsonLdError).code).toBe('ERR_INVALID_JSONLD');
  });

  it('an inline context that redefines a term gives a different shape, not the cached form', async () => {
    const canonizer = createRdfcCanonizer(staticDocumentLoader);
    for (const name of ['a', 'b', 'c']) await canonizer.canonize(await build(name));
    const document = await build('d');
    document['@context'] = [VC_V2_CONTEXT, OB_V3_CONTEXT, { ...KHMER_TERMS_CONTEXT, nameKm: { '@id': 'https://example.org/other#nameKm' } }];
    document.credentialSubject.nameKm = 'សុខ ដារ៉ា';
    const nquads = await canonizer.canonize(document);
    expect(nquads).toBe(await canonizeWithJsonld(document));
    expect(nquads).toContain('<https://example.org/other#nameKm>');
  });
});

describe('the shape cache and large documents', () => {
  it('a document with more strings than a credential ever has takes the full path, whatever its repeats (its learning cost stays bounded)', async () => {
    const canonizer = createRdfcCanonizer(staticDocumentLoader);
    const big = (n: number) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'did:example:subject', name: Array.from({ length: n }, (_, i) => `name ${i}`) },
    });
    for (let i = 0; i < 3; i++) await canonizer.canonize(big(MAX_SHAPE_STRINGS + 1));
    expect(canonizer.stats()).toEqual({ shapeHits: 0, fullPaths: 3 });
    for (let i = 0; i < 3; i++) await canonizer.canonize(big(10));
    expect(canonizer.stats().shapeHits).toBeGreaterThan(0);
  });
});
