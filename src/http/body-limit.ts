import type { Context, MiddlewareHandler } from 'hono';

/*
 * hono/body-limit, changed in one way: a body over the limit is read to its end (and
 * dropped) before the refusal is answered. Answering first left the client still writing
 * into a socket the server then closed (Node's adapter gives an unread body 500 ms), so a
 * client often saw a connection reset instead of the 413. Past DISCARD_LIMIT the rest is
 * not read: a client sending that much gets the answer and then, at worst, the reset.
 */

/** How much of a refused body is read and dropped so that the client can read the answer. */
export const DISCARD_LIMIT = 32 * 1024 * 1024;

export interface BodyLimitOptions {
  maxSize: number;
  /** The refusal: a response, or a thrown error the app's error handler answers. */
  onError: (c: Context) => Response | Promise<Response>;
}

/** Reads and drops the rest of a stream, up to `limit` bytes in all (`read` counts bytes already read). */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, read: number, limit: number): Promise<void> {
  try {
    for (let total = read; total <= limit; ) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
    }
    await reader.cancel();
  } catch {
    // A client that went away while sending: nothing is left to answer.
  }
}

/** Limits a request body to `maxSize` bytes; a larger one is read, dropped and refused with `onError`. */
export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const { maxSize, onError } = options;
  return async function limitBody(c, next) {
    // The headers first: on Node, touching the body builds the WHATWG Request around the socket,
    // which a body that declares an acceptable length does not need yet (or at all).
    const declared = c.req.header('transfer-encoding') !== undefined ? null : (c.req.header('content-length') ?? null);
    if (declared !== null && Number.parseInt(declared, 10) <= maxSize) return next();
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxSize) {
        await discard(reader, size, DISCARD_LIMIT);
        return onError(c);
      }
      chunks.push(value);
    }
    const buffer = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      buffer.set(chunk, offset);
      offset += chunk.length;
    }
    c.req.raw = new Request(c.req.raw, { body: buffer });
    return next();
  };
}
