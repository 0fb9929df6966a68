import { DuplicateCredentialIdError, StatusSlotTakenError, type IssuedCredentialWrite, type Store } from '../port.js';
import { reportingFields } from '../../insight/programme.js';
import { audited, type AuditLog, type Step } from './audit.js';
import { sql, type SqlDriver } from './driver.js';
import { issuedEvent } from './webhook-events.js';
import { achievementFromRow, credentialFromRow } from './rows.js';

type CredentialMethods = Pick<Store, 'saveIssuedCredential' | 'saveIssuedCredentials' | 'getCredential' | 'credentialJwts' | 'getCredentialByVcId' | 'signedAtOf' | 'storedFormId' | 'getAchievement'>;

const CREDENTIAL_INSERT = `INSERT INTO credentials (id, credential_url, vc_id, institute_id, issuer_did, di_json, jwt, jwt_es256, learner_name,
    achievement_name, achievement_key, valid_from, valid_until, issued_at, issued_by, revocation_list, revocation_index, suspension_list,
    suspension_index, revoked_at, suspended_at, achievement_name_km, achievement_level, achievement_type)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const ALLOCATED = `UPDATE status_lists SET allocated = allocated + ?, state = CASE WHEN allocated + ? >= capacity THEN 'full' ELSE state END
  WHERE id = ?`;
const ACHIEVEMENT_UPSERT = `INSERT INTO achievements (institute_id, key, json, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (institute_id, key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`;
/** The row identity is taken for good (its primary key refuses a second credential) and the batch row marked. */
const ISSUED_ROW_INSERT = 'INSERT INTO issued_rows (institute_id, row_key, credential_id) VALUES (?, ?, ?)';
const BATCH_ROW_ISSUED = `UPDATE batch_rows SET status = 'issued', credential_id = ?, error = NULL WHERE batch_id = ? AND row_no = ?`;

/** The unique slot indexes refused a slot another writer took first. */
const isSlotConflict = (e: unknown): boolean => /UNIQUE constraint failed: credentials\.(revocation|suspension)_/.test(String((e as Error)?.message ?? e));
/** The unique index of credential ids (migrations/0008) refused an id issued before. */
const isIdConflict = (e: unknown): boolean => /UNIQUE constraint failed: credentials\.vc_id/.test(String((e as Error)?.message ?? e));

/**
 * The statements that store credentials as one group: each credential with its batch row and
 * its audit entry, then one allocation count per list and the last definition of each
 * achievement (a batch group usually shares one of each). The same end state as storing each
 * in turn, in fewer statements (D1 counts them).
 */
function issuedSteps(items: readonly IssuedCredentialWrite[]): Step[] {
  const steps: Step[] = [];
  const allocated = new Map<string, number>();
  const achievements = new Map<string, NonNullable<IssuedCredentialWrite['achievement']>>();
  for (const item of items) {
    const { credential: c, achievement, audit, batchRow } = item;
    const reporting = reportingFields(c.diJson);
    steps.push(sql(CREDENTIAL_INSERT, c.id, c.credentialUrl, c.vcId, c.instituteId, c.issuerDid, c.diJson, c.jwt, c.jwtEs256 ?? null, c.learnerName, c.achievementName,
      c.achievementKey, c.validFrom, c.validUntil, c.issuedAt, c.issuedBy, c.revocation?.listId ?? null, c.revocation?.index ?? null,
      c.suspension?.listId ?? null, c.suspension?.index ?? null, c.revokedAt, c.suspendedAt, reporting.nameKm, reporting.level, reporting.type));
    if (batchRow) {
      steps.push(sql(ISSUED_ROW_INSERT, c.instituteId, batchRow.rowKey, c.id), sql(BATCH_ROW_ISSUED, c.id, batchRow.batchId, batchRow.rowNo));
    }
    steps.push(audited(audit), issuedEvent(item));
    for (const slot of [c.revocation, c.suspension]) if (slot) allocated.set(slot.listId, (allocated.get(slot.listId) ?? 0) + 1);
    if (achievement) achievements.set(JSON.stringify([achievement.instituteId, achievement.key]), achievement);
  }
  for (const [listId, n] of allocated) steps.push(sql(ALLOCATED, n, n, listId));
  for (const a of achievements.values()) steps.push(sql(ACHIEVEMENT_UPSERT, a.instituteId, a.key, a.json, a.updatedAt));
  return steps;
}

/**
 * The credential of a VC id: migration 0008 marked every repeat of an id (vc_id_repeat = 1) but
 * its first, and the unique index credentials_vc_id_unique holds the unmarked one.
 */
export const FIRST_OF_VC_ID = 'vc_id = ? AND vc_id_repeat = 0';

/** Issued credentials and the achievements they name. */
export function credentialMethods(db: SqlDriver, log: AuditLog): CredentialMethods {
  const save = async (items: readonly IssuedCredentialWrite[]) => {
    if (items.length === 0) return;
    try {
      await log.write(issuedSteps(items));
    } catch (error) {
      throw isSlotConflict(error) ? new StatusSlotTakenError() : isIdConflict(error) ? new DuplicateCredentialIdError() : error;
    }
  };
  const one = async (text: string, ...params: string[]) => {
    const row = await db.first(sql(text, ...params));
    return row ? credentialFromRow(row) : null;
  };
  return {
    saveIssuedCredential: (credential, achievement, audit, batchRow) => save([{ credential, achievement, audit, batchRow }]),
    saveIssuedCredentials: save,
    getCredential: (id) => one('SELECT * FROM credentials WHERE id = ?', id),
    async credentialJwts(ids) {
      if (ids.length === 0) return new Map();
      // The ids travel as one JSON parameter: one statement however many (D1 binds at most 100).
      const rows = await db.all(sql('SELECT id, jwt FROM credentials WHERE jwt IS NOT NULL AND id IN (SELECT value FROM json_each(?))', JSON.stringify(ids)));
      return new Map(rows.map((r) => [String(r.id), String(r.jwt)]));
    },
    // The first credential of an id, where a database from before migration 0008 holds repeats:
    // the one row of each id left unmarked (vc_id_repeat = 0), found by its unique index.
    getCredentialByVcId: (vcId) => one(`SELECT * FROM credentials WHERE ${FIRST_OF_VC_ID}`, vcId),
    async signedAtOf(vcId) {
      const row = (await db.first(sql(`SELECT issued_at AS at FROM credentials WHERE ${FIRST_OF_VC_ID}`, vcId)))
        ?? (await db.first(sql('SELECT delivered_at AS at FROM credential_deliveries WHERE vc_id = ?', vcId)));
      return typeof row?.at === 'string' ? row.at : null;
    },
    async storedFormId(vcId, form, text) {
      const column = form === 'jwt' ? 'jwt' : 'di_json';
      const row = await db.first(sql(`SELECT id FROM credentials WHERE ${FIRST_OF_VC_ID} AND ${column} = ?`, vcId, text));
      return typeof row?.id === 'string' ? row.id : null;
    },
    async getAchievement(instituteId, key) {
      const row = await db.first(sql('SELECT * FROM achievements WHERE institute_id = ? AND key = ?', instituteId, key));
      return row ? achievementFromRow(row) : null;
    },
  };
}
