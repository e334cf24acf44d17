import { SingleFlightCache, versionedKey } from './single-flight-cache';

/** A promise with its resolve/reject exposed, to hold a computation open. */
function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: Error): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlightCache', () => {
  it('gives concurrent callers of one key the same promise and computes once', async () => {
    const cache = new SingleFlightCache<number>(8);
    const gate = deferred<number>();
    const compute = jest.fn(() => gate.promise);
    const callers = Array.from({ length: 30 }, () => cache.get('k', compute));
    expect(new Set(callers).size).toBe(1);
    expect(cache.pending).toBe(1);
    gate.resolve(42);
    expect(await Promise.all(callers)).toEqual(Array(30).fill(42));
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toEqual({ hits: 0, joined: 29, computed: 1, failed: 0 });
  });

  it('answers later callers from the finished entry without computing again', async () => {
    const cache = new SingleFlightCache<string>(8);
    const compute = jest.fn(() => Promise.resolve('v'));
    await cache.get('k', compute);
    expect(await cache.get('k', compute)).toBe('v');
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.stats().hits).toBe(1);
  });

  it('computes different keys separately', async () => {
    const cache = new SingleFlightCache<string>(8);
    const values = await Promise.all([
      cache.get('a', () => Promise.resolve('A')),
      cache.get('b', () => Promise.resolve('B')),
    ]);
    expect(values).toEqual(['A', 'B']);
    expect(cache.stats().computed).toBe(2);
  });

  it('does not cache a failure: every waiter sees it, and the next caller computes again', async () => {
    const cache = new SingleFlightCache<number>(8);
    const gate = deferred<number>();
    const first = cache.get('k', () => gate.promise);
    const second = cache.get('k', () => Promise.resolve(0));
    gate.reject(new Error('scan failed'));
    await expect(first).rejects.toThrow('scan failed');
    await expect(second).rejects.toThrow('scan failed');
    expect(cache.size).toBe(0);
    expect(cache.pending).toBe(0);
    expect(await cache.get('k', () => Promise.resolve(7))).toBe(7);
    expect(cache.stats()).toMatchObject({ computed: 2, failed: 1 });
  });

  it('turns a compute function that throws synchronously into a rejected promise', async () => {
    const cache = new SingleFlightCache<number>(8);
    await expect(
      cache.get('k', () => {
        throw new Error('bad params');
      }),
    ).rejects.toThrow('bad params');
    expect(cache.pending).toBe(0);
  });

  it('keeps at most maxEntries results and evicts the least recently used', async () => {
    const cache = new SingleFlightCache<string>(2);
    const compute = jest.fn((v: string) => Promise.resolve(v));
    await cache.get('a', () => compute('a'));
    await cache.get('b', () => compute('b'));
    await cache.get('a', () => compute('a')); // a is now the most recent
    await cache.get('c', () => compute('c')); // evicts b
    expect(cache.size).toBe(2);
    await cache.get('a', () => compute('a'));
    await cache.get('b', () => compute('b'));
    expect(compute.mock.calls.map(([v]) => v)).toEqual(['a', 'b', 'c', 'b']);
  });

  it('with maxEntries 0 shares in-flight work but keeps nothing afterwards', async () => {
    const cache = new SingleFlightCache<number>(0);
    const compute = jest.fn(() => Promise.resolve(1));
    await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    await cache.get('k', compute);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('rejects a negative or fractional size', () => {
    expect(() => new SingleFlightCache(-1)).toThrow(RangeError);
    expect(() => new SingleFlightCache(1.5)).toThrow(RangeError);
  });
});

describe('versionedKey', () => {
  it('names the dataset and its version, so a new version is a new key', () => {
    expect(versionedKey('d1', 3)).toBe('d1@3');
    expect(versionedKey('d1', 4)).not.toBe(versionedKey('d1', 3));
  });

  it('is the same for the same params in any order and ignores undefined ones', () => {
    expect(versionedKey('d1', 3, { b: 2, a: 'x', c: undefined })).toBe(
      versionedKey('d1', 3, { a: 'x', b: 2 }),
    );
    expect(versionedKey('d1', 3, { a: 'x', b: 2 })).toBe('d1@3&a="x"&b=2');
  });

  it('keeps values apart that would collide as plain text', () => {
    expect(versionedKey('d', 1, { a: '1' })).not.toBe(versionedKey('d', 1, { a: 1 }));
    expect(versionedKey('d', 1, { a: 'x&b=1' })).not.toBe(versionedKey('d', 1, { a: 'x', b: 1 }));
    expect(versionedKey('d', 1, { a: null })).not.toBe(versionedKey('d', 1));
  });
});
