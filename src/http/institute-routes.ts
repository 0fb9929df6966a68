import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { Accredit, CompromiseKey, CreateInstitute, CreateKey, UpdateInstitute } from './api-schemas.js';
import { randomId } from '../crypto/encoding.js';
import { generateToken, hashToken } from '../crypto/tokens.js';
import { accreditInstitute, registerInstitute, suspendInstitute, vaultOf } from '../domain/institutes.js';
import { actsFor } from '../domain/tenancy.js';
import { createIssuerKey, createP256IssuerKey } from '../issuer/key-ring.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { compatibilityOf, type ApiToken, type AuditInput, type Institute } from '../store/port.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { jsonBodyLimit, readJsonBody } from './body.js';
import { valueOr } from './domain-errors.js';
import { ApiError } from './errors.js';
import { placeView } from '../insight/labels.js';
import { instituteKeyRecords, signingKeysView } from './signing-keys.js';

type Env = AppEnv & { Variables: AuthVariables };



/** An institute as the API shows it: never a key's private half or a token hash. */
async function view(s: Services, i: Institute) {
  const [keys, periods] = await Promise.all([s.keys.publicKeys(i.did), s.store.accreditations(i.id)]);
  return {
    slug: i.slug, name: i.name, nameKm: i.nameKm, url: i.url, image: i.imageUrl ?? null, contact: i.contact, programmes: i.programmes, status: i.status,
    cryptosuite: i.cryptosuite, compatibility: compatibilityOf(i), ...placeView(i),
    did: i.did, didKey: i.didKey, isDefault: i.isDefault, createdAt: i.createdAt,
    accreditations: periods.map(({ validFrom, validUntil, programmes: p }) => ({ validFrom, validUntil, programmes: p })),
    keys: keys.map((k) => ({ id: k.id, publicKeyMultibase: k.publicKeyMultibase, compromisedAt: k.compromisedAt ?? null })),
  };
}

const tokenView = (t: ApiToken) => ({
  id: t.id, label: t.label, scopes: t.scopes, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt,
});

