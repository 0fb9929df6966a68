import type { MiddlewareHandler } from 'hono';

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

/** Security headers of every HTML page and page asset (on top of the app-wide secureHeaders). */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  // Referrer-Policy: no-referrer comes from the app-wide secure headers, so links out
  // (LinkedIn) never learn a credential's URL.
  c.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};

/** An SVG served on its own may not run or load anything (it holds only shapes and text). */
export const SVG_HEADERS = {
  'Content-Type': 'image/svg+xml; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
};
