import { bitAt, decodeList } from '../issuer/bitstring.js';
import type { Check } from '../schemas/report.js';
import { issuerIdOf, typesOf, type Credential, type JsonObject } from '../schemas/credential.js';
import type { StatusPurpose } from '../store/port.js';
import { parseBoundedJson } from '../schemas/json-bounds.js';
import { COVERING_STATUS_MESSAGE } from '../issuer/status-list.js';
import { failed, passed } from './checks.js';
import { RemoteFetchError, type RemoteFetcher } from './remote.js';
import type { VerificationReport } from '../schemas/report.js';
import { decodeJwtPayload, type VerifyInput } from './verify.js';

/** What the service knows about one of its own lists' slots, read from its store. */
export type LocalSlot =
  | { found: false }
  | {
    found: true; issuerDid: string; purpose: StatusPurpose; size: number; setAt: string | null;
    /** A revocation list whose bit is also set while suspended; `why` says which it is. */
    coversSuspension?: boolean; why?: 'revoked' | 'suspended';
  };

export interface StatusCheckerDeps {
  /** Answers for lists this service hosts (no HTTP round trip), or null for other URLs. */
  local: (listUrl: string, purpose: StatusPurpose, index: number) => Promise<LocalSlot | null>;
  /** Fetches another issuer's list; absent = remote lists cannot be checked. */
  remote?: RemoteFetcher;
  /** Verifies a fetched list credential's proof and issuer (never its own status). */
  verifyList: (input: VerifyInput) => Promise<VerificationReport>;
  clock: () => Date;
  /** Cache of decoded remote lists by URL (owned by the caller, for its lifetime). */
  cache: Map<string, CachedList>;
}

export interface CachedList {
  issuer: string;
  purpose: string;
  bits: Uint8Array;
  expiresAt: number;
}

const PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];
const DEFAULT_CACHE_MS = 5 * 60 * 1000;
const MAX_CACHE_ENTRIES = 500;
/**
 * Another issuer's list, decoded, may be at most 2 MB (16,777,216 entries; the spec's minimum
 * is 16 KB), and the cache holds at most 32 MB of lists: anyone can sign a list of their own
 * (a few KB of gzip that expands to megabytes) and make the verifier fetch it.
 */
export const MAX_REMOTE_LIST_BYTES = 2 * 1024 * 1024;
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
/** Status entries read on one credential (this service writes one, or two before migrations/0010). */
export const MAX_STATUS_ENTRIES = 8;
const WORDS: Record<StatusPurpose, { set: string; clear: string }> = {
  revocation: { set: 'REVOKED', clear: 'not revoked' },
  suspension: { set: 'SUSPENDED', clear: 'not suspended' },
};

interface Entry {
  purpose: StatusPurpose;
  index: number;
  listUrl: string;
  /** The entry says its set bit means "revoked or suspended" (COVERING_STATUS_MESSAGE). */
  coversSuspension: boolean;
}

const COVERING_MESSAGE = COVERING_STATUS_MESSAGE.find((m) => m.status === '0x1')?.message;

/** Whether a revocation entry's `statusMessage` says its set bit may also be a suspension. */
function declaresCovering(e: JsonObject, purpose: StatusPurpose): boolean {
  if (purpose !== 'revocation' || !Array.isArray(e.statusMessage)) return false;
  const set = e.statusMessage.find((m) => (m as JsonObject | null)?.status === '0x1') as JsonObject | undefined;
  return typeof set?.message === 'string' && set.message.toLowerCase() === COVERING_MESSAGE;
}

