import { toDateTimeStamp } from '../schemas/dates.js';
import type { JsonObject } from '../schemas/credential.js';
import type { Check, LegacyForm, VerificationReport } from '../schemas/report.js';
import { isAbsoluteUrl } from '../schemas/vc-rules.js';
import { failed, passed } from './checks.js';
import { checkDataIntegrityProofs } from './di-proof.js';
import { envelopedJwt } from './envelope.js';
import { checkJwtSignature, decodeJwtParts, numericDate } from './jwt.js';
import { verifyCredential, type VerifierDeps, type VerifyInput } from './verify.js';

/** Credentials verified in one presentation, enveloped JWTs included: each may fetch keys and status lists. */
export const MAX_PRESENTED = 20;

const V2 = 'https://www.w3.org/ns/credentials/v2';
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
/** `typ` values of a presentation JWT, by form: VC-JOSE-COSE's vp+jwt (and its drafts' name), or VC-JWT 1.1's JWT (a `vp` claim). */
const JOSE_COSE_TYPES = [undefined, 'vp+jwt', 'application/vp+jwt', 'vp+ld+jwt', 'application/vp+ld+jwt'] as const;
const VC_JWT_11_TYPES = [undefined, 'JWT', 'jwt'] as const;

export interface PresentationReport {
  verified: boolean;
  /** How the presentation was secured: an embedded proof, or a JWT (vp+jwt, or VC-JWT 1.1 with a `vp` claim). */
  format: 'data-integrity' | 'vp+jwt';
  checks: Check[];
  /** One report per credential in the presentation, in order. */
  credentials: VerificationReport[];
  /** Present for a VC-JWT 1.1 presentation (a JWT whose `vp` claim holds it). */
  legacy?: LegacyForm;
  verifiedAt: string;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A VC inside a presentation as a verify input: embedded or enveloped (checked by verifyCredential); a bare JWT only in a VC-JWT 1.1 presentation. */
export function credentialInput(vc: unknown, legacyJwt = false): VerifyInput | null {
  if (isObject(vc)) return { kind: 'credential', credential: vc };
  return legacyJwt && typeof vc === 'string' && JWT_SHAPE.test(vc) ? { kind: 'jwt', jwt: vc } : null;
}

function formatProblem(vp: unknown, legacyJwt = false, v1Context = legacyJwt): string | null {
  if (!isObject(vp)) return 'a presentation must be a JSON object';
  const ctx = vp['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== V2) {
    if (!(v1Context && Array.isArray(ctx) && ctx[0] === 'https://www.w3.org/2018/credentials/v1')) return `the first @context must be ${V2}`;
  }
  if (!ctx.every((c) => isObject(c) || isAbsoluteUrl(c))) return 'every @context item must be a URL or a context object';
  if (!asList(vp.type).includes('VerifiablePresentation')) return 'type must include VerifiablePresentation';
  if (vp.id !== undefined && !isAbsoluteUrl(vp.id)) return 'id must be a URL';
  const holder = vp.holder;
  if (holder !== undefined && !isAbsoluteUrl(holder) && !(isObject(holder) && isAbsoluteUrl(holder.id))) return 'holder must be a URL or an object whose id is a URL';
  if (!asList(vp.verifiableCredential).every((c) => credentialInput(c, legacyJwt) !== null)) {
    return legacyJwt ? 'verifiableCredential must be credential objects or JWTs' : 'verifiableCredential must be credential objects, not strings or numbers';
  }
  return null;
}

const holderOf = (doc: JsonObject): string | undefined => (isObject(doc.holder) ? (doc.holder.id as string) : (doc.holder as string | undefined));

async function checkCredentials(deps: VerifierDeps, items: unknown[], legacyJwt: boolean): Promise<{ check: Check; reports: VerificationReport[] }> {
  if (items.length > MAX_PRESENTED) return { check: failed('credentials', `at most ${MAX_PRESENTED} credentials are verified in one presentation`), reports: [] };
  const inputs = items.map((vc) => credentialInput(vc, legacyJwt) as VerifyInput);
  const reports = await Promise.all(inputs.map((input) => verifyCredential(deps, input)));
  const bad = reports.findIndex((r) => !r.verified);
  const check = reports.length === 0
    ? passed('credentials', 'the presentation holds no credentials')
    : bad >= 0
      ? failed('credentials', `credential ${bad + 1} of ${reports.length} does not verify`)
      : passed('credentials', `all ${reports.length} credentials verify`);
  return { check, reports };
}

const VP_CLAIMS_DISAGREE = (claim: string, property: string) => `the JWT claim ${claim} and the presentation's ${property} disagree`;

/** The presentation a VC-JWT 1.1 `vp` claim holds, with iss → holder and jti → id mapped. */
function presentationFromVpClaim(payload: JsonObject): JsonObject | string {
  if (!isObject(payload.vp)) return 'the vp claim must be a presentation object';
  const vp: JsonObject = { ...payload.vp };
  if (payload.iss !== undefined) {
    if (typeof payload.iss !== 'string') return 'iss must be a string';
    if (vp.holder === undefined) vp.holder = payload.iss;
    else if (holderOf(vp) !== payload.iss) return VP_CLAIMS_DISAGREE('iss', 'holder');
  }
  if (payload.jti !== undefined) {
    if (vp.id === undefined) vp.id = payload.jti;
    else if (vp.id !== payload.jti) return VP_CLAIMS_DISAGREE('jti', 'id');
  }
  return vp;
}

/**
 * Verifies a presentation JWT: VC-JOSE-COSE `vp+jwt` (the payload is the presentation) or a
 * VC-JWT 1.1 JWT with a `vp` claim (legacy), signed by a key of its holder. The verifier's
 * challenge is the JWT's `nonce`, its domain the `aud`.
 */
async function verifyPresentationJwt(deps: VerifierDeps, jwt: string, options: { challenge?: string; domain?: string }): Promise<PresentationReport> {
  const now = deps.clock();
  const decoded = decodeJwtParts(jwt);
  const legacyJwt = typeof decoded !== 'string' && 'vp' in decoded.payload;
  const done = (checks: Check[], credentials: VerificationReport[] = []): PresentationReport => ({
    verified: checks.every((c) => c.status === 'passed'),
    format: 'vp+jwt',
    checks,
    credentials,
    ...(legacyJwt ? { legacy: 'vc-jwt-1.1' as const } : {}),
    verifiedAt: toDateTimeStamp(now),
  });
  if (typeof decoded === 'string') return done([failed('format', decoded)]);
  const { header, payload } = decoded;
  const vp = legacyJwt ? presentationFromVpClaim(payload) : payload;
  if (typeof vp === 'string') return done([failed('format', `not a valid VC-JWT 1.1 presentation: ${vp}`)]);
  const problem = formatProblem(vp, legacyJwt);
  if (problem) return done([failed('format', problem)]);
  const holder = holderOf(vp);
  if (!holder) return done([failed('format', 'a presentation JWT must name its holder (holder, or the iss claim)')]);
  const format = passed('format', legacyJwt ? 'a VC-JWT 1.1 presentation (legacy: a vp claim)' : 'a VC Data Model 2.0 presentation (vp+jwt)');
  const signature = await checkJwtSignature(deps, jwt, header, payload, { signer: holder, purpose: 'authentication', keyCheck: 'holder', types: legacyJwt ? VC_JWT_11_TYPES : JOSE_COSE_TYPES });
  const audiences = asList(payload.aud);
  const exp = numericDate(payload.exp);
  const nbf = numericDate(payload.nbf);
  const binding =
    options.challenge !== undefined && payload.nonce !== options.challenge ? 'the presentation does not carry the expected challenge (nonce)'
    : options.domain !== undefined && !audiences.includes(options.domain) ? 'the presentation is not for the expected domain (aud)'
    : exp !== undefined && Date.parse(exp) < now.getTime() ? `the presentation expired at ${exp}`
    : nbf !== undefined && Date.parse(nbf) > now.getTime() ? `the presentation is not valid before ${nbf}`
    : null;
  const proof = signature.proof.status === 'passed' && binding ? failed('proof', binding) : signature.proof;
  const { check, reports } = await checkCredentials(deps, asList(vp.verifiableCredential), legacyJwt);
  return done([format, signature.key, proof, check], reports);
}

/**
 * Verifies a presentation: its shape (VC 2.0; with `acceptVc11`, VC 1.1 too: the DID
 * authentication the Learner Credential Wallet signs), its `authentication` proof by the holder (bound to the
 * verifier's challenge and domain when given), and every credential in it. A presentation may
 * be secured by an embedded proof, or be an EnvelopedVerifiablePresentation (a JWT).
 */
export async function verifyPresentation(
  deps: VerifierDeps,
  vp: unknown,
  options: { challenge?: string; domain?: string; acceptVc11?: boolean },
): Promise<PresentationReport> {
  const now = deps.clock();
  const done = (checks: Check[], credentials: VerificationReport[] = []): PresentationReport => ({
    verified: checks.every((c) => c.status === 'passed'),
    format: 'data-integrity',
    checks,
    credentials,
    verifiedAt: toDateTimeStamp(now),
  });
  const enveloped = isObject(vp) ? envelopedJwt(vp, 'presentation') : null;
  if (typeof enveloped === 'string') return { ...done([failed('format', enveloped)]), format: 'vp+jwt' };
  if (enveloped) return verifyPresentationJwt(deps, enveloped.jwt, options);
  const problem = formatProblem(vp, false, options.acceptVc11 ?? false);
  if (problem) return done([failed('format', problem)]);
  const doc = vp as JsonObject;
  const { key, proof } = await checkDataIntegrityProofs(deps, doc, {
    purpose: 'authentication',
    controller: holderOf(doc),
    keyCheck: 'holder',
    challenge: options.challenge,
    domain: options.domain,
  });
  const { check, reports } = await checkCredentials(deps, asList(doc.verifiableCredential), false);
  const v1 = (doc['@context'] as unknown[])[0] !== V2;
  return done([passed('format', v1 ? 'a VC Data Model 1.1 presentation' : 'a VC Data Model 2.0 presentation'), key, proof, check], reports);
}
