import { Hono } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { ASSET_NAMES } from '../web/assets.js';
import { openApiDocument } from './openapi/document.js';

/**
 * The reference's CSP: scripts only from this origin (Scalar's bundle and its starter, no
 * inline code), and nothing fetched from elsewhere. Scalar's components set styles at run
 * time, so styles may be inline; fonts and images are this origin's or data: URLs.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The OpenAPI description (built once per app) and the interactive reference over it. */
export function docsRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const base = new URL(s.publicUrl).pathname.replace(/\/+$/, '');
  let document: string | undefined;
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(openApiDocument(s.publicUrl));
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-cache');
    return c.html(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>skillcert API reference</title>
<link rel="stylesheet" href="${escapeAttr(base)}/assets/${ASSET_NAMES.docsCss}">
<link rel="icon" href="${escapeAttr(base)}/favicon.svg" type="image/svg+xml">
</head>
<body>
<noscript>The API reference needs JavaScript. The description itself is at <a href="${escapeAttr(base)}/openapi.json">openapi.json</a>.</noscript>
<div id="skillcert-docs" data-url="${escapeAttr(base)}/openapi.json"></div>
<script src="${escapeAttr(base)}/assets/scalar-api-reference.js"></script>
<script src="${escapeAttr(base)}/assets/${ASSET_NAMES.docs}"></script>
</body>
</html>`);
  });
  return app;
}
