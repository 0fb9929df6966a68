/*
 * Where the Worker's outbound fetches go in the Workers suite (Miniflare's outboundService,
 * run in the test runner's Node process): a webhook receiver at WORKER_TEST_HOOKS_HOST that
 * keeps what it is sent, and lists it for the tests (which reach it by fetch as well). Any
 * other host is fetched as it would be without this.
 */

export const WORKER_TEST_HOOKS_HOST = 'hooks.example.org';

interface Received { headers: Record<string, string>; body: string }
const received: Received[] = [];

export async function workerTestOutbound(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== WORKER_TEST_HOOKS_HOST) return fetch(request);
  if (request.method === 'POST' && url.pathname === '/receive') {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    received.push({ headers, body: await request.text() });
    return new Response('thanks');
  }
  if (request.method === 'GET' && url.pathname === '/received') return Response.json(received);
  if (request.method === 'DELETE' && url.pathname === '/received') {
    received.length = 0;
    return new Response(null, { status: 204 });
  }
  return new Response('not here', { status: 404 });
}
