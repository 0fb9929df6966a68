import { Hono } from 'hono';
import type { AppEnv, Services } from '../app.js';
import { buildDidDocument } from '../issuer/did.js';
import { ApiError } from './errors.js';

/** The issuer's public identity: its did:web document and the same keys as a JWK Set. */
export function identityRoutes(s: Services, basePath: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const didPath = basePath ? '/did.json' : '/.well-known/did.json';

  app.get(didPath, async (c) => {
    const institute = await s.store.getDefaultInstitute();
    if (!institute) throw new ApiError('not_found', 'no issuer is configured');
    const doc = buildDidDocument(institute.did, s.keys.publicKeys(institute.did));
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(JSON.stringify(doc), 200, { 'Content-Type': 'application/did+ld+json' });
  });

  app.get('/.well-known/jwks.json', async (c) => {
    const institute = await s.store.getDefaultInstitute();
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ keys: institute ? s.keys.publicKeys(institute.did).map((k) => k.publicJwk) : [] });
  });
  return app;
}
