import { readAllCapped, StreamTooLargeError } from '../crypto/streams.js';

/**
 * Fetching another issuer's documents (status lists now, DID documents later) without
 * becoming a way into the private network: https only, no private or loopback addresses
 * (unless configured, for tests), a timeout, a size cap, and redirects followed by hand so
 * each hop is checked again.
 */
export interface RemoteFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Allows http: and private/loopback hosts. For tests and closed networks only. */
  allowPrivate: boolean;
  /** Resolves a host name to its addresses, where the runtime can (Node); checked too. */
  resolveHost?: (host: string) => Promise<string[]>;
}

export interface RemoteResponse {
  url: string;
  contentType: string;
  body: string;
}

export type RemoteFetcher = (url: string, accept: string) => Promise<RemoteResponse>;

export class RemoteFetchError extends Error {
  constructor(
    readonly code: 'ERR_REMOTE_REFUSED' | 'ERR_REMOTE_FAILED' | 'ERR_REMOTE_TOO_LARGE' | 'ERR_REMOTE_TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

const MAX_REDIRECTS = 3;

/** True for loopback, private, link-local, CGNAT, unspecified and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a.startsWith('::ffff:') ? a.slice(7) : a);
  if (v4) {
    const [o1, o2] = [Number(v4[1]), Number(v4[2])];
    return (
      o1 === 0 || o1 === 10 || o1 === 127 || (o1 === 169 && o2 === 254) || (o1 === 172 && o2 >= 16 && o2 <= 31) ||
      (o1 === 192 && o2 === 168) || (o1 === 100 && o2 >= 64 && o2 <= 127) || (o1 === 192 && o2 === 0) || o1 >= 224
    );
  }
  if (a.includes(':')) {
    return a === '::' || a === '::1' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe8') ||
      a.startsWith('fe9') || a.startsWith('fea') || a.startsWith('feb') || a.startsWith('::ffff:') || a.startsWith('64:ff9b');
  }
  return false;
}

const INTERNAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home|corp)$/i;

/**
 * The URL, if it may be fetched under the options: https (http only where private hosts are
 * allowed), no credentials in it, not a private, loopback or internal host (nor a name that
 * resolves to one, where the runtime can resolve). Throws RemoteFetchError (ERR_REMOTE_REFUSED)
 * otherwise. Webhook endpoints are checked with it too.
 */
export async function checkRemoteUrl(raw: string, options: Pick<RemoteFetchOptions, 'allowPrivate' | 'resolveHost'>): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RemoteFetchError('ERR_REMOTE_REFUSED', `${raw} is not a URL`);
  }
  if (url.username || url.password) throw new RemoteFetchError('ERR_REMOTE_REFUSED', 'URLs with credentials are refused');
  if (url.protocol !== 'https:' && !(options.allowPrivate && url.protocol === 'http:')) {
    throw new RemoteFetchError('ERR_REMOTE_REFUSED', `only https URLs are fetched, not ${url.protocol}`);
  }
  if (options.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isPrivateAddress(host) || INTERNAL_NAMES.test(host) || !host.includes('.') && !host.includes(':')) {
    throw new RemoteFetchError('ERR_REMOTE_REFUSED', `${host} is a private or loopback address and is not fetched`);
  }
  if (options.resolveHost && !/^[\d.]+$/.test(host) && !host.includes(':')) {
    const addresses = await options.resolveHost(host).catch(() => {
      throw new RemoteFetchError('ERR_REMOTE_FAILED', `${host} does not resolve`);
    });
    if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
      throw new RemoteFetchError('ERR_REMOTE_REFUSED', `${host} resolves to a private or loopback address and is not fetched`);
    }
  }
  return url;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new RemoteFetchError('ERR_REMOTE_TOO_LARGE', `the response is larger than ${maxBytes} bytes`);
  if (!response.body) return '';
  try {
    return new TextDecoder().decode(await readAllCapped(response.body, maxBytes));
  } catch (error) {
    if (error instanceof StreamTooLargeError) throw new RemoteFetchError('ERR_REMOTE_TOO_LARGE', `the response is larger than ${maxBytes} bytes`);
    throw error;
  }
}

/** A RemoteFetcher over the platform's fetch, with the guards above. */
export function createRemoteFetcher(options: RemoteFetchOptions, fetchImpl: typeof fetch = fetch): RemoteFetcher {
  return async (raw, accept) => {
    let url = await checkRemoteUrl(raw, options);
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      for (let hop = 0; ; hop++) {
        const response = await fetchImpl(url.href, { headers: { accept }, redirect: 'manual', signal });
        if (response.status >= 300 && response.status < 400) {
          const location = response.headers.get('location');
          await response.body?.cancel();
          if (!location || hop >= MAX_REDIRECTS) throw new RemoteFetchError('ERR_REMOTE_FAILED', `too many or broken redirects from ${raw}`);
          url = await checkRemoteUrl(new URL(location, url).href, options);
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new RemoteFetchError('ERR_REMOTE_FAILED', `${url.href} answered HTTP ${response.status}`);
        }
        const body = await readCapped(response, options.maxBytes);
        return { url: url.href, contentType: response.headers.get('content-type') ?? '', body };
      }
    } catch (error) {
      if (error instanceof RemoteFetchError) throw error;
      if ((error as Error)?.name === 'TimeoutError' || signal.aborted) {
        throw new RemoteFetchError('ERR_REMOTE_TIMEOUT', `${url.href} did not answer within ${options.timeoutMs} ms`);
      }
      throw new RemoteFetchError('ERR_REMOTE_FAILED', `${url.href} could not be fetched`);
    }
  };
}
