import { CompactSign, importJWK } from 'jose';
import { utf8 } from '../../src/crypto/encoding.js';
import type { PrivateKeyJwk } from '../../src/crypto/provider.js';
import type { SigningKey } from '../../src/issuer/keys.js';
import { VC_JWT_TYPE } from '../../src/issuer/secure.js';
import type { JsonObject } from '../../src/schemas/credential.js';

/**
 * signVcJwt as jose signs it, with the same key's private JWK: the reference our own compact
 * JWS is held to byte for byte (test/vc-jwt-bytes.test.ts).
 */
export async function signVcJwtWithJose(unsecured: JsonObject, key: SigningKey, jwk: PrivateKeyJwk): Promise<string> {
  const joseKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, 'EdDSA');
  return new CompactSign(utf8(JSON.stringify(unsecured))).setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, kid: key.id }).sign(joseKey);
}
