// Minimal typings for the untyped Digital Bazaar packages the interop tests drive.
declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: Date | string;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
  }): Promise<{
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown }>;
    statusResult?: { verified: boolean; error?: unknown; results?: Array<{ status: boolean; credentialStatus: { statusPurpose: string } }> };
  }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: string | Date });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    canonize(input: unknown, options: { documentLoader: (url: string) => Promise<unknown> }): Promise<string>;
  };
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    export(options: { publicKey?: boolean; includeContext?: boolean }): Promise<{ publicKeyMultibase: string }>;
  }
  export function fromJwk(options: { jwk: Record<string, unknown>; secretKey?: boolean; id?: string; controller?: string }): Promise<Ed25519KeyPair>;
}
declare module '@digitalbazaar/vc' {
  export function issue(options: { credential: unknown; suite: unknown; documentLoader: (url: string) => Promise<unknown> }): Promise<Record<string, any>>;
  export function signPresentation(options: {
    presentation: unknown; suite: unknown; challenge: string; domain?: string; documentLoader: (url: string) => Promise<unknown>;
  }): Promise<Record<string, any>>;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519Signer {
    id?: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519KeyPair {
    signer(): Ed25519Signer;
  }
  export function generate(options?: { id?: string; controller?: string }): Promise<Ed25519KeyPair>;
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export interface EcdsaKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): { id?: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
  }
  export function generate(options: { curve: 'P-256' | 'P-384'; id?: string; controller?: string }): Promise<EcdsaKeyPair>;
  export function toJwk(options: { keyPair: EcdsaKeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ecdsa-jcs-2019-cryptosuite' {
  export function createSignCryptosuite(): unknown;
  export function createVerifyCryptosuite(): unknown;
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createSignCryptosuite(): unknown;
  export function createVerifyCryptosuite(): unknown;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: string | Date });
  }
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  /** `verified` is true whenever the list could be read; the bit is each result's `status`. */
  export function checkStatus(options: unknown): Promise<{
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; status: boolean; credentialStatus: { statusPurpose: string } }>;
  }>;
}
declare module '@digitalcredentials/verifier-core' {
  export function verifyCredential(options: { credential: unknown; knownDIDRegistries: unknown[] }): Promise<{
    credential?: unknown;
    log?: Array<{ id: string; valid?: boolean; error?: unknown }>;
    errors?: Array<{ name: string; message: string }>;
    additionalInformation?: Array<{ id: string; results?: Array<{ schema?: string; result?: { valid: boolean; errors?: unknown[] } }> }>;
  }>;
}
