import { beforeEach, describe, expect, it } from 'vitest';
import type { CredentialRecord, DeliveryRecord, Institute, Store, WalletOfferRecord } from '../src/store/port.js';

/*
 * Wallet offers in the store, run against every adapter (SQLite in test/store-wallet-sqlite.test.ts,
 * D1 in test/workers/store-wallet-d1.test.ts): each step is a compare-and-set, so racing
 * requests take a PIN try, a token, a nonce or the delivery exactly once.
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-01T10:05:00Z';
const LATER = '2026-04-15T10:00:00Z';

const institute: Institute = {
  id: 'inst-w', slug: 'w', name: 'W', nameKm: null, url: null, did: 'did:web:w.example', didKey: null, isDefault: false,
  createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
};
const credential: CredentialRecord = {
  id: 'cred-w', credentialUrl: 'https://w.example/credentials/cred-w', vcId: 'https://w.example/credentials/cred-w', instituteId: 'inst-w',
  issuerDid: 'did:web:w.example', diJson: '{}', jwt: null, learnerName: 'Sok Dara', achievementName: 'ELC', achievementKey: 'ELC',
  validFrom: T0, validUntil: null, issuedAt: T0, issuedBy: 'test', revocation: null, suspension: null, revokedAt: null, suspendedAt: null,
};
const offer = (idHash: string, ref: string): WalletOfferRecord => ({
  idHash, ref, credentialId: 'cred-w', instituteId: 'inst-w', createdAt: T0, createdBy: 'test', expiresAt: '2026-03-31T10:00:00Z',
  txCodeSalt: 'salt', txCodeHash: 'hash', pinTries: 0, tokenHash: null, tokenExpiresAt: null, redeemedAt: null, exchangeTx: null,
  exchangeChallenge: null, exchangeExpiresAt: null, deliveredAt: null, revokedAt: null,
});
const delivery = (id: string, ref: string): DeliveryRecord => ({
  id, vcId: `urn:uuid:${id}`, credentialId: 'cred-w', offerRef: ref, instituteId: 'inst-w', holderDid: 'did:key:z6Mkholder', protocol: 'openid4vci',
  format: 'ldp_vc', body: `{"id":"${id}"}`, deliveredAt: T1,
});
const audit = (action: string) => ({ at: T1, actor: 'test', instituteId: 'inst-w', action, target: 'cred-w' });

/** Runs the wallet offer contract against the stores `makeStore` opens. */
export function describeWalletStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, wallet offers: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.createInstitute(institute);
      await store.saveIssuedCredential(credential, null);
    });

    it('a new offer of a credential revokes the one before it; revoking ends the live one', async () => {
      await store.createWalletOffer(offer('h1', 'wo_1'), audit('wallet-offer.create'));
      await store.createWalletOffer(offer('h2', 'wo_2'));
      expect((await store.getWalletOffer('h1'))?.revokedAt).toBe(T0);
      expect((await store.getWalletOffer('h2'))?.revokedAt).toBeNull();
      expect((await store.walletOffersOf('cred-w')).map((o) => o.ref).sort()).toEqual(['wo_1', 'wo_2']);
      expect(await store.revokeWalletOffers('cred-w', T1, audit('wallet-offer.revoke'))).toBe(1);
      expect(await store.revokeWalletOffers('cred-w', T1)).toBe(0);
    });

    it('PIN tries: at most 5 are taken, even all at once; none once the offer has expired', async () => {
      await store.createWalletOffer(offer('h1', 'wo_1'));
      const taken = await Promise.all(Array.from({ length: 9 }, () => store.takeWalletOfferPinTry('h1', T1)));
      expect(taken.filter(Boolean)).toHaveLength(5);
      expect((await store.getWalletOffer('h1'))?.pinTries).toBe(5);
      await store.createWalletOffer(offer('h2', 'wo_2'));
      expect(await store.takeWalletOfferPinTry('h2', LATER)).toBe(false);
    });

    it('the token is given once, the delivery made once (racing), the nonce used once', async () => {
      await store.createWalletOffer(offer('h1', 'wo_1'));
      const tokens = await Promise.all(['t1', 't2'].map((t) => store.redeemWalletOffer({ idHash: 'h1', tokenHash: t, tokenExpiresAt: '2026-03-01T10:15:00Z', at: T1 }, audit('wallet-offer.redeem'))));
      expect(tokens.filter(Boolean)).toHaveLength(1);
      const token = (await store.getWalletOffer('h1'))!.tokenHash!;
      expect((await store.getWalletOfferByToken(token))?.ref).toBe('wo_1');
      const delivered = await Promise.all(['d1', 'd2'].map((id) => store.deliverCredential(delivery(id, 'wo_1'), { kind: 'token', idHash: 'h1', tokenHash: token }, audit('credential.deliver'))));
      expect(delivered.filter(Boolean)).toHaveLength(1);
      const rows = await store.credentialDeliveries('cred-w');
      expect(rows).toHaveLength(1);
      expect(await store.getDeliveryByVcId(rows[0]!.vcId)).toEqual(rows[0]);
      // A delivered credential's signing time is its delivery's.
      expect(await store.signedAtOf(rows[0]!.vcId)).toBe(rows[0]!.deliveredAt);
      expect((await store.auditEntries({ limit: 10 })).filter((e) => e.action === 'credential.deliver')).toHaveLength(1);

      await store.saveWalletNonce('n1', '2026-03-01T10:10:00Z');
      expect(await Promise.all([store.takeWalletNonce('n1', T1), store.takeWalletNonce('n1', T1)])).toEqual(expect.arrayContaining([true, false]));
      await store.saveWalletNonce('n2', '2026-03-01T10:01:00Z');
      expect(await store.takeWalletNonce('n2', T1)).toBe(false);
    });

    it('a delivery with a wrong token, or through an exchange never started, stores nothing', async () => {
      await store.createWalletOffer(offer('h1', 'wo_1'));
      await store.redeemWalletOffer({ idHash: 'h1', tokenHash: 't1', tokenExpiresAt: '2026-03-01T10:15:00Z', at: T1 });
      expect(await store.deliverCredential(delivery('d1', 'wo_1'), { kind: 'token', idHash: 'h1', tokenHash: 'wrong' })).toBe(false);
      expect(await store.deliverCredential(delivery('d1', 'wo_1'), { kind: 'exchange', idHash: 'h1', tx: 'tx' })).toBe(false);
      expect(await store.credentialDeliveries('cred-w')).toEqual([]);
      await store.createWalletOffer(offer('h2', 'wo_2'));
      expect(await store.startWalletExchange({ idHash: 'h2', tx: 'tx2', challenge: 'c', expiresAt: '2026-03-01T10:20:00Z', at: T1 })).toBe(true);
      expect(await store.deliverCredential(delivery('d2', 'wo_2'), { kind: 'exchange', idHash: 'h2', tx: 'tx2' })).toBe(true);
    });
  });
}
