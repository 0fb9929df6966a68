import { fromBase64url, randomBytes, toBase64url, utf8 } from '../crypto/encoding.js';

/**
 * Seals private keys for storage: AES-256-GCM under a key-encryption key (KEK) that lives
 * outside the database (environment or KEYS_DIR), with the key's id as associated data, so
 * a sealed key cannot be moved to another row. A copy of the database alone reveals nothing.
 */
export interface KeyVault {
  seal(secret: string, keyId: string): Promise<string>;
  open(sealed: string, keyId: string): Promise<string>;
}

export class KeyVaultError extends Error {
  readonly code = 'ERR_KEY_VAULT';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

const VERSION = 'v1';

export async function createKeyVault(kek: Uint8Array): Promise<KeyVault> {
  if (kek.length !== 32) throw new TypeError('the key-encryption key must be 32 bytes');
  const key = await crypto.subtle.importKey('raw', kek as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return {
    async seal(secret, keyId) {
      const iv = randomBytes(12);
      const ct = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: utf8(keyId) as Uint8Array<ArrayBuffer> },
        key,
        utf8(secret) as Uint8Array<ArrayBuffer>,
      );
      return `${VERSION}.${toBase64url(iv)}.${toBase64url(new Uint8Array(ct))}`;
    },
    async open(sealed, keyId) {
      const [version, iv, ct] = sealed.split('.');
      if (version !== VERSION || !iv || !ct) throw new KeyVaultError(`key ${keyId} is not sealed in a known format`);
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64url(iv) as Uint8Array<ArrayBuffer>, additionalData: utf8(keyId) as Uint8Array<ArrayBuffer> },
          key,
          fromBase64url(ct) as Uint8Array<ArrayBuffer>,
        );
        return new TextDecoder().decode(plain);
      } catch {
        throw new KeyVaultError(`key ${keyId} cannot be opened: wrong key-encryption key, or the row was altered`);
      }
    },
  };
}
