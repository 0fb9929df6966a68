import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, FIXED_NOW, makeTestApp, sampleRequest, type TestContext } from './helpers.js';
import { call, createInstitute, createKey, issueWith, type CreatedKey, type Json, type Reply } from './tenants.js';
import { createTemplate, electricalTemplate, postBatch } from './cohort-helpers.js';

/**
 * Every institute-scoped route against every kind of caller. The world: two institutes,
 * alpha (whose resources each request names) and beta (the other tenant), both created by
 * the ministry through the API, and alpha's keys, each with one shape of scopes.
 */

const SETUP_AT = new Date('2026-02-20T10:00:00Z');
/** alpha's expired key was valid until here: after setup, before the matrix runs (FIXED_NOW). */
const EXPIRES_AT = '2026-02-28T00:00:00Z';

interface World {
  ctx: TestContext;
  alpha: Json;
  beta: Json;
  keys: {
    full: CreatedKey;
    issueOnly: CreatedKey;
    revokeOnly: CreatedKey;
    adminOnly: CreatedKey;
    issueRevoke: CreatedKey;
    expired: CreatedKey;
    revoked: CreatedKey;
    beta: CreatedKey;
  };
}

async function buildWorld(): Promise<World> {
  const ctx = await makeTestApp({ clock: SETUP_AT });
  const alpha = await createInstitute(ctx, 'alpha');
  const beta = await createInstitute(ctx, 'beta');
  const all = ['issue', 'revoke', 'admin'];
  const keys = {
    full: await createKey(ctx, 'alpha', all),
    issueOnly: await createKey(ctx, 'alpha', ['issue']),
    revokeOnly: await createKey(ctx, 'alpha', ['revoke']),
    adminOnly: await createKey(ctx, 'alpha', ['admin']),
    issueRevoke: await createKey(ctx, 'alpha', ['issue', 'revoke']),
    expired: await createKey(ctx, 'alpha', all, { expiresAt: EXPIRES_AT }),
    revoked: await createKey(ctx, 'alpha', all),
    beta: await createKey(ctx, 'beta', all),
  };
  // Both keys that will be refused worked before they expired or were revoked.
  expect((await call(ctx, 'GET', '/api/v1/institutes/alpha', { token: keys.expired.key })).status).toBe(200);
  expect((await call(ctx, 'GET', '/api/v1/institutes/alpha', { token: keys.revoked.key })).status).toBe(200);
  expect((await call(ctx, 'DELETE', `/api/v1/institutes/alpha/api-keys/${keys.revoked.id}`)).status).toBe(200);
  ctx.clock.now = FIXED_NOW;
  return { ctx, alpha, beta, keys };
}

const PRINCIPALS = [
  'no key',
  "another institute's key",
  'a key without the needed scope',
  'an expired key',
  'a revoked key',
  'the right key',
] as const;
type Principal = (typeof PRINCIPALS)[number];

type Scope = 'issue' | 'revoke' | 'admin' | null;

interface Route {
  name: string;
  /** The scope the route needs; null: any key of the institute may call it. */
  scope: Scope;
  /** The expected status for each principal, in PRINCIPALS order. */
  expected: readonly [number, number, number, number, number, number];
  /** Builds the request, creating what it acts on first (fresh, so cells do not interact). */
  request(w: World): Promise<{ method: string; path: string; body?: unknown }>;
  /** Audit entries an accepted request adds (a change: 1 unless said; a read: none). */
  audited?: number;
  /** Further checks on an answer the route accepted. */
  accepted?(w: World, reply: Reply, principal: Principal): Promise<void> | void;
}

const freshCredential = async (w: World) => issueWith(w.ctx, w.keys.full.key);
let codes = 0;
/** A template code no other cell uses. */
const nextCode = () => `AUTHZ-${++codes}`;
const V2 = 'https://www.w3.org/ns/credentials/v2';

