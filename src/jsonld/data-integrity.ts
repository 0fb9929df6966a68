import type { CryptoProvider } from '../crypto/provider.js';
import { concatBytes, utf8 } from '../crypto/encoding.js';
import { canonize } from './canonize.js';
import { canonizeProofOptions } from './proof-options.js';

export const DI_CRYPTOSUITE_RDFC = 'eddsa-rdfc-2022';

/** The `proof` of a Data Integrity document, as far as skillcert reads or writes it. */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue?: string;
  [key: string]: unknown;
}

/**
 * The 64 bytes an `eddsa-rdfc-2022` signature covers: SHA-256 of the canonical proof
 * options (the proof without `proofValue`, under the document's `@context`) followed by
 * SHA-256 of the canonical document without its proof. Throws JsonLdError.
 */
export async function rdfcHashData(
  unsecured: Record<string, unknown>,
  proofOptions: Omit<DataIntegrityProof, 'proofValue'>,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const [proofNquads, documentNquads] = await Promise.all([
    canonizeProofOptions(proofOptions, unsecured['@context']),
    canonize(unsecured),
  ]);
  const [proofHash, documentHash] = await Promise.all([
    crypto.sha256(utf8(proofNquads)),
    crypto.sha256(utf8(documentNquads)),
  ]);
  return concatBytes(proofHash, documentHash);
}