function readEntry(raw: unknown, purpose: StatusPurpose): Entry | string {
  const e = raw as JsonObject;
  if (!typesOf(e.type).includes('BitstringStatusListEntry')) return `status type ${String(e.type)} is not supported`;
  if (e.statusSize !== undefined && e.statusSize !== 1 && e.statusSize !== '1') return 'status entries wider than one bit are not supported';
  const index = typeof e.statusListIndex === 'string' && /^\d{1,10}$/.test(e.statusListIndex) ? Number(e.statusListIndex) : NaN;
  if (!Number.isSafeInteger(index)) return 'statusListIndex must be a non-negative decimal string';
  if (typeof e.statusListCredential !== 'string') return 'statusListCredential must be a URL';
  return { purpose, index, listUrl: e.statusListCredential, coversSuspension: declaresCovering(e, purpose) };
}

async function loadRemote(deps: StatusCheckerDeps, url: string): Promise<CachedList | string> {
  const now = deps.clock().getTime();
  const cached = deps.cache.get(url);
  if (cached && cached.expiresAt > now) return cached;
  if (!deps.remote) return 'lists of other services cannot be fetched by this verifier';
  let text: string;
  try {
    text = (await deps.remote(url, 'application/vc, application/vc+jwt;q=0.9, application/json;q=0.8')).body.trim();
  } catch (error) {
    return error instanceof RemoteFetchError ? error.message : 'the status list could not be fetched';
  }
  let input: VerifyInput;
  if (text.startsWith('{')) {
    const json = parseBoundedJson(text);
    if (!json.ok) return `the status list is ${json.problem === 'too-deep' ? 'refused: ' + json.message : 'not valid JSON'}`;
    input = { kind: 'credential', credential: json.value };
  } else {
    input = { kind: 'jwt', jwt: text };
  }
  const report = await deps.verifyList(input);
  if (!report.verified) {
    const bad = report.checks.find((c) => c.status !== 'passed');
    return `the status list credential does not verify (${bad?.id}: ${bad?.message})`;
  }
  const listCredential = (input.kind === 'credential' ? input.credential : decodeJwtPayload(text)) as Credential;
  if (!typesOf(listCredential.type).includes('BitstringStatusListCredential')) return 'the status list is not a BitstringStatusListCredential';
  const subject = (Array.isArray(listCredential.credentialSubject) ? listCredential.credentialSubject[0] : listCredential.credentialSubject) as JsonObject;
  if (typeof subject?.encodedList !== 'string') return 'the status list has no encodedList';
  let bits: Uint8Array;
  try {
    bits = await decodeList(subject.encodedList, MAX_REMOTE_LIST_BYTES);
  } catch {
    return `the status list encodedList cannot be decoded (or expands past ${MAX_REMOTE_LIST_BYTES / 1024 / 1024} MB)`;
  }
  const ttl = typeof subject.ttl === 'number' && subject.ttl > 0 ? subject.ttl : DEFAULT_CACHE_MS;
  const until = listCredential.validUntil ? Date.parse(listCredential.validUntil) : Infinity;
  const entry: CachedList = {
    issuer: issuerIdOf(listCredential),
    purpose: String(subject.statusPurpose),
    bits,
    expiresAt: Math.min(now + ttl, until),
  };
  deps.cache.delete(url);
  let bytes = bits.length;
  for (const cached of deps.cache.values()) bytes += cached.bits.length;
  // The oldest lists go first until this one fits.
  for (const [oldUrl, old] of deps.cache) {
    if (deps.cache.size < MAX_CACHE_ENTRIES && bytes <= MAX_CACHE_BYTES) break;
    deps.cache.delete(oldUrl);
    bytes -= old.bits.length;
  }
  deps.cache.set(url, entry);
  return entry;
}

/** The bit is set: the credential is revoked (or suspended). */
const setBit = (purpose: StatusPurpose, message: string): Check => ({ ...failed(purpose, message), code: purpose === 'revocation' ? 'revoked' : 'suspended' });
/** The status could not be established; that fails too, but says so. */
const unknown = (purpose: StatusPurpose, message: string): Check => ({ ...failed(purpose, message), code: 'status_unknown' });

/**
 * A list of this service whose bit covers suspension: its store says which of the two set
 * it, so the report tells REVOKED from SUSPENDED as for a credential with two entries.
 */
