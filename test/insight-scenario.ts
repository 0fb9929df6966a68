import { expect } from 'vitest';

/*
 * A scripted sequence of issuances, verifications (each route, several verdicts), status
 * changes and views across institutes in different provinces, run over HTTP only, so that the
 * Node suite (SQLite, test/insight.test.ts) and the Workers suite (D1, test/workers/insight.test.ts)
 * run the same script. As it goes it keeps its own tally of what should be counted; the insight
 * API must then answer exactly that tally, whichever way it is grouped.
 */

export interface ScenarioHost {
  publicUrl: string;
  adminToken: string;
  /** Sends one request; resolves once what it counted is written (the runtime's flush). */
  send(request: Request): Promise<Response>;
  /** Today in Cambodia (YYYY-MM-DD), by the app's clock. */
  today: string;
  /** Whether the runtime draws share cards (Node does; Workers do not). */
  shareCards: boolean;
}

type Json = Record<string, any>;

interface IssuedFact {
  id: string;
  institute: string;
  province: string | null;
  programme: string;
  level: string | null;
  revoked: boolean;
  suspended: boolean;
}

interface CountFact {
  institute: string;
  province: string | null;
  programme: string;
  level: string | null;
  month: string;
  event: 'verification' | 'page-view' | 'share-card';
  verdict: string;
  channel: string;
}

export interface Scenario {
  issued: IssuedFact[];
  counted: CountFact[];
  /** alpha's institute key (issue, revoke, admin). */
  alphaKey: string;
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; form?: Record<string, string>; type?: string; raw?: string }): Promise<{ status: number; body: any; headers: Headers; text: string }>;
}

