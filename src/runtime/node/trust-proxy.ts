import { BlockList, isIP } from 'node:net';

/*
 * TRUST_PROXY: which hops in front of the service may say who the client is. Unset (the
 * default) trusts nobody: the client is the socket's peer and X-Forwarded-* are ignored, since
 * anyone can send them. Set it to
 *   - a hop count: `1` = one proxy (nginx on this machine) in front; its X-Forwarded-For entry
 *     is believed, nothing further left;
 *   - a list of addresses or CIDR ranges: `127.0.0.1,10.0.0.0/8`; hops from the socket
 *     inwards are believed while they are in the list (`loopback` = 127.0.0.0/8 and ::1).
 * The client is then the first address, from the right, that is not a trusted hop; the
 * protocol (https → Secure cookies) is what the nearest trusted hop says in X-Forwarded-Proto
 * or Forwarded proto=.
 */

export type TrustProxy = { hops: number } | { list: BlockList } | null;

export class TrustProxyError extends Error {}

export function parseTrustProxy(text: string | undefined): TrustProxy {
  if (text === undefined || text.trim() === '' || text.trim() === 'false') return null;
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 20) throw new TrustProxyError('TRUST_PROXY: a hop count must be 1 to 20');
    return { hops };
  }
  const list = new BlockList();
  for (const raw of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (raw === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address, bits, extra] = raw.split('/');
    const family = isIP(address ?? '');
    if (!family || extra !== undefined) throw new TrustProxyError(`TRUST_PROXY: "${raw}" is not an address, a CIDR range or "loopback"`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address as string, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new TrustProxyError(`TRUST_PROXY: "${raw}" has a bad prefix length`);
      list.addSubnet(address as string, prefix, type);
    }
  }
  return { list };
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; brackets and ports off (`[::1]:443`, `1.2.3.4:80`). */
export function normalizeAddress(raw: string): string {
  let a = raw.trim().replace(/^"|"$/g, '');
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracket) a = bracket[1] as string;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  return a;
}

/** The hops the request names, nearest last: X-Forwarded-For, else Forwarded's for= values. */
function forwardedChain(header: (name: string) => string | undefined): string[] {
  const xff = header('x-forwarded-for');
  if (xff) return xff.split(',').map(normalizeAddress).filter(Boolean);
  const forwarded = header('forwarded');
  if (!forwarded) return [];
  return forwarded.split(',').flatMap((element) => {
    const match = /(?:^|;)\s*for=("[^"]*"|[^;,\s]*)/i.exec(element);
    return match ? [normalizeAddress(match[1] as string)] : [];
  });
}

function forwardedProto(header: (name: string) => string | undefined): string | undefined {
  const xfp = header('x-forwarded-proto');
  if (xfp) return xfp.split(',').at(-1)?.trim().toLowerCase();
  const forwarded = header('forwarded');
  if (!forwarded) return undefined;
  const last = forwarded.split(',').at(-1) ?? '';
  return /(?:^|;)\s*proto=("?)([a-z]+)\1/i.exec(last)?.[2]?.toLowerCase();
}

const trusted = (trust: NonNullable<TrustProxy>, address: string, depth: number): boolean => {
  if ('hops' in trust) return depth < trust.hops;
  const family = isIP(address);
  return family !== 0 && trust.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/** The client's address and the protocol it used, as far as the trusted hops tell. */
export function clientOf(
  trust: TrustProxy,
  socketAddress: string,
  header: (name: string) => string | undefined,
): { address: string; https: boolean | null } {
  const socket = normalizeAddress(socketAddress);
  if (!trust || !trusted(trust, socket, 0)) return { address: socket, https: null };
  const chain = [socket, ...forwardedChain(header).reverse()];
  let at = 0;
  while (at + 1 < chain.length && trusted(trust, chain[at] as string, at)) at++;
  const proto = forwardedProto(header);
  return { address: chain[at] as string, https: proto === undefined ? null : proto === 'https' };
}
