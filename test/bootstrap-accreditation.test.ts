import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNode } from '../src/runtime/node/start.js';
import { ConfigError, loadConfig } from '../src/runtime/node/config.js';
import { loadWorkerConfig } from '../src/runtime/workers/config.js';
import { authJson, sampleRequest } from './helpers.js';

/*
 * The default institute's accreditation start: from its first start unless
 * INSTITUTE_ACCREDITED_FROM says otherwise, so an install made after a class finished does
 * not certify that class as NOT ACCREDITED (the README's cohort finished on 15/02/2026).
 */

const FIRST_START = '2026-03-01T10:00:00Z';
const LATER_START = '2026-03-05T10:00:00Z';
const TOKEN = 'env-admin-token-abcdefghijklmnopqrstuvwxyz';

let dir: string;
let lines: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-accredited-from-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start(env: Record<string, string> = {}, now = FIRST_START) {
  const config = loadConfig({ KEYS_DIR: join(dir, 'keys'), DATABASE_PATH: join(dir, 'db.sqlite'), ADMIN_TOKEN: TOKEN, ...env });
  return startNode(config, (line) => { lines.push(line); }, () => new Date(now));
}

type Json = Record<string, any>;
const issueCompleted = async (app: Awaited<ReturnType<typeof start>>['app'], validFrom: string): Promise<Json> => {
  const res = await app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom }, TOKEN));
  expect(res.status).toBe(201);
  return (await res.json()) as Json;
};
const accreditationOf = async (app: Awaited<ReturnType<typeof start>>['app'], credential: Json) => {
  const res = await app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ credential }) });
  return ((await res.json()) as Json).checks.find((c: Json) => c.id === 'accreditation');
};

describe('INSTITUTE_ACCREDITED_FROM', () => {
  it('is read as a date (or a date-time) by both runtimes, and a bad value names the variable', () => {
    expect(loadConfig({ INSTITUTE_ACCREDITED_FROM: '2026-01-01' }).institute.accreditedFrom).toBe('2026-01-01T00:00:00Z');
    expect(loadWorkerConfig({ PUBLIC_URL: 'https://certs.example.gov.kh', ADMIN_TOKEN: TOKEN, KEY_ENCRYPTION_KEY: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc', INSTITUTE_ACCREDITED_FROM: '2026-01-01T00:00:00+07:00' }).institute.accreditedFrom)
      .toBe('2025-12-31T17:00:00Z');
    expect(() => loadConfig({ INSTITUTE_ACCREDITED_FROM: '15/02/2026' })).toThrow(ConfigError);
    expect(() => loadConfig({ INSTITUTE_ACCREDITED_FROM: '15/02/2026' })).toThrow(/INSTITUTE_ACCREDITED_FROM/);
  });

  it('unset, the default institute is accredited from its first start, and the start says how to date it back', async () => {
    const { app, store } = await start();
    const backdated = await issueCompleted(app, '2026-02-15');
    expect(await accreditationOf(app, backdated.credential)).toMatchObject({ status: 'failed' });
    expect(lines.join('\n')).toMatch(/accredited from 2026-03-01.*INSTITUTE_ACCREDITED_FROM/s);
    await store.close();
  });

  it('set at the first start, a class that finished before the install verifies as accredited', async () => {
    const { app, store } = await start({ INSTITUTE_ACCREDITED_FROM: '2026-01-01' });
    const backdated = await issueCompleted(app, '2026-02-15');
    expect(await accreditationOf(app, backdated.credential)).toMatchObject({ status: 'passed', message: expect.stringContaining('since 2026-01-01') });
    await store.close();
  });

  it('set at a later start, it dates the accreditation back, audited, and credentials already issued read accredited', async () => {
    const first = await start();
    const issued = await issueCompleted(first.app, '2026-02-15');
    await first.store.close();

    const later = await start({ INSTITUTE_ACCREDITED_FROM: '2026-01-01' }, LATER_START);
    expect(await accreditationOf(later.app, issued.credential)).toMatchObject({ status: 'passed', message: expect.stringContaining('since 2026-01-01') });
    const institute = (await later.store.getDefaultInstitute())!;
    const periods = await later.store.accreditations(institute.id);
    expect(periods.map((p) => [p.validFrom, p.validUntil])).toEqual([['2026-01-01T00:00:00Z', FIRST_START], [FIRST_START, null]]);
    const audit = await later.store.auditEntries({ limit: 100 });
    expect(audit.filter((e) => e.action === 'institute.accredit').map((e) => JSON.parse(e.details))).toContainEqual(
      { validFrom: '2026-01-01T00:00:00Z', validUntil: FIRST_START, source: 'INSTITUTE_ACCREDITED_FROM' });
    await later.store.close();

    const again = await start({ INSTITUTE_ACCREDITED_FROM: '2026-01-01' }, '2026-03-06T10:00:00Z');
    expect(await again.store.accreditations(institute.id)).toHaveLength(2);
    await again.store.close();
  });

  it('a date later than the accreditation on record never shortens it, and the start says so', async () => {
    const first = await start({ INSTITUTE_ACCREDITED_FROM: '2026-01-01' });
    await first.store.close();
    const later = await start({ INSTITUTE_ACCREDITED_FROM: '2026-02-01' }, LATER_START);
    const institute = (await later.store.getDefaultInstitute())!;
    expect((await later.store.accreditations(institute.id)).map((p) => p.validFrom)).toEqual(['2026-01-01T00:00:00Z']);
    expect(lines.join('\n')).toMatch(/INSTITUTE_ACCREDITED_FROM .*later than/);
    await later.store.close();
  });
});
