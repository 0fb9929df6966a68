import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/chain.js';
import type { AuditInput, BatchRecord, BatchRow, CredentialRecord, Institute, IssuerKeyRecord, StatusList, Store } from '../src/store/port.js';
import { sql, type Sql, type SqlDriver } from '../src/store/sql/driver.js';
import { openSqlStore } from '../src/store/sql/store.js';

/*
 * How the store writes, on every driver: better-sqlite3 (test/store-sqlite.test.ts) and D1
 * inside workerd (test/workers/store-d1.test.ts). `makeDriver` returns a driver over an empty
 * database with the migrations applied.
 * - Killed halfway: a statement that fails when it runs (not when it is prepared) is slipped
 *   into a write's atomic group after k of its statements, for every k inside the group. The
 *   backend has executed those k statements when the failure comes; nothing of them may remain.
 * - Two stores on one database (two isolates, or the CLI beside the server) race for the
 *   audit chain's next seq and still append one chain.
 * - A batch of many rows is written in a few calls, none larger than D1 takes in one batch().
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-02T10:00:00Z';
const DID = 'did:web:example.org:issuers:a';

/** Valid SQL that fails as it runs: malformed JSON is an error at execution, on SQLite and on D1. */
const KILL: Sql = sql('SELECT json(?)', 'killed halfway');

/** Thrown instead of running a group too short to be killed after k statements. */
class PastTheEnd extends Error {}

/** A driver that, when armed with k, kills its next atomic group after k statements. */
function killable(inner: SqlDriver): SqlDriver & { killAfter(k: number): void } {
  let armed: number | null = null;
  return {
    all: (s) => inner.all(s),
    first: (s) => inner.first(s),
    run: (s) => inner.run(s),
    close: () => inner.close(),
    async atomic(statements) {
      const k = armed;
      armed = null;
      if (k === null) return inner.atomic(statements);
      if (k >= statements.length) throw new PastTheEnd();
      return inner.atomic([...statements.slice(0, k), KILL, ...statements.slice(k)]);
    },
    killAfter(k) {
      armed = k;
    },
  };
}

/** A driver that counts its calls, the largest atomic group, and the groups refused because another writer took the audit seq first. */
function counting(inner: SqlDriver): SqlDriver & { calls: number; largestGroup: number; chainConflicts: number } {
  const driver = {
    all: (s: Sql) => (driver.calls++, inner.all(s)),
    first: (s: Sql) => (driver.calls++, inner.first(s)),
    run: (s: Sql) => (driver.calls++, inner.run(s)),
    close: inner.close,
    calls: 0,
    largestGroup: 0,
    chainConflicts: 0,
    async atomic(statements: readonly Sql[]) {
      driver.calls++;
      driver.largestGroup = Math.max(driver.largestGroup, statements.length);
      try {
        return await inner.atomic(statements);
      } catch (error) {
        if (/UNIQUE constraint failed: audit_log\./.test(String(error))) driver.chainConflicts++;
        throw error;
      }
    },
  };
  return driver;
}

const sha256hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Every row of every table the migrations made (the AUTOINCREMENT counters too), sorted. */
async function snapshot(db: SqlDriver): Promise<Record<string, string[]>> {
  const tables = await db.all(sql(`SELECT name FROM sqlite_master WHERE type = 'table'
    AND (name = 'sqlite_sequence' OR name NOT LIKE 'sqlite_%') AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', '_migrations')`));
  const out: Record<string, string[]> = {};
  for (const { name } of tables) out[String(name)] = (await db.all(sql(`SELECT * FROM "${String(name)}"`))).map((r) => JSON.stringify(r)).sort();
  return out;
}

const audit = (action: string): AuditInput => ({ at: T1, actor: 'tester', instituteId: 'inst-a', action, target: 'x', details: { n: 1 } });
const institute = (slug: string): Institute => ({
  id: `inst-${slug}`, slug, name: `Institute ${slug}`, nameKm: null, url: null, did: `did:web:example.org:issuers:${slug}`, didKey: null,
  isDefault: false, createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
});
const key = (id: string, createdAt = T0): IssuerKeyRecord => ({
  id: `${DID}#${id}`, controller: DID, owner: 'inst-a', publicX: `x-${id}`, sealedPrivate: `v1.iv.${id}`, status: 'active', createdAt,
  retiredAt: null, compromisedAt: null,
});
const token = { id: 't1', tokenHash: 'hash-t1', role: 'institute' as const, instituteId: 'inst-a', label: 't1', source: 'created' as const,
  createdAt: T0, revokedAt: null, scopes: ['issue' as const], expiresAt: null, lastUsedAt: null };
