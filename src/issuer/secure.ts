import type { CryptoProvider } from '../crypto/provider.js';
import { toBase58, utf8 } from '../crypto/encoding.js';
import { signCompactJws } from '../crypto/jws.js';
import { canonize } from '../jsonld/canonize.js';
import { DI_CRYPTOSUITE_JCS, DI_CRYPTOSUITE_RDFC, diHashData, type Cryptosuite, type DataIntegrityProof } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import type { SigningKey } from './keys.js';

export interface ProofSettings {
  cryptosuite?: Cryptosuite;
  proofPurpose?: string;
  /** Extra proof options (challenge, domain, …), signed with the proof. */
  extra?: Record<string, string>;
}

/**
 * Secures a document with an embedded Data Integrity proof (`eddsa-rdfc-2022` by default, or
 * `eddsa-jcs-2022`). Either way the document is checked in JSON-LD safe mode first, so an
 * undefined term throws JsonLdError instead of being signed as data no JSON-LD reader sees.
 */
export async function addDataIntegrityProof(
  unsecured: JsonObject,
  key: SigningKey,
  created: string,
  crypto: CryptoProvider,
  settings: ProofSettings = {},
): Promise<JsonObject & { proof: DataIntegrityProof }> {
  const cryptosuite = settings.cryptosuite ?? DI_CRYPTOSUITE_RDFC;
  const options = {
    type: 'DataIntegrityProof' as const,
    cryptosuite,
    created,
    verificationMethod: key.id,
    proofPurpose: settings.proofPurpose ?? 'assertionMethod',
    ...settings.extra,
    // eddsa-jcs-2022 (Create Proof, step 2) puts the document's context in the proof, so the
    // proof says under which context it was made.
    ...(cryptosuite === DI_CRYPTOSUITE_JCS && unsecured['@context'] !== undefined ? { '@context': unsecured['@context'] } : {}),
  };
  // RDFC canonicalization is itself the safe-mode check; JCS needs it done separately.
  const [hashData] = await Promise.all([
    diHashData(cryptosuite, unsecured, options, crypto),
    cryptosuite === DI_CRYPTOSUITE_JCS ? canonize(unsecured) : null,
  ]);
  const signature = await key.signer.sign(hashData);
  return { ...unsecured, proof: { ...options, proofValue: `z${toBase58(signature)}` } };
}

export const VC_JWT_TYPE = 'vc+jwt';

/**
 * Secures a credential as VC-JOSE-COSE `vc+jwt`: the payload is the credential itself.
 *
 * The compact JWS is put together here and signed by the key's own signer: the same bytes
 * jose's CompactSign produces (Ed25519 is deterministic; test/vc-jwt-bytes.test.ts holds the
 * two together), without a Web Crypto round trip through the thread pool per credential.
 */
export function signVcJwt(unsecured: JsonObject, key: SigningKey): Promise<string> {
  return signCompactJws({ alg: 'EdDSA', typ: VC_JWT_TYPE, kid: key.id }, utf8(JSON.stringify(unsecured)), key.signer);
}
