import { base58 } from '@scure/base';
import type { Credential, JsonObject } from '../../schemas/credential.js';
import { issuerIdOf, typesOf, validityOf } from '../../schemas/credential-helpers.js';
import type { Check, VerificationReport } from '../../schemas/report.js';
import { accreditationCheck, type RegistryLookup } from '../../verifier/accreditation.js';
import { failed, passed, validityCheck } from '../../verifier/checks.js';
import { summarize } from '../../verifier/summary.js';
import { KIT_FORMAT, type OfflineKit } from '../kit.js';

/*
 * The in-browser verifier of an offline QR's vc+jwt, against the offline kit (src/offline/kit.ts):
 * the same checks, check ids and codes as the service's verifier (src/verifier), so the page
 * renders its report with the same components. What it cannot know: a status change after the
 * kit was fetched, and when the credential was signed (the service reads its issue record;
 * offline, the completion date stands for it).
 */

export interface OfflineCrypto {
  /** Ed25519 verification (RFC 8032); false, never a throw, for a bad signature or key. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
  /** GZIP decompression, refusing (throwing) past `maxBytes`. */
  gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array>;
}

export interface OfflineOutcome {
  report: VerificationReport;
  /** The kit's date: the registry and the status lists are as of then. */
  asOf: string | null;
}

const MAX_DEPTH = 32;
const MAX_STATUS_ENTRIES = 8;
const MAX_LIST_BYTES = 2 * 1024 * 1024;
const COVERING_MESSAGE = 'revoked or suspended';
const encoder = new TextEncoder();
const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function depthOf(value: unknown, limit: number): number {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let deepest = 0;
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > limit) return d;
    deepest = Math.max(deepest, d);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

function b64urlBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function jsonOf(bytes: Uint8Array | null): JsonObject | null {
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isObject(value) && depthOf(value, MAX_DEPTH) <= MAX_DEPTH ? value : null;
  } catch {
    return null;
  }
}

interface Jws {
  header: JsonObject;
  payload: JsonObject;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

function parseJws(jwt: string): Jws | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a compact JWS';
  const header = jsonOf(b64urlBytes(parts[0]!));
  const payload = jsonOf(b64urlBytes(parts[1]!));
  const signature = b64urlBytes(parts[2]!);
  if (!header || !payload || !signature) return 'the JWT header or payload is not a JSON object (or nests too deep)';
  return { header, payload, signature, signingInput: encoder.encode(`${parts[0]}.${parts[1]}`) };
}

/** A did:key's Ed25519 key (multicodec 0xed01), or null. */
function didKeyBytes(did: string): Uint8Array | null {
  const m = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  return m ? multikeyBytes(m[1]!) : null;
}

function multikeyBytes(multibase: string): Uint8Array | null {
  if (!multibase.startsWith('z')) return null;
  try {
    const bytes = base58.decode(multibase.slice(1));
    return bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01 ? bytes.slice(2) : null;
  } catch {
    return null;
  }
}

interface RegistryInstitute {
  name: string;
  nameKm?: string;
  dids: string[];
  accreditations: Array<{ validFrom: string; validUntil?: string }>;
  keys?: Array<{ id: string; publicKeyMultibase: string; compromisedAt?: string }>;
}

interface Trust {
  institutes: RegistryInstitute[];
  registryName: string;
  /** The key a kid names, for an issuer DID, with its compromise time. */
  keyOf(issuer: string, kid: string): { key: Uint8Array; compromisedAt?: string } | null;
}

async function openRegistry(kit: OfflineKit, crypto: OfflineCrypto): Promise<Trust | string> {
  const jws = parseJws(kit.registry);
  if (typeof jws === 'string') return `the saved registry cannot be read (${jws})`;
  const kid = typeof jws.header.kid === 'string' ? jws.header.kid : '';
  if (jws.header.alg !== 'EdDSA' || !kid.startsWith(`${kit.ministry.did}#`)) return 'the saved registry is not signed by the ministry';
  let ok = false;
  for (const mb of kit.ministry.publicKeyMultibase) {
    const key = multikeyBytes(mb);
    if (key && (await crypto.verify(jws.signature, jws.signingInput, key))) ok = true;
  }
  if (!ok) return "the saved registry's signature does not verify";
  const subject = jws.payload.credentialSubject as JsonObject | undefined;
  const institutes = Array.isArray(subject?.institutes) ? (subject.institutes as RegistryInstitute[]).filter((i) => isObject(i) && Array.isArray(i.dids)) : [];
  return {
    institutes,
    registryName: kit.ministry.name,
    keyOf(issuer, kid) {
      if (!kid.startsWith(`${issuer}#`)) return null;
      if (issuer.startsWith('did:key:')) {
        const key = didKeyBytes(issuer);
        return key && kid === `${issuer}#${issuer.slice('did:key:'.length)}` ? { key } : null;
      }
      const institute = institutes.find((i) => i.dids.includes(issuer));
      const entry = institute?.keys?.find((k) => k.id === kid);
      const key = entry ? multikeyBytes(entry.publicKeyMultibase) : null;
      return key ? { key, ...(entry?.compromisedAt ? { compromisedAt: entry.compromisedAt } : {}) } : null;
    },
  };
}

