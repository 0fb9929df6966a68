import { describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../src/http/page-headers.js';
import { preferredLang, formatDate } from '../src/web/i18n.js';
import { linkedInUrl } from '../src/web/learner-page.js';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, sampleRequest } from './helpers.js';

const page = async (ctx: Awaited<ReturnType<typeof makeTestApp>>, path: string, headers: Record<string, string> = {}) => {
  const res = await ctx.app.request(path, { headers });
  return { res, html: await res.text() };
};

describe('the verify page /v/:id', () => {
  it('shows VALID, the learner, the achievement with units and level, the issuer accredited by the ministry, and the checks', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const { res, html } = await page(ctx, `/v/${issued.id}`);
    expect(res.status).toBe(200);
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('VALID');
    expect(html).toContain('Sok Dara');
    expect(html).toContain('Electrical Installation');
    expect(html).toContain('Install wiring systems');
    expect(html).toContain('CQF Level 2');
    expect(html).toContain('Preah Kossomak Polytechnic Institute');
    expect(html).toContain('Accredited by Ministry of Labour and Vocational Training');
    expect(html).toContain('15 February 2026');
    expect(html).toContain('How this was checked');
    for (const check of ['proof', 'revocation', 'suspension', 'accreditation', 'validity']) expect(html).toContain(`data-check="${check}"`);
  });

  it('never shows the identifier hash, the email or the national id', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const credential = JSON.stringify(issued.credential);
    const hash = /"identityHash":"([^"]+)"/.exec(credential)?.[1];
    expect(hash).toBeTruthy();
    for (const path of [`/v/${issued.id}`, `/c/${issued.id}`]) {
      const { html } = await page(ctx, path);
      expect(html).not.toContain(hash!);
      expect(html.toLowerCase()).not.toContain('dara.sok@example.com');
      expect(html).not.toContain('012345678');
    }
  });

  it.each([
    ['revoke', 'revoked', 'REVOKED'],
    ['suspend', 'suspended', 'SUSPENDED'],
  ])('after %s it reads %s', async (action, verdict, word) => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    await ctx.app.request(`/api/v1/credentials/${issued.id}/${action}`, authJson({ reason: 'test' }));
    const { html } = await page(ctx, `/v/${issued.id}`);
    expect(html).toContain(`data-verdict="${verdict}"`);
    expect(html).toContain(word);
    expect(html).toContain('v-bad');
  });

  it('reads EXPIRED after validUntil and NOT YET VALID before validFrom', async () => {
    // Issued on 2026-01-10, before its validFrom (checked later than the proof was made).
    const ctx = await makeTestApp({ clock: new Date('2026-01-10T00:00:00Z') });
    const issued = await issue(ctx);
    ctx.clock.now = new Date('2032-01-01T00:00:00Z');
    expect((await page(ctx, `/v/${issued.id}`)).html).toContain('data-verdict="expired"');
    ctx.clock.now = new Date('2026-01-11T00:00:00Z');
    expect((await page(ctx, `/v/${issued.id}`)).html).toContain('data-verdict="not-yet-valid"');
  });

  it('is a friendly 404 for an unknown id and for a malformed one, alike', async () => {
    const ctx = await makeTestApp();
    const a = await page(ctx, '/v/1111111111111111111111');
    const b = await page(ctx, '/v/%3Cscript%3E');
    expect(a.res.status).toBe(404);
    expect(b.res.status).toBe(404);
    expect(a.res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(a.html).toContain('NOT FOUND');
    const strip = (html: string) => html.replace(/next=[^"]*/g, '');
    expect(strip(a.html)).toBe(strip(b.html));
  });

  it('carries Open Graph tags', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const { html } = await page(ctx, `/v/${issued.id}`);
    expect(html).toContain(`<meta property="og:url" content="http://localhost:8787/v/${issued.id}"/>`);
    // A forwarded verify link previews as the share card too (the QR image once revoked or suspended: test/share-card.test.ts).
    expect(html).toContain(`<meta property="og:image" content="http://localhost:8787/c/${issued.id}/card.png"/>`);
    expect(html).toMatch(/<meta property="og:title" content="[^"]*Electrical Installation/);
  });

  it('is under 50 KB on first load, fonts aside (HTML, stylesheet and script)', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const { html } = await page(ctx, `/v/${issued.id}`);
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] as string);
    let bytes = new TextEncoder().encode(html).length;
    for (const asset of assets) bytes += (await (await ctx.app.request(asset)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(50 * 1024);
  });
});