const list = (id: string, purpose: StatusList['purpose']): StatusList => ({
  id, instituteId: 'inst-a', issuerDid: DID, purpose, coversSuspension: false, size: 131072, capacity: 100, allocated: 0, state: 'active', version: 1,
  signedVersion: null, signedJson: null, signedJwt: null, signedAt: null, validUntil: null, createdAt: T0,
});
const credential = (n: number): CredentialRecord => ({
  id: `c${n}`, credentialUrl: `https://example.org/credentials/c${n}`, vcId: null, instituteId: 'inst-a', issuerDid: DID, diJson: '{}',
  jwt: null, learnerName: 'Sok Dara', achievementName: 'Electrical', achievementKey: 'ELC-L2', validFrom: T0, validUntil: null, issuedAt: T0,
  issuedBy: 'tok-1', revocation: { listId: 'rev-1', index: n }, suspension: { listId: 'sus-1', index: n }, revokedAt: null, suspendedAt: null,
});
const batch: BatchRecord = { id: 'b1', instituteId: 'inst-a', idempotencyKey: null, requestSha256: null, state: 'issuing', actor: 't', createdAt: T0, updatedAt: T0, summary: '{}' };
const row = (rowNo: number): BatchRow => ({
  batchId: 'b1', rowNo, rowKey: `s${rowNo}`, studentId: `s${rowNo}`, learnerName: 'សុខ ដារ៉ា', request: '{}', templateCode: 'ELC-L2',
  templateVersion: 1, status: 'pending', credentialId: null, error: null,
});
const issued = (n: number) => ({
  credential: credential(n), achievement: { instituteId: 'inst-a', key: 'ELC-L2', json: `{"v":${n}}`, updatedAt: T1 },
  audit: audit('credential.issue'), batchRow: { batchId: 'b1', rowNo: n, rowKey: `s${n}` },
});

/** An institute with an audit entry (so the chain has a head), its status lists, a key, an API key, a batch and an issued credential. */
async function populated(store: Store): Promise<void> {
  await store.createInstitute(institute('a'), audit('institute.create'));
  await store.activeStatusList(DID, 'revocation', list('rev-1', 'revocation'));
  await store.activeStatusList(DID, 'suspension', list('sus-1', 'suspension'));
  await store.addAccreditation({ instituteId: 'inst-a', validFrom: T0, validUntil: null, programmes: [], createdAt: T0 });
  await store.saveIssuerKey(key('k1'));
  await store.saveApiToken(token);
  await store.createBatch(batch, [1, 2, 3, 4, 5].map(row));
  await store.saveIssuedCredential(credential(1), null, audit('credential.issue'), { batchId: 'b1', rowNo: 1, rowKey: 's1' });
}

const writes: Array<[string, (store: Store) => Promise<unknown>]> = [
  ['creating an institute', (s) => s.createInstitute(institute('b'), audit('institute.create'))],
  ['updating an institute', (s) => s.updateInstitute({ ...institute('a'), name: 'Renamed' }, audit('institute.update'))],
  ['adding an accreditation period', (s) => s.addAccreditation({ instituteId: 'inst-a', validFrom: T1, validUntil: null, programmes: [], createdAt: T1 }, audit('accredit'))],
  ['ending accreditation', (s) => s.endAccreditation('inst-a', T1, audit('accreditation.end'))],
  ['rotating a signing key', (s) => s.saveIssuerKey(key('k2', T1), { retireActive: true, audit: audit('key.rotate') })],
  ['marking a key compromised', (s) => s.markKeyCompromised(`${DID}#k1`, T1, audit('key.compromised'))],
  ['creating an API key', (s) => s.saveApiToken({ ...token, id: 't2', tokenHash: 'hash-t2' }, audit('token.create'))],
  ['revoking an API key', (s) => s.revokeApiToken('t1', T1, audit('token.revoke'))],
  ['creating a status list', (s) => s.activeStatusList('did:web:example.org:issuers:b', 'revocation', { ...list('rev-b', 'revocation'), issuerDid: 'did:web:example.org:issuers:b' })],
  ['issuing a credential with its slots, achievement, batch row and audit entry', (s) => s.saveIssuedCredential(issued(2).credential, issued(2).achievement, issued(2).audit, issued(2).batchRow)],
  ['issuing a group of credentials', (s) => s.saveIssuedCredentials([issued(2), issued(3), issued(4)])],
  ['revoking a credential', (s) => s.changeStatus({ credentialId: 'c1', action: 'revoke', reason: 'r', actor: 'tester', at: T1 }, audit('credential.revoke'))],
  ['suspending a credential', (s) => s.changeStatus({ credentialId: 'c1', action: 'suspend', reason: null, actor: 'tester', at: T1 }, audit('credential.suspend'))],
  ['saving a template version', (s) => s.saveTemplateVersion({ instituteId: 'inst-a', code: 'ELC-L2', version: 1, json: '{}', createdAt: T1, createdBy: 't' }, audit('template.create'))],
  ['creating a batch with its rows', (s) => s.createBatch({ ...batch, id: 'b2' }, [1, 2, 3].map((n) => ({ ...row(n), batchId: 'b2' })), audit('batch.create'))],
];

