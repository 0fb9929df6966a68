import { ed25519VerificationKey2020Id } from '../issuer/did.js';
import type { PublicIssuerKey } from '../issuer/keys.js';

/*
 * This service's own Ed25519 keys go by two ids: the Multikey one, and the
 * Ed25519VerificationKey2020 one (`<DID>#<multibase>`) that an Ed25519Signature2020
 * compatibility proof names (issue 14, item 3).
 */

/** The local key `vm` names: by its Multikey id, or by its Ed25519VerificationKey2020 id (`<DID>#<multibase>`). */
export function findLocalKey<K extends PublicIssuerKey>(local: readonly K[], vm: string): K | undefined {
  return local.find((k) => k.id === vm) ?? local.find((k) => ed25519VerificationKey2020Id(k) === vm);
}
