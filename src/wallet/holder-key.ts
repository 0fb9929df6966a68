import { ecdsaVerifier } from '../crypto/ecdsa.js';
import { fromBase64url, toBase64url, utf8 } from '../crypto/encoding.js';
import { verifyCompactJws } from '../crypto/jws.js';
import type { CryptoProvider, SignatureVerifier } from '../crypto/provider.js';
import { decodeMultibaseKey, publicKeyFromJwk, type PublicKeyMaterial } from '../crypto/public-key.js';

/*
 * The wallet's key, as a proof JWT names it: a did:key or did:jwk in `kid`, or a `jwk` in the
 * header. Only Ed25519 and P-256 are taken (what wallets hold: Inji, LCW and the EUDI wallets
 * use one of them), so the holder DID the credential is bound to always resolves offline.
 */

/** The key types a holder may bind a credential to, with the JWS algorithms each signs with. */
export const HOLDER_KEY_ALGS = { 'Ed25519': ['EdDSA', 'Ed25519'], 'P-256': ['ES256'] } as const;
export const HOLDER_JWS_ALGS = ['EdDSA', 'Ed25519', 'ES256'];
export const HOLDER_BINDING_METHODS = ['did:key', 'did:jwk', 'jwk'];

export interface HolderKey {
  /** The DID the credential names as its subject. */
  did: string;
  material: PublicKeyMaterial;
  /** The public key as a JWK (what the protocol library wants back). */
  jwk: { kty: string } & Record<string, string>;
}

const json = (text: string): unknown => {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text)));
  } catch {
    return null;
  }
};

async function jwkOf(material: PublicKeyMaterial): Promise<HolderKey['jwk']> {
  if (material.algorithm === 'Ed25519') return { kty: 'OKP', crv: 'Ed25519', x: toBase64url(material.bytes) };
  const { p256 } = await import('../crypto/nist-curves.js');
  const point = p256.Point.fromBytes(material.bytes).toBytes(false);
  return { kty: 'EC', crv: 'P-256', x: toBase64url(point.slice(1, 33)), y: toBase64url(point.slice(33, 65)) };
}

/** Why a key is not one a holder may use here, or null when it is. */
const keyTypeProblem = (material: PublicKeyMaterial | null): string | null =>
  !material ? 'the key is not an Ed25519 or P-256 public key' : material.algorithm in HOLDER_KEY_ALGS ? null : `${material.algorithm} keys are not supported; use Ed25519 or P-256`;

/** The holder key of a DID URL (did:key, did:jwk), or why not. */
export async function holderKeyFromDidUrl(didUrl: string): Promise<HolderKey | string> {
  const [did = '', fragment] = didUrl.split('#');
  let material: PublicKeyMaterial | null;
  if (did.startsWith('did:key:')) {
    const multibase = did.slice('did:key:'.length);
    if (fragment !== undefined && fragment !== multibase) return 'a did:key names its one key by its own multibase value';
    material = decodeMultibaseKey(multibase);
  } else if (did.startsWith('did:jwk:') && did.length < 2048) {
    if (fragment !== undefined && fragment !== '0') return 'a did:jwk has one key, #0';
    material = publicKeyFromJwk(json(did.slice('did:jwk:'.length)));
  } else {
    return 'only did:key and did:jwk holders are supported';
  }
  const problem = keyTypeProblem(material);
  if (problem || !material) return problem ?? 'unsupported key';
  return { did, material, jwk: await jwkOf(material) };
}

/** The holder key of a public JWK (bound as a did:jwk), or why not. */
export async function holderKeyFromJwk(jwk: unknown): Promise<HolderKey | string> {
  const material = publicKeyFromJwk(jwk);
  const problem = keyTypeProblem(material);
  if (problem || !material) return problem ?? 'unsupported key';
  const publicJwk = await jwkOf(material);
  const ordered = material.algorithm === 'Ed25519'
    ? { crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x }
    : { crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x, y: publicJwk.y };
  return { did: `did:jwk:${toBase64url(utf8(JSON.stringify(ordered)))}`, material, jwk: publicJwk };
}

async function verifierOf(crypto: CryptoProvider, material: PublicKeyMaterial): Promise<SignatureVerifier> {
  return material.algorithm === 'Ed25519' ? crypto.verifier(material.bytes) : ecdsaVerifier('P-256', material.bytes);
}

/** Whether a compact JWS is signed by the holder key, with an algorithm of its type. */
export async function verifyHolderJws(crypto: CryptoProvider, jws: string, key: HolderKey): Promise<boolean> {
  const algs = HOLDER_KEY_ALGS[key.material.algorithm as keyof typeof HOLDER_KEY_ALGS];
  if (!algs) return false;
  return verifyCompactJws(jws, key.material.algorithm, await verifierOf(crypto, key.material), algs);
}
