import { transitionRefusal } from '../issuer/status.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { ApiToken, CredentialRecord, StatusAction, Store } from '../store/port.js';
import { isCredentialId } from '../verifier/input.js';
import { ok, refuse, type Outcome } from './refusal.js';

/** A credential the token may act on; another institute's credential is "not found". */
export async function credentialForToken(store: Store, token: ApiToken, id: string): Promise<Outcome<CredentialRecord>> {
  const record = isCredentialId(id) ? await store.getCredential(id) : null;
  if (!record || (token.instituteId !== null && token.instituteId !== record.instituteId)) return refuse('not_found', 'no credential with this id');
  return ok(record);
}

/**
 * Revokes, suspends or reinstates a credential, with its audit entry, as one compare-and-set
 * in the store; or says why the transition is not allowed (revocation is permanent, it is
 * already suspended, it changed meanwhile). The credential as it is afterwards.
 */
export async function changeStatus(
  deps: { store: Store; clock: () => Date },
  record: CredentialRecord,
  action: StatusAction,
  reason: string | null,
  actor: string,
): Promise<Outcome<CredentialRecord>> {
  const refusal = transitionRefusal(record, action);
  const at = toDateTimeStamp(deps.clock());
  const applied = refusal === null && (await deps.store.changeStatus(
    { credentialId: record.id, action, reason, actor, at },
    { at, actor, instituteId: record.instituteId, action: `credential.${action}`, target: record.credentialUrl, details: reason ? { reason } : {} },
  ));
  const current = (await deps.store.getCredential(record.id)) ?? record;
  if (!applied) return refuse('conflict', transitionRefusal(current, action) ?? 'the credential changed meanwhile; try again');
  return ok(current);
}
