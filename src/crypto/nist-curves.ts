/*
 * The two NIST curves the ECDSA verifier needs, in a module of their own so that the bundle
 * keeps only them (not P-521, OPRF or FROST), and so it can be loaded lazily (src/crypto/ecdsa.ts).
 */
export { p256, p384 } from '@noble/curves/nist.js';
