import { Hono, type Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { VerifyRequestSchema } from './api-schemas.js';
import type { VerificationReport } from '../schemas/report.js';
import { bakedInput, extractBaked } from '../verifier/baked.js';
import { parseVerifyText, type ParsedVerifyInput } from '../verifier/input.js';
import { notIssuedReport } from '../verifier/verify.js';
import { countVerification } from '../insight/count.js';
import { parseJsonText, validationError, VERIFY_BODY_LIMIT } from './body.js';
import { ApiError } from './errors.js';
import { rateLimit } from './rate-limit.js';



/** Verifying credentials: the JSON API (the pages are in page-routes.tsx). */
export function verifyRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const run = async (parsed: ParsedVerifyInput): Promise<VerificationReport> => {
    switch (parsed.kind) {
      case 'verify': {
        const outcome = await s.verifyInput(parsed.input);
        if ('problem' in outcome) throw new ApiError('unprocessable', outcome.problem);
        countVerification(s.insight, 'api', outcome.report);
        return outcome.report;
      }
      case 'local': {
        // A verdict the cache holds needs no read of the record.
        let report = s.heldVerification(parsed.id)?.report;
        if (!report) {
          const record = await s.store.getCredential(parsed.id);
          if (!record) return notIssuedReport(s.clock());
          report = await s.verifyStoredRecord(record);
        }
        countVerification(s.insight, 'api', report, parsed.id);
        return report;
      }
      case 'foreign-url':
        throw new ApiError('unprocessable', 'links to other services are not fetched; paste the credential or its JWT instead');
      case 'unreadable':
        throw new ApiError('invalid_request', parsed.reason);
    }
  };

  /** A baked badge's credential, or the 4xx that says why there is none to verify. */
  const fromBytes = (bytes: Uint8Array, alsoText: boolean): ParsedVerifyInput => {
    const extracted = extractBaked(bytes);
    if (extracted === null) {
      if (alsoText) return parseVerifyText(new TextDecoder().decode(bytes), s.publicUrl);
      throw new ApiError('invalid_request', 'the body is not a PNG or SVG image');
    }
    const baked = bakedInput(extracted, s.publicUrl);
    if (baked.ok) return baked.parsed;
    throw new ApiError(baked.problem === 'malformed' ? 'invalid_request' : 'unprocessable', baked.message);
  };

  const readInput = async (c: Context): Promise<ParsedVerifyInput> => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'image/png' || type === 'image/svg+xml') return fromBytes(new Uint8Array(await c.req.arrayBuffer()), false);
    if (type === 'multipart/form-data') {
      const form = await c.req.parseBody().catch(() => {
        throw new ApiError('invalid_request', 'the multipart body cannot be read');
      });
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError('invalid_request', 'send the baked badge (or a credential file) in a form field named file');
      return fromBytes(new Uint8Array(await file.arrayBuffer()), true);
    }
    const text = await (s.readBodyText?.(c, VERIFY_BODY_LIMIT) ?? c.req.text());
    if (type === 'application/vc+jwt' || type === 'application/vp+jwt' || type === 'application/jwt') {
      return { kind: 'verify', input: { kind: 'jwt', jwt: text.trim() } };
    }
    if (type === 'application/vc' || type === 'application/vc+ld+json' || type === 'application/ld+json') {
      return { kind: 'verify', input: { kind: 'credential', credential: parseJsonText(text) } };
    }
    if (type === 'text/plain') return parseVerifyText(text, s.publicUrl);
    if (type !== 'application/json') {
      throw new ApiError('unsupported_media_type', 'send application/json, application/vc, application/vc+jwt, application/vp+jwt, text/plain, a baked badge (image/png, image/svg+xml) or multipart/form-data');
    }
    const parsed = VerifyRequestSchema.safeParse(parseJsonText(text));
    if (!parsed.success) {
      const body = parseJsonText(text);
      if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 1) {
        // One known key with a wrong value: report that key's problem, not the union's.
        const [key] = Object.keys(body);
        const schema = VerifyRequestSchema.options.find((o) => key !== undefined && key in o.shape);
        const inner = schema?.safeParse(body);
        if (inner && !inner.success) throw validationError(inner.error);
      }
      throw new ApiError('invalid_request', 'send exactly one of {credential}, {jwt} or {text}');
    }
    const body = parsed.data;
    if ('credential' in body) return { kind: 'verify', input: { kind: 'credential', credential: body.credential } };
    if ('jwt' in body) return { kind: 'verify', input: { kind: 'jwt', jwt: body.jwt } };
    return parseVerifyText(body.text, s.publicUrl);
  };

  app.post(
    '/api/v1/verify',
    rateLimit(s.limits.verify, (c) => `ip:${s.clientAddress?.(c) ?? 'unknown'}`),
    bodyLimit({
      maxSize: VERIFY_BODY_LIMIT,
      onError: () => {
        throw new ApiError('payload_too_large', 'the request body is larger than 1 MB');
      },
    }),
    async (c) => {
      const report = await run(await readInput(c));
      c.header('Cache-Control', 'no-store');
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(report);
    },
  );

  return app;
}
