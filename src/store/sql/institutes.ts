import { compatibilityOf, keyTypeOf, type AccreditationPeriod, type Institute, type IssuerKeyRecord, type Store } from '../port.js';
import { audited, type AuditLog } from './audit.js';
import { accreditationEvent } from './webhook-events.js';
import { sql, type SqlDriver } from './driver.js';
import { accreditationFromRow, instituteFromRow, issuerKeyFromRow, tokenFromRow } from './rows.js';

type InstituteMethods = Pick<Store,
  | 'createInstitute' | 'updateInstitute' | 'listInstitutes' | 'getDefaultInstitute' | 'getInstituteBySlug' | 'getInstitute' | 'getInstituteByDid'
  | 'addAccreditation' | 'endAccreditation' | 'accreditations' | 'registerInstitute' | 'suspendInstitute' | 'accreditInstitute'
  | 'saveIssuerKey' | 'issuerKeys' | 'markKeyCompromised'
  | 'saveApiToken' | 'findApiTokenByHash' | 'listApiTokens' | 'revokeApiToken' | 'touchApiToken' | 'revokeApiTokens'>;

const INSTITUTE = 'SELECT * FROM institutes';

/** Institutes, their accreditation periods, signing keys and API keys. */
export function instituteMethods(db: SqlDriver, log: AuditLog): InstituteMethods {
  const one = async (text: string, ...params: string[]) => {
    const row = await db.first(sql(`${INSTITUTE} ${text}`, ...params));
    return row ? instituteFromRow(row) : null;
  };
  const values = (i: Institute) => {
    const { ed25519Signature2020, es256Jwt } = compatibilityOf(i);
    return [
      i.slug, i.name, i.nameKm, i.url, i.did, i.didKey, i.contact, JSON.stringify(i.programmes), i.status, i.cryptosuite,
      ed25519Signature2020 ? 1 : 0, es256Jwt ? 1 : 0, i.imageUrl ?? null, i.province ?? null, i.sector ?? null, i.id,
    ] as const;
  };

  const insertInstitute = (i: Institute) =>
    sql(`INSERT INTO institutes (slug, name, name_km, url, did, did_key, contact, programmes, status, cryptosuite,
      ed25519_signature_2020, es256_jwt, image_url, province, sector, id, is_default, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...values(i), i.isDefault ? 1 : 0, i.createdAt);
  const insertPeriod = (p: Omit<AccreditationPeriod, 'seq'>) =>
    sql('INSERT INTO accreditation_periods (institute_id, valid_from, valid_until, programmes, created_at) VALUES (?, ?, ?, ?, ?)',
      p.instituteId, p.validFrom, p.validUntil, JSON.stringify(p.programmes), p.createdAt);
  const endPeriods = (instituteId: string, at: string) =>
    sql('UPDATE accreditation_periods SET valid_until = ? WHERE institute_id = ? AND (valid_until IS NULL OR valid_until > ?)', at, instituteId, at);
  const setStatus = (instituteId: string, status: Institute['status']) => sql('UPDATE institutes SET status = ? WHERE id = ?', status, instituteId);
  const insertKey = (k: IssuerKeyRecord, options: { retireActive?: boolean }) => [
    options.retireActive
      ? sql(`UPDATE issuer_keys SET status = 'retired', retired_at = ? WHERE controller = ? AND key_type = ? AND status = 'active'`, k.createdAt, k.controller, keyTypeOf(k))
      : null,
    sql(`INSERT INTO issuer_keys (id, controller, owner, key_type, public_x, public_y, sealed_private, status, created_at, retired_at, compromised_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    k.id, k.controller, k.owner, keyTypeOf(k), k.publicX, k.publicY ?? null, k.sealedPrivate, k.status, k.createdAt, k.retiredAt, k.compromisedAt),
  ];

  return {
    async createInstitute(i, audit) {
      await log.write([insertInstitute(i), audited(audit)]);
    },
    async registerInstitute({ institute, key, accreditation, audit = {} }) {
      await log.write([
        insertInstitute(institute),
        audited(audit.institute),
        ...insertKey(key, {}),
        audited(audit.key),
        accreditation ? insertPeriod(accreditation) : null,
        accreditation ? audited(audit.accreditation) : null,
        accreditation ? accreditationEvent(institute.id, 'registered', accreditation.createdAt) : null,
      ]);
    },
    async suspendInstitute(instituteId, at, audit) {
      await log.write([endPeriods(instituteId, at), setStatus(instituteId, 'suspended'), audited(audit), accreditationEvent(instituteId, 'suspended', at)]);
    },
    async accreditInstitute(period, audit) {
      await log.write([setStatus(period.instituteId, 'active'), insertPeriod(period), audited(audit), accreditationEvent(period.instituteId, 'accredited', period.createdAt)]);
    },
    async updateInstitute(i, audit) {
      await log.write([
        sql(`UPDATE institutes SET slug = ?, name = ?, name_km = ?, url = ?, did = ?, did_key = ?, contact = ?, programmes = ?, status = ?,
          cryptosuite = ?, ed25519_signature_2020 = ?, es256_jwt = ?, image_url = ?, province = ?, sector = ? WHERE id = ?`, ...values(i)),
        audited(audit),
      ]);
    },
    async listInstitutes() {
      return (await db.all(sql(`${INSTITUTE} ORDER BY created_at, slug`))).map(instituteFromRow);
    },
    getDefaultInstitute: () => one('WHERE is_default = 1 LIMIT 1'),
    getInstituteBySlug: (slug) => one('WHERE slug = ?', slug),
    getInstitute: (id) => one('WHERE id = ?', id),
    // Its own DID, its did:key, or one it had before a PUBLIC_URL change (migrations/0009).
    getInstituteByDid: (did) => one('WHERE did = ? OR did_key = ? OR id = (SELECT institute_id FROM institute_did_aliases WHERE did = ?) LIMIT 1', did, did, did),

    async addAccreditation(p, audit) {
      await log.write([insertPeriod(p), audited(audit), accreditationEvent(p.instituteId, 'period_added', p.createdAt)]);
    },
    async endAccreditation(instituteId, at, audit) {
      // The event right after the periods' update: only when it ended some.
      const [ended] = await log.write([endPeriods(instituteId, at), accreditationEvent(instituteId, 'periods_ended', at, true), audited(audit)]);
      return ended?.changes ?? 0;
    },
    async accreditations(instituteId) {
      return (await db.all(sql('SELECT * FROM accreditation_periods WHERE institute_id = ? ORDER BY valid_from, seq', instituteId))).map(accreditationFromRow);
    },

    async saveIssuerKey(k, options = {}) {
      await log.write([...insertKey(k, options), audited(options.audit)]);
    },
    async issuerKeys(controller, keyType = 'Ed25519') {
      return (await db.all(sql('SELECT * FROM issuer_keys WHERE controller = ? AND key_type = ? ORDER BY created_at DESC, rowid DESC', controller, keyType)))
        .map(issuerKeyFromRow);
    },
    async markKeyCompromised(id, since, audit) {
      // Only ever earlier; the entry is written only when the time moved.
      const [marked] = await log.write([
        sql('UPDATE issuer_keys SET compromised_at = ? WHERE id = ? AND (compromised_at IS NULL OR compromised_at > ?)', since, id, since),
        audited(audit, true),
      ]);
      return marked?.changes === 1;
    },

    async saveApiToken(t, audit) {
      await log.write([
        sql(`INSERT INTO api_tokens (id, token_hash, role, institute_id, label, source, created_at, revoked_at, scopes, expires_at, last_used_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        t.id, t.tokenHash, t.role, t.instituteId, t.label, t.source, t.createdAt, t.revokedAt, JSON.stringify(t.scopes), t.expiresAt, t.lastUsedAt),
        audited(audit),
      ]);
    },
    async findApiTokenByHash(hash) {
      const row = await db.first(sql('SELECT * FROM api_tokens WHERE token_hash = ?', hash));
      return row ? tokenFromRow(row) : null;
    },
    async listApiTokens(instituteId) {
      return (await db.all(sql('SELECT * FROM api_tokens WHERE institute_id = ? ORDER BY created_at', instituteId))).map(tokenFromRow);
    },
    async revokeApiToken(id, at, audit) {
      const [revoked] = await log.write([sql('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id), audited(audit, true)]);
      return revoked?.changes === 1;
    },
    async touchApiToken(id, at) {
      await db.run(sql('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', at, id));
    },
    async revokeApiTokens({ role, source }, at) {
      return db.run(sql('UPDATE api_tokens SET revoked_at = ? WHERE role = ? AND source = ? AND revoked_at IS NULL', at, role, source));
    },
  };
}
