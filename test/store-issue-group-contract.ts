import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/chain.js';
import type { BatchRecord, BatchRow } from '../src/store/port.js';
import { StatusSlotTakenError, type CredentialRecord, type Institute, type IssuedCredentialWrite, type StatusList, type Store } from '../src/store/port.js';

/*
 * saveIssuedCredentials, the group write batches use, run against every adapter (SQLite in
 * test/store-issue-group-sqlite.test.ts, D1 in test/workers/store-issue-group-d1.test.ts):
 * the same effects as saving each credential on its own, and all of them or none.
 */

const T0 = '2026-03-01T10:00:00Z';
const DID = 'did:web:example.org:issuers:a';

const sha256hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

const institute: Institute = {
  id: 'inst-a', slug: 'a', name: 'Institute a', nameKm: null, url: null, did: DID, didKey: 'did:key:z6Mka', isDefault: false,
  createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
};
const list = (id: string, purpose: StatusList['purpose'], capacity = 100): StatusList => ({
  id, instituteId: 'inst-a', issuerDid: DID, purpose, coversSuspension: false, size: 131072, capacity, allocated: 0, state: 'active', version: 1,
  signedVersion: null, signedJson: null, signedJwt: null, signedAt: null, validUntil: null, createdAt: T0,
});
const batch: BatchRecord = { id: 'b1', instituteId: 'inst-a', idempotencyKey: null, requestSha256: null, state: 'issuing', actor: 'token:t', createdAt: T0, updatedAt: T0, summary: '{}' };
const row = (rowNo: number): BatchRow => ({
  batchId: 'b1', rowNo, rowKey: `s${rowNo}|ELC-L2|2026-02-15`, studentId: `s${rowNo}`, learnerName: 'សុខ ដារ៉ា', request: '{}',
  templateCode: 'ELC-L2', templateVersion: 1, status: 'pending', credentialId: null, error: null,
});
const credential = (n: number, index: number): CredentialRecord => ({
  id: `c${n}`, credentialUrl: `https://example.org/credentials/c${n}`, vcId: `https://example.org/credentials/c${n}`, instituteId: 'inst-a',
  issuerDid: DID, diJson: `{"n":${n}}`, jwt: 'a.b.c', learnerName: `Learner ${n}`, achievementName: 'Electrical', achievementKey: 'ELC-L2',
  validFrom: T0, validUntil: null, issuedAt: T0, issuedBy: 'token:t', revocation: { listId: 'rev-1', index }, suspension: { listId: 'sus-1', index: index + 1 },
  revokedAt: null, suspendedAt: null,
});
const item = (n: number, index: number): IssuedCredentialWrite => ({
  credential: credential(n, index),
  achievement: { instituteId: 'inst-a', key: 'ELC-L2', json: `{"v":${n}}`, updatedAt: T0 },
  audit: { at: T0, actor: 'token:t', instituteId: 'inst-a', action: 'credential.issue', target: `https://example.org/credentials/c${n}`, details: { n } },
  batchRow: { batchId: 'b1', rowNo: n, rowKey: row(n).rowKey },
});

/** Runs the group-write contract against the stores `makeStore` opens. */
export function describeIssueGroupStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, saving issued credentials as a group: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.createInstitute(institute);
      await store.activeStatusList(DID, 'revocation', list('rev-1', 'revocation'));
      await store.activeStatusList(DID, 'suspension', list('sus-1', 'suspension'));
      await store.createBatch(batch, [1, 2, 3, 4].map(row));
    });

    it('stores every credential with its slots, achievement, batch row and a chained audit entry each', async () => {
      await store.saveIssuedCredentials([item(1, 10), item(2, 20), item(3, 30)]);
      for (const n of [1, 2, 3]) expect(await store.getCredential(`c${n}`)).toEqual(credential(n, n * 10));
      expect((await store.getStatusList('rev-1'))?.allocated).toBe(3);
      expect((await store.getStatusList('sus-1'))?.allocated).toBe(3);
      expect((await store.getAchievement('inst-a', 'ELC-L2'))?.json).toBe('{"v":3}');
      expect((await store.batchRows('b1')).map((r) => [r.status, r.credentialId])).toEqual([['issued', 'c1'], ['issued', 'c2'], ['issued', 'c3'], ['pending', null]]);
      for (const n of [1, 2, 3]) expect(await store.issuedRow('inst-a', row(n).rowKey)).toBe(`c${n}`);
      const entries = await store.auditEntries({ limit: 10 });
      expect(entries.map((e) => [e.action, e.target])).toEqual([1, 2, 3].map((n) => ['credential.issue', `https://example.org/credentials/c${n}`]));
      expect(await verifyAuditChain(entries, sha256hex)).toEqual({ ok: true, checked: 3 });
      // And the chain goes on from there.
      await store.saveIssuedCredential(credential(4, 40), null, item(4, 40).audit);
      expect(await verifyAuditChain(await store.auditEntries({ limit: 10 }), sha256hex)).toEqual({ ok: true, checked: 4 });
    });

    it('a slot taken by one credential throws StatusSlotTakenError and writes none of the group', async () => {
      await store.saveIssuedCredential(credential(9, 30), null);
      const error = await store.saveIssuedCredentials([item(1, 10), item(2, 20), item(3, 30)]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StatusSlotTakenError);
      for (const n of [1, 2, 3]) expect(await store.getCredential(`c${n}`)).toBeNull();
      expect((await store.getStatusList('rev-1'))?.allocated).toBe(1);
      expect(await store.getAchievement('inst-a', 'ELC-L2')).toBeNull();
      expect((await store.batchRows('b1')).every((r) => r.status === 'pending')).toBe(true);
      expect(await store.issuedRow('inst-a', row(1).rowKey)).toBeNull();
      expect(await store.auditEntries({ limit: 10 })).toEqual([]);
    });

    it('a row identity issued meanwhile fails the whole group', async () => {
      await store.saveIssuedCredentials([item(2, 20)]);
      await expect(store.saveIssuedCredentials([item(1, 10), { ...item(3, 30), batchRow: { batchId: 'b1', rowNo: 3, rowKey: row(2).rowKey } }])).rejects.toThrow();
      expect(await store.getCredential('c1')).toBeNull();
      expect(await store.getCredential('c3')).toBeNull();
      expect((await store.auditEntries({ limit: 10 })).length).toBe(1);
    });

    it('an empty group writes nothing', async () => {
      await store.saveIssuedCredentials([]);
      expect(await store.auditEntries({ limit: 10 })).toEqual([]);
    });
  });
}
