import { DI_CRYPTOSUITE_RDFC, type Cryptosuite } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import { ED25519_SIGNATURE_2020 } from '../issuer/compat-proofs.js';

/*
 * Ed25519Signature2020 proofs, as far as checking this service's own compatibility proof
 * takes (issue 14, item 3): the proof node has a `type` of its own and no cryptosuite, and
 * its hash data is eddsa-rdfc-2022's (RDFC-1.0 of the proof options under the document's
 * @context ‖ RDFC-1.0 of the document), so the rest of the Data Integrity check applies as is.
 * The document must name the ed25519-2020 context, or its proof options do not canonicalize.
 */

export { ED25519_SIGNATURE_2020 };

export const isEd25519Signature2020 = (proof: JsonObject): boolean => proof.type === ED25519_SIGNATURE_2020;

/** Why an Ed25519Signature2020 proof node is malformed, beyond what every proof is checked for; null when it is not. */
export const ed2020ShapeProblem = (proof: JsonObject): string | null =>
  proof.cryptosuite !== undefined ? 'an Ed25519Signature2020 proof has no cryptosuite' : null;

/** The cryptosuite whose hash data a proof signs: eddsa-rdfc-2022's for an Ed25519Signature2020 proof. */
export const suiteOf = (proof: JsonObject): Cryptosuite => (isEd25519Signature2020(proof) ? DI_CRYPTOSUITE_RDFC : (proof.cryptosuite as Cryptosuite));
