import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, issue, makeTestApp, sampleRequest } from './helpers.js';
import { Browser, csrfIn, signIn } from './pages-helpers.js';
import { call, createInstitute, createKey, issueWith } from './tenants.js';

const issueForm = {
  learnerName: 'Chan Sophea', learnerNameKm: 'ចាន់ សុភា', email: '', phone: '012 345 678', nationalId: '',
  achievementName: 'Welding Level 1', achievementNameKm: '', code: 'WLD-L1', level: 'CQF Level 1', field: 'Welding', hours: '300', type: 'Certificate',
  description: 'Welds mild steel in flat and horizontal positions.', criteria: 'Passed the practical assessment.',
  skills: 'WLD-U01 | Prepare materials | រៀបចំសម្ភារៈ\nWLD-U02 | Weld flat joints', validFrom: '2026-02-20', validUntil: '',
};

describe('console sign-in', () => {
  it('sends a visitor without a session to the sign-in form', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/console/credentials');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login');
  });

  it('console pages are never cached and carry the pages\' security headers', async () => {
    const ctx = await makeTestApp();
    const browser = new Browser(ctx);
    const login = await browser.get('/console/login');
    expect(login.headers.get('cache-control')).toBe('no-store');
    await browser.post('/console/login', { key: ADMIN_TOKEN, _csrf: csrfIn(await login.text()) });
    const page = await browser.get('/console/credentials');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('opens a server-side session in an httpOnly, SameSite=Strict cookie scoped to /console', async () => {
    const ctx = await makeTestApp();
    const browser = new Browser(ctx);
    const login = await browser.get('/console/login');
    const res = await browser.post('/console/login', { key: ADMIN_TOKEN, _csrf: csrfIn(await login.text()) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sc_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    expect((await browser.get('/console/credentials')).status).toBe(200);
  });

  it('marks the cookie Secure when the service is served over https', async () => {
    const ctx = await makeTestApp({ publicUrl: 'https://certs.example.gov.kh' });
    const browser = new Browser(ctx);
    const login = await browser.get('https://certs.example.gov.kh/console/login');
    const res = await browser.post('https://certs.example.gov.kh/console/login', { key: ADMIN_TOKEN, _csrf: csrfIn(await login.text()) });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('sc_session='))).toMatch(/Secure/);
  });

  it('refuses a wrong key with a message, and a sign-in without the form’s CSRF token', async () => {
    const ctx = await makeTestApp();
    const browser = new Browser(ctx);
    const csrf = csrfIn(await (await browser.get('/console/login')).text());
    const bad = await browser.post('/console/login', { key: 'sk_wrong', _csrf: csrf });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('This key is not valid');
    const forged = await new Browser(ctx).post('/console/login', { key: ADMIN_TOKEN, _csrf: csrf });
    expect(forged.status).toBe(403);
  });

  it('signing out ends the session', async () => {
    const ctx = await makeTestApp();
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const list = await (await browser.get('/console/credentials')).text();
    const stolen = new Map(browser.cookies);
    expect((await browser.post('/console/logout', { _csrf: csrfIn(list) })).status).toBe(303);
    const replay = new Browser(ctx);
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    expect((await replay.get('/console/credentials')).status).toBe(303);
  });

  it('revoking the API key ends its sessions', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue', 'revoke']);
    const browser = await signIn(ctx, key.key);
    expect((await browser.get('/console/credentials')).status).toBe(200);
    expect((await call(ctx, 'DELETE', `/api/v1/institutes/alpha/api-keys/${key.id}`)).status).toBe(200);
    expect((await browser.get('/console/credentials')).status).toBe(303);
  });
});

describe('console credential list', () => {
  it('an institute sees only its own credentials; the ministry sees all', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const alpha = await createKey(ctx, 'alpha', ['issue', 'revoke']);
    const mine = await issueWith(ctx, alpha.key, { ...sampleRequest(), learner: { name: 'Alpha Learner' } });
    const theirs = await issue(ctx);
    const alphaHtml = await (await (await signIn(ctx, alpha.key)).get('/console/credentials')).text();
    expect(alphaHtml).toContain(`data-id="${mine.id}"`);
    expect(alphaHtml).not.toContain(`data-id="${theirs.id}"`);
    const ministry = await (await (await signIn(ctx, ADMIN_TOKEN)).get('/console/credentials')).text();
    expect(ministry).toContain(`data-id="${mine.id}"`);
    expect(ministry).toContain(`data-id="${theirs.id}"`);
  });

  it('another institute’s credential is not found in the console', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const alpha = await createKey(ctx, 'alpha', ['issue', 'revoke']);
    const theirs = await issue(ctx);
    const browser = await signIn(ctx, alpha.key);
    expect((await browser.get(`/console/credentials/${theirs.id}`)).status).toBe(404);
    expect((await browser.get(`/console/credentials/${theirs.id}/revoke`)).status).toBe(404);
  });

  it('searches by learner name', async () => {
    const ctx = await makeTestApp();
    const a = await issue(ctx);
    const b = await issue(ctx, { ...sampleRequest(), learner: { name: 'Keo Vanna' } });
    const html = await (await (await signIn(ctx, ADMIN_TOKEN)).get('/console/credentials?q=vanna')).text();
    expect(html).toContain(`data-id="${b.id}"`);
    expect(html).not.toContain(`data-id="${a.id}"`);
  });
});

