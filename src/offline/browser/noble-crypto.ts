import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { gunzipSync } from 'fflate';
import type { OfflineCrypto } from './verify-offline.js';

ed.hashes.sha512 = sha512;

/**
 * The offline verifier's crypto in pure JS, so it runs the same on any phone browser (no Web
 * Crypto Ed25519, no secure-context requirement): @noble/ed25519 with RFC 8032's strict
 * checks (not ZIP 215), as the service's native verifiers apply them; fflate for GZIP.
 */
export const nobleCrypto: OfflineCrypto = {
  async verify(signature, message, publicKey) {
    try {
      return signature.length === 64 && publicKey.length === 32 && ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  async gunzip(bytes, maxBytes) {
    const out = gunzipSync(bytes, { out: new Uint8Array(maxBytes + 1) });
    if (out.length > maxBytes) throw new RangeError('the status list expands past its cap');
    return out;
  },
};
