import { describe, expect, it } from 'vitest';
import type { CredentialRecord, Institute, Store } from '../src/store/port.js';

/*
 * The console's part of the storage port (listCredentials, sessions), as a contract any
 * adapter can run: test/pages-store.test.ts runs it on SQLite; the D1 suite can call it too.
 */

const T0 = '2026-03-01T10:00:00Z';
const inst = (slug: string): Institute => ({
  id: `inst-${slug}`, slug, name: `Institute ${slug}`, nameKm: null, url: null, did: `did:web:example.org:issuers:${slug}`,
  didKey: null, isDefault: false, createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
});
const cred = (id: string, instituteId: string, learnerName: string, issuedAt: string, achievementName = 'Welding Level 1'): CredentialRecord => ({
  id, credentialUrl: `https://example.org/credentials/${id}`, vcId: null, instituteId, issuerDid: `did:web:example.org:issuers:${instituteId}`,
  diJson: '{}', jwt: null, learnerName, achievementName, achievementKey: 'k', validFrom: issuedAt, validUntil: null, issuedAt,
  issuedBy: 'tester', revocation: null, suspension: null, revokedAt: null, suspendedAt: null,
});

export function describeConsoleStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name}: console store methods`, () => {
    const seeded = async () => {
      const store = await makeStore();
      await store.createInstitute(inst('a'));
      await store.createInstitute(inst('b'));
      await store.saveIssuedCredential(cred('aaaaaaaaaa1', 'inst-a', 'Sok Dara', '2026-03-01T10:00:00Z'), null);
      await store.saveIssuedCredential(cred('aaaaaaaaaa2', 'inst-a', 'Chan Sophea', '2026-03-02T10:00:00Z', 'Electrical Installation'), null);
      await store.saveIssuedCredential(cred('bbbbbbbbbb1', 'inst-b', 'Keo 100%_Dara', '2026-03-03T10:00:00Z'), null);
      return store;
    };

    it('lists one institute’s credentials newest first, with the total', async () => {
      const store = await seeded();
      const page = await store.listCredentials({ instituteId: 'inst-a', limit: 10, offset: 0 });
      expect(page.total).toBe(2);
      expect(page.credentials.map((c) => c.id)).toEqual(['aaaaaaaaaa2', 'aaaaaaaaaa1']);
    });

    it('lists every institute’s credentials when instituteId is null (the ministry)', async () => {
      const store = await seeded();
      expect((await store.listCredentials({ instituteId: null, limit: 10, offset: 0 })).total).toBe(3);
    });

    it('pages with limit and offset', async () => {
      const store = await seeded();
      const page = await store.listCredentials({ instituteId: null, limit: 1, offset: 1 });
      expect(page.total).toBe(3);
      expect(page.credentials.map((c) => c.id)).toEqual(['aaaaaaaaaa2']);
    });

    it('searches learner names, achievement names and ids, case-insensitively, within the institute', async () => {
      const store = await seeded();
      expect((await store.listCredentials({ instituteId: 'inst-a', search: 'dara', limit: 10, offset: 0 })).credentials.map((c) => c.id)).toEqual(['aaaaaaaaaa1']);
      expect((await store.listCredentials({ instituteId: 'inst-a', search: 'ELECTRICAL', limit: 10, offset: 0 })).total).toBe(1);
      expect((await store.listCredentials({ instituteId: 'inst-a', search: 'aaaaaaaaaa2', limit: 10, offset: 0 })).total).toBe(1);
    });

    it('takes % and _ in a search literally', async () => {
      const store = await seeded();
      expect((await store.listCredentials({ instituteId: null, search: '100%_', limit: 10, offset: 0 })).credentials.map((c) => c.id)).toEqual(['bbbbbbbbbb1']);
      expect((await store.listCredentials({ instituteId: null, search: '%', limit: 10, offset: 0 })).total).toBe(1);
    });

    it('keeps a session until it expires, and deletes it on request', async () => {
      const store = await makeStore();
      const session = { idHash: 'h1', tokenHash: 't1', csrf: 'c1', createdAt: T0, expiresAt: '2026-03-01T18:00:00Z' };
      await store.saveSession(session);
      expect(await store.getSession('h1', '2026-03-01T12:00:00Z')).toEqual(session);
      expect(await store.getSession('h1', '2026-03-01T18:00:00Z')).toBeNull();
      await store.deleteSession('h1');
      expect(await store.getSession('h1', T0)).toBeNull();
    });

    it('removes expired sessions only', async () => {
      const store = await makeStore();
      await store.saveSession({ idHash: 'old', tokenHash: 't', csrf: 'c', createdAt: T0, expiresAt: '2026-03-01T11:00:00Z' });
      await store.saveSession({ idHash: 'new', tokenHash: 't', csrf: 'c', createdAt: T0, expiresAt: '2026-03-02T11:00:00Z' });
      expect(await store.deleteExpiredSessions('2026-03-01T12:00:00Z')).toBe(1);
      expect(await store.getSession('new', '2026-03-01T12:00:00Z')).not.toBeNull();
    });
  });
}
