import { toDateTimeStamp } from '../schemas/dates.js';
import type { JsonObject } from '../schemas/credential.js';
import type { Check, VerificationReport } from '../schemas/report.js';
import { isAbsoluteUrl } from '../schemas/vc-rules.js';
import { failed, passed } from './checks.js';
import { checkDataIntegrityProofs } from './di-proof.js';
import { verifyCredential, type VerifierDeps, type VerifyInput } from './verify.js';

/** Credentials verified in one presentation: each may fetch keys and status lists. */
export const MAX_PRESENTED = 20;

const V2 = 'https://www.w3.org/ns/credentials/v2';
const ENVELOPED = /^data:application\/vc\+jwt,([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

export interface PresentationReport {
  verified: boolean;
  checks: Check[];
  /** One report per credential in the presentation, in order. */
  credentials: VerificationReport[];
  verifiedAt: string;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A VC inside a presentation as a verify input: embedded, or enveloped vc+jwt. Null when it is neither. */
export function credentialInput(vc: unknown): VerifyInput | null {
  if (!isObject(vc)) return null;
  if (asList(vc.type).includes('EnvelopedVerifiableCredential')) {
    const ctx = vc['@context'];
    const m = typeof vc.id === 'string' ? ENVELOPED.exec(vc.id) : null;
    const okContext = ctx === V2 || (Array.isArray(ctx) && ctx[0] === V2);
    return m && okContext ? { kind: 'jwt', jwt: m[1] as string } : null;
  }
  return { kind: 'credential', credential: vc };
}

function formatProblem(vp: unknown): string | null {
  if (!isObject(vp)) return 'a presentation must be a JSON object';
  const ctx = vp['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== V2) return `the first @context must be ${V2}`;
  if (!ctx.every((c) => isObject(c) || isAbsoluteUrl(c))) return 'every @context item must be a URL or a context object';
  if (!asList(vp.type).includes('VerifiablePresentation')) return 'type must include VerifiablePresentation';
  if (vp.id !== undefined && !isAbsoluteUrl(vp.id)) return 'id must be a URL';
  const holder = vp.holder;
  if (holder !== undefined && !isAbsoluteUrl(holder) && !(isObject(holder) && isAbsoluteUrl(holder.id))) return 'holder must be a URL or an object whose id is a URL';
  if (!asList(vp.verifiableCredential).every(isObject)) return 'verifiableCredential must be credential objects, not strings or numbers';
  return null;
}

/**
 * Verifies a presentation: its shape, its `authentication` proof by the holder (bound to the
 * verifier's challenge and domain when given), and every credential in it.
 */
export async function verifyPresentation(
  deps: VerifierDeps,
  vp: unknown,
  options: { challenge?: string; domain?: string },
): Promise<PresentationReport> {
  const now = deps.clock();
  const done = (checks: Check[], credentials: VerificationReport[] = []): PresentationReport => ({
    verified: checks.every((c) => c.status === 'passed'),
    checks,
    credentials,
    verifiedAt: toDateTimeStamp(now),
  });
  const problem = formatProblem(vp);
  if (problem) return done([failed('format', problem)]);
  const doc = vp as JsonObject;
  const holder = isObject(doc.holder) ? (doc.holder.id as string) : (doc.holder as string | undefined);
  const { key, proof } = await checkDataIntegrityProofs(deps, doc, {
    purpose: 'authentication',
    controller: holder,
    keyCheck: 'holder',
    challenge: options.challenge,
    domain: options.domain,
  });
  const inputs = asList(doc.verifiableCredential).map(credentialInput);
  if (inputs.length > MAX_PRESENTED) {
    return done([passed('format', 'a VC Data Model 2.0 presentation'), key, proof, failed('credentials', `at most ${MAX_PRESENTED} credentials are verified in one presentation`)]);
  }
  if (inputs.some((i) => i === null)) {
    return done([passed('format', 'a VC Data Model 2.0 presentation'), key, proof, failed('credentials', 'an enveloped credential must be a data:application/vc+jwt URL under the VC v2 context')]);
  }
  const reports = await Promise.all(inputs.map((input) => verifyCredential(deps, input as VerifyInput)));
  const bad = reports.findIndex((r) => !r.verified);
  const credentials = reports.length === 0
    ? passed('credentials', 'the presentation holds no credentials')
    : bad >= 0
      ? failed('credentials', `credential ${bad + 1} of ${reports.length} does not verify`)
      : passed('credentials', `all ${reports.length} credentials verify`);
  return done([passed('format', 'a VC Data Model 2.0 presentation'), key, proof, credentials], reports);
}
