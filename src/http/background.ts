import type { Context } from 'hono';
import type { KeepAlive } from '../domain/batch-jobs.js';

/** Keeps work going after the response: Workers' `waitUntil`; Node has no execution context, and the promise runs on by itself. */
export const keepAliveOf = (c: Context): KeepAlive => (work) => {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // Node: nothing to extend.
  }
};
