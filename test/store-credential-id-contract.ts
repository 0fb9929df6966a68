import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateCredentialIdError, type CredentialRecord, type Institute, type Store } from '../src/store/port.js';

/*
 * A credential's own `id` names one credential: the store refuses a second one with the same
 * id, atomically, so two issues racing with one id cannot both be stored. Run against every
 * adapter (test/store-sqlite.test.ts, test/workers/store-d1.test.ts).
 */

const T0 = '2026-03-01T10:00:00Z';

const institute: Institute = {
  id: 'inst-a', slug: 'a', name: 'Institute a', nameKm: null, url: null, did: 'did:web:example.org:issuers:a',
  didKey: 'did:key:z6Mka', isDefault: false, createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
};

const credential = (id: string, vcId: string | null): CredentialRecord => ({
  id, credentialUrl: `https://example.org/credentials/${id}`, vcId, instituteId: 'inst-a', issuerDid: institute.did,
  diJson: `{"id":"${id}"}`, jwt: null, learnerName: 'Chan Sophea', achievementName: 'x', achievementKey: '', validFrom: T0,
  validUntil: null, issuedAt: T0, issuedBy: 'tok-1', revocation: null, suspension: null, revokedAt: null, suspendedAt: null,
});

const audit = { at: T0, actor: 'tester', instituteId: 'inst-a', action: 'credential.issue', target: 'x' };

export function describeCredentialIdStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, credential ids: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.createInstitute(institute);
    });

    it('refuses a second credential with the same credential id, writing nothing of it', async () => {
      await store.saveIssuedCredential(credential('c1', 'urn:uuid:same'), null, audit);
      const error = await store.saveIssuedCredential(credential('c2', 'urn:uuid:same'), null, audit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateCredentialIdError);
      expect((error as DuplicateCredentialIdError).code).toBe('ERR_DUPLICATE_CREDENTIAL_ID');
      expect(await store.getCredential('c2')).toBeNull();
      expect((await store.getCredentialByVcId('urn:uuid:same'))?.id).toBe('c1');
      expect(await store.auditEntries({ limit: 10 })).toHaveLength(1);
    });

    it('of concurrent saves with one credential id exactly one is stored', async () => {
      const results = await Promise.allSettled([1, 2, 3, 4].map((n) => store.saveIssuedCredential(credential(`c${n}`, 'urn:uuid:raced'), null, audit)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateCredentialIdError);
    });

    it('stores any number of credentials without an id of their own', async () => {
      await store.saveIssuedCredential(credential('c1', null), null, audit);
      await store.saveIssuedCredential(credential('c2', null), null, audit);
      expect(await store.getCredential('c2')).not.toBeNull();
    });
  });
}
