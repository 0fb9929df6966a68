import { CompactSign } from 'jose';
import type { CryptoProvider } from '../crypto/provider.js';
import { toBase58, utf8 } from '../crypto/encoding.js';
import { DI_CRYPTOSUITE_RDFC, rdfcHashData, type DataIntegrityProof } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import type { SigningKey } from './keys.js';

/**
 * Secures a document with an embedded `eddsa-rdfc-2022` Data Integrity proof. Canonicalizes
 * in JSON-LD safe mode, so an undefined term throws JsonLdError instead of going unsigned.
 */
export async function addDataIntegrityProof(
  unsecured: JsonObject,
  key: SigningKey,
  created: string,
  crypto: CryptoProvider,
  proofPurpose = 'assertionMethod',
): Promise<JsonObject & { proof: DataIntegrityProof }> {
  const options = {
    type: 'DataIntegrityProof' as const,
    cryptosuite: DI_CRYPTOSUITE_RDFC,
    created,
    verificationMethod: key.id,
    proofPurpose,
  };
  const hashData = await rdfcHashData(unsecured, options, crypto);
  const signature = await key.signer.sign(hashData);
  return { ...unsecured, proof: { ...options, proofValue: `z${toBase58(signature)}` } };
}

export const VC_JWT_TYPE = 'vc+jwt';

/** Secures a credential as VC-JOSE-COSE `vc+jwt`: the payload is the credential itself. */
export async function signVcJwt(unsecured: JsonObject, key: SigningKey): Promise<string> {
  return new CompactSign(utf8(JSON.stringify(unsecured)))
    .setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, kid: key.id })
    .sign(key.joseKey);
}
