import { Hono } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { buildOfflineKit } from '../offline/kit-build.js';
import { serviceWorkerJs } from '../offline/service-worker.js';
import { ASSET_NAMES, PACKAGE_ASSETS, shortHash } from '../web/assets.js';
import { OfflineShell } from '../web/offline-shell.js';
import { pageHeaders } from './page-headers.js';

/**
 * The verify pages as an installable web app that works offline: the service worker, the
 * manifest, the offline shell page, and the offline kit it keeps (src/offline/).
 */
export function offlineRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = new URL(s.publicUrl).pathname.replace(/\/+$/, '');
  const fonts = s.packageAsset ? Object.keys(PACKAGE_ASSETS).filter((n) => n.endsWith('.woff2')) : [];
  const precache = ['/offline', '/manifest.webmanifest', '/favicon.svg', ...[ASSET_NAMES.css, ASSET_NAMES.offline, ...fonts].map((n) => `/assets/${n}`)];
  const worker = serviceWorkerJs({ base, precache, version: shortHash(precache.join(' ')) });

  app.get('/sw.js', (c) => c.body(worker, 200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    // Browsers check for a new worker on navigation; no-cache makes that check reach us.
    'Cache-Control': 'no-cache',
  }));

  app.get('/manifest.webmanifest', (c) => c.body(JSON.stringify({
    name: 'skillcert: verify a certificate',
    short_name: 'skillcert',
    description: 'Checks TVET certificates, also with no network, from their offline QR codes.',
    start_url: `${base}/verify`,
    scope: `${base}/`,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1d4ed8',
    icons: [{ src: `${base}/favicon.svg`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  }), 200, { 'Content-Type': 'application/manifest+json', 'Cache-Control': 'no-cache' }));

  app.use('/offline', pageHeaders);
  app.get('/offline', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(<OfflineShell base={base} publicUrl={s.publicUrl} />);
  });

  app.get('/offline/kit.json', async (c) => {
    const kit = await buildOfflineKit({ ...s.issuer, keys: s.keys, ministryName: s.ministryName, registry: s.registry });
    c.header('Cache-Control', 'no-cache');
    c.header('Date', new Date(Date.parse(kit.fetchedAt)).toUTCString());
    return c.json(kit);
  });
  return app;
}
