import type { CryptoProvider } from '../crypto/provider.js';
import { VC_V2_CONTEXT } from '../jsonld/contexts.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { JsonObject } from '../schemas/credential.js';
import type { StatusList, StatusPurpose, StatusSlot, Store } from '../store/port.js';
import { bitstringOf, encodeList } from './bitstring.js';
import { IssueError } from './issue-error.js';
import type { KeyRing } from './key-ring.js';
import { addDataIntegrityProof, signVcJwt } from './secure.js';

/** How long verifiers may cache a list before fetching it again (also the HTTP max-age). */
export const STATUS_LIST_TTL_MS = 5 * 60 * 1000;
/** How long a signed list stays valid; it is re-signed well before that, on the next read. */
export const STATUS_LIST_VALIDITY_MS = 7 * 24 * 3600 * 1000;
const RESIGN_WHEN_LEFT_MS = 6 * 24 * 3600 * 1000;

export const statusListUrl = (publicUrl: string, listId: string) => `${publicUrl}/status/${listId}`;

/**
 * What the set bit of a revocation entry whose list covers suspension means, said in the
 * entry (Bitstring Status List: `statusMessage` "MAY be present if statusSize is 1"): every
 * verifier reads the bit as revoked; one that reads this knows it may be a suspension.
 */
export const COVERING_STATUS_MESSAGE = Object.freeze([
  Object.freeze({ status: '0x0', message: 'valid' }),
  Object.freeze({ status: '0x1', message: 'revoked or suspended' }),
]);

/** The `BitstringStatusListEntry` objects a credential carries, one per allocated slot. */
export function statusEntries(publicUrl: string, slots: Partial<Record<StatusPurpose, StatusSlot>>, coversSuspension = false): JsonObject[] {
  return (['revocation', 'suspension'] as const).flatMap((purpose) => {
    const slot = slots[purpose];
    if (!slot) return [];
    const { listId, index } = slot;
    const url = statusListUrl(publicUrl, listId);
    return {
      id: `${url}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: url,
      ...(purpose === 'revocation' && coversSuspension ? { statusMessage: COVERING_STATUS_MESSAGE.map((m) => ({ ...m })) } : {}),
    };
  });
}

const signerOf = (signedJson: string): unknown => (JSON.parse(signedJson) as { proof?: { verificationMethod?: unknown } }).proof?.verificationMethod;

export interface SignedStatusList {
  list: StatusList;
  json: string;
  jwt: string;
  signedAt: string;
  validUntil: string;
}

export interface StatusListDeps {
  store: Store;
  keys: KeyRing;
  crypto: CryptoProvider;
  clock: () => Date;
  publicUrl: string;
}

/**
 * The signed `BitstringStatusListCredential` for a list, in both secured forms. Signs only
 * when the list changed since it was last signed, or its signature nears the end of its
 * validity; otherwise serves the stored one. Never serves a list older than the last change.
 */
export async function signedStatusList(deps: StatusListDeps, list: StatusList): Promise<SignedStatusList> {
  const now = deps.clock();
  const key = await deps.keys.activeKey(list.issuerDid);
  const fresh =
    list.signedVersion === list.version && list.signedJson && list.signedJwt && list.signedAt && list.validUntil &&
    Date.parse(list.validUntil) - now.getTime() > RESIGN_WHEN_LEFT_MS &&
    // After a rotation (often because the old key leaked) the list is re-signed by the new key.
    (!key || signerOf(list.signedJson) === key.id);
  if (fresh) {
    return { list, json: list.signedJson as string, jwt: list.signedJwt as string, signedAt: list.signedAt as string, validUntil: list.validUntil as string };
  }
  // A server state, not the caller's fault: 503 unavailable (src/http/domain-errors.ts), as issuing without a key is.
  if (!key) throw new IssueError('ERR_NO_SIGNING_KEY', `${list.issuerDid} has no active signing key here, and this status list must be signed again; try again once the institute has one`);
  const version = list.version;
  const bits = bitstringOf(list.size, await deps.store.setStatusIndexes(list.id, list.purpose));
  const url = statusListUrl(deps.publicUrl, list.id);
  const signedAt = toDateTimeStamp(now);
  const validUntil = toDateTimeStamp(new Date(now.getTime() + STATUS_LIST_VALIDITY_MS));
  const unsecured: JsonObject = {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: list.issuerDid,
    validFrom: signedAt,
    validUntil,
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: list.purpose,
      encodedList: await encodeList(bits),
      ttl: STATUS_LIST_TTL_MS,
    },
  };
  const [secured, jwt] = await Promise.all([addDataIntegrityProof(unsecured, key, signedAt, deps.crypto), signVcJwt(unsecured, key)]);
  const json = JSON.stringify(secured);
  await deps.store.saveSignedStatusList({ id: list.id, version, json, jwt, signedAt, validUntil });
  return { list: { ...list, signedVersion: version, signedJson: json, signedJwt: jwt, signedAt, validUntil }, json, jwt, signedAt, validUntil };
}
