import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase58, toBase64url, utf8 } from '../../src/crypto/encoding.js';
import canonicalize from 'canonicalize';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_PUBLIC_URL } from './secrets.js';

/*
 * Inside workerd, the verifier reads what others sign with ECDSA: an ES384 vc+jwt and an
 * ecdsa-jcs-2019 P-384 credential (SHA-384 hash data), both signed here with Web Crypto by a
 * did:key made in the test. It proves @noble/curves loads lazily and verifies in the Worker,
 * and that SHA-384 runs there. (The JSON-LD processor cannot be loaded into a test module
 * inside workerd, only into the Worker's bundle, so the RDFC-1.0 suites are tested in Node.)
 */

type Json = Record<string, any>;
const V2 = 'https://www.w3.org/ns/credentials/v2';
const P384 = { name: 'ECDSA', namedCurve: 'P-384' } as const;

async function p384DidKey() {
  const keys = (await crypto.subtle.generateKey(P384, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', keys.publicKey)) as ArrayBuffer);
  const compressed = new Uint8Array([(raw[96] as number) & 1 ? 3 : 2, ...raw.slice(1, 49)]);
  const mk = `z${toBase58(new Uint8Array([0x81, 0x24, ...compressed]))}`;
  return { did: `did:key:${mk}`, vm: `did:key:${mk}#${mk}`, privateKey: keys.privateKey };
}

const sign = async (key: CryptoKey, data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, key, data as BufferSource));

const verifyVc = async (verifiableCredential: unknown) => {
  const res = await SELF.fetch(`${WORKER_TEST_PUBLIC_URL}/credentials/verify`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

const credential = (issuer: string): Json => ({
  '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:5f1b4a0c-4a8e-4f0b-9d51-3c6a2f9e7b10',
  type: ['VerifiableCredential'],
  issuer,
  credentialSubject: { name: 'Sok Dara', degree: { type: 'ExampleBachelorDegree', name: 'Electrical Installation' }, alumniOf: { name: 'Instituto Técnico' } },
});

beforeAll(async () => {
  await emptyDatabase(env.DB);
});

describe('the Worker verifies ECDSA P-384 from another issuer', () => {
  let signer: Awaited<ReturnType<typeof p384DidKey>>;
  beforeAll(async () => {
    signer = await p384DidKey();
  });

  it('an ES384 vc+jwt, enveloped (200), and altered (400)', async () => {
    const header = toBase64url(utf8(JSON.stringify({ alg: 'ES384', kid: signer.vm, typ: 'vc+jwt' })));
    const payload = toBase64url(utf8(JSON.stringify(credential(signer.did))));
    const jwt = `${header}.${payload}.${toBase64url(await sign(signer.privateKey, utf8(`${header}.${payload}`)))}`;
    const envelope = (j: string) => ({ '@context': V2, type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${j}` });
    const ok = await verifyVc(envelope(jwt));
    expect(ok.body.errors).toEqual([]);
    expect(ok.status).toBe(200);
    const other = toBase64url(utf8(JSON.stringify({ ...credential(signer.did), name: 'changed' })));
    expect((await verifyVc(envelope(`${header}.${other}.${jwt.split('.')[2]}`))).status).toBe(400);
  });

  it('an ecdsa-jcs-2019 credential, hashed with SHA-384 (200), and altered (400)', async () => {
    const unsecured = credential(signer.did);
    const options = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-jcs-2019', created: '2026-02-20T08:00:00Z', verificationMethod: signer.vm, proofPurpose: 'assertionMethod' };
    const sha384 = async (value: unknown) => new Uint8Array(await crypto.subtle.digest('SHA-384', utf8(canonicalize(value) as string) as BufferSource));
    const hashData = new Uint8Array([...(await sha384({ ...options, '@context': unsecured['@context'] })), ...(await sha384(unsecured))]);
    const signed: Json = { ...unsecured, proof: { ...options, proofValue: `z${toBase58(await sign(signer.privateKey, hashData))}` } };
    const ok = await verifyVc(signed);
    expect(ok.body.errors).toEqual([]);
    expect(ok.status).toBe(200);
    expect((await verifyVc({ ...signed, credentialSubject: { ...signed.credentialSubject, name: 'Sok Darb' } })).status).toBe(400);
  });
});
