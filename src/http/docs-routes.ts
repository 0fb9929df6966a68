import { Hono } from 'hono';
import type { AppEnv, Services } from '../app.js';
import { openApiDocument } from './openapi/document.js';

/** The OpenAPI description of this service, built once per app. */
export function docsRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let document: string | undefined;
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(openApiDocument(s.publicUrl));
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return app;
}
