import { generateKeyJwk, describePublicKey } from './keys.js';
import type { KeyVault } from './key-vault.js';
import { didWebFromUrl } from './did.js';
import { compatibilityOf, type Institute, type IssuerKeyRecord, type Store } from '../store/port.js';
import { createP256IssuerKey } from './key-ring.js';

/*
 * PUBLIC_URL names the default institute's did:web, so changing it changes the issuer of
 * everything issued from then on. A start used to rewrite the stored DID silently (even a
 * start that then failed to listen), and every credential issued before turned "not
 * accredited". Now a changed PUBLIC_URL is refused unless the change is confirmed; a
 * confirmed one keeps the old DID as the institute's alias, with its keys, so what was issued
 * under it keeps verifying here. The Node server and the Worker apply the same rule.
 */

/** Refused: PUBLIC_URL would change the issuer's DID and the change was not confirmed. */
export class PublicUrlChangeError extends Error {
  readonly code = 'ERR_PUBLIC_URL_CHANGE';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

export interface DidChange {
  institute: Institute;
  from: string;
  to: string;
}

/**
 * The change PUBLIC_URL would make to the default institute's DID, or null (none, or no
 * institute yet). Unconfirmed, it throws {@link PublicUrlChangeError} with a one-line
 * message; it writes nothing either way.
 */
export async function checkPublicUrl(store: Store, publicUrl: string, confirmed: boolean): Promise<DidChange | null> {
  const institute = await store.getDefaultInstitute();
  const to = didWebFromUrl(publicUrl);
  if (!institute || institute.did === to) return null;
  const change = { institute, from: institute.did, to };
  if (!confirmed) {
    throw new PublicUrlChangeError(
      `PUBLIC_URL ${publicUrl} would change the issuer from ${change.from} to ${to}: set PUBLIC_URL back to the address this service issued under, or start once with PUBLIC_URL_CHANGE=confirm to move (what was issued as ${change.from} keeps verifying here)`,
    );
  }
  return change;
}

/** The key the institute signs with under its new DID: its active key, sealed again for the new key id. */
async function carriedKey(store: Store, vault: KeyVault, change: DidChange, now: string): Promise<IssuerKeyRecord | null> {
  // Back to a DID it had: its keys there are still its own.
  if ((await store.issuerKeys(change.to)).length > 0) return null;
  const active = (await store.issuerKeys(change.from)).find((k) => k.status === 'active' && !k.compromisedAt);
  // No usable key (all marked compromised): the new DID starts with a fresh one.
  const jwk = active ? { x: active.publicX, d: await vault.open(active.sealedPrivate, active.id) } : await generateKeyJwk();
  const { id } = await describePublicKey(jwk.x, change.to);
  return {
    id, controller: change.to, owner: change.institute.id, publicX: jwk.x, sealedPrivate: await vault.seal(jwk.d, id),
    status: 'active', createdAt: now, retiredAt: null, compromisedAt: null,
  };
}

/** Moves the default institute to the DID of the new PUBLIC_URL (a change {@link checkPublicUrl} allowed). */
export async function moveToPublicUrl(store: Store, vault: KeyVault, change: DidChange, now: string, say: (line: string) => void): Promise<void> {
  const { institute, from, to } = change;
  const key = await carriedKey(store, vault, change, now);
  const moved = await store.moveInstituteDid(
    { instituteId: institute.id, from, to, at: now, key },
    { at: now, actor: 'system', instituteId: institute.id, action: 'institute.did_change', target: to, details: { from, to } },
  );
  // The ES256 form needs a P-256 key under the new DID too: a fresh one (the old keys stay under the old DID).
  if (moved && compatibilityOf(institute).es256Jwt && !(await store.issuerKeys(to, 'P-256')).some((k) => k.status === 'active')) {
    await createP256IssuerKey(store, vault, {
      controller: to, owner: institute.id, now,
      audit: { at: now, actor: 'system', instituteId: institute.id, action: 'key.create', target: to, details: { keyType: 'P-256' } },
    });
  }
  // Another Worker isolate may have made the same move first: then there is nothing to say.
  if (moved) say(`Moved the issuer from ${from} to ${to} (PUBLIC_URL_CHANGE=confirm); what was issued as ${from} keeps verifying here. Remove PUBLIC_URL_CHANGE now.`);
}

const LOCAL_HOST = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])$/i;

/** A warning when PUBLIC_URL can only be reached from this machine: the QR codes would point there. */
export function localPublicUrlWarning(publicUrl: string): string | null {
  const { hostname } = new URL(publicUrl);
  if (!LOCAL_HOST.test(hostname)) return null;
  return `Warning: PUBLIC_URL is ${publicUrl}, which only this machine can open: the links and QR codes in credentials issued now point there. Set PUBLIC_URL to the address people reach the service at before issuing for real.`;
}
