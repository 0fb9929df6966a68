import { beforeAll, describe, expect, it } from 'vitest';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { loadSigningKey } from '../src/issuer/keys.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { OTHER_KEY, issue, makeTestApp, verifyBody, type IssueResponse, type TestContext } from './helpers.js';

type Json = Record<string, any>;
type Check = { id: string; status: string; message: string };

const checkOf = (body: { checks: Check[] }, id: string) => body.checks.find((c) => c.id === id);

/** Replaces the character at `index` (negative counts from the end) with `to`. */
function oneCharOff(value: string, index: number, to: string): string {
  const i = index < 0 ? value.length + index : index;
  const changed = value.slice(0, i) + to + value.slice(i + 1);
  if (changed === value || changed.length !== value.length) throw new Error('not a one-character change');
  return changed;
}

const SIGNED_FIELDS: Array<[string, (c: Json) => void]> = [
  ['the learner name', (c) => { c.credentialSubject.name = oneCharOff(c.credentialSubject.name, -1, 'b'); }],
  ['the learner Khmer name', (c) => { const k = c.credentialSubject.identifier.at(-1); k.identityHash = oneCharOff(k.identityHash, 0, 'ហ'); }],
  ['the Khmer achievement name', (c) => { const r = c.credentialSubject.achievement.related[0]; r.name['@value'] = oneCharOff(r.name['@value'], 0, 'ហ'); }],
  ['the institute Khmer name', (c) => { const k = c.issuer.otherIdentifier[0]; k.identifier = oneCharOff(k.identifier, 0, 'ហ'); }],
  ['the achievement name', (c) => { c.credentialSubject.achievement.name = oneCharOff(c.credentialSubject.achievement.name, 0, 'F'); }],
  ['the issuer name', (c) => { c.issuer.name = oneCharOff(c.issuer.name, -1, 'f'); }],
  ['validFrom', (c) => { c.validFrom = oneCharOff(c.validFrom, 9, '4'); }],
  ['an alignment targetCode', (c) => { c.credentialSubject.achievement.alignment[0].targetCode = oneCharOff(c.credentialSubject.achievement.alignment[0].targetCode, -1, '2'); }],
  ['the proof created', (c) => { c.proof[0].created = oneCharOff(c.proof[0].created, -2, '1'); }],
];

describe('a Data Integrity credential changed after signing fails the proof check', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
  });

  it('the untouched credential verifies (control)', async () => {
    const { body } = await verifyBody(ctx, { credential: issued.credential });
    expect(body.verified).toBe(true);
  });

  it.each(SIGNED_FIELDS)('one changed character in %s fails the proof check', async (_field, tamper) => {
    const credential = structuredClone(issued.credential) as Json;
    tamper(credential);
    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'format')?.status).toBe('passed');
    expect(checkOf(body, 'issuer')?.status).toBe('passed');
    expect(checkOf(body, 'proof')?.status).toBe('failed');
  });

  it('one changed character in the proofValue fails the proof check', async () => {
    const credential = structuredClone(issued.credential) as Json;
    const value: string = credential.proof[0].proofValue;
    credential.proof[0].proofValue = oneCharOff(value, 10, value[10] === 'A' ? 'B' : 'A');
    const { body } = await verifyBody(ctx, { credential });
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'proof')?.status).toBe('failed');
  });

  it('a proof by another key under the issuer verification method fails the proof check', async () => {
    const { proof, ...unsecured } = structuredClone(issued.credential) as Json;
    const attacker = await loadSigningKey(OTHER_KEY, ctx.institute.did, nodeCryptoProvider);
    const forged = await addDataIntegrityProof(unsecured, { ...attacker, id: ctx.key.id }, proof[0].created, nodeCryptoProvider);
    expect(forged.proof.verificationMethod).toBe(ctx.key.id);
    const { body } = await verifyBody(ctx, { credential: forged });
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'proof')?.status).toBe('failed');
  });

  it('a removed proof fails the proof check', async () => {
    const { proof: _proof, ...unsecured } = structuredClone(issued.credential) as Json;
    const { body } = await verifyBody(ctx, { credential: unsecured });
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'proof')?.status).toBe('failed');
  });

  it('an added property no context defines gives verified:false through a failed proof check, not a 5xx', async () => {
    const credential = structuredClone(issued.credential) as Json;
    credential.credentialSubject.nmae = 'Sok Dara';
    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    const proof = checkOf(body, 'proof');
    expect(proof?.status).toBe('failed');
    expect(proof?.message).toContain('"nmae"');
  });

  it('an added top-level property no context defines gives verified:false, not a 5xx', async () => {
    const credential = { ...structuredClone(issued.credential), grade: 'A' };
    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'proof')?.message).toContain('"grade"');
  });

  it('an added context URL this service does not ship gives verified:false, not a 5xx (and is never fetched)', async () => {
    const credential = structuredClone(issued.credential) as Json;
    credential['@context'] = [...credential['@context'], 'https://attacker.example/context.json'];
    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'proof')?.status).toBe('failed');
  });
});

describe('a vc+jwt changed after signing fails the proof check', () => {
  it('one changed character in the payload segment (re-encoded) fails the proof check', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const [header, payload, signature] = issued.jwt.split('.') as [string, string, string];
    const json = Buffer.from(payload, 'base64url').toString('utf8');
    const altered = json.replace('"Sok Dara"', '"Sok Darb"');
    expect(altered).not.toBe(json);
    expect(altered.length).toBe(json.length);
    const jwt = `${header}.${Buffer.from(altered, 'utf8').toString('base64url')}.${signature}`;

    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(body.format).toBe('vc+jwt');
    expect(checkOf(body, 'issuer')?.status).toBe('passed');
    expect(checkOf(body, 'proof')?.status).toBe('failed');
  });

  it('a payload that is not base64url JSON fails the format check, not a 5xx', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const [header, , signature] = issued.jwt.split('.') as [string, string, string];
    const { status, body } = await verifyBody(ctx, { jwt: `${header}.${Buffer.from('not json').toString('base64url')}.${signature}` });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(checkOf(body, 'format')?.status).toBe('failed');
  });
});
