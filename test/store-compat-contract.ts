import { beforeEach, describe, expect, it } from 'vitest';
import type { CredentialRecord, Institute, IssuerKeyRecord, Store } from '../src/store/port.js';

/*
 * What the compatibility forms (issue 14, item 3; migrations/0011) keep in the store, run
 * against every adapter: better-sqlite3 (test/store-sqlite.test.ts) and D1 inside workerd
 * (test/workers/store-d1.test.ts).
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-02T10:00:00Z';
const DID = 'did:web:example.org:issuers:a';

const institute = (over: Partial<Institute> = {}): Institute => ({
  id: 'inst-a', slug: 'a', name: 'Institute a', nameKm: null, url: null, did: DID, didKey: null, isDefault: false, createdAt: T0,
  contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022', ...over,
});

const ed25519 = (id: string, over: Partial<IssuerKeyRecord> = {}): IssuerKeyRecord => ({
  id: `${DID}#${id}`, controller: DID, owner: 'inst-a', publicX: `x-${id}`, sealedPrivate: `v1.iv.${id}`, status: 'active',
  createdAt: T0, retiredAt: null, compromisedAt: null, ...over,
});
const p256 = (id: string, over: Partial<IssuerKeyRecord> = {}): IssuerKeyRecord => ({ ...ed25519(id), keyType: 'P-256', publicY: `y-${id}`, ...over });

const credential = (over: Partial<CredentialRecord> = {}): CredentialRecord => ({
  id: 'c1', credentialUrl: 'https://example.org/credentials/c1', vcId: 'https://example.org/credentials/c1', instituteId: 'inst-a',
  issuerDid: DID, diJson: '{"id":"c1"}', jwt: 'a.b.c', learnerName: 'Sok Dara', achievementName: 'Welding', achievementKey: 'welding',
  validFrom: T0, validUntil: null, issuedAt: T0, issuedBy: 'tok-1', revocation: null, suspension: null, revokedAt: null, suspendedAt: null,
  ...over,
});

/** Runs the compatibility part of the storage contract against the stores `makeStore` opens. */
export function describeCompatibilityStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, compatibility forms: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('keeps an institute\'s compatibility settings, and reads none back while every one is off', async () => {
      await store.createInstitute(institute());
      expect((await store.getInstitute('inst-a'))?.compatibility).toBeUndefined();
      const on = institute({ compatibility: { ed25519Signature2020: true, es256Jwt: false } });
      await store.updateInstitute(on);
      expect(await store.getInstitute('inst-a')).toEqual(on);
      await store.updateInstitute(institute({ compatibility: { ed25519Signature2020: false, es256Jwt: false } }));
      expect((await store.getInstitute('inst-a'))?.compatibility).toBeUndefined();
    });

    it('keeps P-256 keys apart from Ed25519 keys: one active key per type, and a rotation retires only its own type', async () => {
      await store.saveIssuerKey(ed25519('e1'));
      await store.saveIssuerKey(p256('p1'));
      expect(await store.issuerKeys(DID)).toEqual([ed25519('e1')]);
      expect(await store.issuerKeys(DID, 'P-256')).toEqual([p256('p1')]);
      await expect(store.saveIssuerKey(p256('p2'))).rejects.toThrow();
      await store.saveIssuerKey(p256('p2', { createdAt: T1 }), { retireActive: true });
      expect((await store.issuerKeys(DID, 'P-256')).map((k) => [k.id, k.status])).toEqual([[`${DID}#p2`, 'active'], [`${DID}#p1`, 'retired']]);
      expect((await store.issuerKeys(DID)).map((k) => k.status)).toEqual(['active']);
    });

    it('keeps a credential\'s ES256 vc+jwt as signed, and none for a credential without one', async () => {
      await store.createInstitute(institute());
      const record = credential({ jwtEs256: 'es.256.jwt' });
      await store.saveIssuedCredential(record, null);
      await store.saveIssuedCredential(credential({ id: 'c2', credentialUrl: 'https://example.org/credentials/c2', vcId: null }), null);
      expect(await store.getCredential('c1')).toEqual(record);
      expect((await store.getCredential('c2'))?.jwtEs256).toBeUndefined();
    });
  });
}
