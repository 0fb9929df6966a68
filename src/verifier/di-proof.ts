import type { CryptoProvider } from '../crypto/provider.js';
import { fromBase58 } from '../crypto/encoding.js';
import { JsonLdError } from '../jsonld/canonize.js';
import { DI_CRYPTOSUITE_JCS, diHashData, isCryptosuite, type CanonicalSink, type Cryptosuite, type DataIntegrityProof } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import { isDateTimeStamp } from '../schemas/dates.js';
import type { Check, CheckId } from '../schemas/report.js';
import { failed, passed, skipped } from './checks.js';
import type { KeyResolver } from './resolve.js';
import { ED25519_SIGNATURE_2020, ed2020ShapeProblem, isEd25519Signature2020, suiteOf } from './ed25519-2020.js';

export interface ProofExpectations {
  purpose: 'assertionMethod' | 'authentication';
  /** The DID that must control the key of at least one proof (the issuer, or the holder). */
  controller?: string;
  /** The check that reports key resolution: `issuer` for credentials, `holder` for presentations. */
  keyCheck: CheckId;
  challenge?: string;
  domain?: string;
}

export interface ProofChecks {
  key: Check;
  proof: Check;
  /**
   * The canonical N-Quads an eddsa-rdfc-2022 proof that verified was made over: the signed
   * graph, for checking that the JSON is read as signed (src/verifier/signed-claims.ts).
   */
  signedGraph?: string;
}

const didOf = (vm: string): string => vm.split('#')[0] ?? '';
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const ALTERED = 'the signature does not match the content: it was altered after signing, or signed by another key';

/** How far ahead of this verifier's clock a signer's clock may run before its proofs are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Why a proof that says it was made at `created` is refused at `now`: it claims a time in the
 * future (beyond the clock skew). A proof cannot vouch for anything yet at a time before it
 * was made; accepting one invites signing "in advance" with a key about to be retired or
 * reported compromised. Null when the time is absent or not in the future.
 */
export function futureProblem(created: string | undefined, now: Date): string | null {
  if (created === undefined) return null;
  const t = Date.parse(created);
  return t > now.getTime() + MAX_CLOCK_SKEW_MS
    ? `the proof says it was created at ${created}, in the future (more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes ahead of this verifier's clock)`
    : null;
}

function shapeProblem(proof: JsonObject, expect: ProofExpectations): string | null {
  const { proofValue } = proof;
  const typeProblem = isEd25519Signature2020(proof) ? ed2020ShapeProblem(proof)
    : proof.type !== 'DataIntegrityProof' ? 'proof type must be DataIntegrityProof'
    : !isCryptosuite(proof.cryptosuite) ? `cryptosuite ${String(proof.cryptosuite)} is not supported (eddsa-rdfc-2022 and eddsa-jcs-2022 are)`
    : null;
  if (typeProblem) return typeProblem;
  if (proof.proofPurpose !== expect.purpose) return `proofPurpose must be ${expect.purpose}`;
  if (typeof proof.verificationMethod !== 'string') return 'proof has no verificationMethod';
  if (proof.created !== undefined && (typeof proof.created !== 'string' || !isDateTimeStamp(proof.created))) return 'proof created is not a date-time';
  if (typeof proofValue !== 'string' || !/^z[1-9A-HJ-NP-Za-km-z]+$/.test(proofValue)) return 'proofValue must be a base58btc multibase string';
  if (expect.challenge !== undefined && proof.challenge !== expect.challenge) return 'the proof does not carry the expected challenge';
  if (expect.domain !== undefined) {
    const domains = Array.isArray(proof.domain) ? proof.domain : [proof.domain];
    if (!domains.includes(expect.domain)) return 'the proof is not for the expected domain';
  }
  const prev = proof.previousProof;
  if (prev !== undefined && typeof prev !== 'string' && !(Array.isArray(prev) && prev.every((p) => typeof p === 'string'))) {
    return 'previousProof must be a proof id or a list of them';
  }
  return null;
}

