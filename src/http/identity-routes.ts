import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { buildDidDocument, ministryDid } from '../issuer/did.js';
import { compatibilityOf, type Institute } from '../store/port.js';
import { ApiError } from './errors.js';
import { withContentEtag } from './etag.js';

const PUBLIC_CACHE = 'public, max-age=300';

/**
 * Public identities: did:web documents (the default institute at the root, every other
 * institute under /issuers/<slug>, the ministry under /ministry), the JWK Set, and the
 * ministry-signed registry of accredited institutes.
 */
export function identityRoutes(s: Services, basePath: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** An institute's DID document: its P-256 keys too, and the 2020 form of its Ed25519 keys when it has that on. */
  const didDocument = async (c: Context<AppEnv>, did: string, institute?: Institute) => {
    const [keys, p256Keys] = await Promise.all([s.keys.publicKeys(did), s.keys.p256Keys(did)]);
    if (keys.length === 0) throw new ApiError('not_found', 'no such DID here');
    const options = { p256Keys, ed25519VerificationKey2020: institute ? compatibilityOf(institute).ed25519Signature2020 : false };
    return withContentEtag(c, s.crypto, JSON.stringify(buildDidDocument(did, keys, options)), {
      'Content-Type': 'application/did+ld+json', 'Cache-Control': PUBLIC_CACHE, 'Access-Control-Allow-Origin': '*',
    });
  };
  /** The same keys as a JWK Set: Ed25519 (EdDSA) and P-256 (ES256), `kid` = verification method id. */
  const jwks = async (c: Context<AppEnv>, did: string | null) => {
    const [keys, p256Keys] = did ? await Promise.all([s.keys.publicKeys(did), s.keys.p256Keys(did)]) : [[], []];
    return withContentEtag(c, s.crypto, JSON.stringify({ keys: [...keys.map((k) => k.publicJwk), ...p256Keys.map((k) => k.publicJwk)] }), {
      'Content-Type': 'application/json', 'Cache-Control': PUBLIC_CACHE, 'Access-Control-Allow-Origin': '*',
    });
  };
  const hostedInstitute = async (slug: string): Promise<Institute> => {
    const institute = await s.store.getInstituteBySlug(slug);
    if (!institute || institute.isDefault) throw new ApiError('not_found', 'no such DID here');
    return institute;
  };

  app.get(basePath ? '/did.json' : '/.well-known/did.json', async (c) => {
    const institute = await s.store.getDefaultInstitute();
    if (!institute) throw new ApiError('not_found', 'no issuer is configured');
    return didDocument(c, institute.did, institute);
  });
  app.get('/issuers/:slug/did.json', async (c) => {
    const institute = await hostedInstitute(c.req.param('slug'));
    return didDocument(c, institute.did, institute);
  });
  app.get('/ministry/did.json', (c) => didDocument(c, ministryDid(s.publicUrl)));

  app.get('/.well-known/jwks.json', async (c) => jwks(c, (await s.store.getDefaultInstitute())?.did ?? null));
  app.get('/issuers/:slug/jwks.json', async (c) => jwks(c, (await hostedInstitute(c.req.param('slug'))).did));

  app.get('/registry', async (c) => {
    const signed = await s.registry();
    const wantsJwt = /application\/vc\+jwt/i.test(c.req.header('accept') ?? '');
    const etag = `${signed.etag.slice(0, -1)}.${wantsJwt ? 'jwt' : 'di'}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Vary', 'Accept');
    c.header('Access-Control-Allow-Origin', '*');
    if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    if (wantsJwt) return c.body(signed.jwt, 200, { 'Content-Type': 'application/vc+jwt' });
    return c.body(signed.json, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.get('/registry.json', async (c) => {
    const registry = await s.registry();
    const etag = `${registry.etag.slice(0, -1)}.json"`;
    c.header('ETag', etag);
    if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ ministry: { name: s.ministryName, did: ministryDid(s.publicUrl) }, institutes: registry.institutes });
  });
  return app;
}
