import { describe, expect, it } from 'vitest';
import { makeTestApp, PUBLIC_URL } from './helpers.js';

/*
 * The language switch (/lang/:lang?next=…) sends the browser back to the page it came from,
 * and nowhere else. Each hostile `next` below is written as it travels in the URL (one
 * percent-decoding away from what the handler reads); the browser's view of the answer is
 * modelled by resolving Location with the WHATWG URL parser, which, like a browser, drops
 * tabs and newlines and reads a backslash as a slash.
 */

const HOSTILE = [
  // Whitespace and control characters a browser strips from a URL, leaving //evil.example.
  '/%09/evil.example', '/%0A/evil.example', '/%0D/evil.example', '/%0D%0A/evil.example', '%09//evil.example', '/%09%09/evil.example',
  '/%00/evil.example', '/%0B/evil.example', '/%0C/evil.example', '/%7F/evil.example', '/%1F/evil.example',
  '%20//evil.example', '//evil.example%20', '/%20/evil.example',
  // Protocol-relative and absolute URLs.
  '//evil.example', '%2F%2Fevil.example', '///evil.example', 'https://evil.example', 'https:evil.example', 'HTTPS://evil.example',
  'javascript:alert(1)', 'data:text/html,x', 'evil.example', '',
  // Backslashes, raw and encoded (browsers read \ as / in http URLs).
  '/%5Cevil.example', '/%5C%5Cevil.example', '%5C%5Cevil.example', '/\\/evil.example', '\\/evil.example',
  // Encoded forms that a second decoding (a proxy, a framework) would turn into the above.
  '/%252F/evil.example', '/%252f%252fevil.example', '/%255Cevil.example', '/%2509/evil.example', '/%250A/evil.example', '/%25%30%39/evil.example',
  // Characters outside printable ASCII (what the app itself puts in next is always percent-encoded).
  '/%E2%80%A8/evil.example', '/%C2%A0/evil.example', '/%EF%BC%8F/evil.example', '/%E3%80%80//evil.example',
  // Userinfo and host tricks.
  '/@evil.example', '//user@evil.example', '/%09@evil.example',
];

describe('the language switch never redirects off the site', () => {
  it.each(HOSTILE)('next=%s goes to /verify, and the browser stays on this origin', async (raw) => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request(`/lang/en?next=${raw}`);
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(new URL(location, PUBLIC_URL).origin).toBe(new URL(PUBLIC_URL).origin);
    expect(location).toBe(raw === '/@evil.example' ? '/@evil.example' : '/verify');
  });

  it.each([
    ['%2Fverify', '/verify'],
    ['%2Fv%2F2NzeFeotVs8vXX4kjLg8FE', '/v/2NzeFeotVs8vXX4kjLg8FE'],
    ['%2Fconsole%2Fcredentials%3Fq%3DS%25C3%25B3k%26page%3D2', '/console/credentials?q=S%C3%B3k&page=2'],
    ['%2Fconsole%2Fcredentials%3Fq%3Da%252Fb', '/console/credentials?q=a%2Fb'],
  ])('next=%s, a page of this app, is where it returns (%s)', async (raw, location) => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request(`/lang/km?next=${raw}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(location);
  });

  it('the link every page puts in its header comes back to that page', async () => {
    const ctx = await makeTestApp();
    const html = await (await ctx.app.request('/console/login?x=%C3%B3')).text();
    const href = /class="lang" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const res = await ctx.app.request(href);
    expect(res.headers.get('location')).toBe('/console/login?x=%C3%B3');
  });
});
