import { serve, type ServerType } from '@hono/node-server';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { readDeclaredBody } from '../src/runtime/node/request-body.js';
import { issue, makeTestApp, type IssueResponse } from './helpers.js';

/*
 * On Node the verify API reads a body that declares its length straight from the socket
 * (src/runtime/node/request-body.ts), not through the WHATWG Request. Whatever way a client
 * sends it, the API must read the very text a Request would have given: split across packets,
 * split inside a Khmer character, with a byte-order mark, chunked with no length, or too large.
 */

const servers: ServerType[] = [];
let fast: string;
let plain: string;
let issued: IssueResponse;
/** Bodies the Node reader took (the rest went through the Request). */
let readHere = 0;

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<string> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // One service (one store, one credential), served twice: with Node's reader, and without.
  const ctx = await makeTestApp({ deps: { rateLimits: { issuePerMinute: 1_000_000, verifyPerMinute: 1_000_000 } } });
  issued = await issue(ctx);
  plain = await listen(ctx.app.fetch);
  fast = await listen(createApp({ ...ctx.deps, readBodyText: (c, limit) => {
    const text = readDeclaredBody(c, limit);
    if (text) readHere += 1;
    return text;
  } }).fetch);
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

/** POSTs `parts` to /api/v1/verify as separate writes, a few milliseconds apart. */
function post(base: string, parts: Uint8Array[], headers: Record<string, string | number>): Promise<{ status: number; body: { verified?: boolean; error?: { code: string; requestId?: string }; checks?: unknown[] } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    (async () => {
      for (const part of parts) {
        req.write(part);
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    })().catch(reject);
  });
}

const bytes = (text: string) => new TextEncoder().encode(text);
const split = (all: Uint8Array, at: number[]) => [0, ...at].map((from, i) => all.slice(from, [...at, all.length][i]));

describe('the Node server reads a declared-length body itself, exactly as a Request would', () => {
  it('a body that arrives in several packets, one split inside a Khmer character, reads whole', async () => {
    const body = bytes(JSON.stringify({ credential: issued.credential }));
    const khmer = body.findIndex((b) => b >= 0xe0);
    expect(khmer).toBeGreaterThan(0);
    const parts = split(body, [10, khmer + 1, khmer + 2, body.length - 3]);
    const before = readHere;
    for (const base of [fast, plain]) {
      const res = await post(base, parts, { 'content-length': body.length });
      expect(res.status).toBe(200);
      expect(res.body.verified).toBe(true);
    }
    expect(readHere).toBe(before + 1);
  });

  it('a JWT body, and a body with a UTF-8 byte-order mark, answer as through the Request', async () => {
    const jwt = bytes(JSON.stringify({ jwt: issued.jwt }));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...jwt]);
    for (const body of [jwt, withBom]) {
      const [a, b] = [await post(fast, [body], { 'content-length': body.length }), await post(plain, [body], { 'content-length': body.length })];
      expect(a.status).toBe(b.status);
      expect({ ...a.body, verifiedAt: 0 }).toEqual({ ...b.body, verifiedAt: 0 });
      expect(a.body.verified).toBe(true);
    }
  });

  it('a chunked body (no Content-Length) is read through the Request and verifies', async () => {
    const body = bytes(JSON.stringify({ jwt: issued.jwt }));
    const before = readHere;
    const res = await post(fast, split(body, [100, 2000]), { 'transfer-encoding': 'chunked' });
    expect(readHere).toBe(before);
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(true);
  });

  it('a declared length over the limit is 413, and bad JSON is 400, as through the Request', async () => {
    const big = bytes(JSON.stringify({ text: 'x'.repeat(1_100_000) }));
    expect((await post(fast, [big], { 'content-length': big.length })).body.error?.code).toBe('payload_too_large');
    const bad = bytes('{"jwt": ');
    const [a, b] = [await post(fast, [bad], { 'content-length': bad.length }), await post(plain, [bad], { 'content-length': bad.length })];
    expect([a.status, a.body.error?.code]).toEqual([400, 'invalid_json']);
    expect({ ...a.body.error, requestId: 0 }).toEqual({ ...b.body.error, requestId: 0 });
  });
});
