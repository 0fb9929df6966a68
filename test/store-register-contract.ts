import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/chain.js';
import type { AuditInput, Institute, IssuerKeyRecord, Store } from '../src/store/port.js';

/*
 * Registering, suspending and accrediting an institute are each one transaction: all of it is
 * stored, or (a statement failing midway) none of it. Run against better-sqlite3
 * (test/store-sqlite.test.ts) and D1 inside workerd (test/workers/store-d1.test.ts).
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-02T10:00:00Z';

const sha256hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

const audit = (action: string, instituteId: string): AuditInput => ({ at: T0, actor: 'token:ministry', instituteId, action, target: 'did:web:x', details: {} });
/** An audit entry the audit_log table refuses (actor is NOT NULL): a statement that fails where it stands in the group. */
const failingAudit = (action: string, instituteId: string): AuditInput => ({ ...audit(action, instituteId), actor: null as unknown as string });

const institute = (slug: string, over: Partial<Institute> = {}): Institute => ({
  id: `inst-${slug}`, slug, name: `Institute ${slug}`, nameKm: null, url: null, did: `did:web:example.org:issuers:${slug}`,
  didKey: `did:key:z6Mk${slug}`, isDefault: false, createdAt: T0, contact: null, programmes: ['Welding'], status: 'active',
  cryptosuite: 'eddsa-rdfc-2022', ...over,
});

const key = (id: string, controller: string, owner: string): IssuerKeyRecord => ({
  id: `${controller}#${id}`, controller, owner, publicX: `x-${id}`, sealedPrivate: `v1.iv.${id}`, status: 'active',
  createdAt: T0, retiredAt: null, compromisedAt: null,
});

const registration = (slug: string, keyId = 'k1', accredited = true) => {
  const i = institute(slug);
  return {
    institute: i,
    key: key(keyId, i.did, i.id),
    accreditation: accredited ? { instituteId: i.id, validFrom: T0, validUntil: null, programmes: ['Welding'], createdAt: T0 } : null,
    audit: { institute: audit('institute.create', i.id), key: audit('key.create', i.id), accreditation: accredited ? audit('institute.accredit', i.id) : undefined },
  };
};

export function describeInstituteRegister(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store: an institute's registration, suspension and accreditation are one transaction each (${name})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });

    /** Everything registering `slug` could have left behind. */
    const traces = async (slug: string) => {
      const i = institute(slug);
      return {
        institute: await store.getInstituteBySlug(slug),
        keys: await store.issuerKeys(i.did),
        periods: await store.accreditations(i.id),
        audit: (await store.auditEntries({ limit: 1000 })).filter((e) => e.instituteId === i.id),
      };
    };

    it('registering stores the institute, its key, its accreditation and an audit entry for each', async () => {
      await store.registerInstitute(registration('a'));
      const t = await traces('a');
      expect(t.institute?.did).toBe('did:web:example.org:issuers:a');
      expect(t.keys.map((k) => k.id)).toEqual(['did:web:example.org:issuers:a#k1']);
      expect(t.periods.map((p) => p.validFrom)).toEqual([T0]);
      expect(t.audit.map((e) => e.action)).toEqual(['institute.create', 'key.create', 'institute.accredit']);
      const entries = await store.auditEntries({ limit: 1000 });
      expect((await verifyAuditChain(entries, sha256hex)).ok).toBe(true);
    });

    it('registering without an accreditation stores no period', async () => {
      await store.registerInstitute(registration('a', 'k1', false));
      const t = await traces('a');
      expect(t.institute).not.toBeNull();
      expect(t.periods).toEqual([]);
      expect(t.audit.map((e) => e.action)).toEqual(['institute.create', 'key.create']);
    });

    it('a registration whose key fails midway (its id is taken) stores nothing: no institute, no period, no audit entry', async () => {
      await store.registerInstitute(registration('a'));
      const before = (await store.auditEntries({ limit: 1000 })).length;
      // b's key reuses a's key id: the institute row goes in first, then the key insert fails.
      const clash = registration('b');
      clash.key = { ...clash.key, id: 'did:web:example.org:issuers:a#k1' };
      await expect(store.registerInstitute(clash)).rejects.toThrow();
      const t = await traces('b');
      expect(t.institute).toBeNull();
      expect(t.periods).toEqual([]);
      expect(t.audit).toEqual([]);
      expect((await store.auditEntries({ limit: 1000 })).length).toBe(before);
      // And the register still takes b afterwards.
      await store.registerInstitute(registration('b', 'k2'));
      expect((await traces('b')).institute).not.toBeNull();
    });

    it('a registration whose last audit entry fails stores nothing', async () => {
      const broken = registration('c');
      broken.audit.accreditation = failingAudit('institute.accredit', broken.institute.id);
      await expect(store.registerInstitute(broken)).rejects.toThrow();
      const t = await traces('c');
      expect(t).toEqual({ institute: null, keys: [], periods: [], audit: [] });
    });

    it('suspending ends the open accreditation and marks the institute suspended, with its audit entry', async () => {
      await store.registerInstitute(registration('a'));
      await store.suspendInstitute('inst-a', T1, audit('institute.suspend', 'inst-a'));
      const t = await traces('a');
      expect(t.institute?.status).toBe('suspended');
      expect(t.periods.map((p) => p.validUntil)).toEqual([T1]);
      expect(t.audit.map((e) => e.action).at(-1)).toBe('institute.suspend');
    });

    it('a suspension whose audit entry fails changes nothing: the institute stays active and accredited', async () => {
      await store.registerInstitute(registration('a'));
      await expect(store.suspendInstitute('inst-a', T1, failingAudit('institute.suspend', 'inst-a'))).rejects.toThrow();
      const t = await traces('a');
      expect(t.institute?.status).toBe('active');
      expect(t.periods.map((p) => p.validUntil)).toEqual([null]);
      expect(t.audit.map((e) => e.action)).not.toContain('institute.suspend');
    });

    it('accrediting a suspended institute adds the period and reinstates it, with its audit entry', async () => {
      await store.registerInstitute(registration('a'));
      await store.suspendInstitute('inst-a', T1, audit('institute.suspend', 'inst-a'));
      await store.accreditInstitute({ instituteId: 'inst-a', validFrom: T1, validUntil: null, programmes: [], createdAt: T1 }, audit('institute.accredit', 'inst-a'));
      const t = await traces('a');
      expect(t.institute?.status).toBe('active');
      expect(t.periods.map((p) => [p.validFrom, p.validUntil])).toEqual([[T0, T1], [T1, null]]);
    });

    it('an accreditation that fails midway (after the institute is marked active) leaves it suspended, with no new period', async () => {
      await store.registerInstitute(registration('a'));
      await store.suspendInstitute('inst-a', T1, audit('institute.suspend', 'inst-a'));
      // valid_from is NOT NULL: the period insert fails after the status update ran.
      const bad = { instituteId: 'inst-a', validFrom: null as unknown as string, validUntil: null, programmes: [], createdAt: T1 };
      await expect(store.accreditInstitute(bad, audit('institute.accredit', 'inst-a'))).rejects.toThrow();
      const t = await traces('a');
      expect(t.institute?.status).toBe('suspended');
      expect(t.periods).toHaveLength(1);
      expect(t.audit.map((e) => e.action).at(-1)).toBe('institute.suspend');
    });
  });
}
