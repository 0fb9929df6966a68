import type { CryptoProvider, PrivateKeyJwk } from '../crypto/provider.js';
import { randomId } from '../crypto/encoding.js';
import { hashToken } from '../crypto/tokens.js';
import type { Institute, Store } from '../store/port.js';
import { didWebFromUrl } from './did.js';
import { createIssuerKey } from './key-ring.js';
import type { KeyVault } from './key-vault.js';

/*
 * The first-start steps every entry file runs, whatever the runtime: each one "ensures", so
 * running it again (a restart, a second Worker isolate) changes nothing that is already right.
 */

export type Say = (line: string) => void;

/** What the default institute is created from. */
export interface DefaultInstituteConfig {
  publicUrl: string;
  /** `accreditedFrom`: when the ministry accredited it (INSTITUTE_ACCREDITED_FROM); unset = from its creation. */
  institute: { name: string; nameKm: string; url?: string; accreditedFrom?: string };
}

/** Creates the default institute at first start; later starts keep it in step with the environment. */
export async function ensureDefaultInstitute(store: Store, config: DefaultInstituteConfig, didKey: string, now: string, say: Say): Promise<Institute> {
  const did = didWebFromUrl(config.publicUrl);
  const { name, nameKm, url } = config.institute;
  const existing = await store.getDefaultInstitute();
  if (!existing) {
    const institute: Institute = {
      id: randomId(), slug: 'default', name, nameKm, url: url ?? null, did, didKey, isDefault: true, createdAt: now,
      contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
    };
    await store.createInstitute(institute, { at: now, actor: 'system', instituteId: institute.id, action: 'institute.create', target: did, details: { slug: 'default', name } });
    await accreditFromCreation(store, institute, config.institute.accreditedFrom, now, say);
    say(`Created the institute "${name}" as ${did}.`);
    return institute;
  }
  await ensureAccreditedFrom(store, existing, config.institute.accreditedFrom, now, say);
  // The DID is existing.did: a changed PUBLIC_URL was refused, or moved to with an alias, before (src/issuer/did-change.ts).
  const updated: Institute = { ...existing, name, nameKm, url: url ?? null, didKey };
  if (JSON.stringify(updated) !== JSON.stringify(existing)) await store.updateInstitute(updated);
  return updated;
}

/**
 * The institute the service starts with is accredited from INSTITUTE_ACCREDITED_FROM, or
 * else from its creation, so a single-institute deployment verifies as "accredited" out of
 * the box. Only from creation, a class that finished before the install would verify as
 * NOT ACCREDITED (the rule judges the completion date): the start says how to date it back.
 */
async function accreditFromCreation(store: Store, institute: Institute, accreditedFrom: string | undefined, now: string, say: Say): Promise<void> {
  const validFrom = accreditedFrom ?? institute.createdAt;
  await store.addAccreditation(
    { instituteId: institute.id, validFrom, validUntil: null, programmes: [], createdAt: now },
    { at: now, actor: 'system', instituteId: institute.id, action: 'institute.accredit', target: institute.did, details: { validFrom } },
  );
  say(accreditedFrom
    ? `The institute is accredited from ${validFrom.slice(0, 10)} (INSTITUTE_ACCREDITED_FROM).`
    : `The institute is accredited from ${validFrom.slice(0, 10)}, its first start: certificates completed before then would verify as NOT ACCREDITED. If the ministry accredited it earlier, set INSTITUTE_ACCREDITED_FROM (YYYY-MM-DD) and restart.`);
}

/**
 * Keeps the default institute's accreditation in step with INSTITUTE_ACCREDITED_FROM on a
 * later start. An earlier date than the accreditation on record adds the period from that
 * date up to the first one (audited): periods are only ever added or ended, and this one
 * never reaches past where the record begins, so it cannot undo an end the ministry set.
 * A later date never shortens an accreditation (the ministry ends one; configuration does not).
 */
async function ensureAccreditedFrom(store: Store, institute: Institute, accreditedFrom: string | undefined, now: string, say: Say): Promise<void> {
  const periods = await store.accreditations(institute.id);
  // A start stopped between creating the institute and accrediting it: finish the job (the
  // ministry never deletes a period, it ends one, so none at all means this).
  if (periods.length === 0) return accreditFromCreation(store, institute, accreditedFrom, now, say);
  if (!accreditedFrom) return;
  const first = periods.reduce((a, b) => (Date.parse(b.validFrom) < Date.parse(a.validFrom) ? b : a)).validFrom;
  if (Date.parse(accreditedFrom) > Date.parse(first)) {
    say(`Warning: INSTITUTE_ACCREDITED_FROM (${accreditedFrom.slice(0, 10)}) is later than the accreditation on record (from ${first.slice(0, 10)}); configuration never shortens an accreditation.`);
    return;
  }
  if (Date.parse(accreditedFrom) === Date.parse(first)) return;
  const details = { validFrom: accreditedFrom, validUntil: first, source: 'INSTITUTE_ACCREDITED_FROM' };
  await store.addAccreditation(
    { instituteId: institute.id, validFrom: accreditedFrom, validUntil: first, programmes: [], createdAt: now },
    { at: now, actor: 'system', instituteId: institute.id, action: 'institute.accredit', target: institute.did, details },
  );
  say(`The institute's accreditation now starts on ${accreditedFrom.slice(0, 10)} (INSTITUTE_ACCREDITED_FROM; it began on ${first.slice(0, 10)}).`);
}

/** Makes sure `did` has a key in the store: the given one (imported) or a new one. */
export async function ensureStoredKey(
  store: Store,
  vault: KeyVault,
  params: { controller: string; owner: string; now: string },
  jwk?: PrivateKeyJwk,
): Promise<void> {
  if ((await store.issuerKeys(params.controller)).length > 0) return;
  await createIssuerKey(store, vault, {
    ...params,
    audit: { at: params.now, actor: 'system', instituteId: params.owner === 'ministry' ? null : params.owner, action: 'key.create', target: params.controller },
  }, jwk);
}

/**
 * Makes sure `token` (from the environment) is a valid admin token, and that no admin token
 * of an earlier ADMIN_TOKEN or a generated one still works. Only its hash is stored.
 */
export async function ensureEnvAdminToken(store: Store, token: string, crypto: CryptoProvider, now: string): Promise<void> {
  await store.revokeApiTokens({ role: 'admin', source: 'generated' }, now);
  const tokenHash = await hashToken(token, crypto);
  const existing = await store.findApiTokenByHash(tokenHash);
  if (existing && !existing.revokedAt) return;
  if (existing) throw new Error('ADMIN_TOKEN was revoked; set a new one');
  await store.revokeApiTokens({ role: 'admin', source: 'env' }, now);
  await store.saveApiToken({
    id: randomId(), tokenHash, role: 'admin', instituteId: null, label: 'admin (env)', source: 'env', createdAt: now, revokedAt: null,
    scopes: ['issue', 'revoke', 'admin'], expiresAt: null, lastUsedAt: null,
  });
}
