/*
 * The Worker's variables and secrets in the Workers test suite. Test fixtures only: the same
 * institute key and KEK as test/helpers.ts (TEST_KEY, TEST_KEK), so a credential the test
 * Worker issues is signed by the key the Node test apps use.
 */
export const WORKER_TEST_PUBLIC_URL = 'http://localhost:8787';
export const WORKER_TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export const WORKER_TEST_SECRETS = {
  PUBLIC_URL: WORKER_TEST_PUBLIC_URL,
  ADMIN_TOKEN: WORKER_TEST_ADMIN_TOKEN,
  // 32 bytes of 7, base64url: TEST_KEK.
  KEY_ENCRYPTION_KEY: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc',
  INSTITUTE_PRIVATE_JWK: JSON.stringify({
    kty: 'OKP', crv: 'Ed25519', x: 'XMVsQdaS1IffGt16TjNyjrvIDB1bxSdN9N2egdAjYG8', d: 'vVo9FWAB3SrOge6KAp64UjT9U3S5ApApOLMly-QOPK8',
  }),
  INSTITUTE_NAME: 'Preah Kossomak Polytechnic Institute',
  // The suite issues and verifies in quick succession from one address.
  RATE_LIMIT_ISSUE_PER_MINUTE: '100000',
  RATE_LIMIT_VERIFY_PER_MINUTE: '100000',
};