describe('every page sends strict security headers', () => {
  it.each(['/verify', '/v/1111111111111111111111', '/console/login'])('%s', async (path) => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request(path);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('pages carry no inline script or style', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    for (const path of ['/verify', `/v/${issued.id}`, `/c/${issued.id}`, '/console/login']) {
      const html = await (await ctx.app.request(path)).text();
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });
});

describe('escaping', () => {
  it('a learner named <img src=x onerror=alert(1)> is shown as text on every page', async () => {
    const ctx = await makeTestApp();
    const body = sampleRequest();
    body.learner.name = '<img src=x onerror=alert(1)>';
    const issued = await issue(ctx, body);
    for (const path of [`/v/${issued.id}`, `/c/${issued.id}`]) {
      const html = await (await ctx.app.request(path)).text();
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });
});

describe('languages', () => {
  it('Accept-Language: km gives a Khmer page with Khmer digits in dates', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const { html } = await page(ctx, `/v/${issued.id}`, { 'Accept-Language': 'km-KH,km;q=0.9,en;q=0.5' });
    expect(html).toContain('<html lang="km">');
    expect(html).toContain('ពិតប្រាកដ · ត្រឹមត្រូវ');
    expect(html).toContain('ការដំឡើងអគ្គិសនី'); // the issuer's Khmer achievement name
    expect(html).toContain('ដំឡើងប្រព័ន្ធខ្សែភ្លើង'); // a unit's Khmer name
    expect(html).toContain('Test electrical circuits'); // no Khmer given: English as fallback
    expect(html).toContain('១៥');
    expect(html).toContain('២០២៦');
  });

  it('the language switch is remembered in a cookie and wins over Accept-Language', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/lang/km?next=%2Fverify');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/verify');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/sc_lang=km/);
    const html = await (await ctx.app.request('/verify', { headers: { Cookie: 'sc_lang=km', 'Accept-Language': 'en' } })).text();
    expect(html).toContain('<html lang="km">');
    expect(html).toContain('ផ្ទៀងផ្ទាត់វិញ្ញាបនបត្រ');
  });

  it('the switch never redirects off the site', async () => {
    const ctx = await makeTestApp();
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const res = await ctx.app.request(`/lang/en?next=${encodeURIComponent(next)}`);
      expect(res.headers.get('location')).toBe('/verify');
    }
  });

  it('prefers km or en from Accept-Language by quality, English otherwise', () => {
    expect(preferredLang('km')).toBe('km');
    expect(preferredLang('en;q=0.4, km;q=0.8')).toBe('km');
    expect(preferredLang('fr, en-GB;q=0.8, km;q=0.5')).toBe('en');
    expect(preferredLang('')).toBe('en');
    expect(formatDate('2026-02-15T00:00:00Z', 'km')).toBe('១៥ កុម្ភៈ ២០២៦');
  });
});

