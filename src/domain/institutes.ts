import { fromBase64url, randomId } from '../crypto/encoding.js';
import { didKeyFromPublicKey } from '../crypto/multikey.js';
import { instituteDid } from '../issuer/did.js';
import { newIssuerKey } from '../issuer/key-ring.js';
import type { KeyVault } from '../issuer/key-vault.js';
import type { Cryptosuite } from '../jsonld/data-integrity.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { AccreditationPeriod, AuditInput, Institute, Store } from '../store/port.js';
import { ok, refuse, type Outcome } from './refusal.js';

/*
 * The ministry's register of institutes: registering one (its DID, its first key, its first
 * accreditation), suspending it, accrediting (and so reinstating) it. Each is one store
 * transaction, so a failure at any step leaves the register as it was.
 */

export interface InstituteDeps {
  store: Store;
  /** Seals new private keys; absent = this deployment cannot create keys. */
  vault?: KeyVault;
  clock: () => Date;
  publicUrl: string;
}

export interface NewInstitute {
  slug: string;
  name: string;
  nameKm?: string;
  url?: string;
  image?: string;
  contact?: string;
  programmes?: string[];
  accreditedFrom?: string;
  accreditedUntil?: string;
  cryptosuite?: Cryptosuite;
  province?: Institute['province'];
  sector?: Institute['sector'];
}

const audit = (institute: Institute, actor: string, at: string, action: string, details?: Record<string, unknown>): AuditInput =>
  ({ at, actor, instituteId: institute.id, action, target: institute.did, details });

/** The key vault, or why keys cannot be made here (the server's state, not the request's). */
export const vaultOf = (deps: { vault?: KeyVault }): Outcome<KeyVault> =>
  deps.vault ? ok(deps.vault) : refuse('unavailable', 'this deployment cannot create keys (no key vault configured)');

/**
 * Registers an institute under PUBLIC_URL: its did:web, a new Ed25519 key (its did:key
 * follows from it) and, when `accreditedFrom` is given, its first accreditation period. All
 * of it is stored in one transaction, with an audit entry for each part.
 */
export async function registerInstitute(deps: InstituteDeps, body: NewInstitute, actor: string): Promise<Outcome<Institute>> {
  // Whatever can refuse the request does so before anything is made.
  const vault = vaultOf(deps);
  if (!vault.ok) return vault;
  if (body.accreditedFrom && body.accreditedUntil && Date.parse(body.accreditedUntil) <= Date.parse(body.accreditedFrom)) {
    return refuse('invalid_input', 'accreditedUntil must be after accreditedFrom', 'accreditedUntil');
  }
  if (await deps.store.getInstituteBySlug(body.slug)) return refuse('conflict', `an institute with slug ${body.slug} exists`);
  const at = toDateTimeStamp(deps.clock());
  const did = instituteDid(deps.publicUrl, body.slug);
  const id = randomId();
  const key = await newIssuerKey(vault.value, { controller: did, owner: id, now: at });
  const institute: Institute = {
    id, slug: body.slug, name: body.name, nameKm: body.nameKm ?? null, url: body.url ?? null, did, didKey: didKeyFromPublicKey(fromBase64url(key.publicX)),
    isDefault: false, createdAt: at, contact: body.contact ?? null, programmes: body.programmes ?? [], status: 'active',
    cryptosuite: body.cryptosuite ?? 'eddsa-rdfc-2022', imageUrl: body.image ?? null,
    ...(body.province ? { province: body.province } : {}), ...(body.sector ? { sector: body.sector } : {}),
  };
  const accreditation = body.accreditedFrom
    ? { instituteId: id, validFrom: body.accreditedFrom, validUntil: body.accreditedUntil ?? null, programmes: body.programmes ?? [], createdAt: at }
    : null;
  await deps.store.registerInstitute({
    institute,
    key,
    accreditation,
    audit: {
      institute: audit(institute, actor, at, 'institute.create', { slug: body.slug, name: body.name }),
      key: audit(institute, actor, at, 'key.create'),
      accreditation: accreditation ? audit(institute, actor, at, 'institute.accredit', { validFrom: accreditation.validFrom, validUntil: accreditation.validUntil }) : undefined,
    },
  });
  return ok(institute);
}

/**
 * Suspends an institute: its open accreditation periods end now and it issues nothing more;
 * what it issued while accredited stays valid. One transaction with its audit entry.
 */
export async function suspendInstitute(deps: InstituteDeps, institute: Institute, actor: string): Promise<Institute> {
  const at = toDateTimeStamp(deps.clock());
  await deps.store.suspendInstitute(institute.id, at, audit(institute, actor, at, 'institute.suspend'));
  return { ...institute, status: 'suspended' };
}

/**
 * Records an accreditation period; a suspended institute is active again. One transaction
 * with its audit entry.
 */
export async function accreditInstitute(
  deps: InstituteDeps,
  institute: Institute,
  period: { validFrom: string; validUntil?: string; programmes?: string[] },
  actor: string,
): Promise<Outcome<Institute>> {
  if (period.validUntil && Date.parse(period.validUntil) <= Date.parse(period.validFrom)) {
    return refuse('invalid_input', 'validUntil must be after validFrom', 'validUntil');
  }
  const at = toDateTimeStamp(deps.clock());
  const record: Omit<AccreditationPeriod, 'seq'> = {
    instituteId: institute.id, validFrom: period.validFrom, validUntil: period.validUntil ?? null, programmes: period.programmes ?? institute.programmes, createdAt: at,
  };
  await deps.store.accreditInstitute(record, audit(institute, actor, at, 'institute.accredit', period));
  return ok({ ...institute, status: 'active' });
}
