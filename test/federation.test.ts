import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTestApp, routeOf, type TestContext } from './helpers.js';
import { call, createInstitute, type Json } from './tenants.js';

const PUBLIC_URL = 'http://localhost:8787';
const MINISTRY_DID = 'did:web:localhost%3A8787:ministry';
const NTTI_DID = 'did:web:localhost%3A8787:issuers:ntti';

/** The raw response of a GET, its path and query sent exactly as written (no re-encoding). */
const raw = (ctx: TestContext, pathAndQuery: string) => ctx.app.request(`${PUBLIC_URL}${routeOf(ctx, pathAndQuery)}`);

async function federation(): Promise<TestContext> {
  const ctx = await makeTestApp();
  await createInstitute(ctx, 'ntti');
  await createInstitute(ctx, 'shut');
  await createInstitute(ctx, 'later', { accreditedFrom: '2027-01-01' });
  expect((await call(ctx, 'POST', '/api/v1/institutes/shut/suspend')).status).toBe(200);
  return ctx;
}

/** The entity configuration, its signature checked against its own keys (it is self-signed). */
async function entityConfiguration(ctx: TestContext) {
  const res = await raw(ctx, '/.well-known/openid-federation');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/entity-statement+jwt');
  const jwt = await res.text();
  const unverified = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Json;
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(unverified.jwks), {
    typ: 'entity-statement+jwt', issuer: PUBLIC_URL, subject: PUBLIC_URL, currentDate: FIXED_NOW,
  });
  return { jwt, payload: payload as JWTPayload & Json, protectedHeader };
}

/** A subordinate statement from the fetch endpoint, checked against the trust anchor's keys. */
async function fetchStatement(ctx: TestContext, query: string) {
  const anchor = await entityConfiguration(ctx);
  const res = await raw(ctx, `/federation/fetch?${query}`);
  if (res.status !== 200) return { status: res.status, body: (await res.json()) as Json };
  expect(res.headers.get('content-type')).toBe('application/entity-statement+jwt');
  const { payload } = await jwtVerify(await res.text(), createLocalJWKSet(anchor.payload.jwks), {
    typ: 'entity-statement+jwt', issuer: PUBLIC_URL, currentDate: FIXED_NOW,
  });
  return { status: 200, payload: payload as JWTPayload & Json };
}

describe('GET /.well-known/openid-federation: the ministry registry as an OpenID Federation trust anchor', () => {
  it('is an entity statement the ministry signs about itself, naming the fetch and list endpoints', async () => {
    const ctx = await federation();
    const { payload, protectedHeader } = await entityConfiguration(ctx);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'entity-statement+jwt', kid: expect.stringMatching(new RegExp(`^${MINISTRY_DID}#`)) });
    expect(payload.exp! - payload.iat!).toBe(24 * 3600);
    expect(payload.metadata.federation_entity).toMatchObject({
      organization_name: 'Ministry of Labour and Vocational Training',
      federation_fetch_endpoint: `${PUBLIC_URL}/federation/fetch`,
      federation_list_endpoint: `${PUBLIC_URL}/federation/list`,
    });
    // The keys are the ministry DID's: the same key signs the registry credential.
    const did = (await call(ctx, 'GET', '/ministry/did.json', { token: null })).body as Json;
    expect(payload.jwks.keys.map((k: Json) => k.kid)).toEqual(did.verificationMethod.map((vm: Json) => vm.id));
  });
});

