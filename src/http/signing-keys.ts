import { fromBase64url } from '../crypto/encoding.js';
import { encodeMultikey } from '../crypto/multikey.js';
import { keyTypeOf, type Institute, type IssuerKeyRecord, type KeyType, type Store } from '../store/port.js';
import { encodeP256Multikey } from '../issuer/p256-keys.js';

/*
 * An institute's signing keys as the admin API shows them (GET /api/v1/institutes/:slug/keys):
 * the keys of its DID and of the DIDs it had before a PUBLIC_URL change, newest first, public
 * halves only. The README's key-compromise example takes its key id from here.
 */

/** Every key record of the institute (Ed25519 and P-256): under its DID and its former ones, newest first. */
export async function instituteKeyRecords(store: Store, institute: Institute): Promise<IssuerKeyRecord[]> {
  const dids = [institute.did, ...(await store.instituteDidAliases(institute.id))];
  const records = (await Promise.all(dids.flatMap((did) => [store.issuerKeys(did), store.issuerKeys(did, 'P-256')]))).flat();
  // Stable for equal times: Ed25519 before P-256, as read.
  return records.map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : i - j))
    .map(([r]) => r);
}

/** The list the API answers with: no sealed private half, ever. `activeKey` is the Ed25519 one. */
export async function signingKeysView(store: Store, institute: Institute) {
  const records = await instituteKeyRecords(store, institute);
  const keys = records.map((k) => ({
    id: k.id,
    controller: k.controller,
    type: keyTypeOf(k),
    status: k.status,
    publicKeyMultibase: keyTypeOf(k) === 'P-256' ? encodeP256Multikey(k.publicX, k.publicY ?? '') : encodeMultikey(fromBase64url(k.publicX)),
    createdAt: k.createdAt,
    retiredAt: k.retiredAt,
    compromisedAt: k.compromisedAt,
  }));
  const active = (type: KeyType) => records.find((k) => k.controller === institute.did && k.status === 'active' && keyTypeOf(k) === type)?.id ?? null;
  const p256 = active('P-256');
  return { keys, activeKey: active('Ed25519'), ...(p256 ? { activeP256Key: p256 } : {}) };
}
