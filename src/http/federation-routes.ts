import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { FetchQuery, ListQuery, MAX_SUB } from './api-schemas.js';
import { ministryDid } from '../issuer/did.js';
import { memberByDid, members } from '../federation/members.js';
import { ENTITY_STATEMENT_MEDIA_TYPE, entityConfiguration, subordinateStatement } from '../federation/statements.js';

const PUBLIC_CACHE = 'public, max-age=300';


/*
 * OpenID Federation errors are the protocol's own `{error, error_description}` (OpenID
 * Federation 1.0, "Error Responses"), not this API's envelope: federation clients read
 * `error` as a string.
 */
type FederationError = 'invalid_request' | 'not_found' | 'unsupported_parameter' | 'server_error';
const federationError = (c: Context<AppEnv>, status: ContentfulStatusCode, error: FederationError, description: string) =>
  c.json({ error, error_description: description }, status);

/**
 * The `sub` of a fetch request, as the client meant it. DCC's registry client puts the DID
 * in the query unencoded (`?sub=did:web:host%3A8443:issuers:x`), which standard query
 * decoding turns into another DID (`…host:8443…`); a conforming client encodes it (`%253A`).
 * So both readings are candidates: the decoded value first, then the raw text.
 */
function subCandidates(search: string): string[] | 'missing' | 'repeated' {
  const raw = search.replace(/^\?/, '').split('&').filter((p) => p.startsWith('sub=')).map((p) => p.slice(4));
  if (raw.length === 0 || raw[0] === '') return 'missing';
  if (raw.length > 1) return 'repeated';
  const text = raw[0] as string;
  let decoded: string | null;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    decoded = null;
  }
  return [...new Set([decoded, text].filter((s): s is string => s !== null && s.length <= MAX_SUB))];
}


/**
 * The ministry's registry as an OpenID Federation trust anchor (src/federation/): the entity
 * configuration, the fetch and list endpoints, and DCC's legacy registry form.
 */
export function federationRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ministry = ministryDid(s.publicUrl);

  const signer = async () => {
    const key = await s.keys.activeKey(ministry);
    if (!key) throw new Error('the ministry has no signing key');
    return { key, now: s.clock() };
  };
  /** Keys a federation statement vouches for: never one reported compromised (a thief would be vouched for). */
  const jwksOf = async (did: string) => {
    const [ed25519, p256] = await Promise.all([s.keys.publicKeys(did), s.keys.p256Keys(did)]);
    return [...ed25519, ...p256].filter((k) => !k.compromisedAt).map((k) => k.publicJwk);
  };
  const statement = (c: Context<AppEnv>, jwt: string) => {
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(jwt, 200, { 'Content-Type': ENTITY_STATEMENT_MEDIA_TYPE });
  };

  app.get('/.well-known/openid-federation', async (c) =>
    statement(c, await entityConfiguration({ publicUrl: s.publicUrl, ministryName: s.ministryName, jwks: await jwksOf(ministry) }, await signer())));

  app.get('/federation/fetch', async (c) => {
    const query = FetchQuery.safeParse(c.req.query());
    const candidates = subCandidates(new URL(c.req.url).search);
    if (candidates === 'missing' || candidates === 'repeated' || !query.success) {
      const unknown = query.success ? undefined : query.error.issues.find((i) => i.code === 'unrecognized_keys');
      if (unknown) return federationError(c, 400, 'unsupported_parameter', 'only sub (and iss) are understood');
      return federationError(c, 400, 'invalid_request', 'sub must be given once: the entity identifier (a DID) to fetch the statement about');
    }
    if (query.data.iss !== undefined && query.data.iss !== s.publicUrl) {
      return federationError(c, 404, 'not_found', `this endpoint issues statements as ${s.publicUrl} only`);
    }
    for (const sub of candidates) {
      const institute = await memberByDid(s.store, sub, s.clock());
      if (!institute) continue;
      return statement(c, await subordinateStatement({ publicUrl: s.publicUrl, sub, institute, jwks: await jwksOf(sub) }, await signer()));
    }
    return federationError(c, 404, 'not_found', 'no accredited institute has this identifier');
  });

  app.get('/federation/list', async (c) => {
    const query = ListQuery.safeParse(c.req.query());
    if (!query.success) return federationError(c, 400, 'unsupported_parameter', 'only entity_type is understood');
    const type = query.data.entity_type;
    const ids = type === undefined || type === 'federation_entity' ? (await members(s.store, s.clock())).flatMap((m) => m.dids) : [];
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(ids);
  });

  // DCC's "dcc-legacy" registry: {registry: {<DID>: {name, url}}}, members only.
  app.get('/registry/dcc-legacy.json', async (c) => {
    const registry: Record<string, { name: string; url?: string }> = {};
    for (const { institute, dids } of await members(s.store, s.clock())) {
      for (const did of dids) registry[did] = { name: institute.name, ...(institute.url ? { url: institute.url } : {}) };
    }
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ meta: { created_at: s.clock().toISOString(), name: `${s.ministryName}: accredited institutes` }, registry });
  });
  return app;
}
