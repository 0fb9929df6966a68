import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { badgeTextOf, khmerAchievement } from '../issuer/achievement.js';
import type { JsonObject } from '../schemas/credential.js';
import { badgeSvg } from '../web/badge-image.js';
import { ApiError } from './errors.js';
import { withContentEtag } from './etag.js';
import { SVG_HEADERS } from './page-headers.js';


/**
 * What an achievement's `related` and `image` name: its Khmer version (an OB Achievement,
 * `inLanguage` km) and the badge image skillcert draws for it. (The achievement itself is
 * served by credential-routes.ts.)
 */
export function achievementRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const achievementOf = async (c: Context) => {
    const institute = await s.store.getInstituteBySlug(c.req.param('slug') ?? '');
    const record = institute && (await s.store.getAchievement(institute.id, c.req.param('key') ?? ''));
    if (!institute || !record) throw new ApiError('not_found', 'no such achievement');
    return { institute, achievement: JSON.parse(record.json) as JsonObject };
  };

  app.get('/achievements/:slug/:key/km', async (c) => {
    const km = khmerAchievement((await achievementOf(c)).achievement);
    if (!km) throw new ApiError('not_found', 'this achievement has no Khmer version');
    return withContentEtag(c, s.crypto, JSON.stringify(km), { 'Content-Type': 'application/ld+json', 'Access-Control-Allow-Origin': '*' });
  });

  app.get('/achievements/:slug/:key/image.svg', async (c) => {
    const { institute, achievement } = await achievementOf(c);
    return withContentEtag(c, s.crypto, badgeSvg(badgeTextOf(achievement, institute)), { ...SVG_HEADERS, 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' });
  });

  return app;
}
