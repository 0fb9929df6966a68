import type { Context, MiddlewareHandler } from 'hono';

/**
 * The pages' CSP: scripts, styles and fonts only from this origin (no inline code at all),
 * images also from data:/blob: (QR photos picked for decoding), forms only back here, and
 * never inside a frame.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Sets headers on the response a handler already made, in place. Hono's `c.header` after the
 * handler re-creates the response around its body as a stream for every header, which costs
 * each page five responses and takes the Node adapter off its fast path for string bodies
 * (it then reads the stream back). A response whose headers are immutable (one from fetch)
 * still gets them the slow way.
 */
export function setResponseHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const entries = Object.entries(headers);
  try {
    for (const [name, value] of entries) c.res.headers.set(name, value);
  } catch {
    for (const [name, value] of entries) c.header(name, value);
  }
}

const PAGE_HEADERS = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Referrer-Policy: no-referrer comes from the app-wide secure headers, so links out
  // (LinkedIn) never learn a credential's URL.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Security headers of every HTML page and page asset (on top of the app-wide secureHeaders). */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  setResponseHeaders(c, PAGE_HEADERS);
};

/** An SVG served on its own may not run or load anything (it holds only shapes and text). */
export const SVG_HEADERS = {
  'Content-Type': 'image/svg+xml; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
};
