import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/chain.js';
import type { Institute, IssuerKeyRecord, Store } from '../src/store/port.js';

/*
 * An institute's move to a new DID (a confirmed PUBLIC_URL change), run against every adapter
 * (SQLite in test/store-did-move-sqlite.test.ts, D1 in test/workers/store-did-move-d1.test.ts):
 * the old DID stays the institute's, with its keys; the move happens once, whole or not at all.
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-02T10:00:00Z';
const OLD = 'did:web:localhost%3A8787';
const NEW = 'did:web:certs.example.gov.kh';

const institute: Institute = {
  id: 'inst-d', slug: 'default', name: 'Default', nameKm: null, url: null, did: OLD, didKey: 'did:key:z6Mkd', isDefault: true,
  createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
};
const key = (controller: string, createdAt: string): IssuerKeyRecord => ({
  id: `${controller}#z6Mkd`, controller, owner: 'inst-d', publicX: 'x', sealedPrivate: `sealed for ${controller}`, status: 'active',
  createdAt, retiredAt: null, compromisedAt: null,
});
const sha256hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');
const audit = (from: string, to: string) => ({ at: T1, actor: 'system', instituteId: 'inst-d', action: 'institute.did_change', target: to, details: { from, to } });

/** Runs the DID-move contract against the stores `makeStore` opens. */
export function describeDidMoveStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, moving an institute to a new DID: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.createInstitute(institute);
      await store.saveIssuerKey(key(OLD, T0));
    });

    it('keeps the old DID as an alias with its keys, saves the new key, and chains an audit entry', async () => {
      expect(await store.moveInstituteDid({ instituteId: 'inst-d', from: OLD, to: NEW, at: T1, key: key(NEW, T1) }, audit(OLD, NEW))).toBe(true);
      expect((await store.getInstitute('inst-d'))?.did).toBe(NEW);
      expect((await store.getInstituteByDid(NEW))?.id).toBe('inst-d');
      expect((await store.getInstituteByDid(OLD))?.id).toBe('inst-d');
      expect(await store.instituteDidAliases('inst-d')).toEqual([OLD]);
      expect((await store.issuerKeys(OLD)).map((k) => k.status)).toEqual(['active']);
      expect(await store.issuerKeys(NEW)).toEqual([key(NEW, T1)]);
      const entries = await store.auditEntries({ limit: 10 });
      expect(entries.map((e) => e.action)).toEqual(['institute.did_change']);
      expect((await verifyAuditChain(entries, sha256hex)).ok).toBe(true);
    });

    it('changes nothing when the institute\'s DID is no longer the one being replaced', async () => {
      await store.moveInstituteDid({ instituteId: 'inst-d', from: OLD, to: NEW, at: T1, key: key(NEW, T1) }, audit(OLD, NEW));
      const again = await store.moveInstituteDid({ instituteId: 'inst-d', from: OLD, to: 'did:web:other.example', at: T1, key: key('did:web:other.example', T1) }, audit(OLD, 'did:web:other.example'));
      expect(again).toBe(false);
      expect((await store.getInstitute('inst-d'))?.did).toBe(NEW);
      expect(await store.issuerKeys('did:web:other.example')).toEqual([]);
      expect((await store.auditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['institute.did_change']);
    });

    it('moving back to a DID it had makes that DID its own again, and the one it leaves an alias', async () => {
      await store.moveInstituteDid({ instituteId: 'inst-d', from: OLD, to: NEW, at: T1, key: key(NEW, T1) }, audit(OLD, NEW));
      expect(await store.moveInstituteDid({ instituteId: 'inst-d', from: NEW, to: OLD, at: '2026-03-03T10:00:00Z', key: null }, audit(NEW, OLD))).toBe(true);
      expect((await store.getInstitute('inst-d'))?.did).toBe(OLD);
      expect(await store.instituteDidAliases('inst-d')).toEqual([NEW]);
      expect(await store.issuerKeys(OLD)).toHaveLength(1);
    });

    it('finds no institute by a DID nobody had', async () => {
      expect(await store.getInstituteByDid('did:web:nowhere.example')).toBeNull();
      expect(await store.instituteDidAliases('inst-d')).toEqual([]);
    });
  });
}
