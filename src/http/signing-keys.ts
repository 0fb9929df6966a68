import { fromBase64url } from '../crypto/encoding.js';
import { encodeMultikey } from '../crypto/multikey.js';
import type { Institute, IssuerKeyRecord, Store } from '../store/port.js';

/*
 * An institute's signing keys as the admin API shows them (GET /api/v1/institutes/:slug/keys):
 * the keys of its DID and of the DIDs it had before a PUBLIC_URL change, newest first, public
 * halves only. The README's key-compromise example takes its key id from here.
 */

/** Every key record of the institute: under its DID and its former ones, newest first. */
export async function instituteKeyRecords(store: Store, institute: Institute): Promise<IssuerKeyRecord[]> {
  const dids = [institute.did, ...(await store.instituteDidAliases(institute.id))];
  const records = (await Promise.all(dids.map((did) => store.issuerKeys(did)))).flat();
  return records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The list the API answers with: no sealed private half, ever. */
export async function signingKeysView(store: Store, institute: Institute) {
  const records = await instituteKeyRecords(store, institute);
  const keys = records.map((k) => ({
    id: k.id,
    controller: k.controller,
    status: k.status,
    publicKeyMultibase: encodeMultikey(fromBase64url(k.publicX)),
    createdAt: k.createdAt,
    retiredAt: k.retiredAt,
    compromisedAt: k.compromisedAt,
  }));
  const active = records.find((k) => k.controller === institute.did && k.status === 'active');
  return { keys, activeKey: active?.id ?? null };
}