function formatCheck(payload: JsonObject): Check {
  const context = payload['@context'];
  if (!Array.isArray(context) || context[0] !== 'https://www.w3.org/ns/credentials/v2') return failed('format', 'not a VC Data Model 2.0 credential');
  if (!typesOf(payload.type).includes('VerifiableCredential')) return failed('format', 'type must include VerifiableCredential');
  const issuer = payload.issuer;
  if (!(typeof issuer === 'string' || (isObject(issuer) && typeof issuer.id === 'string'))) return failed('format', 'the credential has no issuer');
  if (!isObject(payload.credentialSubject)) return failed('format', 'the credential has no subject');
  for (const k of ['validFrom', 'validUntil'] as const) {
    if (payload[k] !== undefined && (typeof payload[k] !== 'string' || Number.isNaN(Date.parse(payload[k] as string)))) return failed('format', `${k} is not a date-time`);
  }
  return passed('format', 'a VC Data Model 2.0 credential');
}

async function statusChecks(kit: OfflineKit, trust: Trust, credential: Credential, crypto: OfflineCrypto): Promise<Check[]> {
  const raw = credential.credentialStatus;
  const entries = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) as JsonObject[];
  const unknown = (purpose: 'revocation' | 'suspension', why: string): Check => failed(purpose, `${purpose} status unknown: ${why}`, 'status_unknown');
  if (entries.length > MAX_STATUS_ENTRIES) return [unknown('revocation', `${entries.length} status entries`)];
  const checks: Check[] = [];
  const issuer = issuerIdOf(credential);
  const asOf = `(saved status list of ${kit.fetchedAt.slice(0, 10)})`;
  for (const e of entries) {
    const purpose = e.statusPurpose;
    if (purpose !== 'revocation' && purpose !== 'suspension') continue;
    const index = typeof e.statusListIndex === 'string' && /^\d{1,10}$/.test(e.statusListIndex) ? Number(e.statusListIndex) : NaN;
    const list = kit.lists.find((l) => l.url === e.statusListCredential);
    if (!typesOf(e.type).includes('BitstringStatusListEntry') || !Number.isSafeInteger(index)) { checks.push(unknown(purpose, 'an entry this verifier cannot read')); continue; }
    if (!list) { checks.push(unknown(purpose, 'this phone has not saved the status list; open the page once with a connection')); continue; }
    const jws = parseJws(list.jwt);
    const key = typeof jws === 'string' ? null : trust.keyOf(issuer, typeof jws.header.kid === 'string' ? jws.header.kid : '');
    if (typeof jws === 'string' || !key || jws.header.alg !== 'EdDSA' || !(await crypto.verify(jws.signature, jws.signingInput, key.key))) {
      checks.push(unknown(purpose, 'the saved status list is not signed by the issuer')); continue;
    }
    const subject = jws.payload.credentialSubject as JsonObject | undefined;
    const encoded = typeof subject?.encodedList === 'string' && subject.encodedList.startsWith('u') ? b64urlBytes(subject.encodedList.slice(1)) : null;
    if (issuerIdOf(jws.payload as Credential) !== issuer || subject?.statusPurpose !== purpose || !encoded) {
      checks.push(unknown(purpose, 'the saved status list is not this entry\'s')); continue;
    }
    let bits: Uint8Array;
    try {
      bits = await crypto.gunzip(encoded, MAX_LIST_BYTES);
    } catch {
      checks.push(unknown(purpose, 'the saved status list cannot be decoded')); continue;
    }
    if (index >= bits.length * 8) { checks.push(unknown(purpose, 'statusListIndex is outside the list')); continue; }
    const set = (((bits[index >> 3] ?? 0) >> (7 - (index & 7))) & 1) === 1;
    const covering = purpose === 'revocation' && Array.isArray(e.statusMessage)
      && e.statusMessage.some((m) => isObject(m) && m.status === '0x1' && String(m.message).toLowerCase() === COVERING_MESSAGE);
    if (!set) {
      checks.push(passed(purpose, `not ${purpose === 'revocation' ? 'revoked' : 'suspended'} ${asOf}`));
      if (covering) checks.push(passed('suspension', `not suspended ${asOf}`));
    } else if (covering && list.suspended.includes(index)) {
      checks.push(passed('revocation', `not revoked ${asOf}`), failed('suspension', `SUSPENDED ${asOf}`, 'suspended'));
    } else {
      checks.push(purpose === 'revocation' ? failed('revocation', `REVOKED ${asOf}`, 'revoked') : failed('suspension', `SUSPENDED ${asOf}`, 'suspended'));
    }
  }
  return checks;
}

