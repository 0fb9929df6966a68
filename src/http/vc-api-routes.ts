import { Hono, type MiddlewareHandler } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { IssueBody, PresentationBody, StatusBody, VerifyBody } from './api-schemas.js';
import { issueAnyCredential, statusLayoutFor } from '../issuer/any-credential.js';
import { changeablePurposes, statusOf } from '../issuer/status.js';
import { issuerIdOf, type Credential } from '../schemas/credential.js';
import type { VerificationReport } from '../schemas/report.js';
import { credentialProblems } from '../schemas/vc-rules.js';
import { DuplicateCredentialIdError, type ApiScope, type StatusAction } from '../store/port.js';
import { verifyCredential } from '../verifier/verify.js';
import { verifyPresentation } from '../verifier/presentation.js';
import { countVerification } from '../insight/count.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { jsonBodyLimit, readJsonBody } from './body.js';
import { ApiError } from './errors.js';
import { rateLimit } from './rate-limit.js';
import { changeStatus } from '../domain/status-change.js';
import { mayIssue } from '../domain/tenancy.js';
import { valueOr } from './domain-errors.js';

type Env = AppEnv & { Variables: AuthVariables };






/** The VC API shape of a report, with skillcert's own report beside it. */
function vcApiResult(report: VerificationReport) {
  const issuer = report.credential?.issuer.id;
  // An https issuer cannot be tied to a key (src/verifier/report-parts.ts, issuerBinding): say so.
  const unbound = report.verified && issuer !== undefined && !issuer.startsWith('did:')
    ? [{ id: 'issuer', message: `the issuer ${issuer} is not a DID: the proof is valid, but no key can be tied to this issuer` }]
    : [];
  return {
    verified: report.verified,
    checks: report.checks.filter((c) => c.status === 'passed').map((c) => c.id),
    warnings: [...report.checks.filter((c) => c.status === 'skipped').map((c) => ({ id: c.id, message: c.message })), ...unbound],
    errors: report.checks.filter((c) => c.status === 'failed').map((c) => ({ id: c.id, message: c.message })),
    report,
  };
}

/**
 * The W3C CCG VC API: issue any VC Data Model credential, verify one, change a status.
 * Issuing and status changes need a bearer token unless `open` (for a conformance run).
 */
