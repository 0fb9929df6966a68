import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchRecord, BatchRow, TemplateRecord } from '../src/store/port.js';
import type { CredentialRecord, Institute, StatusList, Store } from '../src/store/port.js';

/*
 * The templates-and-batches part of the storage port, run against every adapter (SQLite in
 * test/store-sqlite.test.ts, D1 in test/workers/store-d1.test.ts). Web APIs and vitest only.
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-02T10:00:00Z';

const institute: Institute = {
  id: 'inst-a', slug: 'a', name: 'Institute a', nameKm: null, url: null, did: 'did:web:example.org:issuers:a',
  didKey: 'did:key:z6Mka', isDefault: false, createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
};

const template = (version: number, name: string): TemplateRecord => ({
  instituteId: 'inst-a', code: 'ELC-L2', version, json: JSON.stringify({ code: 'ELC-L2', name, nameKm: 'ការដំឡើងអគ្គិសនី' }), createdAt: T0, createdBy: 'tok-1',
});

const batch = (id: string, over: Partial<BatchRecord> = {}): BatchRecord => ({
  id, instituteId: 'inst-a', idempotencyKey: null, requestSha256: null, state: 'issuing', actor: 'token:tok-1', createdAt: T0, updatedAt: T0, summary: '{}', ...over,
});

const row = (batchId: string, rowNo: number): BatchRow => ({
  batchId, rowNo, rowKey: `s${rowNo}|ELC-L2|2026-02-15`, studentId: `s${rowNo}`, learnerName: 'សុខ ដារ៉ា', request: '{}',
  templateCode: 'ELC-L2', templateVersion: 1, status: 'pending', credentialId: null, error: null,
});

const list = (id: string, purpose: StatusList['purpose']): StatusList => ({
  id, instituteId: 'inst-a', issuerDid: institute.did, purpose, coversSuspension: false, size: 131072, capacity: 100, allocated: 0, state: 'active', version: 1,
  signedVersion: null, signedJson: null, signedJwt: null, signedAt: null, validUntil: null, createdAt: T0,
});

const credential = (id: string, index: number): CredentialRecord => ({
  id, credentialUrl: `https://example.org/credentials/${id}`, vcId: null, instituteId: 'inst-a', issuerDid: institute.did,
  diJson: '{}', jwt: null, learnerName: 'Sok Dara', achievementName: 'Electrical', achievementKey: 'ELC-L2', validFrom: T0,
  validUntil: null, issuedAt: T0, issuedBy: 'tok-1', revocation: { listId: 'rev-1', index }, suspension: null, revokedAt: null, suspendedAt: null,
});

/** Runs the cohort (templates, batches) contract against the stores `makeStore` opens. */
export function describeCohortStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, templates and batches: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.createInstitute(institute);
    });

    it('keeps every template version; the newest is current', async () => {
      await store.saveTemplateVersion(template(1, 'Electrical'), { at: T0, actor: 't', instituteId: 'inst-a', action: 'template.create', target: 'a/ELC-L2' });
      await store.saveTemplateVersion({ ...template(2, 'Electrical (revised)'), createdAt: T1 });
      expect((await store.getTemplate('inst-a', 'ELC-L2'))?.version).toBe(2);
      expect(JSON.parse((await store.getTemplate('inst-a', 'ELC-L2', 1))!.json).name).toBe('Electrical');
      expect((await store.listTemplates('inst-a')).map((t) => [t.code, t.version])).toEqual([['ELC-L2', 2]]);
      expect(await store.getTemplate('inst-other', 'ELC-L2')).toBeNull();
      expect((await store.auditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['template.create']);
    });

    it('refuses a version that is already stored (a concurrent edit)', async () => {
      await store.saveTemplateVersion(template(1, 'A'));
      await expect(store.saveTemplateVersion(template(1, 'B'))).rejects.toThrow();
      expect(JSON.parse((await store.getTemplate('inst-a', 'ELC-L2'))!.json).name).toBe('A');
    });

    it('stores a batch with its rows, finds it by idempotency key, and lists it until finished', async () => {
      const rows = Array.from({ length: 3 }, (_, i) => row('b1', i + 2));
      await store.createBatch(batch('b1', { idempotencyKey: 'k-1', requestSha256: 'ab'.repeat(32) }), rows);
      expect((await store.getBatch('b1'))?.requestSha256).toBe('ab'.repeat(32));
      expect((await store.getBatchByIdempotencyKey('inst-a', 'k-1'))?.id).toBe('b1');
      expect(await store.getBatchByIdempotencyKey('inst-a', 'k-2')).toBeNull();
      expect(await store.batchRows('b1')).toEqual(rows);
      expect((await store.unfinishedBatches()).map((b) => b.id)).toEqual(['b1']);
      await store.markBatchRow({ batchId: 'b1', rowNo: 3 }, 'failed', null, 'no key');
      expect((await store.batchRows('b1'))[1]).toMatchObject({ status: 'failed', error: 'no key' });
      await store.finishBatch('b1', T1);
      expect(await store.unfinishedBatches()).toEqual([]);
      expect(await store.getBatch('b1')).toMatchObject({ state: 'done', updatedAt: T1 });
    });

    it('lists the newest batches first with their row counts, of one institute or of all', async () => {
      await store.createBatch(batch('b1', { createdAt: T0 }), [row('b1', 2), row('b1', 3)]);
      await store.createBatch(batch('b2', { createdAt: T1 }), [row('b2', 2)]);
      await store.createInstitute({ ...institute, id: 'inst-b', slug: 'b', did: 'did:web:example.org:b', didKey: 'did:key:z6Mkb' });
      await store.createBatch(batch('b3', { createdAt: T1, instituteId: 'inst-b' }), []);
      await store.markBatchRow({ batchId: 'b1', rowNo: 3 }, 'failed', null, 'no key');
      const listed = await store.recentBatches('inst-a', 10);
      expect(listed.map((b) => b.id)).toEqual(['b2', 'b1']);
      expect(listed[1]!.counts).toEqual({ total: 2, pending: 1, issued: 0, existing: 0, failed: 1 });
      expect(listed[0]).toMatchObject({ ...batch('b2', { createdAt: T1 }), counts: { total: 1, pending: 1 } });
      expect((await store.recentBatches(null, 10)).map((b) => b.id)).toEqual(['b2', 'b3', 'b1']);
      expect((await store.recentBatches(null, 1)).map((b) => b.id)).toEqual(['b2']);
      expect((await store.recentBatches('inst-b', 10))[0]!.counts.total).toBe(0);
      expect(await store.batchListing('b1')).toEqual(listed[1]);
      expect(await store.batchListing('nope')).toBeNull();
    });

    it('marks a row issued in the credential transaction, and never issues a row identity twice', async () => {
      await store.activeStatusList(institute.did, 'revocation', list('rev-1', 'revocation'));
      await store.createBatch(batch('b1'), [row('b1', 2)]);
      const ref = { batchId: 'b1', rowNo: 2, rowKey: 's2|ELC-L2|2026-02-15' };
      await store.saveIssuedCredential(credential('c1', 0), null, undefined, ref);
      expect(await store.issuedRow('inst-a', ref.rowKey)).toBe('c1');
      // many identities in one query: only the issued ones come back, and only the institute's own
      expect(await store.issuedRows('inst-a', [ref.rowKey, 'nobody|ELC-L2|2026-02-15', 'o\'brien|"q"|x'])).toEqual(new Map([[ref.rowKey, 'c1']]));
      expect(await store.issuedRows('inst-b', [ref.rowKey])).toEqual(new Map());
      expect(await store.issuedRows('inst-a', [])).toEqual(new Map());
      expect((await store.batchRows('b1'))[0]).toMatchObject({ status: 'issued', credentialId: 'c1' });
      // the same identity again: the whole transaction fails, nothing of c2 is stored
      await expect(store.saveIssuedCredential(credential('c2', 1), null, undefined, ref)).rejects.toThrow();
      expect(await store.getCredential('c2')).toBeNull();
      expect((await store.getStatusList('rev-1'))?.allocated).toBe(1);
    });
  });
}