/**
 * Why a signature by a key its controller reported compromised as of `compromisedAt` is not
 * trusted: by its own account it was made after that time, or it does not say when. Null
 * when the key is not compromised or the signature predates the compromise.
 */
export function compromiseProblem(keyId: string, compromisedAt: string | null | undefined, signedAt: string | undefined): string | null {
  if (!compromisedAt) return null;
  if (signedAt === RECORDS_SAY_NOT_ISSUED) return `the key ${keyId} was reported compromised as of ${compromisedAt}, and this service has no record of issuing this credential`;
  if (signedAt !== undefined && Date.parse(signedAt) <= Date.parse(compromisedAt)) return null;
  const when = signedAt === undefined ? 'the signature does not say when it was made' : `it was signed at ${signedAt}, after that`;
  return `the key ${keyId} was reported compromised as of ${compromisedAt}; ${when}`;
}

/** What {@link signingTimeOf} returns for a credential that the issuing service never recorded. */
export const RECORDS_SAY_NOT_ISSUED = 'not-issued-here';

/**
 * When a signature by a compromised key was made. For this service's own keys the issue
 * record is the authority (a thief can backdate `created` or `validFrom`, not the ledger);
 * for anyone else's, the time the credential claims.
 */
export async function signingTimeOf(
  issuedAt: ((credentialId: string) => Promise<string | null>) | undefined,
  via: 'local' | 'did:key',
  credentialId: unknown,
  claimed: string | undefined,
): Promise<string | undefined> {
  if (via !== 'local' || !issuedAt) return claimed;
  const recorded = typeof credentialId === 'string' ? await issuedAt(credentialId) : null;
  return recorded ?? RECORDS_SAY_NOT_ISSUED;
}

async function signatureMatches(
  crypto: CryptoProvider,
  verify: (signature: Uint8Array, data: Uint8Array) => Promise<boolean>,
  document: JsonObject,
  proof: JsonObject,
  seen?: CanonicalSink,
): Promise<boolean> {
  const { proofValue, ...options } = proof;
  let signed = document;
  if (proof.cryptosuite === DI_CRYPTOSUITE_JCS && options['@context'] !== undefined) {
    // eddsa-jcs-2022: a proof that carries its @context signed the document under that
    // context, which must be the document's, or the start of it (more may have been added).
    const own = options['@context'];
    const docContext = document['@context'];
    const prefix = Array.isArray(own) && Array.isArray(docContext) && own.length <= docContext.length &&
      own.every((c, i) => JSON.stringify(c) === JSON.stringify(docContext[i]));
    if (!prefix && JSON.stringify(own) !== JSON.stringify(docContext)) return false;
    signed = { ...document, '@context': own };
  }
  const hashData = await diHashData(suiteOf(proof), signed, options as Omit<DataIntegrityProof, 'proofValue'>, crypto, seen);
  let signature: Uint8Array;
  try {
    signature = fromBase58((proofValue as string).slice(1));
  } catch {
    return false;
  }
  return signature.length === 64 && verify(signature, hashData);
}

/** Proofs checked on one document (a set or chain of a few; issuer, endorsers, notary). */
export const MAX_PROOFS = 8;

/**
 * Checks the Data Integrity proof(s) of a document: one proof, a proof set, or a proof chain
 * (a proof naming `previousProof` signs the document with the proofs it names). Every proof
 * must verify; at least one must be by a key of `expect.controller`.
 */
