import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase58 } from '../src/crypto/encoding.js';
import { createKeyRing } from '../src/issuer/key-ring.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { keyInDidDocument } from '../src/verifier/did-web.js';
import { createKeyResolver } from '../src/verifier/resolve.js';

/* Keys of other issuers, resolved without the network: what a did:key or did:jwk may name. */

const resolver = createKeyResolver(createKeyRing([]), nodeCryptoProvider);
const didJwk = (jwk: Record<string, unknown>) => `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
let P256: Record<string, unknown>;
beforeAll(async () => {
  P256 = { ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)) };
});

describe('did:jwk', () => {
  it('resolves its one key, #0, and no other', async () => {
    const r = await resolver.resolve(`${didJwk(P256)}#0`);
    expect(r.status === 'resolved' && r.key.algorithm).toBe('P-256');
    expect((await resolver.resolve(`${didJwk(P256)}#1`)).status).toBe('unresolved');
  });

  it('refuses a key marked for encryption, a private key, and a point off the curve', async () => {
    for (const jwk of [{ ...P256, use: 'enc' }, { ...P256, d: 'AAAA' }, { ...P256, y: P256.x }]) {
      expect((await resolver.resolve(`${didJwk(jwk)}#0`)).status).toBe('unresolved');
    }
  });
});

describe('did:key', () => {
  it('refuses a P-256 did:key whose bytes are not a compressed point', async () => {
    const mk = `z${toBase58(new Uint8Array([0x80, 0x24, 0x05, ...new Uint8Array(32).fill(1)]))}`;
    expect((await resolver.resolve(`did:key:${mk}#${mk}`)).status).toBe('unresolved');
  });

  it('refuses a did:key of a key type it does not verify (secp256k1)', async () => {
    const mk = `z${toBase58(new Uint8Array([0xe7, 0x01, 0x02, ...new Uint8Array(32).fill(1)]))}`;
    expect((await resolver.resolve(`did:key:${mk}#${mk}`)).status).toBe('unresolved');
  });
});

describe("another host's did:web without a remote fetcher", () => {
  it('is unsupported (a skipped check, never a pass)', async () => {
    expect((await resolver.resolve('did:web:example.org#key-1')).status).toBe('unsupported');
  });
});

describe('a key in a did:web document', () => {
  const did = 'did:web:example.org';
  const vmOf = () => ({ id: '#key-1', type: 'JsonWebKey', controller: did, publicKeyJwk: P256 });
  it('is found by a relative id under the relationship asked for', () => {
    const doc = { id: did, verificationMethod: [vmOf()], assertionMethod: ['#key-1'] };
    expect(keyInDidDocument(doc, did, `${did}#key-1`, 'assertionMethod')).toMatchObject({ algorithm: 'P-256' });
    expect(keyInDidDocument(doc, did, `${did}#key-1`, 'authentication')).toContain('does not list');
  });

  it('is refused when controlled by another DID', () => {
    const doc = { id: did, verificationMethod: [{ ...vmOf(), controller: 'did:web:attacker.example' }], assertionMethod: ['#key-1'] };
    expect(keyInDidDocument(doc, did, `${did}#key-1`, 'assertionMethod')).toContain('controlled by another DID');
  });
});