const ROUTES: Route[] = [
  {
    name: 'POST /api/v1/credentials (issue, naming ?institute=alpha)',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 201],
    request: async () => ({ method: 'POST', path: '/api/v1/credentials?institute=alpha', body: sampleRequest() }),
    accepted: (w, reply) => expect(reply.body.credential.issuer.id).toBe(w.alpha.did),
  },
  {
    name: 'GET /api/v1/credentials/:id',
    scope: null,
    expected: [401, 404, 200, 401, 401, 200],
    request: async (w) => ({ method: 'GET', path: `/api/v1/credentials/${(await freshCredential(w)).id}` }),
    accepted: (_w, reply) => expect(reply.body.status).toBe('active'),
  },
  {
    name: 'POST /api/v1/credentials/:id/revoke',
    scope: 'revoke',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => ({ method: 'POST', path: `/api/v1/credentials/${(await freshCredential(w)).id}/revoke`, body: { reason: 'issued by mistake' } }),
    accepted: (_w, reply) => expect(reply.body.status).toBe('revoked'),
  },
  {
    name: 'POST /api/v1/credentials/:id/suspend',
    scope: 'revoke',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => ({ method: 'POST', path: `/api/v1/credentials/${(await freshCredential(w)).id}/suspend`, body: { reason: 'complaint' } }),
    accepted: (_w, reply) => expect(reply.body.status).toBe('suspended'),
  },
  {
    name: 'POST /api/v1/credentials/:id/reinstate',
    scope: 'revoke',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      const { id } = await freshCredential(w);
      const suspended = await call(w.ctx, 'POST', `/api/v1/credentials/${id}/suspend`, { token: w.keys.full.key, body: { reason: 'complaint' } });
      expect(suspended.status).toBe(200);
      return { method: 'POST', path: `/api/v1/credentials/${id}/reinstate`, body: {} };
    },
    accepted: (_w, reply) => expect(reply.body.status).toBe('active'),
  },
  {
    name: 'GET /api/v1/institutes/:slug/api-keys',
    scope: 'admin',
    expected: [401, 404, 403, 401, 401, 200],
    request: async () => ({ method: 'GET', path: '/api/v1/institutes/alpha/api-keys' }),
    accepted: (w, reply) => {
      const listed = reply.body.apiKeys as Json[];
      expect(listed.map((k) => k.id)).toEqual(expect.arrayContaining(Object.values(w.keys).filter((k) => k !== w.keys.beta).map((k) => k.id)));
      expect(listed.map((k) => k.id)).not.toContain(w.keys.beta.id);
      for (const k of listed) expect(Object.keys(k)).not.toEqual(expect.arrayContaining(['key']));
      expect(JSON.stringify(listed)).not.toMatch(/tokenHash|sk_/);
    },
  },
  {
    name: 'POST /api/v1/institutes/:slug/api-keys',
    scope: 'admin',
    expected: [401, 404, 403, 401, 401, 201],
    request: async () => ({ method: 'POST', path: '/api/v1/institutes/alpha/api-keys', body: { label: 'new key', scopes: ['issue'] } }),
    accepted: (_w, reply) => expect(reply.body.key).toMatch(/^sk_/),
  },
  {
    name: 'DELETE /api/v1/institutes/:slug/api-keys/:id',
    scope: 'admin',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      const doomed = await createKey(w.ctx, 'alpha', ['issue'], { label: 'to revoke' });
      return { method: 'DELETE', path: `/api/v1/institutes/alpha/api-keys/${doomed.id}` };
    },
    accepted: (_w, reply) => expect(reply.body.revokedAt).toBe('2026-03-01T10:00:00Z'),
  },
  {
    name: 'POST /api/v1/institutes/:slug/keys/rotate',
    scope: 'admin',
    expected: [401, 404, 403, 401, 401, 201],
    request: async () => ({ method: 'POST', path: '/api/v1/institutes/alpha/keys/rotate' }),
    accepted: (_w, reply) => expect((reply.body.keys as Json[])[0]!.id).toBe(reply.body.activeKey),
  },
  {
    name: 'POST /api/v1/institutes/:slug/keys/compromised',
    scope: 'admin',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      const rotated = await call(w.ctx, 'POST', '/api/v1/institutes/alpha/keys/rotate');
      expect(rotated.status).toBe(201);
      const retired = (rotated.body.keys as Json[]).find((k) => k.id !== rotated.body.activeKey)!;
      return { method: 'POST', path: '/api/v1/institutes/alpha/keys/compromised', body: { keyId: retired.id, since: '2026-02-25T00:00:00Z' } };
    },
    accepted: (_w, reply) => expect((reply.body.keys as Json[]).some((k) => k.compromisedAt === '2026-02-25T00:00:00Z')).toBe(true),
  },
  {
    name: 'GET /api/v1/institutes/:slug',
    scope: null,
    expected: [401, 404, 200, 401, 401, 200],
    request: async () => ({ method: 'GET', path: '/api/v1/institutes/alpha' }),
    accepted: (w, reply) => expect(reply.body.did).toBe(w.alpha.did),
  },
  {
    name: 'GET /api/v1/audit',
    scope: 'admin',
    // Another institute's key is not refused: it sees its own ledger, never alpha's entries.
    expected: [401, 200, 403, 401, 401, 200],
    request: async () => ({ method: 'GET', path: '/api/v1/audit?limit=500' }),
    accepted: async (w, reply, principal) => {
      const own = principal === 'the right key' ? w.alpha : w.beta;
      const ids = await instituteIds(w);
      const entries = reply.body.entries as Json[];
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.instituteId === ids[own.slug])).toBe(true);
    },
  },
  {
    name: 'POST /credentials/issue (VC API)',
    scope: 'issue',
    // Another institute's issuer is answered like an issuer the service does not host (422).
    expected: [401, 422, 403, 401, 401, 201],
    request: async (w) => ({
      method: 'POST',
      path: '/credentials/issue',
      body: { credential: { '@context': [V2], type: ['VerifiableCredential'], issuer: w.alpha.did, credentialSubject: { id: 'did:example:learner', name: 'Chan Sophea' } } },
    }),
    accepted: (w, reply) => expect(reply.body.verifiableCredential.issuer).toBe(w.alpha.did),
  },
  {
    name: 'POST /credentials/status (VC API)',
    scope: 'revoke',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      const issued = await freshCredential(w);
      return {
        method: 'POST',
        path: '/credentials/status',
        body: { credentialId: issued.credential.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }] },
      };
    },
    accepted: (_w, reply) => expect(reply.body.status).toBe('revoked'),
  },
  {
    name: 'POST /api/v1/templates (naming ?institute=alpha)',
    scope: 'admin',
    expected: [401, 404, 403, 401, 401, 201],
    request: async () => ({ method: 'POST', path: '/api/v1/templates?institute=alpha', body: electricalTemplate({ code: nextCode() }) }),
    accepted: (_w, reply) => expect(reply.body.version).toBe(1),
  },
  {
    name: 'GET /api/v1/templates/:code',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      const code = nextCode();
      await createTemplate(w.ctx, electricalTemplate({ code }), w.keys.full.key);
      return { method: 'GET', path: `/api/v1/templates/${code}?institute=alpha` };
    },
    accepted: (_w, reply) => expect(reply.body.code).toMatch(/^AUTHZ-/),
  },
  {
    name: 'GET /api/v1/batches/:id',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      const code = nextCode();
      await createTemplate(w.ctx, electricalTemplate({ code }), w.keys.full.key);
      const batch = await postBatch(w.ctx, `Student ID,Name,Template Code,Completion Date\nB${code},Sok Dara,${code},2026-02-15\n`, '', { token: w.keys.full.key });
      expect(batch.status).toBe(201);
      return { method: 'GET', path: `/api/v1/batches/${batch.body.id}` };
    },
    accepted: (_w, reply) => expect(reply.body.counts.issued).toBe(1),
  },
  {
    name: 'POST /api/v1/batches (a JSON array, naming ?institute=alpha)',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 201],
    // The batch job, and the one credential it issues.
    audited: 2,
    request: async (w) => {
      const code = nextCode();
      await createTemplate(w.ctx, electricalTemplate({ code }), w.keys.full.key);
      return { method: 'POST', path: '/api/v1/batches?institute=alpha', body: [{ 'student id': `B${code}`, name: 'Sok Dara', template: code, 'completion date': '2026-02-15' }] };
    },
    accepted: (w, reply) => expect(reply.body.counts).toMatchObject({ total: 1, issued: 1 }),
  },
  {
    name: 'GET /api/v1/batches (naming ?institute=alpha)',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => {
      await freshBatch(w);
      return { method: 'GET', path: '/api/v1/batches?institute=alpha&limit=100' };
    },
    accepted: async (w, reply) => {
      const listed = reply.body.batches as Json[];
      expect(listed.length).toBeGreaterThan(0);
      const own = new Set((await w.ctx.store.recentBatches((await instituteIds(w)).alpha!, 1000)).map((b) => b.id));
      for (const b of listed) expect(own.has(b.id as string)).toBe(true);
    },
  },
  {
    name: 'POST /api/v1/batches/:id/resume',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 200],
    audited: 0, // the batch was finished: resuming issues nothing more
    request: async (w) => ({ method: 'POST', path: `/api/v1/batches/${await freshBatch(w)}/resume` }),
    accepted: (_w, reply) => expect(reply.body).toMatchObject({ state: 'done', counts: { issued: 1, pending: 0 } }),
  },
  {
    name: 'GET /api/v1/batches/:id/results.csv',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => ({ method: 'GET', path: `/api/v1/batches/${await freshBatch(w)}/results.csv` }),
    accepted: (_w, reply) => {
      expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(reply.body).toMatch(/Sok Dara,[^,]*,[A-Za-z0-9]+,http/); // name, Khmer name, credential id, link
    },
  },
  {
    name: 'GET /api/v1/batches/:id/qr.zip',
    scope: 'issue',
    expected: [401, 404, 403, 401, 401, 200],
    request: async (w) => ({ method: 'GET', path: `/api/v1/batches/${await freshBatch(w)}/qr.zip` }),
    accepted: (_w, reply) => expect(reply.headers.get('content-type')).toBe('application/zip'),
  },
  {
    name: 'GET /api/v1/insight/issuance (naming ?institute=alpha)',
    scope: null,
    expected: [401, 404, 200, 401, 401, 200],
    request: async (w) => {
      await freshCredential(w);
      return { method: 'GET', path: '/api/v1/insight/issuance?institute=alpha&groupBy=institute' };
    },
    accepted: (_w, reply) => {
      expect(reply.body.institute).toBe('alpha');
      expect(reply.body.rows.length).toBeGreaterThan(0);
      expect((reply.body.rows as Json[]).map((r) => r.institute)).toEqual(['alpha']);
    },
  },
  {
    name: 'GET /api/v1/insight/verification (naming ?institute=alpha)',
    scope: null,
    expected: [401, 404, 200, 401, 401, 200],
    request: async () => ({ method: 'GET', path: '/api/v1/insight/verification?institute=alpha&groupBy=institute,verdict' }),
    accepted: (_w, reply) => {
      expect(reply.body.institute).toBe('alpha');
      for (const r of reply.body.rows as Json[]) expect(r.institute).toBe('alpha');
    },
  },
  {
    name: 'GET /api/v1/insight/issuance.csv',
    scope: null,
    // Another institute's key is not refused: it reads its own figures, never alpha's.
    expected: [401, 200, 200, 401, 401, 200],
    request: async (w) => {
      await freshCredential(w);
      return { method: 'GET', path: '/api/v1/insight/issuance.csv?groupBy=institute' };
    },
    accepted: (_w, reply, principal) => {
      const own = principal === "another institute's key" ? 'beta' : 'alpha';
      expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = (reply.body as string).trim().split('\r\n').slice(1);
      expect(rows.map((r) => r.split(',')[0])).toEqual(own === 'alpha' ? ['alpha'] : []);
    },
  },
];