/** Runs the contract of how the store writes against the drivers `makeDriver` opens. */
export function describeStoreWrites(name: string, makeDriver: () => Promise<SqlDriver>): void {
  describe(`Store contract, a write killed halfway stores nothing: ${name}`, () => {
    for (const [what, write] of writes) {
      it(`${what}: killed after any of its statements, nothing of it is stored`, async () => {
        const db = killable(await makeDriver());
        const store = openSqlStore(db);
        try {
          await populated(store);
          const before = await snapshot(db);
          let killed = 0;
          for (let k = 1; ; k++) {
            db.killAfter(k);
            const error = await write(store).then(() => null, (e: unknown) => e);
            if (error instanceof PastTheEnd) break;
            expect(String(error)).toMatch(/malformed JSON/);
            expect(await snapshot(db)).toEqual(before);
            killed++;
          }
          expect(killed).toBeGreaterThan(0);
          // Not killed, the same write stores something: what the killed ones ran was real.
          await write(store);
          expect(await snapshot(db)).not.toEqual(before);
        } finally {
          await store.close();
        }
      });
    }
  });

  describe(`Store contract, two stores writing to one database: ${name}`, () => {
    it('keeps one unbroken audit chain: a writer that lost the race for the seq appends again after the winner', async () => {
      const db = counting(await makeDriver());
      const [x, y] = [openSqlStore(db), openSqlStore(db)];
      try {
        const slugs = ['p', 'q', 'r', 's', 't', 'u'];
        await Promise.all(slugs.flatMap((slug) => [
          x.createInstitute(institute(`${slug}x`), { ...audit('institute.create'), target: `${slug}x` }),
          y.createInstitute(institute(`${slug}y`), { ...audit('institute.create'), target: `${slug}y` }),
        ]));
        const entries = await x.auditEntries({ limit: 100 });
        expect(await verifyAuditChain(entries, sha256hex)).toEqual({ ok: true, checked: 12 });
        expect(new Set(entries.map((e) => e.target)).size).toBe(12);
        expect((await y.listInstitutes()).length).toBe(12);
        // The two really raced: at least one group was refused and run again.
        expect(db.chainConflicts).toBeGreaterThan(0);
      } finally {
        await x.close();
      }
    });
  });

  describe(`Store contract, a batch of many rows: ${name}`, () => {
    it('stores every row as given, in a few calls of at most about 500 statements (D1 limits a batch call and the calls of a request)', async () => {
      const db = counting(await makeDriver());
      const store = openSqlStore(db);
      try {
        await store.createInstitute(institute('a'));
        const rows = Array.from({ length: 1200 }, (_, i) => ({
          ...row(i + 2),
          studentId: i % 3 ? `s${i + 2}` : null,
          request: JSON.stringify({ learner: { name: `"O'Brien" \\ ${i}`, nameKm: 'សុខ ដារ៉ា' } }),
          error: i % 7 ? null : 'earlier: "quoted"',
        }));
        const before = db.calls;
        await store.createBatch(batch, rows, audit('batch.create'));
        expect(db.calls - before).toBeLessThanOrEqual(6);
        expect(db.largestGroup).toBeLessThanOrEqual(502);
        expect(await store.batchRows('b1')).toEqual(rows);
        expect((await store.batchListing('b1'))?.counts).toEqual({ total: 1200, pending: 1200, issued: 0, existing: 0, failed: 0 });
        expect((await store.auditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['batch.create']);
      } finally {
        await store.close();
      }
    });
  });
}
