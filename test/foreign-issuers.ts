import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as eddsaJcs from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as ecdsaJcs from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { ED25519_2020_CONTEXT, EXAMPLES_V2_CONTEXT, staticDocumentLoader } from '../src/jsonld/contexts.js';

/*
 * Credentials signed by other people's software, made here at test time: keys generated in
 * the test, signed with Digital Bazaar's libraries (the reference implementations of the
 * Data Integrity suites). Nothing is fetched: the libraries' document loader is skillcert's
 * own static loader (the contexts it bundles), so a credential that needed another context
 * could not even be signed here.
 */

export type Json = Record<string, any>;
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const SIGNED_AT = '2026-02-20T08:00:00Z';

export interface ForeignSigner {
  did: string;
  vm: string;
  curve: 'Ed25519' | 'P-256' | 'P-384';
  /** A Digital Bazaar signer: `{id, algorithm, sign({data})}`. */
  signer: { id?: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
  /** The public key as a JWK (ECDSA keys only). */
  jwk?: Record<string, string>;
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');

export async function didKeySigner(curve: ForeignSigner['curve']): Promise<ForeignSigner> {
  const key = curve === 'Ed25519' ? await Ed25519Multikey.generate() : await EcdsaMultikey.generate({ curve });
  const mk = (key as { publicKeyMultibase: string }).publicKeyMultibase;
  const did = `did:key:${mk}`;
  Object.assign(key, { id: `${did}#${mk}`, controller: did });
  return { did, vm: `${did}#${mk}`, curve, signer: key.signer() };
}

/** A P-256/P-384 key under did:jwk (its one verification method is #0). */
export async function didJwkSigner(curve: 'P-256' | 'P-384'): Promise<ForeignSigner> {
  const key = await EcdsaMultikey.generate({ curve });
  const jwk = await EcdsaMultikey.toJwk({ keyPair: key });
  const did = `did:jwk:${b64url(JSON.stringify(jwk))}`;
  const s = key.signer();
  return { did, vm: `${did}#0`, curve, jwk, signer: { id: `${did}#0`, algorithm: s.algorithm, sign: s.sign.bind(s) } };
}

/** A key under a did:web of another host: the DID document is for the caller to serve. */
export async function didWebSigner(did: string, curve: ForeignSigner['curve']): Promise<ForeignSigner & { publicKeyMultibase: string }> {
  const key = curve === 'Ed25519' ? await Ed25519Multikey.generate() : await EcdsaMultikey.generate({ curve });
  const publicKeyMultibase = (key as { publicKeyMultibase: string }).publicKeyMultibase;
  Object.assign(key, { id: `${did}#key-1`, controller: did });
  return { did, vm: `${did}#key-1`, curve, signer: key.signer(), publicKeyMultibase };
}

export const SUITES = {
  'eddsa-rdfc-2022': () => eddsaRdfc,
  'eddsa-jcs-2022': () => eddsaJcs.createSignCryptosuite(),
  'ecdsa-rdfc-2019': () => ecdsaRdfc,
  'ecdsa-jcs-2019': () => ecdsaJcs.createSignCryptosuite(),
} as const;
export type SuiteName = keyof typeof SUITES | 'Ed25519Signature2020';

/**
 * A VC 2.0 credential whose subject has no id and a nested object: blank nodes, so RDFC-1.0's
 * labelling (and with P-384, its SHA-384 hash) matters.
 */
export const credentialV2 = (issuer: string, extraContexts: string[] = []): Json => ({
  '@context': [VC_V2, EXAMPLES_V2_CONTEXT, ...extraContexts],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential', 'ExampleDegreeCredential'],
  issuer,
  validFrom: '2026-01-15T00:00:00Z',
  validUntil: '2031-01-15T00:00:00Z',
  name: 'Diploma in Electrical Installation',
  credentialSubject: {
    name: 'Sok Dara',
    degree: { type: 'ExampleBachelorDegree', name: 'Electrical Installation' },
    alumniOf: { name: 'Instituto Técnico' },
  },
});

/** The same in VC Data Model 1.1 (issuanceDate, expirationDate): the signing suite adds its own context. */
export const credentialV11 = (issuer: string, extraContexts: string[] = []): Json => ({
  // VC 1.1 defines no name term; issuers define their own (as the W3C ECDSA suite's 1.1 credentials do).
  '@context': [VC_V1, { name: 'https://schema.org/name', alumniOf: 'https://schema.org/alumniOf' }, ...extraContexts],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential'],
  issuer,
  issuanceDate: '2026-01-15T00:00:00Z',
  expirationDate: '2031-01-15T00:00:00Z',
  credentialSubject: { name: 'Sok Dara', alumniOf: { name: 'Instituto Técnico' } },
});

/** Signs with Digital Bazaar's @digitalbazaar/vc and the named suite; returns the JSON as sent over the wire. */
export async function signWithDigitalBazaar(credential: Json, suite: SuiteName, signer: ForeignSigner): Promise<Json> {
  const proofSuite = suite === 'Ed25519Signature2020'
    ? new Ed25519Signature2020({ signer: signer.signer, date: SIGNED_AT })
    : new DataIntegrityProof({ signer: signer.signer, cryptosuite: SUITES[suite](), date: SIGNED_AT });
  const signed = await vc.issue({ credential: structuredClone(credential), suite: proofSuite, documentLoader: staticDocumentLoader });
  return JSON.parse(JSON.stringify(signed)) as Json;
}

/** The credential with one claim changed after signing (the learner's name). */
export function altered(credential: Json): Json {
  const copy = structuredClone(credential);
  copy.credentialSubject.name = 'Sok Darb';
  return copy;
}

export { ED25519_2020_CONTEXT };
