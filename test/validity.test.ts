import { beforeAll, describe, expect, it } from 'vitest';
import { issue, makeTestApp, verifyBody, type IssueResponse, type TestContext } from './helpers.js';

type Check = { id: string; status: string; message: string };
const checkOf = (body: { checks: Check[] }, id: string) => body.checks.find((c) => c.id === id);

// sampleRequest() is valid from 2026-02-15T00:00:00Z until 2031-02-15T00:00:00Z.
const VALID_FROM = '2026-02-15T00:00:00Z';
const VALID_UNTIL = '2031-02-15T00:00:00Z';

describe('the validity window is checked against the verifier clock', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    // Issued on 2026-02-01, before its validFrom: checked at any time below, the proof was
    // made before the check (a proof created after the verifier's "now" fails on its own).
    ctx = await makeTestApp({ clock: new Date('2026-02-01T00:00:00Z') });
    issued = await issue(ctx);
  });

  const verifyBoth = async (now: string) => {
    ctx.clock.now = new Date(now);
    const di = await verifyBody(ctx, { credential: issued.credential });
    const jwt = await verifyBody(ctx, { jwt: issued.jwt });
    return [di.body, jwt.body] as const;
  };

  it('a credential checked before its validFrom fails validity as not yet valid, though its proof passes', async () => {
    for (const body of await verifyBoth('2026-02-14T23:59:59Z')) {
      expect(body.verified).toBe(false);
      expect(checkOf(body, 'validity')?.status).toBe('failed');
      expect(checkOf(body, 'validity')?.message).toContain(VALID_FROM);
      expect(checkOf(body, 'proof')?.status).toBe('passed');
    }
  });

  it('a credential checked after its validUntil fails validity as expired, though its proof passes', async () => {
    for (const body of await verifyBoth('2031-02-15T00:00:01Z')) {
      expect(body.verified).toBe(false);
      expect(checkOf(body, 'validity')?.status).toBe('failed');
      expect(checkOf(body, 'validity')?.message).toContain(VALID_UNTIL);
      expect(checkOf(body, 'proof')?.status).toBe('passed');
    }
  });

  it('the validity check says which way it failed by a code (not_yet_valid, expired), and the verdict reads it', async () => {
    const { verdictOf } = await import('../src/verifier/verdict.js');
    for (const [now, code, verdict] of [['2026-02-14T23:59:59Z', 'not_yet_valid', 'not-yet-valid'], ['2031-02-15T00:00:01Z', 'expired', 'expired']] as const) {
      for (const body of await verifyBoth(now)) {
        expect(checkOf(body, 'validity')).toMatchObject({ status: 'failed', code });
        // The verdict follows the code, whatever the message says.
        const reworded = { ...body, checks: body.checks.map((c: Check) => (c.id === 'validity' ? { ...c, message: 'reworded' } : c)) };
        expect(verdictOf(reworded)).toBe(verdict);
      }
    }
  });

  it('a credential is valid at the instants validFrom and validUntil themselves', async () => {
    for (const now of [VALID_FROM, VALID_UNTIL]) {
      for (const body of await verifyBoth(now)) {
        expect(checkOf(body, 'validity')?.status).toBe('passed');
        expect(body.verified).toBe(true);
      }
    }
  });

  it('the report states the verifier clock as verifiedAt', async () => {
    const [di] = await verifyBoth('2027-06-01T08:30:00Z');
    expect(di.verifiedAt).toBe('2027-06-01T08:30:00Z');
  });
});

describe('a credential issued without validFrom is valid from its issuance', () => {
  it('validFrom defaults to the issuer clock and has no validUntil', async () => {
    const ctx = await makeTestApp();
    const { validFrom: _from, validUntil: _until, ...request } = (await import('./helpers.js')).sampleRequest();
    const issued = await issue(ctx, request);
    expect(issued.credential.validFrom).toBe('2026-03-01T10:00:00Z');
    expect(issued.credential).not.toHaveProperty('validUntil');
    ctx.clock.now = new Date('2026-03-01T09:59:59Z');
    expect(checkOf((await verifyBody(ctx, { credential: issued.credential })).body, 'validity')?.status).toBe('failed');
    ctx.clock.now = new Date('2099-01-01T00:00:00Z');
    expect(checkOf((await verifyBody(ctx, { credential: issued.credential })).body, 'validity')?.status).toBe('passed');
  });
});
