import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url } from '../../src/crypto/encoding.js';
import { encodeMultikey } from '../../src/crypto/multikey.js';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL, WORKER_TEST_SECRETS } from './secrets.js';

/*
 * The Worker (the bundle wrangler deploys, on a local D1) over HTTP, inside workerd: the
 * first request bootstraps the institute, its imported key, the ministry key and the admin
 * token; then issue → verify → revoke → verify, as the Node suite does in process.
 */

const url = (path: string) => `${WORKER_TEST_PUBLIC_URL}${path}`;
const authed = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` },
  body: JSON.stringify(body),
});
const post = async (path: string, body: unknown, init: RequestInit = authed(body)) => {
  const res = await SELF.fetch(url(path), init);
  return { status: res.status, body: (await res.json()) as any };
};
const verify = (body: unknown) => post('/api/v1/verify', body, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

// Issued "now": the institute is accredited from its bootstrap, so an earlier validFrom would
// (rightly) verify as "not accredited".
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const sampleRequest = () => ({
  learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា', email: 'Dara.Sok@example.com' },
  achievement: {
    name: 'Electrical Installation',
    description: 'Installs and tests low-voltage wiring in residential buildings.',
    criteria: 'Passed the practical and written assessment of all units.',
    type: 'Certificate',
    code: 'ELC-L2',
  },
  validFrom: now(),
  validUntil: '2036-02-15',
});

interface Issued {
  id: string;
  credential: Record<string, unknown> & { proof: Array<{ verificationMethod: string }> };
  jwt: string;
}
const issue = async (): Promise<Issued> => {
  const res = await post('/api/v1/credentials', sampleRequest());
  expect(res.status).toBe(201);
  return res.body as Issued;
};
const checkOf = (report: { checks: Array<{ id: string; status: string }> }, id: string) => report.checks.find((c) => c.id === id)?.status;

beforeAll(async () => {
  await emptyDatabase(env.DB);
});

describe('the Worker on D1', () => {
  it('bootstraps on its first request: the imported institute key is the one published', async () => {
    const res = await SELF.fetch(url('/health'));
    expect(await res.json()).toEqual({ status: 'ok' });
    const did = (await (await SELF.fetch(url('/.well-known/did.json'))).json()) as { id: string; verificationMethod: Array<{ publicKeyMultibase: string }> };
    const x = JSON.parse(WORKER_TEST_SECRETS.INSTITUTE_PRIVATE_JWK).x as string;
    expect(did.id).toBe('did:web:localhost%3A8787');
    expect(did.verificationMethod.map((m) => m.publicKeyMultibase)).toEqual([encodeMultikey(fromBase64url(x))]);
    const ministry = (await (await SELF.fetch(url('/ministry/did.json'))).json()) as { verificationMethod: unknown[] };
    expect(ministry.verificationMethod).toHaveLength(1);
  });

  it('serves the pages\' Khmer font and QR decoder from the bundle', async () => {
    const font = await SELF.fetch(url('/assets/noto-sans-khmer-400.woff2'));
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new TextDecoder().decode((await font.arrayBuffer()).slice(0, 4))).toBe('wOF2');
    const jsqr = await SELF.fetch(url('/assets/jsqr.js'));
    expect(jsqr.status).toBe(200);
    expect(await jsqr.text()).toContain('jsQR');
  });

  it('serves the OpenAPI description and the API reference with Scalar\'s bundle from the Worker itself', async () => {
    const doc = (await (await SELF.fetch(url('/openapi.json'))).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/credentials');
    const page = await SELF.fetch(url('/docs'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(await page.text()).toContain('/assets/scalar-api-reference.js');
    const bundle = await SELF.fetch(url('/assets/scalar-api-reference.js'));
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('createApiReference');
  });

  it('serves the site icon as SVG and as /favicon.ico, and its pages link it', async () => {
    const svg = await SELF.fetch(url('/favicon.svg'));
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await svg.text()).toMatch(/^<svg /);
    const ico = await SELF.fetch(url('/favicon.ico'));
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...bytes.slice(23, 26)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    expect(await (await SELF.fetch(url('/verify'))).text()).toContain('href="/favicon.svg"');
  });

  it('refuses to issue without the admin token', async () => {
    const res = await post('/api/v1/credentials', sampleRequest(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sampleRequest()) });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('issue → verify → revoke → verify, for both secured forms', async () => {
    const issued = await issue();
    expect(issued.credential.proof[0]!.verificationMethod.startsWith('did:web:localhost%3A8787#')).toBe(true);
    for (const body of [{ credential: issued.credential }, { jwt: issued.jwt }]) {
      const { status, body: report } = await verify(body);
      expect(status).toBe(200);
      expect(report.verified).toBe(true);
      expect(checkOf(report, 'revocation')).toBe('passed');
      expect(checkOf(report, 'accreditation')).toBe('passed');
    }
    const revoked = await post(`/api/v1/credentials/${issued.id}/revoke`, { reason: 'issued by mistake' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    for (const body of [{ credential: issued.credential }, { jwt: issued.jwt }]) {
      const { body: report } = await verify(body);
      expect(report.verified).toBe(false);
      expect(checkOf(report, 'revocation')).toBe('failed');
    }
    expect((await post(`/api/v1/credentials/${issued.id}/revoke`, { reason: 'again' })).status).toBe(409);
  });

  it('suspends and reinstates, and serves the signed status list', async () => {
    const issued = await issue();
    expect((await post(`/api/v1/credentials/${issued.id}/suspend`, { reason: 'under review' })).status).toBe(200);
    expect(checkOf((await verify({ jwt: issued.jwt })).body, 'suspension')).toBe('failed');
    expect((await post(`/api/v1/credentials/${issued.id}/reinstate`, { reason: 'cleared' })).status).toBe(200);
    expect((await verify({ jwt: issued.jwt })).body.verified).toBe(true);
    const status = issued.credential.credentialStatus as { statusListCredential: string };
    const list = await SELF.fetch(status.statusListCredential, { headers: { Accept: 'application/vc' } });
    expect(list.status).toBe(200);
    const listCredential = (await list.json()) as { type: string[] };
    expect(listCredential.type).toContain('BitstringStatusListCredential');
    expect((await verify({ credential: listCredential })).body.verified).toBe(true);
  });

  it('serves the QR code as SVG, and says honestly that PNG is not available here', async () => {
    const issued = await issue();
    const svg = await SELF.fetch(url(`/credentials/${issued.id}/qr.svg`));
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    const png = await SELF.fetch(url(`/credentials/${issued.id}/qr.png`));
    expect(png.status).toBe(404);
    expect(((await png.json()) as any).error.message).toMatch(/SVG only/);
  });

  it('bakes the credential into its badge, as SVG and as a PNG drawn without a renderer, and verifies an uploaded one', async () => {
    const issued = await issue();
    for (const [path, type] of [[`/credentials/${issued.id}/badge.svg`, 'image/svg+xml'], [`/credentials/${issued.id}/badge.png`, 'image/png']]) {
      const badge = await SELF.fetch(url(path as string));
      expect(badge.status, path).toBe(200);
      expect(badge.headers.get('content-type')).toContain(type);
      const res = await SELF.fetch(url('/api/v1/verify'), { method: 'POST', headers: { 'Content-Type': type as string }, body: await badge.arrayBuffer() });
      const report = (await res.json()) as any;
      expect(report.verified, path).toBe(true);
      expect(report.credential.learner.nameKm).toBe('សុខ ដារ៉ា');
    }
  });

  it('issues and verifies through the VC API, under the institute\'s did:key', async () => {
    const didKey = `did:key:${encodeMultikey(fromBase64url(JSON.parse(WORKER_TEST_SECRETS.INSTITUTE_PRIVATE_JWK).x as string))}`;
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
      type: ['VerifiableCredential'],
      issuer: didKey,
      validFrom: now(),
      credentialSubject: { id: 'did:example:learner', name: 'Sok Dara' },
    };
    const issued = await post('/credentials/issue', { credential, options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } } });
    expect(issued.status).toBe(201);
    expect(issued.body.verifiableCredential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const verified = await post('/credentials/verify', { verifiableCredential: issued.body.verifiableCredential });
    expect(verified.status).toBe(200);
    expect(verified.body.errors).toEqual([]);
  });

  it('publishes one institute key and accepts one admin token however many requests bootstrapped', async () => {
    await Promise.all([1, 2, 3].map(() => SELF.fetch(url('/health'))));
    const did = (await (await SELF.fetch(url('/.well-known/did.json'))).json()) as { verificationMethod: unknown[] };
    expect(did.verificationMethod).toHaveLength(1);
    const { results } = await env.DB.prepare(`SELECT COUNT(*) AS n FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL`).all<{ n: number }>();
    expect(results[0]?.n).toBe(1);
  });
});

describe('cohort issuance on D1', () => {
  it('creates a template, dry-runs and issues a CSV batch, and issues nothing on resubmission', async () => {
    const template = {
      code: 'ELC-L2', name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី',
      description: 'Installs and tests low-voltage wiring.', criteria: 'Passed all units.', validityMonths: 60,
    };
    expect((await post('/api/v1/templates', template)).status).toBe(201);
    const today = now().slice(0, 10);
    const csv = `\uFEFFStudent ID;Name;Khmer Name;Template Code;Completion Date\r\nW1;Sok Dara;សុខ ដារ៉ា;ELC-L2;${today}\r\nW2;"Chan; Sophea";;ELC-L2;${today}\r\n`;
    const send = (query = '') => post(`/api/v1/batches${query}`, null, {
      method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` }, body: csv,
    });
    const dry = await send('?dryRun=true');
    expect(dry.body.summary).toMatchObject({ rows: 2, valid: 2, toIssue: 2 });
    const issued = await send();
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.counts).toMatchObject({ total: 2, issued: 2 });
    const again = await send();
    expect(again.body.counts).toMatchObject({ issued: 0, existing: 2 });
    const credential = await SELF.fetch(url(`/credentials/${issued.body.rows[0].credentialId}`));
    expect(await credential.text()).toContain('សុខ ដារ៉ា');
  });

  it('issues a batch larger than one request\'s chunk across several requests, each row once', async () => {
    const template = { code: 'WLD-L1', name: 'Welding', description: 'Welds mild steel.', criteria: 'Passed all units.' };
    expect((await post('/api/v1/templates', template)).status).toBe(201);
    const today = now().slice(0, 10);
    const rows = Array.from({ length: 7 }, (_, i) => `C${i + 1},Learner ${i + 1},WLD-L1,${today}`).join('\n');
    const started = await post('/api/v1/batches', null, {
      method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` },
      body: `Student ID,Name,Template Code,Completion Date\n${rows}\n`,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202); // 7 rows, 2 per request
    expect(started.body.state).toBe('issuing');
    let batch = started.body;
    for (let run = 0; run < 10 && batch.state === 'issuing'; run++) {
      batch = (await post(`/api/v1/batches/${started.body.id}/resume`, {})).body;
    }
    expect(batch.state).not.toBe('issuing');
    expect(batch.counts).toMatchObject({ total: 7, issued: 7, pending: 0, failed: 0 });
    const ids = new Set(batch.rows.map((r: { credentialId: string }) => r.credentialId));
    expect(ids.size).toBe(7);
    const idList = [...ids] as string[];
    const { results } = await env.DB.prepare(
      `SELECT COUNT(DISTINCT revocation_list || ':' || revocation_index) AS n FROM credentials WHERE id IN (${idList.map(() => '?').join(',')})`,
    ).bind(...idList).all<{ n: number }>();
    expect(results[0]?.n).toBe(7);
  });
});

describe('the console on D1', () => {
  /** A browser's cookie jar over SELF.fetch. */
  const jar = new Map<string, string>();
  const browse = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await SELF.fetch(url(path), { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      if (/max-age=0/i.test(line) || i === pair.length - 1) jar.delete(pair.slice(0, i));
      else jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  const field = (html: string, name: string) => {
    const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
    return m ? m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : undefined;
  };

  it('checks a class list, issues it in chunks while its page is watched, and offers the results', async () => {
    const template = { code: 'PLB-L1', name: 'Plumbing', description: 'Installs domestic water pipes.', criteria: 'Passed all units.' };
    expect((await post('/api/v1/templates', template)).status).toBe(201);
    const login = await (await browse('/console/login')).text();
    const signIn = await browse('/console/login', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: WORKER_TEST_ADMIN_TOKEN, _csrf: field(login, '_csrf')! }),
    });
    expect(signIn.status).toBe(303);

    const upload = await (await browse('/console/batches')).text();
    const today = now().slice(0, 10);
    const csv = `Student ID,Name,Khmer Name,Template Code,Completion Date\n${Array.from({ length: 5 }, (_, i) => `P${i + 1},Learner ${i + 1},សិស្ស ${i + 1},PLB-L1,${today}`).join('\n')}\n`;
    const form = new FormData();
    form.set('_csrf', field(upload, '_csrf')!);
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'plumbing.csv');
    const checked = await browse('/console/batches/check', { method: 'POST', body: form });
    const html = await checked.text();
    expect(checked.status, html.slice(0, 500)).toBe(200);
    expect(html).toContain('5 rows: 5 ready to issue, 0 with problems.');

    const issue = new FormData();
    for (const name of ['_csrf', 'text', 'fileName', 'template', 'institute', 'uploadId']) issue.set(name, field(html, name) ?? '');
    const started = await browse('/console/batches', { method: 'POST', body: issue });
    expect(started.status).toBe(303);
    const where = new URL(started.headers.get('location')!, url('/')).pathname;
    let page = '';
    for (let refresh = 0; refresh < 20; refresh++) {
      page = await (await browse(where)).text();
      if (page.includes('id="batch-state">Finished')) break;
    }
    expect(page).toContain('id="batch-state">Finished');
    expect(page).toContain('5 of 5 rows done');
    const results = await browse(`${where}/results.csv`);
    const sheet = await results.text();
    expect(sheet.match(/,issued,/g)).toHaveLength(5);
  });
});
