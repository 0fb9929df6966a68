import type { Context } from 'hono';
import type { CryptoProvider } from '../crypto/provider.js';
import { toBase64url, utf8 } from '../crypto/encoding.js';

/*
 * ETags where they hold: on responses that are a pure function of stored state. Two kinds:
 *   - a content tag (contentEtag), a hash of the bytes answered, for documents and pictures
 *     (DID documents, QR codes, badges, achievements): equal bytes, equal tags;
 *   - a page tag (pageEtag), a hash of everything a page is rendered from, made before
 *     rendering so that a revalidation costs no render: for the verify and learner pages,
 *     built on their stored verification's tag, which changes whenever the verdict can.
 */

/** Whether If-None-Match holds `etag`, by the weak comparison RFC 9110 (13.1.2) asks for GET: `*`, or a listed tag equal but for W/. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

const digest = async (crypto: Pick<CryptoProvider, 'sha256'>, data: Uint8Array) => toBase64url((await crypto.sha256(data)).subarray(0, 16));

/** A strong ETag of exactly these bytes. */
export const contentEtag = async (crypto: Pick<CryptoProvider, 'sha256'>, body: string | Uint8Array): Promise<string> =>
  `"${await digest(crypto, typeof body === 'string' ? utf8(body) : body)}"`;

/** A weak ETag of a page from what it is rendered from (each part a string; their order matters). */
export const pageEtag = async (crypto: Pick<CryptoProvider, 'sha256'>, parts: readonly string[]): Promise<string> =>
  `W/"${await digest(crypto, utf8(JSON.stringify(parts)))}"`;

/** What a 304 repeats of the 200's headers: what caches and cross-origin readers need, not the body's metadata. */
const KEPT_ON_304 = /^(cache-control|vary|expires|content-location|access-control-)/i;

/**
 * Answers 304 Not Modified when the request's If-None-Match holds `etag`, with the headers a
 * 200 would carry that caches need (RFC 9110 15.4.5: ETag, Cache-Control, Vary, Expires…);
 * null when the full answer is due. Either way the ETag header is set on `c`.
 */
export function notModified(c: Context, etag: string, headers: Readonly<Record<string, string>> = {}): Response | null {
  c.header('ETag', etag);
  if (!ifNoneMatch(c.req.header('if-none-match'), etag)) return null;
  for (const [name, value] of Object.entries(headers)) if (KEPT_ON_304.test(name)) c.header(name, value);
  return c.body(null, 304);
}

/** Answers `body` with its content ETag, or 304 when the client holds it already. */
export async function withContentEtag(
  c: Context, crypto: Pick<CryptoProvider, 'sha256'>, body: string | Uint8Array, headers: Readonly<Record<string, string>>,
): Promise<Response> {
  const cached = notModified(c, await contentEtag(crypto, body), headers);
  if (cached) return cached;
  return c.body(body as string | Uint8Array<ArrayBuffer>, 200, headers);
}