const PROGRAMMES = {
  electrical: { name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី', code: 'ELC-L2', level: 'CQF Level 2' },
  welding: { name: 'Welding', nameKm: 'ការផ្សារដែក', code: 'WLD-L1', level: 'CQF Level 1' },
  cooking: { name: 'Food and Beverage', code: 'FNB', level: null },
} as const;
type Programme = keyof typeof PROGRAMMES;

// Valid from now (the default): the Worker's default institute is accredited from its first start.
const request = (programme: Programme) => {
  const p = PROGRAMMES[programme];
  return {
    learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' },
    achievement: {
      name: p.name, ...('nameKm' in p ? { nameKm: p.nameKm } : {}), code: p.code, ...(p.level ? { level: p.level } : {}),
      description: 'Installs and tests low-voltage wiring in residential buildings.', criteria: 'Passed the practical and written assessment of all units.', type: 'Certificate',
    },
    validUntil: '2036-02-15',
  };
};

/** Runs the script on a freshly started service; returns what should be counted. */
export async function runScenario(host: ScenarioHost): Promise<Scenario> {
  const call: Scenario['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? host.adminToken : options.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers['Content-Type'] = options.type ?? 'text/plain';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await host.send(new Request(`${host.publicUrl}${path}`, { method, headers, body, redirect: 'manual' }));
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a page or a file
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  };
  const ok = (reply: { status: number; text: string }, status: number) => expect(reply.status, reply.text.slice(0, 300)).toBe(status);

  const month = host.today.slice(0, 7);
  const issued: IssuedFact[] = [];
  const counted: CountFact[] = [];
  const provinces: Record<string, string | null> = {};

  // Three institutes: the default one (no province given) and two the ministry creates.
  ok(await call('GET', '/health'), 200);
  const defaultSlug = ((await call('GET', '/api/v1/institutes')).body.institutes as Json[]).find((i) => i.isDefault)!.slug as string;
  provinces[defaultSlug] = null;
  for (const [slug, province, expected] of [['alpha', 'Siem Reap', 'KH-17'], ['beta', 'KH-2', 'KH-2']] as const) {
    const created = await call('POST', '/api/v1/institutes', {
      body: { slug, name: `${slug.toUpperCase()} Institute`, province, sector: 'public', programmes: ['Electrical Installation'], accreditedFrom: '2020-01-01' },
    });
    ok(created, 201);
    expect(created.body.province.code).toBe(expected);
    provinces[slug] = expected;
  }
  const key = await call('POST', '/api/v1/institutes/alpha/api-keys', { body: { label: 'registrar', scopes: ['issue', 'revoke', 'admin'] } });
  ok(key, 201);
  const alphaKey = key.body.key as string;

  const issue = async (institute: string, programme: Programme): Promise<{ fact: IssuedFact; body: Json }> => {
    const res = await call('POST', `/api/v1/credentials?institute=${institute}`, { body: request(programme) });
    ok(res, 201);
    const p = PROGRAMMES[programme];
    const fact = { id: res.body.id as string, institute, province: provinces[institute] ?? null, programme: p.name, level: p.level, revoked: false, suspended: false };
    issued.push(fact);
    return { fact, body: res.body as Json };
  };
  const count = (fact: IssuedFact, event: CountFact['event'], verdict = '', channel = '') =>
    counted.push({ institute: fact.institute, province: fact.province, programme: fact.programme, level: fact.level, month, event, verdict, channel });

  const a1 = await issue('alpha', 'electrical');
  const a2 = await issue('alpha', 'electrical');
  const a3 = await issue('alpha', 'welding');
  const b1 = await issue('beta', 'welding');
  const b2 = await issue('beta', 'cooking');
  const d1 = await issue(defaultSlug, 'electrical');

  // Every route, valid credentials.
  const api = async (fact: IssuedFact, body: unknown, verdict: string) => {
    const res = await call('POST', '/api/v1/verify', { body, token: null });
    ok(res, 200);
    expect(res.body.verified).toBe(verdict === 'valid');
    count(fact, 'verification', verdict, 'api');
  };
  const qrPage = async (fact: IssuedFact, verdict: string) => {
    ok(await call('GET', `/v/${fact.id}`, { token: null }), 200);
    count(fact, 'verification', verdict, 'qr-page');
  };
  const vcApi = async (fact: IssuedFact, credential: unknown, verdict: string) => {
    const res = await call('POST', '/credentials/verify', { body: { verifiableCredential: credential }, token: null });
    ok(res, verdict === 'valid' ? 200 : 400);
    count(fact, 'verification', verdict, 'vc-api');
  };
  const verifyPage = async (fact: IssuedFact, text: string, verdict: string) => {
    ok(await call('POST', '/verify', { form: { text }, token: null }), 200);
    count(fact, 'verification', verdict, 'verify-page');
  };

  await api(a1.fact, { text: `${host.publicUrl}/v/${a1.fact.id}` }, 'valid'); // a scanned link
  await api(a1.fact, { credential: a1.body.credential }, 'valid');
  await api(a1.fact, { jwt: a1.body.jwt }, 'valid');
  await qrPage(a1.fact, 'valid');
  await qrPage(a1.fact, 'valid');
  await vcApi(a1.fact, a1.body.credential, 'valid');
  await verifyPage(a1.fact, a1.body.jwt as string, 'valid');
  await qrPage(a3.fact, 'valid');
  await api(b1.fact, { jwt: b1.body.jwt }, 'valid');
  await vcApi(b2.fact, b2.body.credential, 'valid');
  await qrPage(d1.fact, 'valid');
  // A link pasted on the verify page opens the QR page: counted once, there.
  const pasted = await call('POST', '/verify', { form: { text: `${host.publicUrl}/v/${d1.fact.id}` }, token: null });
  ok(pasted, 303);
  await qrPage(d1.fact, 'valid');

  // Altered: the signature no longer matches (counted against the credential it names).
  const altered = { ...a2.body.credential, name: 'Master Electrician' };
  await api(a2.fact, { credential: altered }, 'tampered');
  await vcApi(a2.fact, altered, 'tampered');
  await verifyPage(a2.fact, JSON.stringify(altered), 'tampered');

  // Revoked and suspended.
  ok(await call('POST', `/api/v1/credentials/${b1.fact.id}/revoke`, { body: { reason: 'issued by mistake' } }), 200);
  b1.fact.revoked = true;
  await api(b1.fact, { jwt: b1.body.jwt }, 'revoked');
  await qrPage(b1.fact, 'revoked');
  await vcApi(b1.fact, b1.body.credential, 'revoked');
  ok(await call('POST', `/api/v1/credentials/${a3.fact.id}/suspend`, { body: { reason: 'complaint' }, token: alphaKey }), 200);
  a3.fact.suspended = true;
  await qrPage(a3.fact, 'suspended');
  await verifyPage(a3.fact, a3.body.jwt as string, 'suspended');

  // What is not ours, or not a credential, counts nothing.
  ok(await call('GET', '/v/AAAAAAAAAAAAAAAAAAAAAA', { token: null }), 404);
  ok(await call('POST', '/api/v1/verify', { body: { text: `${host.publicUrl}/v/AAAAAAAAAAAAAAAAAAAAAA` }, token: null }), 200);
  ok(await call('POST', '/api/v1/verify', { body: { text: 'hello' }, token: null }), 400);

  // The learner's page and its share card.
  for (const fact of [a1.fact, a1.fact, b2.fact]) {
    const page = await call('GET', `/c/${fact.id}`, { token: null });
    ok(page, 200);
    count(fact, 'page-view');
  }
  if (host.shareCards) {
    ok(await call('GET', `/c/${a1.fact.id}/card.png`, { token: null }), 200);
    count(a1.fact, 'share-card');
    // A revoked certificate gets no card, and none is counted.
    ok(await call('GET', `/c/${b1.fact.id}/card.png`, { token: null }), 404);
  }
  return { issued, counted, alphaKey, call };
}

type Key = 'month' | 'institute' | 'province' | 'programme' | 'level' | 'verdict' | 'channel';

const keyOf = (row: Json, keys: readonly Key[]) => JSON.stringify(keys.map((k) => row[k] ?? null));

/** The tally of the script, grouped as the API groups. */
function expectedVerifications(s: Scenario, keys: readonly Key[], institute?: string) {
  const byVerdict = keys.includes('verdict') || keys.includes('channel');
  const totals = new Map<string, { verifications: number; pageViews: number; shareCards: number }>();
  for (const f of s.counted) {
    if (institute && f.institute !== institute) continue;
    if (byVerdict && f.event !== 'verification') continue;
    const k = keyOf(f, keys);
    const t = totals.get(k) ?? { verifications: 0, pageViews: 0, shareCards: 0 };
    if (f.event === 'verification') t.verifications++;
    else if (f.event === 'page-view') t.pageViews++;
    else t.shareCards++;
    totals.set(k, t);
  }
  return [...totals].map(([k, t]) => [k, byVerdict ? { verifications: t.verifications } : t] as const).sort(([a], [b]) => a.localeCompare(b));
}

function expectedIssuance(s: Scenario, keys: readonly Key[], month: string, institute?: string) {
  const totals = new Map<string, { issued: number; revoked: number; suspended: number }>();
  for (const f of s.issued) {
    if (institute && f.institute !== institute) continue;
    const k = keyOf({ ...f, month }, keys);
    const t = totals.get(k) ?? { issued: 0, revoked: 0, suspended: 0 };
    t.issued++;
    if (f.revoked) t.revoked++;
    else if (f.suspended) t.suspended++;
    totals.set(k, t);
  }
  return [...totals].sort(([a], [b]) => a.localeCompare(b));
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const measuresOf = (row: Json, names: readonly string[]) => Object.fromEntries(names.filter((n) => n in row).map((n) => [n, row[n]]));

/** Every grouping the API offers (alone and in pairs) answers exactly the script's tally. */
export async function expectInsightMatches(s: Scenario, today: string, options: { token?: string; institute?: string } = {}): Promise<void> {
  const month = today.slice(0, 7);
  const groupings: Key[][] = [[], ['month'], ['institute'], ['province'], ['programme'], ['level'], ['verdict'], ['channel'],
    ['institute', 'verdict'], ['province', 'channel'], ['programme', 'level'], ['month', 'verdict'], ['institute', 'programme', 'level', 'verdict', 'channel']];
  for (const keys of groupings) {
    // A day either side: a run that crosses midnight in Cambodia still reads all it counted.
    const query = `from=${shiftDay(today, -1)}&to=${shiftDay(today, 1)}${keys.length ? `&groupBy=${keys.join(',')}` : ''}`;
    const v = await s.call('GET', `/api/v1/insight/verification?${query}`, { token: options.token });
    expect(v.status, v.text).toBe(200);
    const got = (v.body.rows as Json[]).map((r) => [keyOf(r, keys), measuresOf(r, ['verifications', 'pageViews', 'shareCards'])] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    expect(got, `verifications by ${keys.join(',') || 'nothing'}`).toEqual(expectedVerifications(s, keys, options.institute));
    if (keys.includes('verdict') || keys.includes('channel')) continue;
    const i = await s.call('GET', `/api/v1/insight/issuance?${query}`, { token: options.token });
    expect(i.status, i.text).toBe(200);
    const issued = (i.body.rows as Json[]).map((r) => [keyOf(r, keys), measuresOf(r, ['issued', 'revoked', 'suspended'])] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    expect(issued, `issuance by ${keys.join(',') || 'nothing'}`).toEqual(expectedIssuance(s, keys, month, options.institute));
  }
}