function coveredChecks(why: 'revoked' | 'suspended' | undefined, setAt: string | null): Check[] {
  const on = setAt ? ` on ${setAt.slice(0, 10)}` : '';
  if (why === 'revoked') return [setBit('revocation', `REVOKED${on}`)];
  const live = "(checked the issuer's live status list)";
  if (why === 'suspended') return [passed('revocation', `not revoked ${live}`), setBit('suspension', `SUSPENDED${on}`)];
  return [passed('revocation', `not revoked ${live}`), passed('suspension', `not suspended ${live}`)];
}

async function checkEntry(deps: StatusCheckerDeps, entry: Entry, issuerId: string): Promise<Check[]> {
  const { purpose, index, listUrl } = entry;
  const words = WORDS[purpose];
  const local = await deps.local(listUrl, purpose, index);
  if (local) {
    if (!local.found) return [unknown(purpose, `the status list ${listUrl} does not exist, so the ${purpose} status is unknown`)];
    if (local.issuerDid !== issuerId) return [unknown(purpose, 'the status list belongs to another issuer')];
    if (local.purpose !== purpose) return [unknown(purpose, `the status list is for ${local.purpose}, not ${purpose}`)];
    if (index >= local.size) return [unknown(purpose, 'statusListIndex is outside the status list')];
    if (local.coversSuspension) return coveredChecks(local.why, local.setAt);
    return [local.setAt ? setBit(purpose, `${words.set} on ${local.setAt.slice(0, 10)}`) : passed(purpose, `${words.clear} (checked the issuer's live status list)`)];
  }
  const list = await loadRemote(deps, listUrl);
  if (typeof list === 'string') return [unknown(purpose, `${purpose} status unknown: ${list}`)];
  if (list.issuer !== issuerId) return [unknown(purpose, `${purpose} status unknown: the status list was issued by ${list.issuer}, not by the credential's issuer`)];
  if (list.purpose !== purpose) return [unknown(purpose, `${purpose} status unknown: the list is for ${list.purpose}`)];
  if (index >= list.bits.length * 8) return [unknown(purpose, 'statusListIndex is outside the status list')];
  const set = bitAt(list.bits, index);
  // Another service's list says only that the bit is set; the entry may say it also means suspended.
  if (entry.coversSuspension) {
    return set
      ? [{ ...failed('revocation', `REVOKED OR SUSPENDED: the issuer's status list does not say which (checked ${listUrl})`), code: 'revoked_or_suspended' }]
      : [passed('revocation', `not revoked (checked ${listUrl})`), passed('suspension', `not suspended (checked ${listUrl})`)];
  }
  return [set ? setBit(purpose, words.set) : passed(purpose, `${words.clear} (checked ${listUrl})`)];
}

/**
 * The `revocation` and `suspension` checks of a credential. A purpose the credential has no
 * entry for is not checked (nothing can change it); an entry whose list cannot be read or
 * trusted fails, because an unknown status is never reported as valid.
 */
export async function statusChecks(deps: StatusCheckerDeps, credential: Credential): Promise<Check[]> {
  const raw = credential.credentialStatus;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  // Each entry may be a fetch of another service's list: a few per purpose, not hundreds.
  if (entries.length > MAX_STATUS_ENTRIES) {
    return PURPOSES.map((purpose) => unknown(purpose, `the credential has ${entries.length} status entries; at most ${MAX_STATUS_ENTRIES} are checked`));
  }
  const checks: Check[] = [];
  for (const purpose of PURPOSES) {
    const mine = entries.filter((e) => (e as JsonObject).statusPurpose === purpose);
    for (const e of mine) {
      const entry = readEntry(e, purpose);
      checks.push(...(typeof entry === 'string' ? [unknown(purpose, entry)] : await checkEntry(deps, entry, issuerIdOf(credential))));
    }
  }
  return checks;
}