export async function checkDataIntegrityProofs(
  deps: { resolver: KeyResolver; crypto: CryptoProvider; clock: () => Date; issuedAt?: (credentialId: string) => Promise<string | null> },
  document: JsonObject,
  expect: ProofExpectations,
): Promise<ProofChecks> {
  const now = deps.clock();
  const raw = document.proof;
  const proofs = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  if (proofs.length === 0) return { key: skipped(expect.keyCheck, 'no proof names a key'), proof: failed('proof', 'the document carries no proof') };
  if (!proofs.every(isObject)) return { key: skipped(expect.keyCheck, 'the proof is malformed'), proof: failed('proof', 'every proof must be an object') };
  // Each proof costs a key resolution and a canonicalization: a document is not a work queue.
  if (proofs.length > MAX_PROOFS) return { key: skipped(expect.keyCheck, 'too many proofs'), proof: failed('proof', `at most ${MAX_PROOFS} proofs are checked on one document`) };
  const ids = new Map<string, JsonObject>();
  for (const p of proofs) if (typeof p.id === 'string') ids.set(p.id, p);
  const { proof: _proof, ...unsecured } = document;

  let byController: string | null = null;
  let signedGraph: string | undefined;
  const verified: string[] = [];
  for (const proof of proofs) {
    const problem = shapeProblem(proof, expect);
    if (problem) return { key: skipped(expect.keyCheck, 'the proof is malformed'), proof: failed('proof', problem) };
    const vm = proof.verificationMethod as string;
    const controller = didOf(vm);
    const resolution = await deps.resolver.resolve(vm);
    if (resolution.status === 'unsupported') {
      return { key: skipped(expect.keyCheck, resolution.reason), proof: skipped('proof', 'not checked: the signing key could not be resolved') };
    }
    if (resolution.status === 'unresolved') {
      return { key: failed(expect.keyCheck, resolution.reason), proof: failed('proof', 'not checked: the signing key does not exist') };
    }
    const previous = proof.previousProof === undefined ? [] : ([] as string[]).concat(proof.previousProof as string | string[]);
    const missing = previous.find((id) => !ids.has(id));
    if (missing) return { key: passed(expect.keyCheck, `key ${vm} resolved`), proof: failed('proof', `previousProof ${missing} is not among the proofs`) };
    const signed = previous.length ? { ...unsecured, proof: previous.map((id) => ids.get(id)) } : unsecured;
    let ok: boolean;
    let graph: string | undefined;
    try {
      ok = await signatureMatches(deps.crypto, (s, d) => resolution.key.verifier.verify(s, d), signed, proof, (nquads) => { graph = nquads; });
    } catch (error) {
      if (!(error instanceof JsonLdError) && !(error instanceof TypeError)) throw error;
      return { key: passed(expect.keyCheck, `key ${vm} resolved`), proof: failed('proof', `the content cannot be canonicalized for checking: ${error.message}`) };
    }
    if (!ok) return { key: passed(expect.keyCheck, `key ${vm} resolved`), proof: failed('proof', ALTERED) };
    const future = futureProblem(proof.created as string | undefined, now);
    if (future) return { key: passed(expect.keyCheck, `key ${vm} resolved`), proof: failed('proof', future) };
    const compromised = resolution.key.compromisedAt
      ? compromiseProblem(vm, resolution.key.compromisedAt, await signingTimeOf(deps.issuedAt, resolution.via, document.id, proof.created as string | undefined))
      : null;
    if (compromised) return { key: passed(expect.keyCheck, `key ${vm} resolved`), proof: failed('proof', compromised, 'key_compromised') };
    if (!expect.controller || controller === expect.controller) byController ??= vm;
    signedGraph ??= graph;
    verified.push(`${isEd25519Signature2020(proof) ? ED25519_SIGNATURE_2020 : (proof.cryptosuite as string)} by ${vm}`);
  }
  if (!byController) {
    return {
      key: failed(expect.keyCheck, `no proof is by a key of ${expect.controller}`),
      proof: failed('proof', 'not checked: the signing key is not the issuer\'s'),
    };
  }
  const whose = expect.controller ? `belongs to ${expect.controller}` : 'resolved';
  return {
    key: passed(expect.keyCheck, `signing key ${byController} ${whose}${byController.startsWith('did:key:') ? ' (a did:key)' : ''}`),
    proof: passed('proof', `${verified.length === 1 ? 'signature' : `${verified.length} signatures`} (${verified.join('; ')}) match the content`),
    ...(signedGraph === undefined ? {} : { signedGraph }),
  };
}
