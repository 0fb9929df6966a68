import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, authJson, issue, makeTestApp, sampleRequest, verifyBody, type IssueResponse, type TestContext } from './helpers.js';

const proofOf = (report: { checks: Array<{ id: string; status: string }> }) => report.checks.find((c) => c.id === 'proof');

describe('issuing a credential', () => {
  it('answers 201 with a Location header naming the credential URL', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/api/v1/credentials', authJson(sampleRequest()));
    expect(res.status).toBe(201);
    const body = (await res.json()) as IssueResponse;
    expect(res.headers.get('location')).toBe(`${PUBLIC_URL}/credentials/${body.id}`);
    expect(body.credential.id).toBe(`${PUBLIC_URL}/credentials/${body.id}`);
  });

  it('returns links to the credential, its verify page, its QR codes, the learner page to send the learner and its baked badges', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    expect(issued.links).toEqual({
      self: `${PUBLIC_URL}/credentials/${issued.id}`,
      verify: `${PUBLIC_URL}/v/${issued.id}`,
      qrSvg: `${PUBLIC_URL}/credentials/${issued.id}/qr.svg`,
      qrPng: `${PUBLIC_URL}/credentials/${issued.id}/qr.png`,
      qrOfflineSvg: `${PUBLIC_URL}/credentials/${issued.id}/qr-offline.svg`,
      qrOfflinePng: `${PUBLIC_URL}/credentials/${issued.id}/qr-offline.png`,
      learnerPage: `${PUBLIC_URL}/c/${issued.id}`,
      badgePng: `${PUBLIC_URL}/credentials/${issued.id}/badge.png`,
      badgeSvg: `${PUBLIC_URL}/credentials/${issued.id}/badge.svg`,
    });
    expect((await ctx.app.request(new URL(issued.links.learnerPage).pathname)).status).toBe(200);
  });

  it('secures the credential with an eddsa-rdfc-2022 proof (a set of one, as the OB schema wants) by the institute key and a vc+jwt with the same kid', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    expect(issued.credential.proof).toHaveLength(1);
    expect((issued.credential.proof as unknown as unknown[])[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: ctx.key.id,
      created: '2026-03-01T10:00:00Z',
    });
    const header = JSON.parse(Buffer.from(issued.jwt.split('.')[0] as string, 'base64url').toString('utf8'));
    expect(header).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: ctx.key.id });
  });

  it('makes the vc+jwt payload the credential itself, without the proof', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const payload = JSON.parse(Buffer.from(issued.jwt.split('.')[1] as string, 'base64url').toString('utf8'));
    const { proof: _proof, ...unsecured } = issued.credential;
    expect(payload).toEqual(unsecured);
  });
});

describe('fetching an issued credential', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
  });

  it('serves the Data Integrity credential byte for byte as signed', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(text).toBe(JSON.stringify(issued.credential));
    expect(text).toBe((await ctx.store.getCredential(issued.id))?.diJson);
  });

  it('serves the vc+jwt when asked for application/vc+jwt', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}`, { headers: { Accept: 'application/vc+jwt' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vc+jwt');
    expect(await res.text()).toBe(issued.jwt);
  });

  it('labels the credential application/vc when asked for it', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}`, { headers: { Accept: 'application/vc' } });
    expect(res.headers.get('content-type')).toBe('application/vc');
    expect(await res.text()).toBe(JSON.stringify(issued.credential));
  });

  it('answers 404 not_found for an id it never issued', async () => {
    const res = await ctx.app.request('/credentials/1111111111111111111111');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('issue, fetch, verify', () => {
  it('the fetched Data Integrity credential verifies', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const fetched = JSON.parse(await (await ctx.app.request(`/credentials/${issued.id}`)).text());
    const { status, body } = await verifyBody(ctx, { credential: fetched });
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
    expect(body.format).toBe('data-integrity');
    const checks = body.checks as Array<{ id: string; status: string }>;
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['format', 'issuer', 'proof', 'validity']));
    expect(checks.every((c) => c.status === 'passed')).toBe(true);
  });

  it('the fetched vc+jwt verifies', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const jwt = await (await ctx.app.request(`/credentials/${issued.id}`, { headers: { Accept: 'application/vc+jwt' } })).text();
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
    expect(body.format).toBe('vc+jwt');
    expect(proofOf(body)?.status).toBe('passed');
  });

  it('the vc+jwt verifies when posted as application/vc+jwt', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const res = await ctx.app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/vc+jwt' }, body: issued.jwt });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { verified: boolean }).verified).toBe(true);
  });

  it('the verify link of the credential verifies as a local look-up', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const { body } = await verifyBody(ctx, { text: issued.links.verify });
    expect(body.verified).toBe(true);
    expect(body.credential.learner).toEqual({ name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' });
  });

  it('the verify page of the credential renders as HTML', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const res = await ctx.app.request(`/v/${issued.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Sok Dara');
  });

  it('a verify link with an id this service never issued reports found as failed', async () => {
    const ctx = await makeTestApp();
    const { status, body } = await verifyBody(ctx, { text: `${PUBLIC_URL}/v/1111111111111111111111` });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(body.checks).toEqual([expect.objectContaining({ id: 'found', status: 'failed' })]);
  });

  it('publishes the achievement the credential names at its id', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const achievement = (issued.credential.credentialSubject as { achievement: { id: string; name: string } }).achievement;
    const res = await ctx.app.request(new URL(achievement.id).pathname);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe(achievement.name);
  });
});

describe('Khmer text is stored and served byte for byte', () => {
  // Subscript consonants (coeng U+17D2), a zero-width space word break, and a Latin name in
  // decomposed form: none of it may be normalized, escaped or trimmed inside.
  const learnerKm = 'ស្រី\u200bពេជ្រ ចាន់ថា';
  const achievementKm = 'ជំនាញ​ដំឡើង​ប្រព័ន្ធ​សូឡា';
  const learnerLatin = 'Nguye\u0302\u0303n A\u0301nh';

  it('the stored, fetched and signed credential holds the names exactly as sent', async () => {
    const ctx = await makeTestApp();
    const request = sampleRequest();
    request.learner = { ...request.learner, name: learnerLatin, nameKm: learnerKm };
    request.achievement.nameKm = achievementKm;
    const issued = await issue(ctx, request);

    const record = await ctx.store.getCredential(issued.id);
    expect(record?.learnerName).toBe(learnerLatin);
    const stored = JSON.parse(record?.diJson ?? '{}');
    expect(stored.credentialSubject.identifier.at(-1)).toEqual({ type: 'IdentityObject', identityHash: learnerKm, identityType: 'name', hashed: false });
    expect(stored.credentialSubject.name).toBe(learnerLatin);
    expect(stored.credentialSubject.achievement.related[0].name).toEqual({ '@value': achievementKm, '@language': 'km' });

    const bytes = new Uint8Array(await (await ctx.app.request(`/credentials/${issued.id}`)).arrayBuffer());
    const served = Buffer.from(bytes);
    for (const text of [learnerKm, achievementKm, learnerLatin]) {
      expect(served.includes(Buffer.from(text, 'utf8'))).toBe(true);
    }
    const jwtPayload = Buffer.from(issued.jwt.split('.')[1] as string, 'base64url');
    expect(jwtPayload.includes(Buffer.from(learnerKm, 'utf8'))).toBe(true);

    const { body } = await verifyBody(ctx, { credential: issued.credential });
    expect(body.verified).toBe(true);
    expect(body.credential.learner).toEqual({ name: learnerLatin, nameKm: learnerKm });
  });
});
