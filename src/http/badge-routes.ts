import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { bakePng, bakeSvg, portableBadgePng, type Baked } from '../issuer/baking.js';
import { verifyUrlFor } from '../issuer/issue.js';
import type { CredentialRecord } from '../store/port.js';
import { isCredentialId } from '../verifier/input.js';
import { summarize } from '../verifier/summary.js';
import { badgeSvg, type BadgeText } from '../web/badge-image.js';
import { SVG_HEADERS } from './page-headers.js';
import { ApiError } from './errors.js';
import { withContentEtag } from './etag.js';
import { rateLimit } from './rate-limit.js';

const CACHE = 'public, max-age=3600';

/**
 * Each credential as a baked badge (OB 3.0 "Baked Badge": PNG iTXt `openbadgecredential`,
 * SVG `<openbadges:credential>`), with the Data Integrity JSON baked in, or with
 * `?format=jwt` the vc+jwt.
 */
export function badgeRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const baked = async (c: Context): Promise<{ record: CredentialRecord; baked: Baked; badge: BadgeText }> => {
    const id = c.req.param('id') ?? '';
    const record = isCredentialId(id) ? await s.store.getCredential(id) : null;
    if (!record) throw new ApiError('not_found', 'no credential with this id');
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'jwt') throw new ApiError('invalid_request', 'format must be json (the Data Integrity credential) or jwt (the vc+jwt)');
    if (format === 'jwt' && !record.jwt) throw new ApiError('not_found', 'this credential has no vc+jwt form');
    const summary = summarize(JSON.parse(record.diJson) as never);
    const badge: BadgeText = {
      name: summary.achievement?.name ?? summary.name ?? record.achievementName,
      nameKm: summary.achievement?.nameKm,
      code: summary.achievement?.code,
      level: summary.achievement?.level,
      issuer: summary.issuer.name,
      issuerKm: summary.issuer.nameKm,
    };
    return { record, baked: format === 'jwt' ? { jwt: record.jwt as string } : { json: record.diJson }, badge };
  };
  const download = (record: CredentialRecord, ext: string) => ({ 'Content-Disposition': `inline; filename="badge-${record.id}.${ext}"`, 'Cache-Control': CACHE });

  app.get('/credentials/:id/badge.svg', async (c) => {
    const { record, baked: b, badge } = await baked(c);
    return withContentEtag(c, s.crypto, bakeSvg(badgeSvg(badge), b), { ...SVG_HEADERS, ...download(record, 'svg') });
  });

  // Each render is real work (resvg): counted as a verification of the caller's, as card.png is.
  app.get('/credentials/:id/badge.png', rateLimit<AppEnv>(s.limits.verify, (c) => `ip:${s.clientAddress?.(c) ?? 'unknown'}`), async (c) => {
    const { record, baked: b, badge } = await baked(c);
    const picture = s.svgPng ? await s.svgPng(badgeSvg(badge)) : await portableBadgePng(verifyUrlFor(s.publicUrl, record.id));
    return withContentEtag(c, s.crypto, bakePng(picture, b), { 'Content-Type': 'image/png', ...download(record, 'png') });
  });
  return app;
}
