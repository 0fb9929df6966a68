import { describe, expect, it } from 'vitest';
import { Lru } from '../src/util/lru.js';

describe('the bounded caches (key ring, JSON-LD contexts and shapes)', () => {
  it('hold at most their size, dropping the least recently used first', () => {
    const lru = new Lru<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c'].entries()) lru.set(k, i);
    expect(lru.get('a')).toBe(0); // a is now the newest
    lru.set('d', 3);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([0, 2, 3]);
    for (let i = 0; i < 10_000; i++) lru.set(`did:example:${i}`, i);
    expect(['a', 'c', 'd'].map((k) => lru.get(k))).toEqual([undefined, undefined, undefined]);
    expect(lru.get('did:example:9999')).toBe(9999);
    lru.deleteWhere((k) => k.endsWith('9999'));
    expect(lru.get('did:example:9999')).toBeUndefined();
    expect(lru.get('did:example:9998')).toBe(9998);
  });
});
