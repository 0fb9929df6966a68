import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, parseTrustProxy, TrustProxyError } from '../src/runtime/node/trust-proxy.js';
import { ADMIN_TOKEN, makeTestApp } from './helpers.js';
import { freePort, kill, ROOT, seededEnv, startServer, type RunningServer } from './serve-helpers.js';

const header = (h: Record<string, string>) => (name: string) => h[name];

describe('TRUST_PROXY: who the client is, and whether it used https', () => {
  it('unset: the socket is the client and forwarded headers are ignored (anyone can send them)', () => {
    expect(clientOf(parseTrustProxy(undefined), '127.0.0.1', header({ 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' })))
      .toEqual({ address: '127.0.0.1', https: null });
  });

  it('a hop count believes that many proxies and no more: a forged X-Forwarded-For entry stays ignored', () => {
    const one = parseTrustProxy('1');
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx (appending) made it "6.6.6.6, 203.0.113.7".
    expect(clientOf(one, '::ffff:127.0.0.1', header({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7', 'x-forwarded-proto': 'https' })))
      .toEqual({ address: '203.0.113.7', https: true });
    expect(clientOf(parseTrustProxy('2'), '127.0.0.1', header({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' })).address).toBe('203.0.113.7');
    expect(clientOf(one, '127.0.0.1', header({})).address).toBe('127.0.0.1');
  });

  it('a CIDR list believes hops while they are in it, from the socket inwards', () => {
    const list = parseTrustProxy('loopback, 10.0.0.0/8');
    expect(clientOf(list, '127.0.0.1', header({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.1.2.3' })).address).toBe('203.0.113.7');
    // A socket not in the list is the client, whatever it says.
    expect(clientOf(list, '198.51.100.1', header({ 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' })))
      .toEqual({ address: '198.51.100.1', https: null });
    // Every hop trusted: the farthest one is the client.
    expect(clientOf(list, '127.0.0.1', header({ 'x-forwarded-for': '10.0.0.9' })).address).toBe('10.0.0.9');
  });

  it('reads RFC 7239 Forwarded when there is no X-Forwarded-For', () => {
    const one = parseTrustProxy('1');
    expect(clientOf(one, '127.0.0.1', header({ forwarded: 'for=6.6.6.6, for="[2001:db8::1]:4711";proto=https' })))
      .toEqual({ address: '2001:db8::1', https: true });
    expect(clientOf(one, '127.0.0.1', header({ forwarded: 'for=192.0.2.60;proto=http;by=203.0.113.43' })))
      .toEqual({ address: '192.0.2.60', https: false });
  });

  it('refuses a value it cannot read, naming TRUST_PROXY', () => {
    for (const bad of ['0', '21', 'nginx', '10.0.0.0/33', '10.0.0.0/8/1', 'true']) expect(() => parseTrustProxy(bad)).toThrow(TrustProxyError);
    expect(() => parseTrustProxy('yes')).toThrow(/TRUST_PROXY/);
  });
});

/* A real nginx (Debian's package) on loopback, with deploy/nginx-skillcert.conf, in front of the real service. */

const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const inCi = process.env.CI === 'true';

describe('behind a real nginx (deploy/nginx-skillcert.conf)', () => {
  if (!nginxBin) {
    if (inCi) it('nginx is installed (CI installs it: .ci/run)', () => expect.fail('nginx is not installed; CI must install it (apt-get install nginx-light)'));
    else it.skip('SKIPPED: nginx is not installed here (apt-get install nginx-light); CI runs this', () => {});
    return;
  }
  let dir: string;
  let server: RunningServer | undefined;
  let nginx: ChildProcess | undefined;
  let nginxPort: number;
  let cert: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skillcert-nginx-'));
    const databasePath = join(dir, 'skillcert.db');
    const seeded = await makeTestApp({ databasePath });
    await seeded.store.close();
    server = await startServer({ ...seededEnv(databasePath, join(dir, 'keys')), TRUST_PROXY: '1', RATE_LIMIT_VERIFY_PER_MINUTE: '3' });

    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');

    // The shipped site, pointed at this test's ports, certificate and folder.
    nginxPort = await freePort();
    const redirectPort = await freePort();
    const site = readFileSync(join(ROOT, 'deploy/nginx-skillcert.conf'), 'utf8')
      .replace('server 127.0.0.1:8787;', `server 127.0.0.1:${server.port};`)
      .replace(/listen 80;/, `listen 127.0.0.1:${redirectPort};`).replace(/\n\s*listen \[::\]:80;/, '')
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${nginxPort} ssl http2;`).replace(/\n\s*listen \[::\]:443 ssl http2;/, '')
      .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${join(dir, 'cert.pem')};`)
      .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${join(dir, 'key.pem')};`);
    expect(site).toContain(`127.0.0.1:${nginxPort} ssl`);
    const temp = (name: string) => `${name} ${join(dir, name)};`;
    writeFileSync(join(dir, 'nginx.conf'), [
      process.getuid?.() === 0 ? 'user root;' : '',
      'worker_processes 1;', `pid ${join(dir, 'nginx.pid')};`, `error_log ${join(dir, 'error.log')} warn;`, 'daemon off;',
      'events { worker_connections 64; }',
      'http {', 'access_log off;', temp('client_body_temp_path'), temp('proxy_temp_path'), temp('fastcgi_temp_path'),
      temp('uwsgi_temp_path'), temp('scgi_temp_path'), site, '}',
    ].join('\n'));
    const check = spawnSync(nginxBin, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(nginxBin, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (existsSync(join(dir, 'nginx.pid'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 200));
  }, 180_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((r) => nginx!.once('exit', r));
    }
    await kill(server);
    rmSync(dir, { recursive: true, force: true });
  });

  /** An https request to nginx, from a chosen loopback address (each one a different client). */
  const via = (from: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const req = httpsRequest({
        host: '127.0.0.1', port: nginxPort, path, method: options.method ?? 'GET', localAddress: from, ca: cert, servername: 'localhost',
        headers: { Host: 'localhost', ...options.headers }, agent: false,
      }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(options.body);
    });

  const verify = (from: string, headers: Record<string, string> = {}) =>
    via(from, '/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ jwt: 'e30.e30.c2ln' }) });

  it('each client has its own verify rate limit through the proxy, and a forged X-Forwarded-For does not escape it', { timeout: 60_000 }, async () => {
    for (let i = 0; i < 3; i++) expect((await verify('127.0.0.2')).status).toBe(200);
    const limited = await verify('127.0.0.2');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await verify('127.0.0.2', { 'X-Forwarded-For': '198.51.100.77' })).status).toBe(429);
    // Another employer behind the same proxy is not affected.
    expect((await verify('127.0.0.3')).status).toBe(200);
  });

  it('session cookies are Secure: the service learns https from X-Forwarded-Proto', { timeout: 60_000 }, async () => {
    const form = await via('127.0.0.4', '/console/login');
    expect(form.status).toBe(200);
    const csrfCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).find((c) => c.startsWith('sc_login_csrf='));
    expect(csrfCookie).toMatch(/;\s*Secure/i);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] as string;
    const login = await via('127.0.0.4', '/console/login', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: (csrfCookie as string).split(';')[0] as string },
      body: new URLSearchParams({ _csrf: csrf, key: ADMIN_TOKEN }).toString(),
    });
    expect(login.status).toBe(303);
    const session = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('sc_session='));
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/HttpOnly/i);
  });

  it('the log holds the route of each proxied request and nothing a client forwarded', async () => {
    const out = server!.output();
    expect(out).toContain('"route":"/api/v1/verify"');
    expect(out).not.toContain('198.51.100.77');
  });

  it('/metrics is not served through the proxy', async () => {
    expect((await via('127.0.0.5', '/metrics')).status).toBe(404);
  });
});
