import type { KeyAlgorithm } from '../crypto/public-key.js';
import type { ProofHash } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';

/**
 * The embedded proofs this verifier checks, whoever made them: how the document is
 * transformed before hashing (RDFC-1.0 or JCS) and which keys may sign. The hash follows the
 * key: SHA-384 for P-384 (ecdsa-*-2019), SHA-256 otherwise. `Ed25519Signature2020` is the
 * legacy Linked Data suite that wallets such as DCC's and MOSIP's hold; its hash data is
 * that of eddsa-rdfc-2022, and only its proof node differs (its type, and no cryptosuite).
 */
export interface ProofSuite {
  /** The cryptosuite name, or the proof type for a suite without one. */
  name: string;
  transform: 'rdfc' | 'jcs';
  keys: readonly KeyAlgorithm[];
}

const EDDSA: readonly KeyAlgorithm[] = ['Ed25519'];
const ECDSA: readonly KeyAlgorithm[] = ['P-256', 'P-384'];

const CRYPTOSUITES: Record<string, ProofSuite> = {
  'eddsa-rdfc-2022': { name: 'eddsa-rdfc-2022', transform: 'rdfc', keys: EDDSA },
  'eddsa-jcs-2022': { name: 'eddsa-jcs-2022', transform: 'jcs', keys: EDDSA },
  'ecdsa-rdfc-2019': { name: 'ecdsa-rdfc-2019', transform: 'rdfc', keys: ECDSA },
  'ecdsa-jcs-2019': { name: 'ecdsa-jcs-2019', transform: 'jcs', keys: ECDSA },
};
const ED25519_SIGNATURE_2020: ProofSuite = { name: 'Ed25519Signature2020', transform: 'rdfc', keys: EDDSA };

export const SUPPORTED_PROOFS = `DataIntegrityProof (${Object.keys(CRYPTOSUITES).join(', ')}) and Ed25519Signature2020`;

/** The suite of a proof, or why it is not one this verifier checks. */
export function suiteOf(proof: JsonObject): ProofSuite | string {
  if (proof.type === 'Ed25519Signature2020') {
    return proof.cryptosuite === undefined ? ED25519_SIGNATURE_2020 : 'an Ed25519Signature2020 proof names no cryptosuite';
  }
  if (proof.type !== 'DataIntegrityProof') return `proof type ${String(proof.type).slice(0, 60)} is not supported (${SUPPORTED_PROOFS} are)`;
  const suite = typeof proof.cryptosuite === 'string' && Object.hasOwn(CRYPTOSUITES, proof.cryptosuite) ? CRYPTOSUITES[proof.cryptosuite] : undefined;
  return suite ?? `cryptosuite ${String(proof.cryptosuite).slice(0, 60)} is not supported (${Object.keys(CRYPTOSUITES).join(', ')} are)`;
}

export const hashFor = (key: KeyAlgorithm): ProofHash => (key === 'P-384' ? 'SHA-384' : 'SHA-256');

/** Bytes of a signature by each key type (Ed25519; ECDSA r ‖ s). */
export const SIGNATURE_BYTES: Record<KeyAlgorithm, number> = { Ed25519: 64, 'P-256': 64, 'P-384': 96 };