/** A one-row batch of alpha's, issued: its id. */
async function freshBatch(w: World): Promise<string> {
  const code = nextCode();
  await createTemplate(w.ctx, electricalTemplate({ code }), w.keys.full.key);
  const batch = await postBatch(w.ctx, `Student ID,Name,Template Code,Completion Date\nB${code},Sok Dara,${code},2026-02-15\n`, '', { token: w.keys.full.key });
  expect(batch.status).toBe(201);
  return batch.body.id as string;
}

async function instituteIds(w: World): Promise<Record<string, string>> {
  const institutes = await w.ctx.store.listInstitutes();
  return Object.fromEntries(institutes.map((i) => [i.slug, i.id]));
}

function tokenFor(w: World, route: Route, principal: Principal): string | null {
  const lacking = { issue: w.keys.revokeOnly, revoke: w.keys.issueOnly, admin: w.keys.issueRevoke };
  const needing = { issue: w.keys.issueOnly, revoke: w.keys.revokeOnly, admin: w.keys.adminOnly };
  switch (principal) {
    case 'no key':
      return null;
    case "another institute's key":
      return w.keys.beta.key;
    case 'a key without the needed scope':
      // A route that needs no scope is called with a key holding none of the others' scopes it could need.
      return (route.scope ? lacking[route.scope] : w.keys.revokeOnly).key;
    case 'an expired key':
      return w.keys.expired.key;
    case 'a revoked key':
      return w.keys.revoked.key;
    case 'the right key':
      return (route.scope ? needing[route.scope] : w.keys.issueOnly).key;
  }
}

const CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 422: 'unprocessable' };
const auditLength = async (w: World) => (await w.ctx.store.auditEntries({ limit: 1_000_000 })).length;
const isRead = (route: Route) => route.name.startsWith('GET ');

const CELLS = ROUTES.flatMap((route) => PRINCIPALS.map((principal, i) => [route.name, principal, route.expected[i] as number] as const));
const observed = new Map<string, number>();

describe(`authorization matrix: ${ROUTES.length} institute-scoped routes × ${PRINCIPALS.length} callers = ${CELLS.length} cells`, () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  });

  it.each(CELLS)('%s with %s answers %i', async (name, principal, status) => {
    const route = ROUTES.find((r) => r.name === name)!;
    const { method, path, body } = await route.request(w);
    const before = await auditLength(w);
    const reply = await call(w.ctx, method, path, { token: tokenFor(w, route, principal), body });
    observed.set(`${name} | ${principal}`, reply.status);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    if (status >= 400) {
      expect(reply.body.error.code).toBe(CODES[status]);
      expect(await auditLength(w), 'a refused request records nothing').toBe(before);
    } else {
      await route.accepted?.(w, reply, principal);
      const audited = route.audited ?? (isRead(route) ? 0 : 1);
      expect(await auditLength(w), 'an accepted change is audited, a read is not').toBe(before + audited);
    }
  });

  it(`ran all ${CELLS.length} cells, each with the expected status`, () => {
    expect(CELLS).toHaveLength(25 * 6);
    const rows = ROUTES.map((route) => [route.name, ...PRINCIPALS.map((p) => observed.get(`${route.name} | ${p}`) ?? '–')].join(' | '));
    console.log(['route | ' + PRINCIPALS.join(' | '), ...rows].join('\n'));
    expect(observed.size).toBe(CELLS.length);
    for (const [name, principal, status] of CELLS) expect(observed.get(`${name} | ${principal}`), `${name} × ${principal}`).toBe(status);
  });
});

