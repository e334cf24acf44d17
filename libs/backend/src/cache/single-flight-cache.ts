/**
 * A bounded, least-recently-used cache of promise results that shares one in-flight computation
 * per key (single-flight). Pure: no framework, no clock. Callers that ask for a key while its
 * computation runs get the same promise; a computation that fails is forgotten, so the next
 * caller tries again. Keys from `versionedKey` contain the dataset version, so a new upload
 * (which bumps the version) makes old entries unreachable and they age out of the LRU.
 */

/** A parameter value that can be part of a cache key. */
export type KeyPart = string | number | boolean | null | undefined;

/**
 * `datasetId@version` followed by the defined params in key order: the same params in any
 * order give the same key, and an undefined param is the same as an absent one.
 */
export function versionedKey(
  datasetId: string,
  version: number,
  params: Readonly<Record<string, KeyPart>> = {},
): string {
  const parts = Object.keys(params)
    .filter((k) => params[k] !== undefined)
    .sort()
    .map((k) => `${k}=${JSON.stringify(params[k])}`);
  return [`${datasetId}@${version}`, ...parts].join('&');
}

export interface SingleFlightStats {
  /** Answered from a finished entry. */
  hits: number;
  /** Joined a computation already in flight. */
  joined: number;
  /** Computations started. */
  computed: number;
  /** Computations that failed (and were not cached). */
  failed: number;
}

export class SingleFlightCache<V> {
  private readonly done = new Map<string, V>();
  private readonly inFlight = new Map<string, Promise<V>>();
  private readonly counts: SingleFlightStats = { hits: 0, joined: 0, computed: 0, failed: 0 };

  /** @param maxEntries finished results kept (0: share in-flight computations, keep nothing) */
  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(`maxEntries must be a non-negative integer, got ${maxEntries}`);
    }
  }

  /** The cached value of `key`, the promise of its running computation, or a new computation. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    if (this.done.has(key)) {
      const value = this.done.get(key) as V;
      // Re-insert: Map iteration order is insertion order, so the first key is the least recent.
      this.done.delete(key);
      this.done.set(key, value);
      this.counts.hits += 1;
      return Promise.resolve(value);
    }
    const running = this.inFlight.get(key);
    if (running) {
      this.counts.joined += 1;
      return running;
    }
    this.counts.computed += 1;
    let started: Promise<V>;
    try {
      started = compute();
    } catch (error) {
      started = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const shared = started.then(
      (value) => {
        this.inFlight.delete(key);
        this.remember(key, value);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        this.counts.failed += 1;
        throw error;
      },
    );
    this.inFlight.set(key, shared);
    return shared;
  }

  /** Finished entries kept. */
  get size(): number {
    return this.done.size;
  }

  /** Computations running now. */
  get pending(): number {
    return this.inFlight.size;
  }

  stats(): SingleFlightStats {
    return { ...this.counts };
  }

  private remember(key: string, value: V): void {
    if (this.maxEntries === 0) return;
    this.done.delete(key);
    this.done.set(key, value);
    while (this.done.size > this.maxEntries) {
      const oldest = this.done.keys().next().value;
      if (oldest === undefined) break;
      this.done.delete(oldest);
    }
  }
}
