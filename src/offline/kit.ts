/*
 * The offline kit: what the verify page's service worker keeps so a phone with no network
 * can check an offline QR (src/offline/payload.ts). Served at GET /offline/kit.json; read by
 * the in-browser verifier (src/offline/browser). Shared by both sides, so no runtime imports.
 */

export const KIT_FORMAT = 'skillcert-offline-kit/1';
/** Lists a kit carries at most, newest first (each a few hundred bytes while mostly clear). */
export const KIT_MAX_LISTS = 200;

export interface OfflineKitList {
  /** The list's URL: a credential's `statusListCredential`. */
  url: string;
  /** The BitstringStatusListCredential as vc+jwt, signed by the issuer. */
  jwt: string;
  /**
   * For a list whose bit means "revoked or suspended": the set bits that are suspensions.
   * Not signed: it only tells one failure from another (SUSPENDED from REVOKED), never makes
   * a set bit read clear.
   */
  suspended: number[];
}

export interface OfflineKit {
  format: typeof KIT_FORMAT;
  /** When the service built this kit: the "as of" of the registry and the status it holds. */
  fetchedAt: string;
  /** The ministry: its DID, its name, and the keys the registry is signed with (Multikey). */
  ministry: { did: string; name: string; publicKeyMultibase: string[] };
  /** The ministry-signed registry, vc+jwt: institutes, DIDs, keys, accreditation periods. */
  registry: string;
  lists: OfflineKitList[];
}
