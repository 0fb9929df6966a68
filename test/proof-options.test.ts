import { describe, expect, it } from 'vitest';
import { JsonLdError } from '../src/jsonld/canonize.js';
import { KHMER_TERMS_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from '../src/jsonld/contexts.js';
import { canonizeProofOptions, canonizeProofOptionsGeneral } from '../src/jsonld/proof-options.js';

const CONTEXTS: Array<[string, unknown[]]> = [
  ['VC v2 only', [VC_V2_CONTEXT]],
  ['VC v2 and Open Badges', [VC_V2_CONTEXT, OB_V3_CONTEXT]],
  ['VC v2, Open Badges and the Khmer terms', [VC_V2_CONTEXT, OB_V3_CONTEXT, KHMER_TERMS_CONTEXT]],
];
const CREATED = [
  '2026-03-01T10:00:00Z',
  '2026-03-01T10:00:00.123Z',
  '2026-03-01T10:00:00.5+07:00',
  '2026-03-01T17:00:00+07:00',
  '2026-03-01T05:00:00-05:00',
  '2026-03-01T10:00:00',
];
const METHODS = [
  'did:web:localhost%3A8787#oe9gSWVPn6BMRSEtRZ6iOr5KAeDSt1JHZbd7bIbNO3k',
  'did:web:example.org:tvet:issuer#key-1',
  'did:key:z6MkkhQ9yFY1pE8S2oE7ome69TwPthyrikvMfP9nWk7hFdpA#z6MkkhQ9yFY1pE8S2oE7ome69TwPthyrikvMfP9nWk7hFdpA',
];
const PURPOSES = ['assertionMethod', 'authentication'];

const options = (created: string, verificationMethod: string, proofPurpose: string) => ({
  type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created, verificationMethod, proofPurpose,
});

const cases = CONTEXTS.flatMap(([contextName, context]) => CREATED.map((created) => [contextName, created, context] as const));

describe('the proof options fast path produces exactly the general RDFC-1.0 canonical form', () => {
  it.each(cases)('agrees under %s for created %s, for every purpose and did:web or did:key method', async (_name, created, context) => {
    for (const vm of METHODS) {
      for (const purpose of PURPOSES) {
        const proofOptions = options(created, vm, purpose);
        const fast = await canonizeProofOptions(proofOptions, context);
        expect(fast, `${purpose} ${vm}`).toBe(await canonizeProofOptionsGeneral(proofOptions, context));
        expect(fast.split('\n').filter(Boolean)).toHaveLength(5);
      }
    }
  });

  it('agrees whatever the key order of the options', async () => {
    const context = [VC_V2_CONTEXT, OB_V3_CONTEXT];
    const o = options(CREATED[0] as string, METHODS[0] as string, 'assertionMethod');
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    expect(await canonizeProofOptions(reversed, context)).toBe(await canonizeProofOptionsGeneral(o, context));
  });
});

describe('odd proof options take the general path', () => {
  const context = [VC_V2_CONTEXT, OB_V3_CONTEXT];
  const base = options('2026-03-01T10:00:00Z', METHODS[0] as string, 'assertionMethod');

  it('an extra defined key (domain) is canonicalized, not dropped', async () => {
    const withDomain = { ...base, domain: 'https://verifier.example' };
    const nquads = await canonizeProofOptions(withDomain, context);
    expect(nquads).toBe(await canonizeProofOptionsGeneral(withDomain, context));
    expect(nquads).toContain('<https://w3id.org/security#domain>');
    expect(nquads).not.toBe(await canonizeProofOptions(base, context));
  });

  it('an extra undefined key is refused in safe mode with ERR_UNDEFINED_TERM, not ignored', async () => {
    const error = await canonizeProofOptions({ ...base, nonse: 'abc' }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonLdError);
    expect((error as JsonLdError).code).toBe('ERR_UNDEFINED_TERM');
    expect((error as JsonLdError).term).toBe('nonse');
  });

  it('a cryptosuite value that needs N-Quads escaping agrees with the general path', async () => {
    const odd = { ...base, cryptosuite: 'eddsa "rdfc" \\ 2022' };
    expect(await canonizeProofOptions(odd, context)).toBe(await canonizeProofOptionsGeneral(odd, context));
  });

  it.each([
    ['defines did as a prefix', { did: 'https://attacker.example/' }],
    ['marks did as a prefix explicitly', { did: { '@id': 'https://attacker.example/x', '@prefix': true } }],
  ])('an inline context that %s is honoured as the general path honours it', async (_case, inline) => {
    const odd = [VC_V2_CONTEXT, inline];
    const nquads = await canonizeProofOptions(base, odd);
    expect(nquads).toBe(await canonizeProofOptionsGeneral(base, odd));
    expect(nquads).toContain('<https://attacker.example/');
  });

  it('an unknown proof purpose agrees with the general path', async () => {
    const odd = { ...base, proofPurpose: 'capabilityInvocation' };
    expect(await canonizeProofOptions(odd, context)).toBe(await canonizeProofOptionsGeneral(odd, context));
  });

  it('a context that does not start with VC v2 is never given the VC v2 canonical form', async () => {
    const odd = base;
    const legacy = ['https://www.w3.org/2018/credentials/v1'];
    const result = await canonizeProofOptions(odd, legacy).then((n) => n, (e: unknown) => e);
    const general = await canonizeProofOptionsGeneral(odd, legacy).then((n) => n, (e: unknown) => e);
    expect(result).toEqual(general);
  });
});
