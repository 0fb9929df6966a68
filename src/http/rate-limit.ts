import type { Context, Env, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/**
 * Fixed-window request counting per key (an API key id, a client address). In memory, per
 * process: a deployment with several processes gets a limit per process, which is what a
 * flood guard needs; it is not a billing meter.
 */
export interface RateLimiter {
  /** Counts a hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number;
}

export function createRateLimiter(options: { limit: number; windowMs: number; clock: () => Date; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  return {
    hit(key) {
      const now = options.clock().getTime();
      let w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        if (!w && windows.size >= maxKeys) {
          for (const [k, v] of windows) if (now - v.start >= options.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > options.limit ? Math.max(1, Math.ceil((w.start + options.windowMs - now) / 1000)) : 0;
    },
  };
}

/** Answers 429 with Retry-After when the key derived from the request is over its limit. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the key function reads whatever the route's env holds
export function rateLimit<E extends Env = any>(limiter: RateLimiter, keyOf: (c: Context<E>) => string): MiddlewareHandler<E> {
  return async (c, next) => {
    const retryAfter = limiter.hit(keyOf(c));
    if (retryAfter > 0) {
      c.header('Retry-After', String(retryAfter));
      throw new ApiError('rate_limited', `too many requests; try again in ${retryAfter} s`);
    }
    await next();
  };
}