export function vcApiRoutes(s: Services, options: { open: boolean }): Hono<Env> {
  const app = new Hono<Env>();
  const token = requireToken(s.store, s.crypto, s.clock) as unknown as MiddlewareHandler<Env>;
  const pass: MiddlewareHandler<Env> = async (_c, next) => next();
  // The same scopes as the skillcert API: a key may not issue or change a status here that it could not there.
  const auth = (scope: ApiScope): MiddlewareHandler<Env> => {
    if (options.open) return pass;
    const scoped = requireScope(scope) as unknown as MiddlewareHandler<Env>;
    return async (c, next) => token(c, async () => {
      await scoped(c, next);
    });
  };
  // Issuing here counts against the key's issue limit, shared with POST /api/v1/credentials.
  const issueLimit: MiddlewareHandler<Env> = options.open ? pass : rateLimit<Env>(s.limits.issue, (c) => `token:${c.get('token').id}`);
  const limit = jsonBodyLimit;

  app.post('/credentials/issue', limit(256), auth('issue'), issueLimit, async (c) => {
    const { credential, options: opts = {} } = await readJsonBody(c, IssueBody);
    const problems = credentialProblems(credential);
    if (problems.length) throw new ApiError('invalid_request', `${problems[0]?.path}: ${problems[0]?.message}`, problems);
    // This operation makes the proof. One sent along would be signed as part of the data and
    // then replaced, so the credential returned would fail its own verification.
    if (credential.proof !== undefined) {
      throw new ApiError('invalid_request', 'credential.proof: send the credential without a proof; issuing adds the proof', [
        { path: 'credential.proof', message: 'must be absent: issuing secures an unsecured credential' },
      ]);
    }
    const issuerDid = issuerIdOf(credential as Credential);
    const institute = await s.store.getInstituteByDid(issuerDid);
    const actorToken = c.get('token');
    if (!institute || (actorToken?.instituteId && actorToken.instituteId !== institute.id)) {
      throw new ApiError('unprocessable', `the issuer ${issuerDid} is not hosted by this service`);
    }
    valueOr(await mayIssue(s.store, institute, s.clock()));
    const requested = opts.credentialStatus === undefined ? [] : Array.isArray(opts.credentialStatus) ? opts.credentialStatus : [opts.credentialStatus];
    const status = statusLayoutFor(credential, requested.map((r) => r.statusPurpose));
    const wantsJwt = opts.format === 'vc+jwt' || opts.format === 'application/vc+jwt';
    const toSign = opts.credentialId && credential.id === undefined ? { ...credential, id: opts.credentialId } : credential;
    // An id names one credential (a status change by the id must reach every copy, so there
    // must be one). Checked first to spare the signing; the store's unique index decides a race.
    const duplicate = () => new ApiError('conflict', `a credential with id ${String(toSign.id)} was issued before; give each credential its own id`);
    if (typeof toSign.id === 'string' && (await s.store.getCredentialByVcId(toSign.id))) throw duplicate();
    try {
      const issued = await issueAnyCredential(s.issuer, {
        credential: toSign,
        institute,
        issuerDid,
        cryptosuite: opts.cryptosuite ?? institute.cryptosuite,
        status,
        actor: actorToken ? `token:${actorToken.id}` : 'vc-api',
      });
      if (wantsJwt) {
        if (!issued.jwt) throw new ApiError('unprocessable', 'vc+jwt is defined for VC 2.0 credentials only');
        return c.json({ verifiableCredential: { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${issued.jwt}` } }, 201);
      }
      return c.json({ verifiableCredential: issued.credential }, 201);
    } catch (error) {
      if (error instanceof DuplicateCredentialIdError) throw duplicate();
      // An IssueError answers through the one mapping (src/http/domain-errors.ts), from the app's error handler.
      throw error;
    }
  });

  // Public verification is limited per client address, as POST /api/v1/verify is.
  const verifyLimit = rateLimit<Env>(s.limits.verify, (c) => `ip:${s.clientAddress?.(c) ?? 'unknown'}`);
  app.post('/credentials/verify', verifyLimit, limit(1024), async (c) => {
    const { verifiableCredential } = await readJsonBody(c, VerifyBody);
    const report = await verifyCredential(s.vcApiVerifier, { kind: 'credential', credential: verifiableCredential });
    countVerification(s.insight, 'vc-api', report);
    c.header('Cache-Control', 'no-store');
    return c.json(vcApiResult(report), report.verified ? 200 : 400);
  });

  app.post('/presentations/verify', verifyLimit, limit(2048), async (c) => {
    const { verifiablePresentation, options: opts = {} } = await readJsonBody(c, PresentationBody);
    const result = await verifyPresentation(s.vcApiVerifier, verifiablePresentation, { challenge: opts.challenge, domain: opts.domain });
    for (const report of result.credentials) countVerification(s.insight, 'vc-api', report);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        verified: result.verified,
        checks: result.checks.filter((k) => k.status === 'passed').map((k) => k.id),
        warnings: result.checks.filter((k) => k.status === 'skipped').map((k) => ({ id: k.id, message: k.message })),
        errors: result.checks.filter((k) => k.status === 'failed').map((k) => ({ id: k.id, message: k.message })),
        report: result,
      },
      result.verified ? 200 : 400,
    );
  });

  app.post('/credentials/status', limit(16), auth('revoke'), async (c) => {
    const body = await readJsonBody(c, StatusBody);
    const actorToken = c.get('token');
    const record = (await s.store.getCredentialByVcId(body.credentialId)) ?? (await s.store.getCredential(body.credentialId));
    if (!record || (actorToken?.instituteId && actorToken.instituteId !== record.instituteId)) {
      throw new ApiError('not_found', 'no credential with this id');
    }
    const entries = Array.isArray(body.credentialStatus) ? body.credentialStatus : [body.credentialStatus];
    const changeable = await changeablePurposes(s.store, record);
    for (const entry of entries) {
      const set = entry.status ?? body.status ?? true;
      const action: StatusAction = entry.statusPurpose === 'revocation' ? 'revoke' : set ? 'suspend' : 'reinstate';
      if (entry.statusPurpose === 'revocation' && !set) throw new ApiError('conflict', 'revocation is permanent and cannot be lifted');
      if (!changeable.has(entry.statusPurpose)) throw new ApiError('conflict', `the credential has no ${entry.statusPurpose} status entry`);
      const current = (await s.store.getCredential(record.id)) ?? record;
      valueOr(await changeStatus(s, current, action, null, actorToken ? `token:${actorToken.id}` : 'vc-api'));
    }
    const updated = (await s.store.getCredential(record.id)) ?? record;
    return c.json({ credentialId: body.credentialId, status: statusOf(updated) });
  });
  return app;
}
