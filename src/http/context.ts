import type { PageContext } from '../web/layout.js';

/** What every request carries through the app: its id (the error envelope quotes it) and, on pages, the page context. */
export type AppEnv = { Variables: { requestId: string; page: PageContext } };