const result = (checks: Check[], credential: Credential | null, now: Date, asOf: string | null): OfflineOutcome => ({
  report: {
    verified: checks.length > 0 && checks.every((c) => c.status === 'passed'),
    format: 'vc+jwt',
    checks,
    credential: credential ? summarize(credential) : null,
    verifiedAt: stamp(now),
  },
  asOf,
});

/**
 * Verifies a credential's vc+jwt with the offline kit alone. Outcomes are data: an attacker's
 * payload is a report with failed checks, never an exception.
 */
export async function verifyOffline(jwt: string, kit: OfflineKit | null, now: Date, crypto: OfflineCrypto): Promise<OfflineOutcome> {
  const jws = parseJws(jwt);
  if (typeof jws === 'string') return result([failed('format', jws)], null, now, null);
  const format = formatCheck(jws.payload);
  if (format.status !== 'passed') return result([format], null, now, null);
  const credential = jws.payload as Credential;
  const issuer = issuerIdOf(credential);
  const { from, until } = validityOf(credential);
  const validity = validityCheck(from, until, now);
  if (!kit || kit.format !== KIT_FORMAT) {
    return result([format, failed('issuer', 'this phone has not saved the registry yet: open the verify page once with a connection'), validity], credential, now, null);
  }
  const trust = await openRegistry(kit, crypto);
  if (typeof trust === 'string') return result([format, failed('issuer', trust), validity], credential, now, kit.fetchedAt);
  const kid = typeof jws.header.kid === 'string' ? jws.header.kid : '';
  const typ = jws.header.typ;
  if (jws.header.alg !== 'EdDSA' || (typ !== undefined && typ !== 'vc+jwt' && typ !== 'application/vc+jwt')) {
    return result([format, failed('proof', `a ${String(jws.header.alg)} ${String(typ)} JWT is not an offline credential`), validity], credential, now, kit.fetchedAt);
  }
  const key = trust.keyOf(issuer, kid);
  if (!key) {
    return result([format, failed('issuer', `the key ${kid} is not a key of ${issuer} in the saved registry`), validity], credential, now, kit.fetchedAt);
  }
  const issuerCheck = passed('issuer', `signing key ${kid} belongs to ${issuer} (the saved registry)`);
  if (!(await crypto.verify(jws.signature, jws.signingInput, key.key))) {
    return result([format, issuerCheck, failed('proof', 'the signature does not match the content: it was altered or forged'), validity], credential, now, kit.fetchedAt);
  }
  if (key.compromisedAt && !(from && Date.parse(from) <= Date.parse(key.compromisedAt))) {
    return result([format, issuerCheck, failed('proof', `the key ${kid} was reported compromised as of ${key.compromisedAt}`, 'key_compromised'), validity], credential, now, kit.fetchedAt);
  }
  const proof = passed('proof', 'EdDSA signature over the exact content');
  const lookup: RegistryLookup = async (did) => {
    const institute = trust.institutes.find((i) => i.dids.includes(did));
    return institute ? { name: institute.name, registryName: trust.registryName, periods: institute.accreditations.map((p) => ({ validFrom: p.validFrom, validUntil: p.validUntil ?? null })) } : null;
  };
  const [status, accreditation] = await Promise.all([
    statusChecks(kit, trust, credential, crypto),
    accreditationCheck(lookup, issuer, { completedAt: from }),
  ]);
  return result([format, issuerCheck, proof, validity, ...status, accreditation], credential, now, kit.fetchedAt);
}
