import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { TemplateBodySchema, TemplateEditSchema, type TemplateBody } from '../schemas/template.js';
import type { TemplateRecord } from '../store/port.js';
import type { ApiToken, Institute } from '../store/port.js';
import { tokenInstitute } from '../domain/tenancy.js';
import { valueOr } from './domain-errors.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { jsonBodyLimit, readJsonBody } from './body.js';
import { ApiError } from './errors.js';

/** The API's view of a template version. */
export const templateView = (t: TemplateRecord) => ({
  ...(JSON.parse(t.json) as TemplateBody), code: t.code, version: t.version, createdAt: t.createdAt, createdBy: t.createdBy,
});

/** Achievement templates: `admin` creates and edits (each edit a new version), `issue` reads. */
export function templateRoutes(s: Services): Hono<AppEnv & { Variables: AuthVariables }> {
  const app = new Hono<AppEnv & { Variables: AuthVariables }>();
  const auth = requireToken(s.store, s.crypto, s.clock);
  const institute = (c: { get(k: 'token'): ApiToken; req: { query(k: string): string | undefined } }) =>
    tokenInstitute(s.store, c.get('token'), c.req.query('institute')).then(valueOr);

  const save = async (inst: Institute, body: TemplateBody, version: number, actor: string) => {
    const record: TemplateRecord = {
      instituteId: inst.id, code: body.code, version, json: JSON.stringify(body), createdAt: toDateTimeStamp(s.clock()), createdBy: actor,
    };
    try {
      await s.store.saveTemplateVersion(record, {
        at: record.createdAt, actor, instituteId: inst.id, action: version === 1 ? 'template.create' : 'template.version',
        target: `${inst.slug}/${body.code}`, details: { version },
      });
    } catch (error) {
      if (/UNIQUE|PRIMARY KEY/i.test(String((error as Error)?.message))) throw new ApiError('conflict', 'this template was changed meanwhile; fetch it and try again');
      throw error;
    }
    return record;
  };

  const limit = jsonBodyLimit(64);
  app.post('/api/v1/templates', limit, auth, requireScope('admin'), async (c) => {
    const body = await readJsonBody(c, TemplateBodySchema);
    const inst = await institute(c);
    if (await s.store.getTemplate(inst.id, body.code)) throw new ApiError('conflict', `template ${body.code} exists; PUT /api/v1/templates/${body.code} makes a new version`);
    const record = await save(inst, body, 1, `token:${c.get('token').id}`);
    c.header('Location', `${s.publicUrl}/api/v1/templates/${encodeURIComponent(record.code)}`);
    return c.json(templateView(record), 201);
  });

  const newVersion = async (c: Context<AppEnv & { Variables: AuthVariables }>) => {
    const edit = await readJsonBody(c, TemplateEditSchema);
    const code = c.req.param('code') ?? '';
    if (edit.code !== undefined && edit.code !== code) throw new ApiError('invalid_request', 'code: a template keeps its code; create a new template instead');
    const inst = await institute(c);
    const current = await s.store.getTemplate(inst.id, code);
    if (!current) throw new ApiError('not_found', 'no template with this code');
    const record = await save(inst, { ...edit, code }, current.version + 1, `token:${c.get('token').id}`);
    return c.json(templateView(record), 201);
  };
  app.put('/api/v1/templates/:code', limit, auth, requireScope('admin'), newVersion);
  app.post('/api/v1/templates/:code/versions', limit, auth, requireScope('admin'), newVersion);

  app.get('/api/v1/templates', auth, requireScope('issue'), async (c) => {
    const inst = await institute(c);
    return c.json({ templates: (await s.store.listTemplates(inst.id)).map(templateView) });
  });

  app.get('/api/v1/templates/:code', auth, requireScope('issue'), async (c) => {
    const inst = await institute(c);
    const raw = c.req.query('version');
    const version = raw === undefined ? undefined : Number(raw);
    if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new ApiError('invalid_request', 'version: must be a positive integer');
    const record = await s.store.getTemplate(inst.id, c.req.param('code'), version);
    if (!record) throw new ApiError('not_found', 'no template with this code');
    return c.json(templateView(record));
  });
  return app;
}
