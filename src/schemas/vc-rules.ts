import { isDateTimeStamp } from './dates.js';

export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

export interface Problem {
  path: string;
  message: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** An absolute URL with a scheme and no white space (`https:`, `did:`, `urn:` …). */
export function isAbsoluteUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 4000 || /\s/.test(v)) return false;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * Digests W3C publishes for its context files (VC Data Model 2.0, appendix B.1). The npm
 * copies are reformatted, so the digests are kept here rather than computed from them.
 */
const PUBLISHED_DIGESTS: Record<string, { sha256: string; sha384: string }> = {
  [VC_V2]: {
    sha256: '24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9',
    sha384: '35239c36999d2155312091af194a1edb61634d6ad789a5e5b19f2aebdd762dd9d1dcaada40eda7ef921c6b8c0ae107a0',
  },
};

function decodeBase64(text: string): Uint8Array | null {
  try {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function checkRelatedResource(value: unknown, problems: Problem[]): void {
  const seen = new Set<string>();
  asList(value).forEach((entry, i) => {
    const path = `relatedResource.${i}`;
    if (!isObject(entry)) return void problems.push({ path, message: 'must be an object' });
    if (!isAbsoluteUrl(entry.id)) return void problems.push({ path: `${path}.id`, message: 'must be a URL' });
    if (seen.has(entry.id)) problems.push({ path: `${path}.id`, message: 'appears twice' });
    seen.add(entry.id);
    const sri = entry.digestSRI;
    const mb = entry.digestMultibase;
    if (sri === undefined && mb === undefined) return void problems.push({ path, message: 'needs digestSRI or digestMultibase' });
    const known = PUBLISHED_DIGESTS[entry.id];
    if (typeof sri === 'string') {
      const m = /^(sha256|sha384|sha512)-([A-Za-z0-9+/=_-]+)$/.exec(sri);
      const bytes = m ? decodeBase64(m[2] as string) : null;
      if (!m || !bytes) problems.push({ path: `${path}.digestSRI`, message: 'is not an SRI digest' });
      else if (known && (m[1] === 'sha256' || m[1] === 'sha384') && hexOf(bytes) !== known[m[1]]) {
        problems.push({ path: `${path}.digestSRI`, message: `does not match the published digest of ${entry.id}` });
      }
    } else if (sri !== undefined) problems.push({ path: `${path}.digestSRI`, message: 'must be a string' });
    if (typeof mb === 'string') {
      const bytes = mb.startsWith('u') ? decodeBase64(mb.slice(1)) : null;
      if (!bytes) problems.push({ path: `${path}.digestMultibase`, message: 'must be base64url multibase (u…)' });
      else if (known && bytes.length === 32 && hexOf(bytes) !== known.sha256) {
        problems.push({ path: `${path}.digestMultibase`, message: `does not match the published digest of ${entry.id}` });
      }
    } else if (mb !== undefined) problems.push({ path: `${path}.digestMultibase`, message: 'must be a string' });
  });
}

function checkLanguageValue(value: unknown, path: string, problems: Problem[]): void {
  for (const v of asList(value)) {
    if (typeof v === 'string') continue;
    if (!isObject(v) || typeof v['@value'] !== 'string') return void problems.push({ path, message: 'must be a string or a language value object' });
    const extra = Object.keys(v).filter((k) => !['@value', '@language', '@direction'].includes(k));
    if (extra.length) problems.push({ path, message: `a language value object must not have ${extra.join(', ')}` });
  }
}

function checkTyped(value: unknown, path: string, problems: Problem[], idRequired = false): void {
  asList(value).forEach((entry, i) => {
    const p = Array.isArray(value) ? `${path}.${i}` : path;
    if (!isObject(entry)) return void problems.push({ path: p, message: 'must be an object' });
    const types = entry.type;
    if (types === undefined || !asList(types).every((t) => typeof t === 'string' && t.length > 0) || asList(types).length === 0) {
      problems.push({ path: `${p}.type`, message: 'must be a type name or a list of them' });
    }
    if (entry.id !== undefined && !isAbsoluteUrl(entry.id)) problems.push({ path: `${p}.id`, message: 'must be a URL' });
    if (idRequired && entry.id === undefined) problems.push({ path: `${p}.id`, message: 'is required' });
  });
}

/**
 * What VC Data Model 2.0 (and, for older documents, 1.1) requires of a credential before it
 * is signed, beyond what JSON-LD safe mode checks: URL ids, types, dates and their order,
 * typed auxiliary objects, language values, related-resource digests. Returns every problem.
 */
export function credentialProblems(doc: unknown): Problem[] {
  if (!isObject(doc)) return [{ path: '(credential)', message: 'must be a JSON object' }];
  const problems: Problem[] = [];
  const ctx = doc['@context'];
  const v1 = Array.isArray(ctx) && ctx[0] === VC_V1_CONTEXT_URL;
  if (!Array.isArray(ctx) || (ctx[0] !== VC_V2 && !v1)) {
    problems.push({ path: '@context', message: `must be a list whose first item is ${VC_V2}` });
  } else {
    ctx.forEach((c, i) => {
      if (!(isObject(c) || isAbsoluteUrl(c))) problems.push({ path: `@context.${i}`, message: 'must be a URL or a context object' });
    });
  }
  if ('id' in doc && !isAbsoluteUrl(doc.id)) problems.push({ path: 'id', message: 'must be a single URL' });
  const types = doc.type;
  if (!asList(types).every((t) => typeof t === 'string') || !asList(types).includes('VerifiableCredential')) {
    problems.push({ path: 'type', message: 'must include VerifiableCredential' });
  }
  const issuer = doc.issuer;
  if (!(isAbsoluteUrl(issuer) || (isObject(issuer) && isAbsoluteUrl(issuer.id)))) {
    problems.push({ path: 'issuer', message: 'must be a URL or an object whose id is a URL' });
  }
  if (isObject(issuer)) {
    if (issuer.name !== undefined) checkLanguageValue(issuer.name, 'issuer.name', problems);
    if (issuer.description !== undefined) checkLanguageValue(issuer.description, 'issuer.description', problems);
  }
  const subjects = doc.credentialSubject;
  if (subjects === undefined || (Array.isArray(subjects) && subjects.length === 0)) {
    problems.push({ path: 'credentialSubject', message: 'is required' });
  } else {
    asList(subjects).forEach((s, i) => {
      const path = Array.isArray(subjects) ? `credentialSubject.${i}` : 'credentialSubject';
      if (!isObject(s) || Object.keys(s).length === 0) problems.push({ path, message: 'must be an object with at least one claim' });
      else if (s.id !== undefined && !isAbsoluteUrl(s.id)) problems.push({ path: `${path}.id`, message: 'must be a single URL' });
    });
  }
  for (const key of ['name', 'description']) if (doc[key] !== undefined) checkLanguageValue(doc[key], key, problems);
  const dates = v1 ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  if (v1 && doc.issuanceDate === undefined) problems.push({ path: 'issuanceDate', message: 'is required in a VC 1.1 credential' });
  for (const key of dates) {
    const v = doc[key];
    if (v !== undefined && !(typeof v === 'string' && isDateTimeStamp(v))) problems.push({ path: key, message: 'must be a date-time with a timezone' });
  }
  const [from, until] = dates.map((k) => (typeof doc[k as string] === 'string' ? Date.parse(doc[k as string] as string) : NaN));
  if (from !== undefined && until !== undefined && from > until) problems.push({ path: dates[1] as string, message: `must not be before ${dates[0]}` });
  for (const key of ['credentialStatus', 'termsOfUse', 'evidence', 'refreshService']) {
    if (doc[key] !== undefined) checkTyped(doc[key], key, problems);
  }
  if (doc.credentialSchema !== undefined) checkTyped(doc.credentialSchema, 'credentialSchema', problems, true);
  if (doc.relatedResource !== undefined) checkRelatedResource(doc.relatedResource, problems);
  return problems;
}
