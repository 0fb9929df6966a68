import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-types.js';

/*
 * The typed client of the skillcert API: openapi-fetch over the types openapi-typescript
 * generates from the service's own OpenAPI description (api-types.ts). Every path, parameter,
 * body and answer is typed from the same zod schemas the routes validate with.
 *
 *   import { createSkillcertClient } from 'skillcert/client';
 *   const api = createSkillcertClient({ baseUrl: 'https://certs.example.gov.kh', token: process.env.SKILLCERT_TOKEN });
 *   const { data, error } = await api.POST('/api/v1/credentials', { body: { learner: { name: 'Sok Dara' }, achievement: { name: '…' } } });
 */

export type { components, operations, paths } from './api-types.js';
export type SkillcertClient = Client<paths>;

export interface SkillcertClientOptions {
  /** The service's PUBLIC_URL. */
  baseUrl: string;
  /** An API key (or the ministry's admin token), sent as `Authorization: Bearer …`. */
  token?: string;
  /** Another fetch (tests, or an app called in process); the global fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
}

export function createSkillcertClient(options: SkillcertClientOptions): SkillcertClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const { token } = options;
  if (token) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}
