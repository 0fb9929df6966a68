import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../src/crypto/encoding.js';
import { jsonDepthProblem, MAX_JSON_DEPTH } from '../src/schemas/json-bounds.js';
import { ADMIN_TOKEN, makeTestApp, sampleRequest } from './helpers.js';

/** JSON text of `levels` objects nested inside each other, {"a":{"a":…}}: 5 bytes a level (built as text: JSON.stringify itself would overflow). */
const nested = (levels: number, leaf: unknown = 'x'): string => `${'{"a":'.repeat(levels)}${JSON.stringify(leaf)}${'}'.repeat(levels)}`;
/** A JSON object whose member `key` holds `value` (JSON text). */
const withMember = (base: Record<string, unknown>, key: string, value: string): string => `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}${JSON.stringify(key)}:${value}}`;

const DEEP = 10_000;
const V2 = 'https://www.w3.org/ns/credentials/v2';

describe('every JSON body is bounded in depth where it enters (10,000 levels, ~60 KB)', () => {
  const send = async (path: string, body: string, type = 'application/json', token: string | null = ADMIN_TOKEN) => {
    const ctx = await makeTestApp();
    const headers: Record<string, string> = { 'Content-Type': type };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await ctx.app.request(path, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };

  it('refuses a credentialSubject nested 10,000 levels on POST /credentials/issue with 400, not a 500', async () => {
    const ctx = await makeTestApp();
    const credential = withMember({ '@context': [V2], type: ['VerifiableCredential'], issuer: ctx.institute.didKey }, 'credentialSubject', nested(DEEP));
    const text = withMember({}, 'credential', credential);
    expect(text.length).toBeLessThan(256 * 1024);
    const { status, body } = await send('/credentials/issue', text);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`) });
  });

  it.each([
    ['/api/v1/credentials', () => withMember({ achievement: sampleRequest().achievement }, 'learner', nested(DEEP))],
    ['/credentials/verify', () => withMember({}, 'verifiableCredential', nested(DEEP))],
    ['/presentations/verify', () => withMember({}, 'verifiablePresentation', nested(DEEP))],
    // Under this route's 16 KB limit: 2,000 levels.
    ['/credentials/status', () => withMember({ credentialId: 'x' }, 'credentialStatus', nested(2_000))],
    ['/api/v1/verify', () => withMember({}, 'credential', nested(DEEP))],
    ['/api/v1/institutes', () => withMember({ slug: 'deep' }, 'name', nested(2_000))],
    ['/api/v1/templates', () => withMember({ code: 'X' }, 'name', nested(DEEP))],
    ['/api/v1/batches', () => `[${nested(DEEP)}]`],
  ])('refuses a body nested thousands of levels on POST %s with 400', async (path, body) => {
    const { status, body: answer } = await send(path, body());
    expect(status).toBe(400);
    expect(answer.error?.code).toBe('invalid_request');
  });

  it('refuses deep JSON in a raw application/vc body and inside {text} with 400', async () => {
    const deep = nested(DEEP);
    expect((await send('/api/v1/verify', deep, 'application/vc', null)).status).toBe(400);
    expect((await send('/api/v1/verify', JSON.stringify({ text: deep }), 'application/json', null)).status).toBe(400);
  });

  it('reports a JWT whose payload nests 10,000 levels as a failed format check, not a 500', async () => {
    const header = toBase64url(utf8(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'did:key:z6Mk#z6Mk' })));
    const jwt = `${header}.${toBase64url(utf8(nested(DEEP)))}.${toBase64url(new Uint8Array(64))}`;
    const { status, body } = await send('/api/v1/verify', JSON.stringify({ jwt }), 'application/json', null);
    expect(status).toBe(200);
    const report = body as unknown as { verified: boolean; checks: Array<{ id: string; status: string; message: string }> };
    expect(report.verified).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'format', status: 'failed', message: expect.stringContaining('levels') });
  });

  it(`accepts JSON nested ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1} (brackets inside strings do not count)`, () => {
    const at = (levels: number) => nested(levels, '[[[{{{');
    expect(jsonDepthProblem(at(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonDepthProblem(at(MAX_JSON_DEPTH + 1))).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(jsonDepthProblem('"\\"[[[[" ')).toBeNull();
  });

  it('still issues the ordinary request (control)', async () => {
    expect((await send('/api/v1/credentials', JSON.stringify(sampleRequest()))).status).toBe(201);
  });
});
