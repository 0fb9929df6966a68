import type { CryptoProvider } from '../crypto/provider.js';
import { concatBytes, utf8 } from '../crypto/encoding.js';
import { canonize } from './canonize.js';
import { canonizeProofOptions } from './proof-options.js';
import canonicalizeJcs from 'canonicalize';

export const DI_CRYPTOSUITE_RDFC = 'eddsa-rdfc-2022';
export const DI_CRYPTOSUITE_JCS = 'eddsa-jcs-2022';
export const CRYPTOSUITES = [DI_CRYPTOSUITE_RDFC, DI_CRYPTOSUITE_JCS] as const;
export type Cryptosuite = (typeof CRYPTOSUITES)[number];
export const isCryptosuite = (v: unknown): v is Cryptosuite => CRYPTOSUITES.includes(v as Cryptosuite);

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

/** Receives the canonical N-Quads of the document an `eddsa-rdfc-2022` hash was computed over. */
export type CanonicalSink = (documentNquads: string) => void;

/**
 * The 64 bytes an `eddsa-rdfc-2022` signature covers: SHA-256 of the canonical proof
 * options (the proof without `proofValue`, under the document's `@context`) followed by
 * SHA-256 of the canonical document without its proof. Throws JsonLdError.
 */
export async function rdfcHashData(
  unsecured: Record<string, unknown>,
  proofOptions: Omit<DataIntegrityProof, 'proofValue'>,
  crypto: CryptoProvider,
  seen?: CanonicalSink,
): Promise<Uint8Array> {
  const [proofNquads, documentNquads] = await Promise.all([
    canonizeProofOptions(proofOptions, unsecured['@context']),
    canonize(unsecured),
  ]);
  seen?.(documentNquads);
  const [proofHash, documentHash] = await Promise.all([
    crypto.sha256(utf8(proofNquads)),
    crypto.sha256(utf8(documentNquads)),
  ]);
  return concatBytes(proofHash, documentHash);
}

/** RFC 8785 canonical JSON; throws TypeError for values JSON cannot represent. */
function jcs(value: unknown): string {
  const text = canonicalizeJcs(value);
  if (typeof text !== 'string') throw new TypeError('the document cannot be canonicalized as JSON');
  return text;
}

/**
 * The 64 bytes an `eddsa-jcs-2022` signature covers: SHA-256 of the JCS form of the proof
 * options (with the document's `@context`, when it has one) followed by SHA-256 of the JCS
 * form of the document without its proof.
 */
export async function jcsHashData(
  unsecured: Record<string, unknown>,
  proofOptions: Omit<DataIntegrityProof, 'proofValue'>,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const options = unsecured['@context'] === undefined ? proofOptions : { ...proofOptions, '@context': unsecured['@context'] };
  const [proofHash, documentHash] = await Promise.all([crypto.sha256(utf8(jcs(options))), crypto.sha256(utf8(jcs(unsecured)))]);
  return concatBytes(proofHash, documentHash);
}

/** The hash data of either EdDSA cryptosuite; `seen` gets the canonical document (RDFC only). */
export const diHashData = (
  cryptosuite: Cryptosuite,
  unsecured: Record<string, unknown>,
  proofOptions: Omit<DataIntegrityProof, 'proofValue'>,
  crypto: CryptoProvider,
  seen?: CanonicalSink,
): Promise<Uint8Array> =>
  cryptosuite === DI_CRYPTOSUITE_JCS ? jcsHashData(unsecured, proofOptions, crypto) : rdfcHashData(unsecured, proofOptions, crypto, seen);
