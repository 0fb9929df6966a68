import type { TestContext } from './helpers.js';
import { csrfIn, type Browser } from './pages-helpers.js';

/** Driving the console's cohort pages as their forms would (multipart posts, hidden fields). */

export const unescapeHtml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The value of a hidden field of a page, unescaped. */
export const hidden = (html: string, name: string): string | undefined => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? unescapeHtml(m[1]!) : undefined;
};

/** Uploads a file on the cohort page, as the browser's form would (multipart). */
export async function check(browser: Browser, csv: string, fields: Record<string, string> = {}, fileName = 'class-list.csv'): Promise<{ status: number; html: string }> {
  const page = await (await browser.get('/console/batches')).text();
  const form = new FormData();
  form.set('_csrf', fields._csrf ?? csrfIn(page));
  for (const [k, v] of Object.entries(fields)) if (k !== '_csrf') form.set(k, v);
  form.set('file', new Blob([csv], { type: 'text/csv' }), fileName);
  const res = await browser.request('/console/batches/check', { method: 'POST', body: form });
  return { status: res.status, html: await res.text() };
}

/** Presses the check page's issue button: posts its hidden fields back. */
export async function issueChecked(browser: Browser, checkHtml: string): Promise<Response> {
  const form = new FormData();
  for (const name of ['_csrf', 'text', 'fileName', 'template', 'institute', 'uploadId', 'validRowsOnly']) {
    const value = hidden(checkHtml, name);
    if (value !== undefined) form.set(name, value);
  }
  return browser.request('/console/batches', { method: 'POST', body: form });
}

export async function untilDone(ctx: TestContext, id: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await ctx.store.getBatch(id))?.state === 'done') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`batch ${id} did not finish`);
}
