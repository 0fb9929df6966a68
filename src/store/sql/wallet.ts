import { WALLET_OFFER_PIN_TRIES, type Store } from '../port.js';
import { audited, type AuditLog } from './audit.js';
import { offerClaimedEvent } from './webhook-events.js';
import { sql, type Sql, type SqlDriver } from './driver.js';
import { deliveryFromRow, walletOfferFromRow } from './rows.js';

type WalletMethods = Pick<Store,
  | 'createWalletOffer' | 'getWalletOffer' | 'getWalletOfferByToken' | 'walletOffersOf' | 'revokeWalletOffers' | 'takeWalletOfferPinTry'
  | 'redeemWalletOffer' | 'startWalletExchange' | 'deliverCredential' | 'saveWalletNonce' | 'takeWalletNonce' | 'getDeliveryByVcId'
  | 'credentialDeliveries'>;

/**
 * An offer still open at `?`: not revoked, not delivered, not void (5 PIN tries), not expired.
 * Every compare-and-set below starts from it, so each redemption step happens at most once
 * however many requests race for it.
 */
const OPEN = `revoked_at IS NULL AND delivered_at IS NULL AND pin_tries < ${WALLET_OFFER_PIN_TRIES} AND expires_at > ?`;

/** Wallet offers, their proof nonces, and the credentials delivered through them (migrations/0012). */
export function walletMethods(db: SqlDriver, log: AuditLog): WalletMethods {
  const offer = async (text: string, ...params: string[]) => {
    const row = await db.first(sql(text, ...params));
    return row ? walletOfferFromRow(row) : null;
  };
  return {
    async createWalletOffer(o, audit) {
      // One live offer per credential: a new one (a lost PIN, a new phone) ends the earlier ones.
      await log.write([
        sql('UPDATE wallet_offers SET revoked_at = ? WHERE credential_id = ? AND revoked_at IS NULL AND delivered_at IS NULL', o.createdAt, o.credentialId),
        sql(`INSERT INTO wallet_offers (id_hash, ref, credential_id, institute_id, created_at, created_by, expires_at, tx_code_salt, tx_code_hash, pin_tries)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
        o.idHash, o.ref, o.credentialId, o.instituteId, o.createdAt, o.createdBy, o.expiresAt, o.txCodeSalt, o.txCodeHash),
        audited(audit),
      ]);
    },
    getWalletOffer: (idHash) => offer('SELECT * FROM wallet_offers WHERE id_hash = ?', idHash),
    getWalletOfferByToken: (tokenHash) => offer('SELECT * FROM wallet_offers WHERE token_hash = ?', tokenHash),
    async walletOffersOf(credentialId) {
      return (await db.all(sql('SELECT * FROM wallet_offers WHERE credential_id = ? ORDER BY created_at DESC, ref', credentialId))).map(walletOfferFromRow);
    },
    async revokeWalletOffers(credentialId, at, audit) {
      // At most one offer of a credential is live (createWalletOffer), so the guard's one row is it.
      const [cas] = await log.write([
        sql('UPDATE wallet_offers SET revoked_at = ? WHERE credential_id = ? AND revoked_at IS NULL AND delivered_at IS NULL', at, credentialId),
        audited(audit, true),
      ]);
      return cas?.changes ?? 0;
    },
    async takeWalletOfferPinTry(idHash, at) {
      return (await db.run(sql(`UPDATE wallet_offers SET pin_tries = pin_tries + 1 WHERE id_hash = ? AND token_hash IS NULL AND ${OPEN}`, idHash, at))) === 1;
    },
    async redeemWalletOffer(r, audit) {
      const [cas] = await log.write([
        sql(`UPDATE wallet_offers SET token_hash = ?, token_expires_at = ?, redeemed_at = ? WHERE id_hash = ? AND token_hash IS NULL AND ${OPEN}`,
          r.tokenHash, r.tokenExpiresAt, r.at, r.idHash, r.at),
        audited(audit, true),
      ]);
      return cas?.changes === 1;
    },
    async startWalletExchange(x) {
      return (await db.run(sql(`UPDATE wallet_offers SET exchange_tx = ?, exchange_challenge = ?, exchange_expires_at = ? WHERE id_hash = ? AND ${OPEN}`,
        x.tx, x.challenge, x.expiresAt, x.idHash, x.at))) === 1;
    },
    async deliverCredential(d, via, audit) {
      const cas: Sql = via.kind === 'token'
        ? sql(`UPDATE wallet_offers SET delivered_at = ? WHERE id_hash = ? AND token_hash = ? AND token_expires_at > ? AND ${OPEN}`,
          d.deliveredAt, via.idHash, via.tokenHash, d.deliveredAt, d.deliveredAt)
        : sql(`UPDATE wallet_offers SET delivered_at = ? WHERE id_hash = ? AND exchange_tx = ? AND exchange_expires_at > ? AND ${OPEN}`,
          d.deliveredAt, via.idHash, via.tx, d.deliveredAt, d.deliveredAt);
      // The compare-and-set first; the delivery and its audit entry only when it changed the
      // offer: two redemptions at once deliver once.
      const [won] = await log.write([
        cas,
        sql(`INSERT INTO credential_deliveries (id, vc_id, credential_id, offer_ref, institute_id, holder_did, protocol, format, body, delivered_at)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() = 1`,
        d.id, d.vcId, d.credentialId, d.offerRef, d.instituteId, d.holderDid, d.protocol, d.format, d.body, d.deliveredAt),
        offerClaimedEvent(d),
        audited(audit, true),
      ]);
      return won?.changes === 1;
    },
    async saveWalletNonce(nonce, expiresAt) {
      await db.run(sql('INSERT INTO wallet_nonces (nonce, expires_at) VALUES (?, ?)', nonce, expiresAt));
    },
    async takeWalletNonce(nonce, at) {
      // Expired nonces are swept as they are looked at, so the table stays small.
      const [taken] = await db.atomic([
        sql('UPDATE wallet_nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL AND expires_at > ?', at, nonce, at),
        sql('DELETE FROM wallet_nonces WHERE expires_at <= ?', at),
      ]);
      return taken?.changes === 1;
    },
    async getDeliveryByVcId(vcId) {
      const row = await db.first(sql('SELECT * FROM credential_deliveries WHERE vc_id = ?', vcId));
      return row ? deliveryFromRow(row) : null;
    },
    async credentialDeliveries(credentialId) {
      return (await db.all(sql('SELECT * FROM credential_deliveries WHERE credential_id = ? ORDER BY delivered_at, id', credentialId))).map(deliveryFromRow);
    },
  };
}
