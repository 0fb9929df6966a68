import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

/*
 * 1EdTech's OB 3.0 AchievementCredential JSON schema, as published. It is 1EdTech's document,
 * not ours, so it is not in this repository: the tests read the copy kept beside the checkout
 * (shared/standards/ in a folder above it) or the file OB_SCHEMA_PATH names. Without it the
 * tests that need it are skipped with a message saying so; in CI a missing schema is an error.
 */

const FILE = 'ob_v3p0_achievementcredential_schema.json';
/** The URL DCC's verifier-core fetches the schema from (it is served from the copy, offline). */
export const OB_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

function schemaPath(env: NodeJS.ProcessEnv): string | null {
  if (env.OB_SCHEMA_PATH) return existsSync(env.OB_SCHEMA_PATH) ? env.OB_SCHEMA_PATH : null;
  for (let dir = dirname(fileURLToPath(import.meta.url)), i = 0; i < 4; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'standards', FILE);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The schema, or null (printing why) when no copy is at hand; throws in CI. */
export function loadObSchema(env = process.env, print: (line: string) => void = console.warn): Record<string, unknown> | null {
  const path = schemaPath(env);
  if (path) return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const message = `1EdTech's ${FILE} was not found (shared/standards/ above the checkout, or OB_SCHEMA_PATH): the tests that hold credentials to it are skipped`;
  if (env.CI) throw new Error(`${message}; in CI it must be there`);
  print(message);
  return null;
}

/**
 * The schema compiled as 1EdTech's validator and DCC's verifier-core compile it: JSON Schema
 * 2019-09 with formats, not strict (the schema uses keywords ajv's strict mode warns about).
 * Returns the problems of a credential, none when it is valid.
 */
export function obSchemaValidator(schema: Record<string, unknown>): (credential: unknown) => string[] {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2019) => void)(ajv);
  const validate = ajv.compile(schema);
  return (credential) => (validate(credential) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
}
