import { describe, expect, it } from 'vitest';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { accreditedSpans, judgeAccreditation } from '../src/verifier/accreditation.js';
import { makeTestApp, sampleRequest } from './helpers.js';
import { checkOf, createInstitute, createKey, issueWith, verify, type Json } from './tenants.js';

/*
 * The accreditation rule (src/verifier/accreditation.ts): accredited on the completion date
 * AND when signed. The verifier, the issuer's refusal and the console all judge with it.
 */

const P = (validFrom: string, validUntil: string | null = null) => ({ validFrom: `${validFrom}T00:00:00Z`, validUntil: validUntil && `${validUntil}T00:00:00Z` });

describe('the accreditation rule', () => {
  const periods = [P('2025-01-01', '2025-07-01'), P('2026-01-01')];

  it.each([
    ['completed and signed inside a span', { completedAt: '2026-02-15T00:00:00Z', signedAt: '2026-03-01T10:00:00Z' }, true],
    ['completed in an earlier span, signed in the current one (re-accredited)', { completedAt: '2025-03-01T00:00:00Z', signedAt: '2026-03-01T10:00:00Z' }, true],
    ['completed before any accreditation (a class that finished before it began)', { completedAt: '2024-12-20T00:00:00Z', signedAt: '2026-03-01T10:00:00Z' }, false],
    ['completed in the lapse between two spans', { completedAt: '2025-09-01T00:00:00Z', signedAt: '2026-03-01T10:00:00Z' }, false],
    ['signed in the lapse, backdated into the earlier span', { completedAt: '2025-03-01T00:00:00Z', signedAt: '2025-09-01T00:00:00Z' }, false],
    ['no signing time known: the completion date alone', { completedAt: '2026-02-15T00:00:00Z' }, true],
  ])('%s: %s', (_what, dates, ok) => {
    expect(judgeAccreditation(periods, dates).ok).toBe(ok);
  });

  it('names which date failed', () => {
    expect(judgeAccreditation(periods, { completedAt: '2024-12-20T00:00:00Z', signedAt: '2026-03-01T10:00:00Z' })).toMatchObject({ ok: false, failing: 'completion' });
    expect(judgeAccreditation(periods, { completedAt: '2025-03-01T00:00:00Z', signedAt: '2025-09-01T00:00:00Z' })).toMatchObject({ ok: false, failing: 'signing' });
    expect(judgeAccreditation(periods, {})).toMatchObject({ ok: false, failing: 'no-date' });
  });

  it('merges periods that touch or overlap into one span (so "since" is when accreditation began)', () => {
    expect(accreditedSpans([P('2026-03-01'), P('2026-01-01', '2026-03-01')])).toEqual([P('2026-01-01')]);
    expect(accreditedSpans([P('2025-01-01', '2025-06-01'), P('2025-03-01', '2025-09-01'), P('2026-01-01', '2026-02-01')]))
      .toEqual([P('2025-01-01', '2025-09-01'), P('2026-01-01', '2026-02-01')]);
  });
});

describe('the verifier judges the signing time too', () => {
  it('a credential signed after the accreditation ended is not accredited, though dated inside it', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'beta', { accreditedFrom: '2026-02-01', accreditedUntil: '2026-02-20' });
    const beta = await createKey(ctx, 'beta', ['issue']);
    ctx.clock.now = new Date('2026-02-10T09:00:00Z');
    const honest = await issueWith(ctx, beta.key, { ...sampleRequest(), validFrom: '2026-02-10' });
    ctx.clock.now = new Date('2026-03-01T10:00:00Z');
    // Signed on 2026-02-25 with beta's key (outside this service's issuing, which refuses it), dated 2026-02-10.
    const did = (honest.credential.issuer as Json).id as string;
    const key = (await ctx.deps.keys.activeKey(did))!;
    const { proof: _proof, ...unsecured } = structuredClone(honest.credential) as Json;
    const late = await addDataIntegrityProof({ ...unsecured, id: 'urn:uuid:5d2f9a40-3c1e-4f7a-9b6e-0a1b2c3d4e5f' }, key, '2026-02-25T09:00:00Z', nodeCryptoProvider);

    const report = (await verify(ctx, { credential: late })).body;
    expect(checkOf(report, 'proof')?.status).toBe('passed');
    expect(checkOf(report, 'accreditation')).toMatchObject({ status: 'failed', message: expect.stringContaining('when the credential was signed (2026-02-25T09:00:00Z)') });
    expect(report.verified).toBe(false);
    expect(checkOf((await verify(ctx, { credential: honest.credential })).body, 'accreditation')?.status).toBe('passed');
  });

  it('a completion date outside every period names the spans the institute was accredited', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'gamma', { accreditedFrom: '2026-02-01' });
    const gamma = await createKey(ctx, 'gamma', ['issue']);
    const issued = await issueWith(ctx, gamma.key, { ...sampleRequest(), validFrom: '2026-01-15' });
    const check = checkOf((await verify(ctx, { credential: issued.credential })).body, 'accreditation');
    expect(check).toMatchObject({ status: 'failed', message: expect.stringMatching(/^not accredited: .* on 2026-01-15, the completion date \(accredited from 2026-02-01\)$/) });
  });
});
