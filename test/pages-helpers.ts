import { expect } from 'vitest';
import type { TestContext } from './helpers.js';

/** A minimal cookie jar over app.request, as a browser would keep cookies for the app. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly ctx: TestContext, readonly headers: Record<string, string> = {}) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.ctx.app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }
}

/** The value of a hidden _csrf field in a page. */
export const csrfIn = (html: string): string => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  expect(match, 'the page has a CSRF field').not.toBeNull();
  return match![1] as string;
};

/** Signs in to the console with `key`; returns the browser, signed in. */
export async function signIn(ctx: TestContext, key: string, headers: Record<string, string> = {}): Promise<Browser> {
  const browser = new Browser(ctx, headers);
  const login = await browser.get('/console/login');
  const res = await browser.post('/console/login', { key, _csrf: csrfIn(await login.text()) });
  expect(res.status, 'sign-in redirects').toBe(303);
  expect(res.headers.get('location')).toBe('/console/credentials');
  return browser;
}
