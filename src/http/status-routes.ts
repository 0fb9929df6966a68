import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { OptionalReasonBody, ReasonBody } from './api-schemas.js';
import { signedStatusList, statusListUrl } from '../issuer/status-list.js';
import { changeStatus, credentialForToken } from '../domain/status-change.js';
import { statusOf } from '../issuer/status.js';
import type { StatusAction } from '../store/port.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { jsonBodyLimit, readJsonBody } from './body.js';
import { valueOr } from './domain-errors.js';
import { ApiError } from './errors.js';
import { credentialLinks, offlineQrView } from './links.js';
import { offlineQrOf } from '../issuer/qr-offline.js';

const LIST_ID = /^[1-9A-HJ-NP-Za-km-z]{10,40}$/;

type Env = AppEnv & { Variables: AuthVariables };

async function statusView(s: Services, id: string) {
  const record = await s.store.getCredential(id);
  if (!record) throw new ApiError('not_found', 'no credential with this id');
  const history = await s.store.credentialEvents(id);
  return {
    id: record.id,
    status: statusOf(record),
    revokedAt: record.revokedAt,
    suspendedAt: record.suspendedAt,
    learnerName: record.learnerName,
    achievementName: record.achievementName,
    issuedAt: record.issuedAt,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    statusLists: {
      revocation: record.revocation && { url: statusListUrl(s.publicUrl, record.revocation.listId), index: record.revocation.index },
      suspension: record.suspension && { url: statusListUrl(s.publicUrl, record.suspension.listId), index: record.suspension.index },
    },
    history: history.map(({ action, reason, actor, at }) => ({ action, reason, actor, at })),
    links: credentialLinks(s.publicUrl, record.id),
    offlineQr: offlineQrView(offlineQrOf(s.publicUrl, record)),
  };
}

/** Revocation and suspension: the operations, the credential's status record, and the lists. */
export function statusRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>();
  const auth = requireToken(s.store, s.crypto, s.clock);
  const mayRevoke = requireScope('revoke');
  const limit = jsonBodyLimit(8);

  const change = (action: StatusAction) => async (c: Context<Env>) => {
    const { reason } = action === 'reinstate' ? await readJsonBody(c, OptionalReasonBody) : await readJsonBody(c, ReasonBody);
    const token = c.get('token');
    const record = valueOr(await credentialForToken(s.store, token, c.req.param('id') ?? ''));
    valueOr(await changeStatus(s, record, action, reason ?? null, `token:${token.id}`));
    return c.json(await statusView(s, record.id));
  };
  app.post('/api/v1/credentials/:id/revoke', limit, auth, mayRevoke, change('revoke'));
  app.post('/api/v1/credentials/:id/suspend', limit, auth, mayRevoke, change('suspend'));
  app.post('/api/v1/credentials/:id/reinstate', limit, auth, mayRevoke, change('reinstate'));

  app.get('/api/v1/credentials/:id', auth, async (c) => {
    const record = valueOr(await credentialForToken(s.store, c.get('token'), c.req.param('id')));
    return c.json(await statusView(s, record.id));
  });

  app.get('/status/:listId', async (c) => {
    const listId = c.req.param('listId');
    const list = LIST_ID.test(listId) ? await s.store.getStatusList(listId) : null;
    if (!list) throw new ApiError('not_found', 'no status list with this id');
    const signed = await signedStatusList(s.issuer, list);
    const wantsJwt = /application\/vc\+jwt/i.test(c.req.header('accept') ?? '');
    const etag = `"${list.id}.${signed.list.signedVersion}.${Date.parse(signed.signedAt) / 1000}.${wantsJwt ? 'jwt' : 'di'}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    c.header('Vary', 'Accept');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Expires', new Date(Math.min(Date.parse(signed.validUntil), s.clock().getTime() + 300_000)).toUTCString());
    if ((c.req.header('if-none-match') ?? '').split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    if (wantsJwt) return c.body(signed.jwt, 200, { 'Content-Type': 'application/vc+jwt' });
    const type = /application\/vc(?!\+)/i.test(c.req.header('accept') ?? '') ? 'application/vc' : 'application/json; charset=utf-8';
    return c.body(signed.json, 200, { 'Content-Type': type });
  });
  return app;
}
