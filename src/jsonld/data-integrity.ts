import type { CryptoProvider } from '../crypto/provider.js';
import { concatBytes, utf8 } from '../crypto/encoding.js';
import { canonize } from './canonize.js';
import { canonizeProofOptions } from './proof-options.js';
import type { RdfcHash } from './rdfc.js';
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

/** The hash a proof's hash data is made with: SHA-384 for P-384 keys, SHA-256 otherwise. */
export type ProofHash = RdfcHash;

async function digest(crypto: CryptoProvider, hash: ProofHash, data: Uint8Array): Promise<Uint8Array> {
  // SHA-256 through the provider (native on Node); SHA-384 is rare enough for Web Crypto.
  return hash === 'SHA-256' ? crypto.sha256(data) : new Uint8Array(await globalThis.crypto.subtle.digest(hash, data as BufferSource));
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
  hash: ProofHash = 'SHA-256',
): Promise<Uint8Array> {
  // ecdsa-rdfc-2019 with P-384 uses SHA-384 throughout: in RDFC-1.0's blank node labels too.
  const [proofNquads, documentNquads] = await Promise.all([
    canonizeProofOptions(proofOptions, unsecured['@context'], hash),
    canonize(unsecured, hash),
  ]);
  seen?.(documentNquads);
  const [proofHash, documentHash] = await Promise.all([
    digest(crypto, hash, utf8(proofNquads)),
    digest(crypto, hash, utf8(documentNquads)),
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
  hash: ProofHash = 'SHA-256',
): Promise<Uint8Array> {
  const options = unsecured['@context'] === undefined ? proofOptions : { ...proofOptions, '@context': unsecured['@context'] };
  const [proofHash, documentHash] = await Promise.all([digest(crypto, hash, utf8(jcs(options))), digest(crypto, hash, utf8(jcs(unsecured)))]);
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
