import { typesOf, type JsonObject } from '../schemas/credential.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { Check, VerificationReport } from '../schemas/report.js';
import { failed, passed } from './checks.js';
import { decodeJwtParts } from './jwt.js';
import { verifyPresentation } from './presentation.js';
import { verifyCredential, type VerifierDeps, type VerifyInput } from './verify.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const PRESENTATION_TYPES = ['VerifiablePresentation', 'EnvelopedVerifiablePresentation'];
const VP_JWT_TYPES = ['vp+jwt', 'application/vp+jwt', 'vp+ld+jwt', 'application/vp+ld+jwt'];

/** What skillcert's verify API and page answer: a report, or why the input is not one credential. */
export type VerifyOutcome = { report: VerificationReport } | { problem: string };

/**
 * The presentation an input is, as a document verifyPresentation reads; null for a
 * credential. A JWT is decoded once here, and a credential JWT handed on decoded.
 */
function presentationOf(input: VerifyInput): { vp: JsonObject | null; input: VerifyInput } {
  if (input.kind === 'credential') {
    const doc = input.credential as JsonObject | null;
    return { vp: doc && typeof doc === 'object' && typesOf(doc.type).some((t) => PRESENTATION_TYPES.includes(t)) ? doc : null, input };
  }
  const jwt = input.jwt.trim();
  const decoded = input.decoded ?? decodeJwtParts(jwt);
  if (typeof decoded === 'string') return { vp: null, input };
  const isVp = VP_JWT_TYPES.includes(String(decoded.header.typ)) || 'vp' in decoded.payload || typesOf(decoded.payload.type).includes('VerifiablePresentation');
  return isVp ? { vp: { '@context': V2, type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${jwt}` }, input } : { vp: null, input: { kind: 'jwt', jwt, decoded } };
}

/**
 * Verifies what a person pastes, uploads or sends to the verify API: a credential in any form
 * (src/verifier/verify.ts), or a presentation (a wallet's share) holding exactly one. The
 * answer for a presentation is its credential's report with one more check, `holder`: whether
 * the presentation's own signature by its holder holds. No challenge was asked, so that says
 * who presented it once, not who presents it now. A presentation of several credentials is
 * for POST /presentations/verify, which reports each.
 */
export async function verifyAnything(deps: VerifierDeps, input: VerifyInput): Promise<VerifyOutcome> {
  const { vp, input: decoded } = presentationOf(input);
  if (!vp) return { report: await verifyCredential(deps, decoded) };
  const result = await verifyPresentation(deps, vp, {});
  const own = result.checks.filter((c) => c.id !== 'credentials');
  const [credential] = result.credentials;
  if (result.credentials.length === 0) {
    const format = own.find((c) => c.id === 'format' && c.status !== 'passed');
    if (format) {
      return { report: { verified: false, format: null, checks: [format], credential: null, verifiedAt: toDateTimeStamp(deps.clock()) } };
    }
  }
  if (result.credentials.length !== 1 || !credential) {
    return { problem: `the presentation holds ${result.credentials.length} credentials: send each on its own, or the presentation to POST /presentations/verify` };
  }
  const bad = own.find((c) => c.status !== 'passed');
  const holder: Check = bad
    ? failed('holder', `the presentation holding it does not verify: ${bad.message}`)
    : passed('holder', `presented in a ${result.format === 'vp+jwt' ? 'presentation JWT' : 'presentation'} whose holder's signature holds (${own.find((c) => c.id === 'holder')?.message ?? ''})`);
  return { report: { ...credential, verified: credential.verified && !bad, checks: [...credential.checks, holder] } };
}