/** The ministry manages institutes; an institute's admin key manages its own keys. */
export function instituteRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>();
  const auth = requireToken(s.store, s.crypto, s.clock);
  const limit = jsonBodyLimit(32);
  const now = () => toDateTimeStamp(s.clock());
  const actor = (c: Context<Env>) => `token:${c.get('token').id}`;
  const ministryOnly = async (c: Context<Env>, next: () => Promise<void>) => {
    if (c.get('token').role !== 'admin') throw new ApiError('forbidden', 'only the ministry can do this');
    await next();
  };
  const vault = () => valueOr(vaultOf(s));
  /** The institute named in the path, if the token may see it; other tenants are "not found". */
  const target = async (c: Context<Env>): Promise<Institute> => {
    const institute = await s.store.getInstituteBySlug(c.req.param('slug') ?? '');
    if (!institute || !actsFor(c.get('token'), institute.id)) throw new ApiError('not_found', 'no institute with this slug');
    return institute;
  };
  const audit = (c: Context<Env>, i: Institute, action: string, details?: Record<string, unknown>): AuditInput =>
    ({ at: now(), actor: actor(c), instituteId: i.id, action, target: i.did, details });

  app.post('/api/v1/institutes', limit, auth, ministryOnly, async (c) => {
    const body = await readJsonBody(c, CreateInstitute);
    const institute = valueOr(await registerInstitute(s, body, actor(c)));
    return c.json(await view(s, institute), 201);
  });

  app.get('/api/v1/institutes', auth, async (c) => {
    const token = c.get('token');
    const all = await s.store.listInstitutes();
    return c.json({ institutes: await Promise.all(all.filter((i) => actsFor(token, i.id)).map((i) => view(s, i))) });
  });

  app.get('/api/v1/institutes/:slug', auth, async (c) => c.json(await view(s, await target(c))));

  app.patch('/api/v1/institutes/:slug', limit, auth, ministryOnly, async (c) => {
    const institute = await target(c);
    const body = await readJsonBody(c, UpdateInstitute);
    const compatibility = { ...compatibilityOf(institute), ...body.compatibility };
    // ES256 needs a P-256 key: made (or found) before the setting is saved, so it is never on without one.
    if (compatibility.es256Jwt && !(await s.keys.activeP256Key(institute.did))) {
      await createP256IssuerKey(s.store, vault(), {
        controller: institute.did, owner: institute.id, now: now(), retireActive: true, audit: audit(c, institute, 'key.create', { keyType: 'P-256' }),
      });
      s.keys.invalidate(institute.did);
    }
    const updated: Institute = {
      ...institute,
      name: body.name ?? institute.name,
      nameKm: body.nameKm === undefined ? institute.nameKm : body.nameKm,
      url: body.url === undefined ? institute.url : body.url,
      contact: body.contact === undefined ? institute.contact : body.contact,
      programmes: body.programmes ?? institute.programmes,
      cryptosuite: body.cryptosuite ?? institute.cryptosuite,
      compatibility,
      imageUrl: body.image === undefined ? institute.imageUrl : body.image,
      province: body.province === undefined ? institute.province : body.province,
      sector: body.sector === undefined ? institute.sector : body.sector,
    };
    await s.store.updateInstitute(updated, audit(c, institute, 'institute.update', body));
    s.keys.invalidate(institute.did);
    return c.json(await view(s, updated));
  });

  app.post('/api/v1/institutes/:slug/accreditations', limit, auth, ministryOnly, async (c) => {
    const institute = await target(c);
    const body = await readJsonBody(c, Accredit);
    const accredited = valueOr(await accreditInstitute(s, institute, body, actor(c)));
    return c.json(await view(s, accredited), 201);
  });

  app.post('/api/v1/institutes/:slug/suspend', limit, auth, ministryOnly, async (c) => {
    const institute = await target(c);
    return c.json(await view(s, await suspendInstitute(s, institute, actor(c))));
  });

  const adminOf = [auth, requireScope('admin')] as const;

  app.post('/api/v1/institutes/:slug/api-keys', limit, ...adminOf, async (c) => {
    const institute = await target(c);
    const body = await readJsonBody(c, CreateKey);
    if (body.expiresAt && Date.parse(body.expiresAt) <= s.clock().getTime()) {
      throw new ApiError('invalid_request', 'expiresAt must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const secret = generateToken();
    const token: ApiToken = {
      id: randomId(), tokenHash: await hashToken(secret, s.crypto), role: 'institute', instituteId: institute.id, label: body.label,
      source: 'created', createdAt: now(), revokedAt: null, scopes: [...new Set(body.scopes)], expiresAt: body.expiresAt ?? null, lastUsedAt: null,
    };
    await s.store.saveApiToken(token, audit(c, institute, 'api-key.create', { keyId: token.id, scopes: token.scopes }));
    return c.json({ ...tokenView(token), key: secret, note: 'the key is shown once; store it now' }, 201);
  });

  app.get('/api/v1/institutes/:slug/api-keys', ...adminOf, async (c) => {
    const institute = await target(c);
    return c.json({ apiKeys: (await s.store.listApiTokens(institute.id)).map(tokenView) });
  });

  app.delete('/api/v1/institutes/:slug/api-keys/:id', ...adminOf, async (c) => {
    const institute = await target(c);
    const id = c.req.param('id');
    const owned = (await s.store.listApiTokens(institute.id)).find((t) => t.id === id);
    if (!owned) throw new ApiError('not_found', 'no API key with this id');
    if (!(await s.store.revokeApiToken(id, now(), audit(c, institute, 'api-key.revoke', { keyId: id })))) {
      throw new ApiError('conflict', 'the API key is already revoked');
    }
    return c.json(tokenView({ ...owned, revokedAt: now() }));
  });

  app.get('/api/v1/institutes/:slug/keys', ...adminOf, async (c) => c.json(await signingKeysView(s.store, await target(c))));

  app.post('/api/v1/institutes/:slug/keys/rotate', ...adminOf, async (c) => {
    const institute = await target(c);
    const keyVault = vault();
    const key = await createIssuerKey(s.store, keyVault, {
      controller: institute.did, owner: institute.id, now: now(), retireActive: true, audit: audit(c, institute, 'key.rotate'),
    });
    // The ES256 key rotates with the Ed25519 one while that form is on.
    const p256 = compatibilityOf(institute).es256Jwt
      ? await createP256IssuerKey(s.store, keyVault, {
        controller: institute.did, owner: institute.id, now: now(), retireActive: true, audit: audit(c, institute, 'key.rotate', { keyType: 'P-256' }),
      })
      : null;
    s.keys.invalidate(institute.did);
    return c.json({ ...(await view(s, institute)), activeKey: key.id, ...(p256 ? { activeP256Key: p256.id } : {}) }, 201);
  });

  app.post('/api/v1/institutes/:slug/keys/compromised', limit, ...adminOf, async (c) => {
    const institute = await target(c);
    const body = await readJsonBody(c, CompromiseKey);
    const keys = await instituteKeyRecords(s.store, institute);
    const leaked = keys.find((k) => k.id === body.keyId);
    if (!leaked) throw new ApiError('not_found', 'the institute has no key with this id');
    await s.store.markKeyCompromised(body.keyId, body.since, audit(c, institute, 'key.compromised', body));
    // The same key under the DID it had before a PUBLIC_URL change is the same leak.
    for (const twin of keys.filter((k) => k.publicX === leaked.publicX && k.id !== leaked.id)) {
      await s.store.markKeyCompromised(twin.id, body.since, audit(c, institute, 'key.compromised', { keyId: twin.id, since: body.since }));
    }
    for (const did of new Set(keys.map((k) => k.controller))) s.keys.invalidate(did);
    return c.json(await view(s, institute));
  });
  return app;
}