describe('GET /federation/fetch?sub=<DID>: a statement for each accredited institute', () => {
  it('answers for an accredited institute with its names and the keys its DID signs with', async () => {
    const ctx = await federation();
    const { status, payload } = await fetchStatement(ctx, `sub=${encodeURIComponent(NTTI_DID)}`);
    expect(status).toBe(200);
    expect(payload!.sub).toBe(NTTI_DID);
    expect(payload!.metadata).toEqual({
      federation_entity: { organization_name: 'NTTI Technical Institute', 'organization_name#km': 'វិទ្យាស្ថានបច្ចេកទេស', homepage_uri: 'https://ntti.example.edu.kh' },
      institution_additional_information: { legal_name: 'NTTI Technical Institute' },
    });
    const doc = (await call(ctx, 'GET', '/issuers/ntti/did.json', { token: null })).body as Json;
    expect(payload!.jwks.keys.map((k: Json) => k.kid)).toEqual(doc.verificationMethod.filter((vm: Json) => vm.type === 'Multikey').map((vm: Json) => vm.id));
  });

  it('names the institute\'s P-256 key too when it signs ES256 vc+jwt', async () => {
    const ctx = await federation();
    expect((await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { compatibility: { es256Jwt: true } } })).status).toBe(200);
    const { payload } = await fetchStatement(ctx, `sub=${NTTI_DID}`);
    expect(payload!.jwks.keys.map((k: Json) => k.kty)).toEqual(['OKP', 'EC']);
  });

  it('matches the DID as DCC\'s client sends it, unencoded (%3A in a did:web with a port), and as a conforming client encodes it', async () => {
    const ctx = await federation();
    for (const query of [`sub=${NTTI_DID}`, `sub=${encodeURIComponent(NTTI_DID)}`]) {
      const { status, payload } = await fetchStatement(ctx, query);
      expect(status, query).toBe(200);
      expect(payload!.sub).toBe(NTTI_DID);
    }
  });

  it('answers for the institute\'s did:key and for a DID it had before a PUBLIC_URL change', async () => {
    const ctx = await federation();
    const ntti = (await call(ctx, 'GET', '/api/v1/institutes/ntti')).body as Json;
    const didKey = ntti.didKey as string;
    expect((await fetchStatement(ctx, `sub=${didKey}`)).payload!.jwks.keys[0].kid).toBe(`${didKey}#${didKey.slice('did:key:'.length)}`);
    const old = ctx.institute.did;
    await ctx.store.moveInstituteDid({ instituteId: ctx.institute.id, from: old, to: 'did:web:certs.example.gov.kh', at: '2026-02-01T00:00:00Z', key: null });
    const aliased = await fetchStatement(ctx, `sub=${old}`);
    expect(aliased.status).toBe(200);
    expect(aliased.payload!.sub).toBe(old);
  });

  it('is 404 not_found for a suspended institute, one not accredited yet, and a DID it does not know', async () => {
    const ctx = await federation();
    for (const did of ['did:web:localhost%3A8787:issuers:shut', 'did:web:localhost%3A8787:issuers:later', 'did:web:mill.example']) {
      const res = await fetchStatement(ctx, `sub=${did}`);
      expect(res.status, did).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', error_description: expect.any(String) });
    }
  });

  it('leaves out keys reported compromised', async () => {
    const ctx = await federation();
    const keys = (await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).body as Json;
    const leaked = keys.keys[0].id as string;
    expect((await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/rotate')).status).toBe(201);
    expect((await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/compromised', { body: { keyId: leaked, since: '2026-02-01' } })).status).toBe(200);
    const { payload } = await fetchStatement(ctx, `sub=${NTTI_DID}`);
    const kids = payload!.jwks.keys.map((k: Json) => k.kid);
    expect(kids).toHaveLength(1);
    expect(kids).not.toContain(leaked);
  });

  it('refuses a request without sub, with sub twice, or with a parameter it does not know, with 400 in OpenID Federation\'s error form', async () => {
    const ctx = await federation();
    for (const [query, error] of [['', 'invalid_request'], ['sub=', 'invalid_request'], [`sub=${NTTI_DID}&sub=${NTTI_DID}`, 'invalid_request'], [`sub=${NTTI_DID}&trust_mark=x`, 'unsupported_parameter']]) {
      const res = await raw(ctx, `/federation/fetch?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as Json).error, query).toBe(error);
    }
  });
});

describe('GET /federation/list and /registry/dcc-legacy.json: the members', () => {
  it('lists every DID of the accredited institutes, and no suspended or not-yet-accredited one', async () => {
    const ctx = await federation();
    const list = (await call(ctx, 'GET', '/federation/list', { token: null })).body as string[];
    const ntti = (await call(ctx, 'GET', '/api/v1/institutes/ntti')).body as Json;
    expect(list).toEqual(expect.arrayContaining([ctx.institute.did, ctx.institute.didKey, NTTI_DID, ntti.didKey]));
    expect(list).toHaveLength(4);
    expect((await call(ctx, 'GET', '/federation/list?entity_type=openid_provider', { token: null })).body).toEqual([]);
  });

  it('gives DCC\'s legacy registry form, by DID', async () => {
    const ctx = await federation();
    const legacy = (await call(ctx, 'GET', '/registry/dcc-legacy.json', { token: null })).body as Json;
    expect(Object.keys(legacy.registry)).toHaveLength(4);
    expect(legacy.registry[NTTI_DID]).toEqual({ name: 'NTTI Technical Institute', url: 'https://ntti.example.edu.kh' });
    expect(legacy.registry['did:web:localhost%3A8787:issuers:shut']).toBeUndefined();
  });
});

describe('the statements follow the accreditation as it changes', () => {
  it('drops an institute the moment the ministry suspends it, and lists it again once re-accredited', async () => {
    const ctx = await federation();
    expect((await fetchStatement(ctx, `sub=${NTTI_DID}`)).status).toBe(200);
    await call(ctx, 'POST', '/api/v1/institutes/ntti/suspend');
    expect((await fetchStatement(ctx, `sub=${NTTI_DID}`)).status).toBe(404);
    await call(ctx, 'POST', '/api/v1/institutes/ntti/accreditations', { body: { validFrom: '2026-03-01' } });
    expect((await fetchStatement(ctx, `sub=${NTTI_DID}`)).status).toBe(200);
    expect(decodeProtectedHeader((await entityConfiguration(ctx)).jwt).typ).toBe('entity-statement+jwt');
  });
});
