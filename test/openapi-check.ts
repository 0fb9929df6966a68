import { OpenAPIBackend, type Document } from 'openapi-backend';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../src/http/openapi/document.js';

/*
 * Every response the test suite's requests produce is checked against the OpenAPI
 * description (src/http/openapi/document.ts) by openapi-backend, an OpenAPI validator:
 * makeTestApp (helpers.ts) wraps app.request with checkResponse. A response of a described
 * operation whose status is not described, whose media type is not, or whose JSON body does
 * not match its schema fails the test that made the request.
 */

const SERVER = 'http://localhost:8787';
let backend: Promise<OpenAPIBackend> | undefined;

/** One validator per test process: compiling the schemas is the slow part. */
export function describedApi(): Promise<OpenAPIBackend> {
  backend ??= new OpenAPIBackend({
    definition: openApiDocument(SERVER) as unknown as Document,
    quick: true,
    strict: true,
    // OpenAPI 3.1's schemas are JSON Schema 2020-12.
    customizeAjv: (_ajv, opts) => {
      const ajv = new Ajv2020({ ...opts, strict: false, allErrors: true });
      addFormats.default(ajv);
      return ajv as never;
    },
  }).init();
  return backend;
}

/** How many responses were checked in this process (the suite's summary test reads it). */
export const checked = { responses: 0, operations: new Set<string>() };

export class ResponseMismatch extends Error {}

/**
 * Checks one response of the app against the description. `basePath` is PUBLIC_URL's own
 * path (the app serves under it); requests outside the described operations are not checked.
 */
export async function checkResponse(method: string, url: string, res: Response, basePath = ''): Promise<void> {
  const api = await describedApi();
  const parsed = new URL(url, SERVER);
  let path = parsed.pathname;
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
  const query = Object.fromEntries(parsed.searchParams);
  const operation = api.matchOperation({ method: method.toLowerCase(), path, query, headers: {} });
  if (!operation) return;
  // A route with no match answers the app's 404 (not_found) like any unknown path.
  const where = `${method.toUpperCase()} ${parsed.pathname}${parsed.search} → ${res.status}`;
  const responses = operation.responses ?? {};
  const described = (responses as Record<string, unknown>)[String(res.status)] as { content?: Record<string, unknown> } | undefined;
  if (!described) throw new ResponseMismatch(`${where}: status ${res.status} is not described for ${operation.operationId}`);
  checked.responses++;
  checked.operations.add(`${operation.operationId}:${res.status}`);
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!described.content) {
    if (res.body !== null && (await res.clone().arrayBuffer()).byteLength > 0) throw new ResponseMismatch(`${where}: a body where none is described`);
    return;
  }
  if (!Object.hasOwn(described.content, type)) {
    throw new ResponseMismatch(`${where}: media type ${type} is not described (${Object.keys(described.content).join(', ')})`);
  }
  if (type !== 'application/json') return;
  const body: unknown = await res.clone().json();
  const result = api.validateResponse(body, operation, res.status);
  if (!result.valid) {
    throw new ResponseMismatch(`${where}: the body does not match the description: ${JSON.stringify(result.errors?.slice(0, 5))}`);
  }
}