describe('/verify: verify anything', () => {
  const form = (fields: Record<string, string | File>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return { method: 'POST', body: data };
  };

  it('renders the form with the camera scanner hidden until its script runs', async () => {
    const ctx = await makeTestApp();
    const html = await (await ctx.app.request('/verify')).text();
    expect(html).toContain('<form id="verify-form"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<section id="scan"[^>]*hidden/);
    expect(html).toContain('data-jsqr="/assets/jsqr.js"');
  });

  it('a pasted JWT shows the verdict', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const res = await ctx.app.request('/verify', form({ text: issued.jwt }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('Sok Dara');
  });

  it('an uploaded credential file shows the verdict; a tampered one reads TAMPERED', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const ok = await ctx.app.request('/verify', form({ text: '', file: new File([JSON.stringify(issued.credential)], 'c.json', { type: 'application/json' }) }));
    expect(await ok.text()).toContain('data-verdict="valid"');
    const forged = JSON.parse(JSON.stringify(issued.credential));
    forged.credentialSubject.name = 'Someone Else';
    const bad = await ctx.app.request('/verify', form({ text: JSON.stringify(forged) }));
    expect(await bad.text()).toContain('data-verdict="tampered"');
  });

  it('a scanned verify link of this service goes to its verify page', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const res = await ctx.app.request('/verify', form({ text: issued.links.verify }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/v/${issued.id}`);
  });

  it('unreadable text is a message, not an error page', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/verify', form({ text: 'hello' }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('This could not be read as a certificate.');
    const empty = await ctx.app.request('/verify', form({ text: '' }));
    expect(empty.status).toBe(400);
  });
});

describe('the learner page /c/:id', () => {
  it('shows the certificate, the QR, share, downloads, LinkedIn and print', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const { res, html } = await page(ctx, `/c/${issued.id}`);
    expect(res.status).toBe(200);
    expect(html).toContain('class="cert"');
    // The offline QR, which carries the whole credential (issue 16): this one fits.
    expect(html).toContain(`src="/credentials/${issued.id}/qr-offline.svg"`);
    expect(html).toContain(`value="http://localhost:8787/c/${issued.id}"`);
    expect(html).toContain(`href="/c/${issued.id}/credential.json"`);
    expect(html).toContain(`href="/c/${issued.id}/credential.jwt"`);
    expect(html).toContain('https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME');
    expect(html).toContain('data-print');
    expect(html).toContain('<meta property="og:title" content="Sok Dara · Electrical Installation"/>');
    expect(html).toContain('<meta property="og:description"');
    // The link preview is the designed share card (test/share-card.test.ts), not the bare QR.
    expect(html).toContain(`<meta property="og:image" content="http://localhost:8787/c/${issued.id}/card.png"/>`);
  });

  it('downloads the credential as JSON and as a JWT, as attachments', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const json = await ctx.app.request(`/c/${issued.id}/credential.json`);
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="credential-${issued.id}.json"`);
    expect(JSON.parse(await json.text())).toEqual(issued.credential);
    const jwt = await ctx.app.request(`/c/${issued.id}/credential.jwt`);
    expect(jwt.headers.get('content-type')).toBe('application/vc+jwt');
    expect(await jwt.text()).toBe(issued.jwt);
  });

  it('warns on a revoked credential', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    await ctx.app.request(`/api/v1/credentials/${issued.id}/revoke`, authJson({ reason: 'x' }, ADMIN_TOKEN));
    expect((await page(ctx, `/c/${issued.id}`)).html).toContain('This certificate is revoked.');
  });

  it('is a friendly 404 for an unknown id', async () => {
    const ctx = await makeTestApp();
    expect((await page(ctx, '/c/1111111111111111111111')).res.status).toBe(404);
  });

  it('builds LinkedIn’s add-to-profile URL with name, organization, issue and expiry month, id and URL', () => {
    const url = new URL(linkedInUrl({ name: 'Electrical Installation', organization: 'PPI', issued: '2026-02-15T00:00:00Z', expires: '2031-02-15T00:00:00Z', certUrl: 'https://x.example/v/abc', certId: 'abc' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME', name: 'Electrical Installation', organizationName: 'PPI', issueYear: '2026', issueMonth: '2',
      expirationYear: '2031', expirationMonth: '2', certUrl: 'https://x.example/v/abc', certId: 'abc',
    });
  });
});

describe('assets', () => {
  it('serves the stylesheet, the scripts, the Khmer fonts and jsQR with a long cache', async () => {
    const ctx = await makeTestApp();
    const html = await (await ctx.app.request('/verify')).text();
    const css = /href="(\/assets\/app\.[a-z0-9]+\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    for (const [path, type] of [[css!, 'text/css'], ['/assets/noto-sans-khmer-400.woff2', 'font/woff2'], ['/assets/noto-sans-khmer-700.woff2', 'font/woff2'], ['/assets/jsqr.js', 'text/javascript']] as const) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    expect((await ctx.app.request('/assets/..%2Fpackage.json')).status).toBe(404);
    expect((await ctx.app.request('/assets/nothing.css')).status).toBe(404);
  });
});
