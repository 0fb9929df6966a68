import { describe, expect, it } from 'vitest';
import { KIT_ELEMENT_ID, serviceWorkerJs } from '../src/offline/service-worker.js';

/*
 * The service worker's offline answer to a verify link, run in a stand-in for the worker's
 * globals: the saved shell with the saved kit in it, so the page has the kit as it parses.
 */

type Handler = (event: unknown) => void;

function runWorker(saved: Record<string, Response>) {
  const handlers: Record<string, Handler> = {};
  const cache = { match: async (url: string) => saved[url]?.clone(), put: async () => undefined, addAll: async () => undefined };
  const self = { addEventListener: (type: string, h: Handler) => { handlers[type] = h; }, skipWaiting: async () => undefined, clients: { claim: async () => undefined } };
  const caches = { open: async () => cache, match: async (url: string) => saved[url]?.clone(), keys: async () => [], delete: async () => true };
  const offline = () => Promise.reject(new TypeError('Failed to fetch'));
  new Function('self', 'caches', 'fetch', 'location', serviceWorkerJs({ base: '', precache: ['/offline'], version: 't' }))(self, caches, offline, { origin: 'https://certs.example' });
  return async (path: string): Promise<Response> => {
    let answer: Promise<Response> | undefined;
    handlers.fetch!({ request: { method: 'GET', url: `https://certs.example${path}`, mode: 'navigate' }, respondWith: (p: Promise<Response>) => { answer = p; }, waitUntil: () => undefined });
    return answer!;
  };
}

const SHELL = '<!DOCTYPE html><html><head><title>skillcert</title></head><body data-offline-shell=""></body></html>';

describe('offline, the service worker opens a verify link as the shell', () => {
  it('with the saved kit in it as a JSON data block whose "<" are escaped, so nothing in the kit can close the element', async () => {
    const kit = { format: 'skillcert-offline-kit/1', ministry: { name: '</script><script>alert(1)</script>' }, lists: [] };
    const open = runWorker({
      '/offline': new Response(SHELL, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "script-src 'self'", 'Content-Length': String(SHELL.length) } }),
      '/offline/kit.json': new Response(JSON.stringify(kit), { headers: { 'Content-Type': 'application/json' } }),
    });
    const res = await open('/v/AvUmcTMGF8Ko41LFNeRzPm');
    expect(res.headers.get('content-security-policy')).toBe("script-src 'self'");
    expect(res.headers.get('content-length')).toBeNull();
    const html = await res.text();
    const block = new RegExp(`<script type="application/json" id="${KIT_ELEMENT_ID}">([^<]*)</script></head>`).exec(html);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toEqual(kit);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.replace(block![0], '</head>')).toBe(SHELL);
  });

  it('without a saved kit, the shell as saved (its page then says to open a verify page online first)', async () => {
    const open = runWorker({ '/offline': new Response(SHELL, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }) });
    expect(await (await open('/verify')).text()).toBe(SHELL);
  });

  it('when the saved kit cannot be read, the shell as saved: never no page at all', async () => {
    const broken = new Response(new ReadableStream({ start: (c) => c.error(new Error('disk')) }));
    const open = runWorker({ '/offline': new Response(SHELL, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }), '/offline/kit.json': broken });
    expect(await (await open('/v/AvUmcTMGF8Ko41LFNeRzPm')).text()).toBe(SHELL);
  });
});
