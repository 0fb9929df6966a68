import { staticDocumentLoader } from '../src/jsonld/contexts.js';
import type { TestContext } from './helpers.js';

type Json = Record<string, any>;

/** The app's own answer for a URL of its PUBLIC_URL (a status list, a DID document), as JSON. */
export async function served(ctx: TestContext, url: string, accept = 'application/json'): Promise<{ status: number; body: string; type: string }> {
  const u = new URL(url);
  const res = await ctx.app.request(`${u.pathname}${u.search}`, { headers: { Accept: accept } });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** did:web:host%3Aport[:path] → the URL of its DID document. */
export function didWebUrl(did: string, scheme = 'http'): string {
  const [, , host = '', ...path] = did.split(':');
  return path.length ? `${scheme}://${decodeURIComponent(host)}/${path.map(decodeURIComponent).join('/')}/did.json` : `${scheme}://${decodeURIComponent(host)}/.well-known/did.json`;
}

/**
 * A document loader for Digital Bazaar's libraries that never touches the network: the
 * bundled contexts, and what the test app publishes (status lists, did:web documents and their
 * verification methods), read from the app in process.
 */
export function appDocumentLoader(ctx: TestContext) {
  return async (url: string) => {
    if (url.startsWith('did:web:')) {
      const [did = '', fragment] = url.split('#');
      const doc = JSON.parse((await served(ctx, didWebUrl(did))).body) as Json;
      if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: doc };
      const method = (doc.verificationMethod as Json[]).find((m) => m.id === url);
      if (!method) throw new Error(`no verification method ${url}`);
      return { contextUrl: null, documentUrl: url, document: { '@context': doc['@context'], ...method } };
    }
    if (url.startsWith(ctx.deps.publicUrl)) {
      const { status, body } = await served(ctx, url);
      if (status !== 200) throw new Error(`${url} answered ${status}`);
      return { contextUrl: null, documentUrl: url, document: JSON.parse(body) as Json };
    }
    return staticDocumentLoader(url);
  };
}
