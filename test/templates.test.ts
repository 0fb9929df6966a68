import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers.js';
import { createTemplate, electricalTemplate } from './cohort-helpers.js';
import { call, createInstitute, createKey, type Json } from './tenants.js';

describe('achievement templates', () => {
  it('creates a template as version 1 and reads it back, Khmer text unchanged', async () => {
    const ctx = await makeTestApp();
    const created = await createTemplate(ctx);
    expect(created).toMatchObject({ code: 'ELC-L2', version: 1, nameKm: 'ការដំឡើងអគ្គិសនី', validityMonths: 60 });
    const read = await call(ctx, 'GET', '/api/v1/templates/ELC-L2');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);
    const list = await call(ctx, 'GET', '/api/v1/templates');
    expect(list.body.templates.map((t: Json) => t.code)).toEqual(['ELC-L2']);
  });

  it('refuses a second template with the same code (409 conflict)', async () => {
    const ctx = await makeTestApp();
    await createTemplate(ctx);
    const res = await call(ctx, 'POST', '/api/v1/templates', { body: electricalTemplate() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('an edit is a new version; the old version stays readable', async () => {
    const ctx = await makeTestApp();
    await createTemplate(ctx);
    const edited = await call(ctx, 'PUT', '/api/v1/templates/ELC-L2', { body: electricalTemplate({ code: undefined, hours: 640 }) });
    expect(edited.status, JSON.stringify(edited.body)).toBe(201);
    expect(edited.body).toMatchObject({ code: 'ELC-L2', version: 2, hours: 640 });
    const again = await call(ctx, 'POST', '/api/v1/templates/ELC-L2/versions', { body: electricalTemplate({ hours: 700 }) });
    expect(again.body.version).toBe(3);
    expect((await call(ctx, 'GET', '/api/v1/templates/ELC-L2')).body.hours).toBe(700);
    expect((await call(ctx, 'GET', '/api/v1/templates/ELC-L2?version=1')).body.hours).toBe(600);
  });

  it('refuses an edit that changes the code, or of an unknown template', async () => {
    const ctx = await makeTestApp();
    await createTemplate(ctx);
    expect((await call(ctx, 'PUT', '/api/v1/templates/ELC-L2', { body: electricalTemplate({ code: 'OTHER' }) })).status).toBe(400);
    expect((await call(ctx, 'PUT', '/api/v1/templates/NOPE', { body: electricalTemplate({ code: undefined }) })).status).toBe(404);
  });

  it('validates the body: unknown fields and bad types are refused', async () => {
    const ctx = await makeTestApp();
    const unknown = await call(ctx, 'POST', '/api/v1/templates', { body: electricalTemplate({ colour: 'red' }) });
    expect(unknown.body.error.code).toBe('unknown_field');
    const bad = await call(ctx, 'POST', '/api/v1/templates', { body: electricalTemplate({ validityMonths: -1 }) });
    expect(bad.status).toBe(400);
  });
});

describe('templates belong to one institute', () => {
  it("another institute's templates are not found, and never listed", async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    await createInstitute(ctx, 'beta');
    const alphaAdmin = await createKey(ctx, 'alpha', ['admin']);
    const betaAdmin = await createKey(ctx, 'beta', ['admin']);
    await createTemplate(ctx, electricalTemplate(), alphaAdmin.key);
    expect((await call(ctx, 'GET', '/api/v1/templates/ELC-L2', { token: betaAdmin.key })).status).toBe(404);
    expect((await call(ctx, 'GET', '/api/v1/templates', { token: betaAdmin.key })).body.templates).toEqual([]);
    expect((await call(ctx, 'PUT', '/api/v1/templates/ELC-L2', { token: betaAdmin.key, body: electricalTemplate() })).status).toBe(404);
    // beta may define its own ELC-L2
    await createTemplate(ctx, electricalTemplate({ name: 'Beta Electrical' }), betaAdmin.key);
    expect((await call(ctx, 'GET', '/api/v1/templates/ELC-L2', { token: alphaAdmin.key })).body.name).toBe('Electrical Installation');
  });

  it('an issue key reads templates but cannot edit them', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const admin = await createKey(ctx, 'alpha', ['admin']);
    const issuer = await createKey(ctx, 'alpha', ['issue']);
    await createTemplate(ctx, electricalTemplate(), admin.key);
    expect((await call(ctx, 'GET', '/api/v1/templates/ELC-L2', { token: issuer.key })).status).toBe(200);
    const res = await call(ctx, 'POST', '/api/v1/templates', { token: issuer.key, body: electricalTemplate({ code: 'X-1' }) });
    expect(res.status).toBe(403);
    const revokeOnly = await createKey(ctx, 'alpha', ['revoke']);
    expect((await call(ctx, 'GET', '/api/v1/templates', { token: revokeOnly.key })).status).toBe(403);
  });
});