describe('console issuing', () => {
  it('issues one credential from the form, validated like the API', async () => {
    const ctx = await makeTestApp();
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const form = await (await browser.get('/console/issue')).text();
    const res = await browser.post('/console/issue', { ...issueForm, institute: 'default', _csrf: csrfIn(form) });
    expect(res.status).toBe(303);
    const id = /\/console\/credentials\/([^?]+)\?done=issued/.exec(res.headers.get('location') ?? '')?.[1];
    expect(id).toBeTruthy();
    const detail = await (await browser.get(res.headers.get('location')!)).text();
    expect(detail).toContain('The credential was issued.');
    const verify = await (await ctx.app.request(`/v/${id}`)).text();
    expect(verify).toContain('data-verdict="valid"');
    expect(verify).toContain('Prepare materials');
    expect(verify).not.toContain('+85512345678');
  });

  it('shows each invalid field beside its input and keeps what was typed', async () => {
    const ctx = await makeTestApp();
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const form = await (await browser.get('/console/issue')).text();
    const res = await browser.post('/console/issue', { ...issueForm, email: 'not-an-email', skills: 'no code here', _csrf: csrfIn(form) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('must be an email address');
    expect(html).toMatch(/id="skills"[\s\S]*class="field-err">#1/);
    expect(html).toContain('value="Chan Sophea"');
    expect((await ctx.store.listCredentials({ instituteId: null, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const ctx = await makeTestApp();
    const browser = await signIn(ctx, ADMIN_TOKEN);
    expect((await browser.post('/console/issue', { ...issueForm, _csrf: 'forged' })).status).toBe(403);
    expect((await browser.post('/console/issue', issueForm)).status).toBe(403);
    expect((await ctx.store.listCredentials({ instituteId: null, limit: 10, offset: 0 })).total).toBe(0);
  });
});

describe('console status changes', () => {
  it('revoke asks for confirmation and a reason, then the verify page reads REVOKED', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const detail = await (await browser.get(`/console/credentials/${issued.id}`)).text();
    expect(detail).toContain(`href="/console/credentials/${issued.id}/revoke"`);
    const confirm = await (await browser.get(`/console/credentials/${issued.id}/revoke`)).text();
    expect(confirm).toContain('Revocation is permanent');
    const csrf = csrfIn(confirm);
    const noReason = await browser.post(`/console/credentials/${issued.id}/revoke`, { reason: '', _csrf: csrf });
    expect(noReason.status).toBe(400);
    expect(await (await ctx.app.request(`/v/${issued.id}`)).text()).toContain('data-verdict="valid"');
    const done = await browser.post(`/console/credentials/${issued.id}/revoke`, { reason: 'issued to the wrong person', _csrf: csrf });
    expect(done.status).toBe(303);
    expect(await (await browser.get(done.headers.get('location')!)).text()).toContain('The credential is revoked.');
    expect(await (await ctx.app.request(`/v/${issued.id}`)).text()).toContain('data-verdict="revoked"');
    expect((await ctx.store.credentialEvents(issued.id))[0]).toMatchObject({ action: 'revoke', reason: 'issued to the wrong person', actor: 'token:tok-admin' });
  });

  it('suspend then reinstate', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const browser = await signIn(ctx, ADMIN_TOKEN);
    const csrf = csrfIn(await (await browser.get(`/console/credentials/${issued.id}/suspend`)).text());
    expect((await browser.post(`/console/credentials/${issued.id}/suspend`, { reason: 'under review', _csrf: csrf })).status).toBe(303);
    expect(await (await ctx.app.request(`/v/${issued.id}`)).text()).toContain('data-verdict="suspended"');
    expect((await browser.post(`/console/credentials/${issued.id}/reinstate`, { reason: '', _csrf: csrf })).status).toBe(303);
    expect(await (await ctx.app.request(`/v/${issued.id}`)).text()).toContain('data-verdict="valid"');
    expect((await browser.post(`/console/credentials/${issued.id}/reinstate`, { reason: '', _csrf: csrf })).status).toBe(409);
  });

  it('a key without the revoke scope sees no actions and cannot post one', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const issuer = await createKey(ctx, 'alpha', ['issue']);
    const issued = await issueWith(ctx, issuer.key);
    const browser = await signIn(ctx, issuer.key);
    const detail = await (await browser.get(`/console/credentials/${issued.id}`)).text();
    expect(detail).not.toContain('/revoke"');
    expect((await browser.post(`/console/credentials/${issued.id}/revoke`, { reason: 'x', _csrf: csrfIn(detail) })).status).toBe(403);
    expect(await (await ctx.app.request(`/v/${issued.id}`)).text()).toContain('data-verdict="valid"');
  });

  it('a cross-site form post without the CSRF token changes nothing', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const browser = await signIn(ctx, ADMIN_TOKEN);
    expect((await browser.post(`/console/credentials/${issued.id}/revoke`, { reason: 'csrf' })).status).toBe(403);
    expect(await ctx.store.credentialEvents(issued.id)).toEqual([]);
  });
});

describe('the ministry view', () => {
  it('lists institutes with their accreditation; an institute key may not see it', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    await createInstitute(ctx, 'beta', { accreditedFrom: undefined });
    const html = await (await (await signIn(ctx, ADMIN_TOKEN)).get('/console/institutes')).text();
    expect(html).toMatch(/data-slug="alpha"[\s\S]*?accredited</);
    expect(html).toMatch(/data-slug="beta"[\s\S]*?not accredited/);
    const key = await createKey(ctx, 'alpha', ['issue', 'revoke', 'admin']);
    expect((await (await signIn(ctx, key.key)).get('/console/institutes')).status).toBe(403);
  });

  it('is in Khmer for a Khmer browser', async () => {
    const ctx = await makeTestApp();
    const html = await (await (await signIn(ctx, ADMIN_TOKEN, { 'Accept-Language': 'km' })).get('/console/institutes')).text();
    expect(html).toContain('គ្រឹះស្ថាន និងការទទួលស្គាល់');
    expect(html).toContain('ទទួលស្គាល់');
  });
});
