import type { RemoteDocument } from 'jsonld';
import type { PrivateKeyJwk } from '../src/crypto/provider.js';
import { buildDidDocument } from '../src/issuer/did.js';
import type { SigningKey } from '../src/issuer/keys.js';
import { MULTIKEY_V1_CONTEXT, staticDocumentLoader } from '../src/jsonld/contexts.js';
import type { JsonObject } from '../src/schemas/credential.js';

/*
 * The Digital Bazaar reference stack for eddsa-rdfc-2022, configured as a wallet or verifier
 * would use it offline: the bundled contexts, plus the issuer's DID document and its
 * verification method. The loader answers from maps on every call and caches nothing;
 * whatever caching happens is the libraries' own.
 */

// The packages ship no typings; these are the few members the benchmark calls.
interface VcModule {
  issue(options: Record<string, unknown>): Promise<JsonObject>;
  verifyCredential(options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown }>;
}
type SuiteClass = new (options: Record<string, unknown>) => object;
interface MultikeyModule {
  fromJwk(options: { jwk: object; secretKey: boolean; id: string; controller: string }): Promise<{ signer(): unknown }>;
}
// A computed specifier keeps these imports off the typings path (the packages have none).
const load = <T>(name: string): Promise<T> => import(name) as Promise<T>;

export interface DigitalBazaarStack {
  issue(unsecured: JsonObject): Promise<JsonObject>;
  verify(credential: JsonObject): Promise<{ verified: boolean; error?: unknown }>;
  /** Every URL the loader was asked for (to show that nothing else is loaded). */
  requestedUrls: Set<string>;
}

export async function createDigitalBazaarStack(jwk: PrivateKeyJwk, key: SigningKey, now: Date): Promise<DigitalBazaarStack> {
  const [vc, { DataIntegrityProof }, { cryptosuite }, Ed25519Multikey] = await Promise.all([
    load<VcModule>('@digitalbazaar/vc'),
    load<{ DataIntegrityProof: SuiteClass }>('@digitalbazaar/data-integrity'),
    load<{ cryptosuite: unknown }>('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
    load<MultikeyModule>('@digitalbazaar/ed25519-multikey'),
  ]);
  const did = key.controller;
  const keyPair = await Ed25519Multikey.fromJwk({ jwk, secretKey: true, id: key.id, controller: did });
  const didDocument = buildDidDocument(did, [key]);
  const verificationMethod = {
    '@context': MULTIKEY_V1_CONTEXT,
    id: key.id,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  };
  const requestedUrls = new Set<string>();

  const documentLoader = async (url: string): Promise<RemoteDocument> => {
    requestedUrls.add(url);
    if (url === key.id) return { contextUrl: null, documentUrl: url, document: verificationMethod };
    if (url === did) return { contextUrl: null, documentUrl: url, document: didDocument };
    return staticDocumentLoader(url);
  };

  const signingSuite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, date: now });
  const verifyingSuite = new DataIntegrityProof({ cryptosuite });
  // Status lists are outside what is compared here (vc.verifyCredential insists on a checker
  // when a credential has credentialStatus); this one does no work.
  const checkStatus = async () => ({ verified: true });

  return {
    requestedUrls,
    issue: (unsecured) => vc.issue({ credential: { ...unsecured }, suite: signingSuite, documentLoader, now }),
    verify: (credential) => vc.verifyCredential({ credential, suite: verifyingSuite, documentLoader, now, checkStatus }),
  };
}
