import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/chain.js';
import {
  StatusSlotTakenError,
  type AuditInput,
  type CredentialRecord,
  type Institute,
  type IssuerKeyRecord,
  type StatusList,
  type Store,
} from '../src/store/port.js';

/*
 * The storage port's contract, run against every adapter: better-sqlite3 under Node
 * (test/store-sqlite.test.ts) and D1 inside workerd (test/workers/store-d1.test.ts). It uses
 * vitest and Web APIs only, so it runs in both runtimes. `makeStore` returns an empty store
 * with the migrations applied.
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-02T10:00:00Z';
const T2 = '2026-03-03T10:00:00Z';

const sha256hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

const audit = (action: string, target = 'x', instituteId: string | null = null): AuditInput => ({
  at: T0, actor: 'tester', instituteId, action, target, details: { n: 1 },
});

const institute = (slug: string, over: Partial<Institute> = {}): Institute => ({
  id: `inst-${slug}`, slug, name: `Institute ${slug}`, nameKm: null, url: null, did: `did:web:example.org:issuers:${slug}`,
  didKey: `did:key:z6Mk${slug}`, isDefault: false, createdAt: T0, contact: null, programmes: ['Welding'], status: 'active',
  cryptosuite: 'eddsa-rdfc-2022', ...over,
});

const key = (id: string, controller: string, over: Partial<IssuerKeyRecord> = {}): IssuerKeyRecord => ({
  id: `${controller}#${id}`, controller, owner: 'inst-a', publicX: `x-${id}`, sealedPrivate: `v1.iv.${id}`, status: 'active',
  createdAt: T0, retiredAt: null, compromisedAt: null, ...over,
});

const list = (id: string, over: Partial<StatusList> = {}): StatusList => ({
  id, instituteId: 'inst-a', issuerDid: 'did:web:example.org:issuers:a', purpose: 'revocation', coversSuspension: false, size: 131072, capacity: 3,
  allocated: 0, state: 'active', version: 1, signedVersion: null, signedJson: null, signedJwt: null, signedAt: null,
  validUntil: null, createdAt: T0, ...over,
});

const credential = (id: string, over: Partial<CredentialRecord> = {}): CredentialRecord => ({
  id, credentialUrl: `https://example.org/credentials/${id}`, vcId: `https://example.org/credentials/${id}`, instituteId: 'inst-a',
  issuerDid: 'did:web:example.org:issuers:a', diJson: `{"id":"${id}"}`, jwt: 'a.b.c', learnerName: 'Sok Dara',
  achievementName: 'Welding', achievementKey: 'welding', validFrom: T0, validUntil: null, issuedAt: T0, issuedBy: 'tok-1',
  revocation: null, suspension: null, revokedAt: null, suspendedAt: null, ...over,
});

async function chainOf(store: Store) {
  const entries = await store.auditEntries({ limit: 10_000 });
  return { entries, verdict: await verifyAuditChain(entries, sha256hex) };
}

/** Runs the storage port's contract against the stores `makeStore` opens. */
export function describeStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });

    /** An institute, its revocation and suspension lists, ready for credentials. */
    async function withLists(capacity = 3) {
      await store.createInstitute(institute('a'));
      const revocation = await store.activeStatusList('did:web:example.org:issuers:a', 'revocation', list('rev-1', { capacity }));
      const suspension = await store.activeStatusList('did:web:example.org:issuers:a', 'suspension', list('sus-1', { purpose: 'suspension', capacity }));
      return { revocation, suspension };
    }
    async function issued(id: string, index: number) {
      await store.saveIssuedCredential(
        credential(id, { revocation: { listId: 'rev-1', index }, suspension: { listId: 'sus-1', index } }),
        null,
      );
    }

    describe('institutes and accreditation', () => {
      it('finds an institute by id, slug, did:web, did:key and as the default', async () => {
        await store.createInstitute(institute('a', { isDefault: true, nameKm: 'ក', url: 'https://a.example' }), audit('institute.create'));
        await store.createInstitute(institute('b', { createdAt: T1 }));
        const a = institute('a', { isDefault: true, nameKm: 'ក', url: 'https://a.example' });
        expect(await store.getInstitute('inst-a')).toEqual(a);
        expect(await store.getInstituteBySlug('a')).toEqual(a);
        expect(await store.getInstituteByDid(a.did)).toEqual(a);
        expect(await store.getInstituteByDid(a.didKey as string)).toEqual(a);
        expect(await store.getDefaultInstitute()).toEqual(a);
        expect((await store.listInstitutes()).map((i) => i.slug)).toEqual(['a', 'b']);
        expect(await store.getInstitute('nope')).toBeNull();
        expect(await store.getInstituteByDid('did:web:nowhere')).toBeNull();
      });

      it('updates an institute, and records the update in the audit log', async () => {
        await store.createInstitute(institute('a'));
        const changed = institute('a', { name: 'Renamed', programmes: ['Plumbing', 'Welding'], status: 'suspended', contact: 'a@example.org' });
        await store.updateInstitute(changed, audit('institute.update'));
        expect(await store.getInstitute('inst-a')).toEqual(changed);
        expect((await store.auditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['institute.update']);
      });

      it('a refused insert (duplicate slug) writes nothing, not even its audit entry', async () => {
        await store.createInstitute(institute('a'), audit('institute.create'));
        await expect(store.createInstitute(institute('a', { id: 'inst-other', did: 'did:web:other', didKey: null }), audit('institute.create'))).rejects.toThrow();
        expect(await store.listInstitutes()).toHaveLength(1);
        expect(await store.auditEntries({ limit: 10 })).toHaveLength(1);
      });

      it('lists accreditation periods in order and ends only the open ones', async () => {
        await store.createInstitute(institute('a'));
        await store.addAccreditation({ instituteId: 'inst-a', validFrom: T1, validUntil: null, programmes: ['Welding'], createdAt: T1 }, audit('accredit'));
        await store.addAccreditation({ instituteId: 'inst-a', validFrom: T0, validUntil: T1, programmes: [], createdAt: T0 });
        const periods = await store.accreditations('inst-a');
        expect(periods.map((p) => [p.validFrom, p.validUntil, p.programmes])).toEqual([[T0, T1, []], [T1, null, ['Welding']]]);
        expect(typeof periods[0]?.seq).toBe('number');
        expect(await store.endAccreditation('inst-a', T2, audit('accreditation.end'))).toBe(1);
        expect((await store.accreditations('inst-a')).map((p) => p.validUntil)).toEqual([T1, T2]);
        expect(await store.endAccreditation('inst-a', T2)).toBe(0);
        expect(await store.accreditations('inst-none')).toEqual([]);
      });
    });

    describe('issuer keys', () => {
      const did = 'did:web:example.org:issuers:a';

      it('lists a DID\'s keys newest first, and retires the active key in the same write as a rotation', async () => {
        await store.saveIssuerKey(key('k1', did), { audit: audit('key.create') });
        await store.saveIssuerKey(key('k2', did, { createdAt: T1 }), { retireActive: true, audit: audit('key.rotate') });
        const keys = await store.issuerKeys(did);
        expect(keys.map((k) => [k.id, k.status, k.retiredAt])).toEqual([[`${did}#k2`, 'active', null], [`${did}#k1`, 'retired', T1]]);
        expect(keys[0]).toEqual(key('k2', did, { createdAt: T1 }));
        expect(await store.issuerKeys('did:web:other')).toEqual([]);
      });

      it('refuses a second active key without retireActive, writing nothing', async () => {
        await store.saveIssuerKey(key('k1', did));
        await expect(store.saveIssuerKey(key('k2', did), { audit: audit('key.create') })).rejects.toThrow();
        expect((await store.issuerKeys(did)).map((k) => k.id)).toEqual([`${did}#k1`]);
        expect(await store.auditEntries({ limit: 10 })).toEqual([]);
      });

      it('a failed rotation (duplicate id) keeps the old key active', async () => {
        await store.saveIssuerKey(key('k1', did));
        await expect(store.saveIssuerKey(key('k1', did), { retireActive: true })).rejects.toThrow();
        expect((await store.issuerKeys(did)).map((k) => k.status)).toEqual(['active']);
      });

      it('marks a key compromised, only ever moving the time earlier, and audits only a change', async () => {
        await store.saveIssuerKey(key('k1', did));
        expect(await store.markKeyCompromised(`${did}#k1`, T1, audit('key.compromised'))).toBe(true);
        expect(await store.markKeyCompromised(`${did}#k1`, T2, audit('key.compromised'))).toBe(false);
        expect(await store.markKeyCompromised(`${did}#k1`, T0, audit('key.compromised'))).toBe(true);
        expect(await store.markKeyCompromised(`${did}#none`, T0, audit('key.compromised'))).toBe(false);
        expect((await store.issuerKeys(did))[0]?.compromisedAt).toBe(T0);
        expect(await store.auditEntries({ limit: 10 })).toHaveLength(2);
      });
    });

    describe('API tokens', () => {
      const token = (id: string, over = {}) => ({
        id, tokenHash: `hash-${id}`, role: 'institute' as const, instituteId: 'inst-a', label: id, source: 'created' as const,
        createdAt: T0, revokedAt: null, scopes: ['issue' as const], expiresAt: T2, lastUsedAt: null, ...over,
      });

      it('saves, finds by hash, lists, touches and revokes a token', async () => {
        await store.createInstitute(institute('a'));
        await store.saveApiToken(token('t1'), audit('token.create'));
        await store.saveApiToken(token('t2', { createdAt: T1, scopes: ['issue', 'revoke', 'admin'] }));
        expect(await store.findApiTokenByHash('hash-t1')).toEqual(token('t1'));
        expect(await store.findApiTokenByHash('hash-none')).toBeNull();
        expect((await store.listApiTokens('inst-a')).map((t) => [t.id, t.scopes])).toEqual([['t1', ['issue']], ['t2', ['issue', 'revoke', 'admin']]]);
        await store.touchApiToken('t1', T1);
        expect((await store.findApiTokenByHash('hash-t1'))?.lastUsedAt).toBe(T1);
        expect(await store.revokeApiToken('t1', T2, audit('token.revoke'))).toBe(true);
        expect(await store.revokeApiToken('t1', T2, audit('token.revoke'))).toBe(false);
        expect((await store.findApiTokenByHash('hash-t1'))?.revokedAt).toBe(T2);
        expect((await store.auditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['token.create', 'token.revoke']);
      });

      it('revokes every unrevoked token of one role and source', async () => {
        await store.saveApiToken(token('a1', { role: 'admin', instituteId: null, source: 'env' }));
        await store.saveApiToken(token('a2', { role: 'admin', instituteId: null, source: 'generated' }));
        await store.saveApiToken(token('a3', { role: 'admin', instituteId: null, source: 'env', revokedAt: T0 }));
        expect(await store.revokeApiTokens({ role: 'admin', source: 'env' }, T1)).toBe(1);
        expect((await store.findApiTokenByHash('hash-a2'))?.revokedAt).toBeNull();
        expect((await store.findApiTokenByHash('hash-a3'))?.revokedAt).toBe(T0);
      });

      it('refuses a second token with the same hash', async () => {
        await store.saveApiToken(token('t1', { instituteId: null }));
        await expect(store.saveApiToken(token('t2', { instituteId: null, tokenHash: 'hash-t1' }))).rejects.toThrow();
      });
    });

    describe('issued credentials and status slots', () => {
      it('keeps one active list per issuer and purpose: a second candidate gets the existing list', async () => {
        const { revocation } = await withLists();
        expect(revocation).toEqual(list('rev-1'));
        const again = await store.activeStatusList('did:web:example.org:issuers:a', 'revocation', list('rev-2'));
        expect(again.id).toBe('rev-1');
        expect(await store.getStatusList('rev-2')).toBeNull();
        expect((await store.getStatusList('sus-1'))?.purpose).toBe('suspension');
      });

      it('two racing first issues create one list, and both get it', async () => {
        await store.createInstitute(institute('a'));
        const did = 'did:web:example.org:issuers:a';
        const [x, y] = await Promise.all([
          store.activeStatusList(did, 'revocation', list('race-1')),
          store.activeStatusList(did, 'revocation', list('race-2')),
        ]);
        expect(x.id).toBe(y.id);
      });

      it('stores a credential with its slots and achievement, and counts the allocation', async () => {
        await withLists();
        const record = credential('c1', { revocation: { listId: 'rev-1', index: 7 }, suspension: { listId: 'sus-1', index: 9 }, validUntil: T2 });
        const achievement = { instituteId: 'inst-a', key: 'welding', json: '{"v":1}', updatedAt: T0 };
        await store.saveIssuedCredential(record, achievement, audit('credential.issue'));
        expect(await store.getCredential('c1')).toEqual(record);
        expect(await store.getCredentialByVcId(record.vcId as string)).toEqual(record);
        expect(await store.signedAtOf(record.vcId as string)).toBe(record.issuedAt);
        expect(await store.signedAtOf('urn:uuid:never-issued')).toBeNull();
        // A stored form is recognised byte for byte, and only so.
        const vcId = record.vcId as string;
        expect(await store.storedFormId(vcId, 'jwt', record.jwt as string)).toBe('c1');
        expect(await store.storedFormId(vcId, 'di', record.diJson)).toBe('c1');
        expect(await store.storedFormId(vcId, 'jwt', `${record.jwt} `)).toBeNull();
        expect(await store.storedFormId(vcId, 'di', record.jwt as string)).toBeNull();
        expect(await store.storedFormId('urn:uuid:never-issued', 'jwt', record.jwt as string)).toBeNull();
        expect(await store.getCredential('none')).toBeNull();
        expect(await store.getAchievement('inst-a', 'welding')).toEqual(achievement);
        expect((await store.getStatusList('rev-1'))?.allocated).toBe(1);
        expect((await store.getStatusList('sus-1'))?.allocated).toBe(1);
        // The achievement is upserted by a later issue.
        await store.saveIssuedCredential(credential('c2'), { ...achievement, json: '{"v":2}', updatedAt: T1 });
        expect((await store.getAchievement('inst-a', 'welding'))?.json).toBe('{"v":2}');
        expect(await store.getAchievement('inst-a', 'none')).toBeNull();
      });

      it('a list is full once its capacity is handed out, and stops being the active one', async () => {
        await withLists(2);
        await issued('c1', 1);
        await issued('c2', 2);
        expect((await store.getStatusList('rev-1'))?.state).toBe('full');
        const next = await store.activeStatusList('did:web:example.org:issuers:a', 'revocation', list('rev-2'));
        expect(next.id).toBe('rev-2');
      });

      it('a taken slot throws StatusSlotTakenError and writes nothing: no credential, no allocation, no audit entry', async () => {
        await withLists();
        await issued('c1', 5);
        const clash = credential('c2', { revocation: { listId: 'rev-1', index: 5 }, suspension: { listId: 'sus-1', index: 6 } });
        const error = await store.saveIssuedCredential(clash, { instituteId: 'inst-a', key: 'new', json: '{}', updatedAt: T0 }, audit('credential.issue'))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StatusSlotTakenError);
        expect((error as StatusSlotTakenError).code).toBe('ERR_STATUS_SLOT_TAKEN');
        expect(await store.getCredential('c2')).toBeNull();
        expect(await store.getAchievement('inst-a', 'new')).toBeNull();
        expect((await store.getStatusList('rev-1'))?.allocated).toBe(1);
        expect((await store.getStatusList('sus-1'))?.allocated).toBe(1);
        expect(await store.auditEntries({ limit: 10 })).toEqual([]);
      });

      it('of concurrent issues into one slot exactly one wins', async () => {
        await withLists(10);
        const results = await Promise.allSettled(
          [1, 2, 3, 4].map((n) => store.saveIssuedCredential(credential(`c${n}`, { revocation: { listId: 'rev-1', index: 42 } }), null, audit('credential.issue'))),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StatusSlotTakenError);
        expect((await store.getStatusList('rev-1'))?.allocated).toBe(1);
        expect((await chainOf(store)).verdict).toEqual({ ok: true, checked: 1 });
      });

      it('reports which indexes are taken, which are set, and each slot\'s status', async () => {
        await withLists(500);
        const many = Array.from({ length: 250 }, (_, i) => i * 3);
        await issued('c1', 3);
        await issued('c2', 300);
        await issued('c3', 5);
        expect(await store.takenStatusIndexes('rev-1', 'revocation', [])).toEqual(new Set());
        expect(await store.takenStatusIndexes('rev-1', 'revocation', [1, 3, 5, 300])).toEqual(new Set([3, 5, 300]));
        expect(await store.takenStatusIndexes('rev-1', 'revocation', many)).toEqual(new Set([3, 300]));
        expect(await store.takenStatusIndexes('sus-1', 'suspension', [3])).toEqual(new Set([3]));
        expect(await store.takenStatusIndexes('rev-1', 'suspension', [3])).toEqual(new Set());
        await store.changeStatus({ credentialId: 'c2', action: 'revoke', reason: 'r', actor: 'tester', at: T1 });
        expect(await store.setStatusIndexes('rev-1', 'revocation')).toEqual([300]);
        expect(await store.setStatusIndexes('sus-1', 'suspension')).toEqual([]);
        expect(await store.statusAt('rev-1', 'revocation', 300)).toEqual({ setAt: T1 });
        expect(await store.statusAt('rev-1', 'revocation', 3)).toEqual({ setAt: null });
        expect(await store.statusAt('rev-1', 'revocation', 4)).toEqual({ setAt: null });
      });

      it('caches a signed list unless a newer version was saved meanwhile', async () => {
        await withLists();
        const signed = (version: number, signedAt: string) => ({ id: 'rev-1', version, json: `{"v":${version}}`, jwt: `jwt-${version}`, signedAt, validUntil: T2 });
        await store.saveSignedStatusList(signed(2, T1));
        await store.saveSignedStatusList(signed(1, T2));
        let l = await store.getStatusList('rev-1');
        expect([l?.signedVersion, l?.signedJson, l?.signedJwt, l?.signedAt, l?.validUntil]).toEqual([2, '{"v":2}', 'jwt-2', T1, T2]);
        await store.saveSignedStatusList({ ...signed(2, T2), json: 'later' });
        l = await store.getStatusList('rev-1');
        expect([l?.signedJson, l?.signedAt]).toEqual(['later', T2]);
      });

      it('reads a list without its signed forms for status checks: the same list, less the signed JSON and JWT', async () => {
        await withLists();
        await store.saveSignedStatusList({ id: 'rev-1', version: 1, json: '{"v":1}', jwt: 'jwt-1', signedAt: T1, validUntil: T2 });
        const { signedJson, signedJwt, ...rest } = (await store.getStatusList('rev-1'))!;
        expect([signedJson, signedJwt]).toEqual(['{"v":1}', 'jwt-1']);
        expect(await store.getStatusListInfo('rev-1')).toEqual(rest);
        expect(await store.getStatusListInfo('none')).toBeNull();
      });
    });

    describe('status changes', () => {
      it('revokes once: the event, the list version and the audit entry come with the change, and a second revoke changes nothing', async () => {
        await withLists();
        await issued('c1', 1);
        const change = { credentialId: 'c1', action: 'revoke' as const, reason: 'fraud', actor: 'tester', at: T1 };
        expect(await store.changeStatus(change, audit('credential.revoke'))).toBe(true);
        expect(await store.changeStatus({ ...change, at: T2 }, audit('credential.revoke'))).toBe(false);
        expect((await store.getCredential('c1'))?.revokedAt).toBe(T1);
        const events = await store.credentialEvents('c1');
        expect(events.map((e) => [e.action, e.reason, e.actor, e.at, e.credentialId])).toEqual([['revoke', 'fraud', 'tester', T1, 'c1']]);
        expect((await store.getStatusList('rev-1'))?.version).toBe(2);
        expect((await store.getStatusList('sus-1'))?.version).toBe(1);
        expect((await store.auditEntries({ limit: 10 })).map((e) => e.action)).toEqual(['credential.revoke']);
      });

      it('suspends and reinstates; a revoked credential can be neither', async () => {
        await withLists();
        await issued('c1', 1);
        const at = (action: 'suspend' | 'reinstate' | 'revoke', when: string) => ({ credentialId: 'c1', action, reason: null, actor: 'tester', at: when });
        expect(await store.changeStatus(at('reinstate', T0))).toBe(false);
        expect(await store.changeStatus(at('suspend', T0))).toBe(true);
        expect(await store.changeStatus(at('suspend', T1))).toBe(false);
        expect((await store.getCredential('c1'))?.suspendedAt).toBe(T0);
        expect(await store.changeStatus(at('reinstate', T1))).toBe(true);
        expect((await store.getCredential('c1'))?.suspendedAt).toBeNull();
        expect(await store.changeStatus(at('revoke', T2))).toBe(true);
        expect(await store.changeStatus(at('suspend', T2))).toBe(false);
        expect(await store.changeStatus(at('reinstate', T2))).toBe(false);
        expect((await store.credentialEvents('c1')).map((e) => e.action)).toEqual(['suspend', 'reinstate', 'revoke']);
        expect((await store.getStatusList('sus-1'))?.version).toBe(3);
        expect((await store.getStatusList('rev-1'))?.version).toBe(2);
      });

      it('changes the status of a credential without a status slot, and of no unknown credential', async () => {
        await store.createInstitute(institute('a'));
        await store.saveIssuedCredential(credential('c1'), null);
        expect(await store.changeStatus({ credentialId: 'c1', action: 'revoke', reason: null, actor: 'tester', at: T1 }, audit('credential.revoke'))).toBe(true);
        expect(await store.changeStatus({ credentialId: 'none', action: 'revoke', reason: null, actor: 'tester', at: T1 }, audit('credential.revoke'))).toBe(false);
        expect(await store.credentialEvents('c1')).toHaveLength(1);
        expect(await store.credentialEvents('none')).toEqual([]);
        expect(await store.auditEntries({ limit: 10 })).toHaveLength(1);
      });

      it('of concurrent revocations of one credential exactly one applies', async () => {
        await withLists();
        await issued('c1', 1);
        const results = await Promise.all(
          [1, 2, 3, 4, 5].map((n) => store.changeStatus({ credentialId: 'c1', action: 'revoke', reason: `r${n}`, actor: 'tester', at: T1 }, audit('credential.revoke'))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.credentialEvents('c1')).toHaveLength(1);
        expect((await store.getStatusList('rev-1'))?.version).toBe(2);
        expect((await chainOf(store)).verdict).toEqual({ ok: true, checked: 1 });
      });
    });

    describe('audit log', () => {
      it('chains every entry to the one before, from the genesis hash', async () => {
        await store.createInstitute(institute('a'), audit('institute.create', 'a', 'inst-a'));
        await store.addAccreditation({ instituteId: 'inst-a', validFrom: T0, validUntil: null, programmes: [], createdAt: T0 }, audit('accredit', 'a', 'inst-a'));
        await store.saveIssuerKey(key('k1', 'did:web:m'), { audit: audit('key.create', 'm') });
        const { entries, verdict } = await chainOf(store);
        expect(verdict).toEqual({ ok: true, checked: 3 });
        expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(entries[0]?.prevHash).toBe('0'.repeat(64));
        expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
        expect(entries[0]?.details).toBe('{"n":1}');
      });

      it('pages by seq and filters by institute', async () => {
        for (const slug of ['a', 'b', 'c']) await store.createInstitute(institute(slug), audit('institute.create', slug, `inst-${slug}`));
        await store.updateInstitute(institute('a', { name: 'A2' }), audit('institute.update', 'a', 'inst-a'));
        expect((await store.auditEntries({ afterSeq: 1, limit: 2 })).map((e) => e.seq)).toEqual([2, 3]);
        expect((await store.auditEntries({ instituteId: 'inst-a', limit: 10 })).map((e) => e.action)).toEqual(['institute.create', 'institute.update']);
        expect((await store.auditEntries({ instituteId: 'inst-a', afterSeq: 1, limit: 10 })).map((e) => e.seq)).toEqual([4]);
      });

      it('stays one unbroken chain under concurrent writers', async () => {
        const slugs = ['p', 'q', 'r', 's', 't', 'u', 'v', 'w'];
        await Promise.all(slugs.map((slug) => store.createInstitute(institute(slug), audit('institute.create', slug))));
        const { entries, verdict } = await chainOf(store);
        expect(verdict).toEqual({ ok: true, checked: slugs.length });
        expect(new Set(entries.map((e) => e.target))).toEqual(new Set(slugs));
      });
    });
  });
}
