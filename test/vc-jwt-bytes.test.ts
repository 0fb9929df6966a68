import { describe, expect, it } from 'vitest';
import { webCryptoProvider } from '../src/crypto/provider.js';
import { loadSigningKey } from '../src/issuer/keys.js';
import { signVcJwt } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { TEST_KEY } from './helpers.js';
import { signVcJwtWithJose } from './support/jose-reference.js';

const payloads: Array<Record<string, unknown>> = [
  { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:1', credentialSubject: {} },
  { name: 'សុខ ដារ៉ា', quote: 'say "hi" \\ \n\t', emoji: '😀', empty: '', n: 1.5, big: 1e21, neg: -0, nested: [{ a: null, b: true }] },
  { long: 'A'.repeat(10_000), lone: '\ud800', control: '\u0000\u001f\u2028' },
];

describe('vc+jwt is signed byte for byte as jose signs it', () => {
  for (const provider of [nodeCryptoProvider, webCryptoProvider]) {
    it(`with the ${provider.name} signer`, async () => {
      const key = await loadSigningKey(TEST_KEY, 'did:web:example.org', provider);
      for (const payload of payloads) expect(await signVcJwt(payload, key)).toBe(await signVcJwtWithJose(payload, key, TEST_KEY));
    });
  }
});
