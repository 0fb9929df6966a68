import type { CryptoProvider } from '../crypto/provider.js';
import { toBase58, utf8 } from '../crypto/encoding.js';
import { signCompactJws } from '../crypto/jws.js';
import { ED25519_2020_CONTEXT } from '../jsonld/contexts.js';
import { rdfcHashData, type DataIntegrityProof } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import { ed25519VerificationKey2020Id } from './did.js';
import type { SigningKey } from './keys.js';
import type { P256SigningKey } from './p256-keys.js';
import { VC_JWT_TYPE } from './secure.js';

/*
 * The compatibility forms an institute may turn on (issue 14, item 3): an
 * Ed25519Signature2020 proof in the proof set, for MOSIP's verifier (Inji Wallet, Inji
 * Verify), which reads no other Ed25519 proof; and a vc+jwt signed ES256 with the
 * institute's P-256 key, for verifiers that accept only ES256/RS256 JWTs.
 */

export const ED25519_SIGNATURE_2020 = 'Ed25519Signature2020';

/** Whether the document's @context names the ed25519-2020 context (an Ed25519Signature2020 proof needs it there). */
export const hasEd25519Signature2020Context = (document: JsonObject): boolean =>
  ([] as unknown[]).concat(document['@context'] ?? []).includes(ED25519_2020_CONTEXT);

/**
 * The document with the ed25519-2020 context appended to its @context (unless there): done
 * before signing anything, since Digital Bazaar's suite otherwise appends it while signing and
 * the other proofs would no longer match the stored bytes.
 */
export function withEd25519Signature2020Context(unsecured: JsonObject): JsonObject {
  if (hasEd25519Signature2020Context(unsecured)) return unsecured;
  return { ...unsecured, '@context': [...([] as unknown[]).concat(unsecured['@context'] ?? []), ED25519_2020_CONTEXT] as JsonObject['@context'] };
}

/**
 * Adds an Ed25519Signature2020 proof by `key` to a secured document's proof set (the proof
 * becomes an array). Each proof of a set signs the document without proofs, so the same
 * signature serves this proof alone (the single-proof form MOSIP reads). Its hash data is
 * eddsa-rdfc-2022's: SHA-256 of the RDFC-1.0 proof options (under the document's @context)
 * ‖ SHA-256 of the RDFC-1.0 document; only the proof node differs (its type, no
 * cryptosuite). It names the key's Ed25519VerificationKey2020 form, `<DID>#<multibase>`.
 */
export async function addEd25519Signature2020Proof(secured: JsonObject, key: SigningKey, created: string, crypto: CryptoProvider): Promise<JsonObject> {
  const { proof, ...unsecured } = secured;
  if (!hasEd25519Signature2020Context(unsecured)) throw new TypeError('the ed25519-2020 context must be in the @context before signing');
  const options = {
    type: ED25519_SIGNATURE_2020,
    created,
    verificationMethod: ed25519VerificationKey2020Id(key),
    proofPurpose: 'assertionMethod',
  };
  // The hash is the RDFC one whatever the proof's type; the type only shapes the options node.
  const hashData = await rdfcHashData(unsecured, options as unknown as Omit<DataIntegrityProof, 'proofValue'>, crypto);
  const signature = await key.signer.sign(hashData);
  const proofs = proof === undefined || proof === null ? [] : Array.isArray(proof) ? proof : [proof];
  return { ...unsecured, proof: [...proofs, { ...options, proofValue: `z${toBase58(signature)}` }] as JsonObject['proof'] };
}

/**
 * The form MOSIP's verifier reads: the credential with only its Ed25519Signature2020 proof,
 * as a single object (it refuses a proof array). Null when the credential has no such proof.
 */
export function singleEd25519Signature2020Form(secured: JsonObject): JsonObject | null {
  const proofs = ([] as unknown[]).concat(secured.proof ?? []);
  const proof = proofs.find((p) => typeof p === 'object' && p !== null && (p as JsonObject).type === ED25519_SIGNATURE_2020);
  return proof ? { ...secured, proof: proof as JsonObject } : null;
}

/** Secures a credential as vc+jwt signed ES256 by the issuer's P-256 key: the payload is the credential itself. */
export function signEs256VcJwt(unsecured: JsonObject, key: P256SigningKey): Promise<string> {
  return signCompactJws({ alg: 'ES256', typ: VC_JWT_TYPE, kid: key.id }, utf8(JSON.stringify(unsecured)), key.signer);
}
