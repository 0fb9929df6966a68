import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dccLog, dccOffline } from './dcc-offline.js';
import { makeTestApp, sampleRequest, type TestContext } from './helpers.js';
import { call, createInstitute, type Json } from './tenants.js';

/*
 * DCC's verifier-core, offline (test/dcc-offline.ts): its registered_issuer step reads the
 * ministry's OpenID Federation trust anchor (or the legacy registry) exactly as a foreign
 * verifier configured with our trust anchor would.
 */

// A did:web with a port: DCC's client then sends `?sub=` with %3A unencoded (the pitfall).
const PUBLIC_URL = 'https://tvet.example.kh:8443';
const TRUST_ANCHOR = { type: 'oidf', name: 'Cambodia TVET accreditation', trustAnchorEC: `${PUBLIC_URL}/.well-known/openid-federation` };
const LEGACY = { type: 'dcc-legacy', name: 'Cambodia TVET accreditation (legacy list)', url: `${PUBLIC_URL}/registry/dcc-legacy.json` };

let ctx: TestContext;
const credentials: Record<string, Json> = {};
const requested: string[] = [];

beforeAll(async () => {
  ctx = await makeTestApp({ publicUrl: PUBLIC_URL });
  await createInstitute(ctx, 'ntti');
  await createInstitute(ctx, 'shut');
  for (const slug of ['ntti', 'shut']) {
    const res = await call(ctx, 'POST', `/api/v1/credentials?institute=${slug}`, { body: sampleRequest() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    credentials[slug] = res.body.credential as Json;
  }
  // Suspended after issuing: its credentials stay genuine, but it is no longer a member.
  expect((await call(ctx, 'POST', '/api/v1/institutes/shut/suspend')).status).toBe(200);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function registeredIssuer(credential: Json, registries: Json[]) {
  dccOffline(ctx, PUBLIC_URL, requested);
  const log = await dccLog(credential, registries);
  expect(log.valid_signature?.valid).toBe(true);
  return log.registered_issuer as Json;
}

describe('DCC verifier-core 1.0.0-beta.11 reads the ministry registry as an OpenID Federation trust anchor', () => {
  it('reports registered_issuer true for an accredited institute, with its name from the subordinate statement', async () => {
    const step = await registeredIssuer(credentials.ntti!, [TRUST_ANCHOR]);
    expect(step.valid).toBe(true);
    expect(step.matchingIssuers).toHaveLength(1);
    expect(step.matchingIssuers[0].issuer.federation_entity.organization_name).toBe('NTTI Technical Institute');
    expect(step.matchingIssuers[0].registry.federation_entity.organization_name).toBe('Ministry of Labour and Vocational Training');
    expect(step.uncheckedRegistries).toEqual([]);
    // The DID went out unencoded, as DCC's client writes it, and was still matched.
    expect(requested).toContain(`${PUBLIC_URL}/federation/fetch?sub=did:web:tvet.example.kh%3A8443:issuers:ntti`);
  });

  it('reports registered_issuer false for a suspended institute, whose credential still verifies', async () => {
    const step = await registeredIssuer(credentials.shut!, [TRUST_ANCHOR]);
    expect(step.valid).toBe(false);
    expect(step.matchingIssuers).toEqual([]);
    expect(step.uncheckedRegistries).toEqual([]);
  });

  it('gives the same answers from the legacy registry form', async () => {
    expect((await registeredIssuer(credentials.ntti!, [LEGACY])).valid).toBe(true);
    expect((await registeredIssuer(credentials.shut!, [LEGACY])).valid).toBe(false);
  });
});
