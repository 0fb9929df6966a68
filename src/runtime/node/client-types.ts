/*
 * Writes src/client/api-types.ts, the TypeScript types of the API, from the OpenAPI
 * description the service serves (openapi-typescript): `npm run client:types`. A test
 * (test/client.test.ts) fails when the file is not what this writes, so it cannot drift.
 */
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../../http/openapi/document.js';

export async function apiTypesSource(): Promise<string> {
  const ast = await openapiTS(openApiDocument('http://localhost:8787') as never, { alphabetize: false });
  return `// Generated from the OpenAPI description by \`npm run client:types\` (src/runtime/node/client-types.ts). Do not edit.\n/* eslint-disable */\n${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../client/api-types.ts', import.meta.url), await apiTypesSource());
}
