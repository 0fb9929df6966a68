import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTestApp, type TestContext } from './helpers.js';
import { compatInstitute, issueAs, publicGet, type Issued } from './compat-helpers.js';
import { dccLog, dccOffline } from './dcc-offline.js';
import type { Json } from './tenants.js';

// DCC's verifier-core reads Ed25519Signature2020 (what its wallet holds) and eddsa-rdfc-2022.
const PUBLIC_URL = 'https://tvet.example.kh';

let ctx: TestContext;
let issued: Issued;
beforeAll(async () => {
  // DCC judges the status list's validity by the real clock, so this app runs on it too.
  ctx = await makeTestApp({ publicUrl: PUBLIC_URL, clock: new Date() });
  await compatInstitute(ctx, { ed25519Signature2020: true, es256Jwt: true });
  issued = await issueAs(ctx);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('DCC verifier-core 1.0.0-beta.11 verifies the compatibility proofs offline', () => {
  it('verifies the proof set [eddsa-rdfc-2022, Ed25519Signature2020], status included', async () => {
    dccOffline(ctx, PUBLIC_URL);
    const log = await dccLog(issued.credential);
    expect(log.valid_signature?.valid).toBe(true);
    // It reads the first status entry only (revocation).
    expect(log.revocation_status?.valid, JSON.stringify(log.revocation_status)).toBe(true);
  });

  it('verifies the Inji form (the Ed25519Signature2020 proof alone, as one object)', async () => {
    const inji = (await publicGet(ctx, `/credentials/${issued.id}?form=inji`)).body as Json;
    dccOffline(ctx, PUBLIC_URL);
    expect((await dccLog(inji)).valid_signature?.valid).toBe(true);
  });
});
