import { typesOf, type JsonObject } from '../schemas/credential.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const JWS = '([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+)';
/*
 * The data: URL media types of an enveloped JWT: VC-JOSE-COSE's vc+jwt / vp+jwt, the names
 * its drafts used (vc+ld+jwt, vc-ld+jwt), and plain application/jwt (what VC-JWT 1.1 style
 * envelopes, the W3C VC 2.0 test suite's among them, carry).
 */
const MEDIA = {
  credential: new RegExp(`^data:application/(?:vc\\+jwt|vc\\+ld\\+jwt|vc-ld\\+jwt|jwt),${JWS}$`),
  presentation: new RegExp(`^data:application/(?:vp\\+jwt|vp\\+ld\\+jwt|vp-ld\\+jwt|jwt),${JWS}$`),
};
const TYPES = { credential: 'EnvelopedVerifiableCredential', presentation: 'EnvelopedVerifiablePresentation' };

/**
 * The JWT an Enveloped Verifiable Credential (or Presentation) carries; null when the
 * object is not one (by its type); the problem, when it claims to be one but is not well
 * formed: its `@context` must start with the VC 2.0 context, its `id` must be a data: URL of
 * a JWT, and it must carry nothing else the JWT would not vouch for.
 */
export function envelopedJwt(doc: JsonObject, kind: 'credential' | 'presentation'): { jwt: string } | string | null {
  if (!typesOf(doc.type).includes(TYPES[kind])) return null;
  const ctx = doc['@context'];
  if (!(ctx === V2 || (Array.isArray(ctx) && ctx[0] === V2))) return `an ${TYPES[kind]} needs the VC 2.0 @context`;
  const m = typeof doc.id === 'string' ? MEDIA[kind].exec(doc.id) : null;
  if (!m) return `an ${TYPES[kind]}'s id must be a data: URL of a JWT (data:application/${kind === 'credential' ? 'vc' : 'vp'}+jwt,…)`;
  if (doc.proof !== undefined) return `an ${TYPES[kind]} is secured by its JWT, not by a proof of its own`;
  return { jwt: m[1] as string };
}
