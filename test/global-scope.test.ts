import { afterEach, describe, expect, it, vi } from 'vitest';

/*
 * workerd refuses random values, timers and I/O in a Worker's global scope: a module that
 * does any of them at import stops the deployed Worker from starting. test/worker-dev.test.ts
 * proves the real bundle starts; this is the quick check of the same rule, in Node.
 */

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importing the Worker draws no random values and starts no timers or I/O', () => {
  it('imports src/runtime/workers/worker.ts (and every module it pulls in) without random values, timers or fetch', async () => {
    const random = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const uuid = vi.spyOn(globalThis.crypto, 'randomUUID');
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const interval = vi.spyOn(globalThis, 'setInterval');
    const fetched = vi.spyOn(globalThis, 'fetch');
    const worker = await import('../src/runtime/workers/worker.js');
    expect(typeof worker.default.fetch).toBe('function');
    expect(random).not.toHaveBeenCalled();
    expect(uuid).not.toHaveBeenCalled();
    expect(timeout).not.toHaveBeenCalled();
    expect(interval).not.toHaveBeenCalled();
    expect(fetched).not.toHaveBeenCalled();
  });

  it('a canonizer draws its random marker on first use, not when it is created', async () => {
    const { createRdfcCanonizer } = await import('../src/jsonld/rdfc.js');
    const { staticDocumentLoader } = await import('../src/jsonld/contexts.js');
    const random = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const canonizer = createRdfcCanonizer(staticDocumentLoader);
    expect(random).not.toHaveBeenCalled();
    const doc = { '@context': { name: 'https://schema.org/name' }, name: 'Sok Dara' };
    await canonizer.canonize(doc);
    await canonizer.canonize(doc);
    expect(random).toHaveBeenCalled();
  });
});
