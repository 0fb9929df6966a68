import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';

/*
 * The Node server binds its socket before it opens the database: a port in use or a HOST that
 * does not resolve used to crash with a stack trace after start-up had already written to the
 * database (once, the issuer DID of the PORT that failed). Requests that arrive while the
 * service is still starting wait for it.
 */

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/** The socket could not be bound; the message is one line saying what to change. */
export class ListenError extends Error {
  readonly code = 'ERR_LISTEN';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** One line for an error of listen(): what is wrong, in the terms of the variables to change. */
export function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (is skillcert already running?); stop that process or set PORT to a free port`;
    case 'EACCES':
      return `this user may not listen on port ${port}; set PORT to 1024 or above`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `HOST ${host} does not resolve to an address; set HOST to an address of this machine (0.0.0.0 for all, 127.0.0.1 for this machine only)`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine; set HOST to one (0.0.0.0 for all, 127.0.0.1 for this machine only)`;
    default:
      return `cannot listen on ${host}:${port}: ${error.code ?? error.message}`;
  }
}

/**
 * Listens on `host:port` with a handler that waits for `app` (the service, still starting).
 * Resolves once bound; rejects with a {@link ListenError} when the socket cannot be bound.
 */
export function listenFirst(
  options: { host: string; port: number; tls?: { key: Buffer; cert: Buffer } },
  app: Promise<{ fetch: Fetch }>,
): Promise<ServerType> {
  // A start that fails rejects `app` and exits; until then nothing may treat it as unhandled.
  app.catch(() => undefined);
  const fetch: Fetch = async (request, env) => (await app).fetch(request, env);
  const server = options.tls
    ? createAdaptorServer({ fetch, createServer: createHttpsServer, serverOptions: options.tls })
    : createAdaptorServer({ fetch });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ListenError(describeListenError(error, options.host, options.port))));
    server.listen(options.port, options.host, () => resolve(server));
  });
}