describe('the ministry token acts for every institute', () => {
  it('reads, issues for and manages alpha when it names it', async () => {
    const w = await buildWorld();
    expect((await call(w.ctx, 'GET', '/api/v1/institutes/alpha', { token: ADMIN_TOKEN })).status).toBe(200);
    const issued = await call(w.ctx, 'POST', '/api/v1/credentials?institute=alpha', { body: sampleRequest() });
    expect(issued.status).toBe(201);
    expect(issued.body.credential.issuer.id).toBe(w.alpha.did);
    expect((await call(w.ctx, 'GET', `/api/v1/credentials/${issued.body.id}`, { token: w.keys.full.key })).status).toBe(200);
    expect((await call(w.ctx, 'GET', `/api/v1/credentials/${issued.body.id}`, { token: w.keys.beta.key })).status).toBe(404);
  });

  it('an institute key issues for its own institute when it names none, or names itself', async () => {
    const w = await buildWorld();
    for (const path of ['/api/v1/credentials', '/api/v1/credentials?institute=beta']) {
      const res = await call(w.ctx, 'POST', path, { token: w.keys.beta.key, body: sampleRequest() });
      expect(res.status).toBe(201);
      expect(res.body.credential.issuer.id).toBe(w.beta.did);
    }
  });
});

describe('the VC API opened for a conformance run (vcApiOpen)', () => {
  it('issues and changes a status without a token', async () => {
    const ctx = await makeTestApp({ deps: { vcApiOpen: true } });
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const credential = { '@context': [V2], id, type: ['VerifiableCredential'], issuer: ctx.institute.did, credentialSubject: { name: 'Chan Sophea' } };
    const revocation = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' };
    const issued = await call(ctx, 'POST', '/credentials/issue', { token: null, body: { credential, options: { credentialStatus: revocation } } });
    expect(issued.status).toBe(201);
    const status = await call(ctx, 'POST', '/credentials/status', { token: null, body: { credentialId: id, credentialStatus: [revocation] } });
    expect(status.status).toBe(200);
    expect(status.body.status).toBe('revoked');
  });
});
