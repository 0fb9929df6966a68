/*
 * The Node server and the local Worker side by side, over loopback: each issues a credential
 * that the other verifies, then both verify their own credentials in a timed loop.
 *
 *   NODE_URL=http://127.0.0.1:8787 WORKER_URL=http://127.0.0.1:8788 ADMIN_TOKEN=… npx tsx bench/cross-runtime.ts
 *
 * Both must hold the same institute key (the Worker's INSTITUTE_PRIVATE_JWK is the Node
 * server's KEYS_DIR/default-institute.private.jwk.json) and allow fetching each other's status
 * lists (REMOTE_FETCH_ALLOW_PRIVATE=true on both). Credentials cross under the shared did:key:
 * a did:web names one service, and neither resolves the other's did:web yet.
 */
const nodeUrl = process.env.NODE_URL ?? 'http://127.0.0.1:8787';
const workerUrl = process.env.WORKER_URL ?? 'http://127.0.0.1:8788';
const token = process.env.ADMIN_TOKEN ?? '';
const rounds = Number(process.env.ROUNDS ?? 200);

const post = async (base: string, path: string, body: unknown, auth = false) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};

async function didKeyOf(base: string): Promise<string> {
  const doc = (await (await fetch(`${base}/.well-known/did.json`)).json()) as { verificationMethod: Array<{ publicKeyMultibase: string }> };
  return `did:key:${doc.verificationMethod[0]?.publicKeyMultibase}`;
}

const validFrom = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

async function issueUnderDidKey(base: string, didKey: string) {
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential'],
    issuer: didKey,
    validFrom: validFrom(),
    credentialSubject: { id: 'did:example:learner', name: 'Sok Dara' },
  };
  const res = await post(base, '/credentials/issue', { credential, options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } } }, true);
  if (res.status !== 201) throw new Error(`issue on ${base} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.verifiableCredential as Record<string, unknown>;
}

const summary = (report: { verified: boolean; checks: Array<{ id: string; status: string; message: string }> }) =>
  `${report.verified ? 'VERIFIED' : 'NOT VERIFIED'}: ${report.checks.map((c) => `${c.id}=${c.status}`).join(', ')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function timeVerify(base: string, body: unknown) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const res = await post(base, '/api/v1/verify', body);
    times.push(performance.now() - t);
    if (!res.body.verified) throw new Error(`verification on ${base} failed: ${summary(res.body)}`);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const [nodeKey, workerKey] = await Promise.all([didKeyOf(nodeUrl), didKeyOf(workerUrl)]);
  console.log(`Node   institute did:key ${nodeKey}`);
  console.log(`Worker institute did:key ${workerKey}${nodeKey === workerKey ? ' (the same key)' : ' (DIFFERENT keys)'}`);

  const fromWorker = await issueUnderDidKey(workerUrl, workerKey);
  const fromNode = await issueUnderDidKey(nodeUrl, nodeKey);
  console.log(`Issued on the Worker, verified on Node:   ${summary((await post(nodeUrl, '/api/v1/verify', { credential: fromWorker })).body)}`);
  console.log(`Issued on Node, verified on the Worker:   ${summary((await post(workerUrl, '/api/v1/verify', { credential: fromNode })).body)}`);

  for (const [name, base] of [['Node server', nodeUrl], ['local Worker', workerUrl]] as const) {
    const issued = await post(base, '/api/v1/credentials', {
      learner: { name: 'Sok Dara', email: 'dara@example.com' },
      achievement: { name: 'Electrical Installation', description: 'Installs low-voltage wiring.', criteria: 'Passed the assessment.' },
      validFrom: validFrom(),
    }, true);
    if (issued.status !== 201) throw new Error(`issue on ${base} failed: ${issued.status} ${JSON.stringify(issued.body)}`);
    await post(base, '/api/v1/verify', { credential: issued.body.credential }); // warm-up
    const di = await timeVerify(base, { credential: issued.body.credential });
    const jwt = await timeVerify(base, { jwt: issued.body.jwt });
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log(`${name.padEnd(12)} ${rounds} sequential POST /api/v1/verify: eddsa-rdfc-2022 median ${ms(di.median)}, p95 ${ms(di.p95)}; vc+jwt median ${ms(jwt.median)}, p95 ${ms(jwt.p95)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
