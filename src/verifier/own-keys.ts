import { fromBase64url, utf8 } from '../crypto/encoding.js';
import type { SignatureVerifier } from '../crypto/provider.js';
import { ed25519VerificationKey2020Id } from '../issuer/did.js';
import type { KeyRing } from '../issuer/key-ring.js';
import type { PublicIssuerKey } from '../issuer/keys.js';
import { p256Verifier } from '../issuer/p256-keys.js';
import type { Resolution } from './resolve.js';

/*
 * What verifying this service's own compatibility forms takes (issue 14, item 3), kept apart
 * from the general resolver: an Ed25519 key named by its Ed25519VerificationKey2020 id (the
 * Ed25519Signature2020 proof names that form), and the P-256 keys of its own did:web issuers
 * (their ES256 vc+jwt). Keys of anyone else are not resolved here.
 */

/** The local key `vm` names: by its Multikey id, or by its Ed25519VerificationKey2020 id (`<DID>#<multibase>`). */
export function findLocalKey<K extends PublicIssuerKey>(local: readonly K[], vm: string): K | undefined {
  return local.find((k) => k.id === vm) ?? local.find((k) => ed25519VerificationKey2020Id(k) === vm);
}

/** A resolver of the P-256 keys this service publishes for its own did:web issuers. */
export type OwnP256Resolver = (verificationMethod: string) => Promise<Resolution>;

/** Resolves P-256 verification methods among the key ring's own keys; anything else is "unsupported". */
export function createOwnP256Resolver(keys: KeyRing): OwnP256Resolver {
  return async (vm) => {
    const hash = vm.indexOf('#');
    if (hash < 1) return { status: 'unresolved', reason: `verification method ${vm} is not a DID URL with a fragment` };
    const did = vm.slice(0, hash);
    const local = await keys.p256Keys(did);
    if (local.length === 0) {
      return (await keys.publicKeys(did)).length > 0
        ? { status: 'unresolved', reason: `${did} publishes no P-256 key ${vm.slice(hash + 1)}` }
        : { status: 'unsupported', reason: `ES256 is verified only for the issuers this service hosts; ${did} is not one` };
    }
    const key = local.find((k) => k.id === vm);
    if (!key) return { status: 'unresolved', reason: `${did} publishes no P-256 key ${vm.slice(hash + 1)}` };
    return {
      status: 'resolved',
      via: 'local',
      key: { id: vm, controller: did, verifier: await p256Verifier(key.publicJwk), compromisedAt: key.compromisedAt ?? null },
    };
  };
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a compact JWS signed ES256 against one P-256 key: three base64url segments, a JSON
 * object header whose `alg` is `ES256` with no `crit` or `b64`, and a 64-byte r ‖ s signature
 * over `header.payload`. False for anything else; never throws for bad input.
 */
export async function verifyEs256CompactJws(jws: string, verifier: SignatureVerifier): Promise<boolean> {
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return false;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(header))) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
    const h = parsed as Record<string, unknown>;
    if (h.alg !== 'ES256' || 'crit' in h || 'b64' in h) return false;
    const bytes = fromBase64url(signature);
    if (bytes.length !== 64) return false;
    return await verifier.verify(bytes, utf8(`${header}.${payload}`));
  } catch {
    return false;
  }
}
