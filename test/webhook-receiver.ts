import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A webhook receiver on loopback, as an integrator would write one: it verifies each request
 * with the standardwebhooks library's own verifier and keeps what arrived. `mode` sets how it
 * answers: 200, a 500, a redirect, or never (hang).
 */
export interface Received {
  id: string;
  type: string;
  data: Record<string, any>;
  headers: IncomingHttpHeaders;
  /** Whether the library verified the signature with the secret(s) the test gave. */
  verified: boolean;
}

export type Mode = 'ok' | 'fail' | 'redirect' | 'hang';

export interface Receiver {
  url: string;
  port: number;
  mode: Mode;
  secrets: string[];
  received: Received[];
  /** Resolves once `n` requests (of any outcome) have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  /** Listens again on the same port (after close). */
  reopen(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  let server: Server;
  const hanging = new Set<() => void>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const receiver: Receiver = {
    url: '', port: 0, mode: 'ok', secrets: [], received: [],
    waitFor(n, timeoutMs = 5000) {
      if (receiver.received.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${receiver.received.length} of ${n} webhook requests arrived`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async close() {
      for (const end of hanging) end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async reopen() {
      await listen(receiver.port);
    },
  };
  const listen = (p: number) => new Promise<void>((resolve) => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h] ?? '')]));
        const verified = receiver.secrets.length > 0 && receiver.secrets.every((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch {
            return false;
          }
        });
        const parsed = JSON.parse(body) as { type: string; data: Record<string, any> };
        receiver.received.push({ id: headers['webhook-id'] as string, type: parsed.type, data: parsed.data, headers: req.headers, verified });
        for (const w of waiters.filter((x) => receiver.received.length >= x.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        if (receiver.mode === 'hang') {
          hanging.add(() => res.destroy());
          return;
        }
        if (receiver.mode === 'redirect') {
          res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
          return;
        }
        const status = receiver.mode === 'fail' ? 500 : 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : 'receiver is broken today');
      });
    });
    server.listen(p, '127.0.0.1', () => {
      receiver.port = (server.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
      resolve();
    });
  });
  await listen(port);
  return receiver;
}
