/**
 * Bounded, deterministic, mergeable journey samples: keep the k journeys with the smallest hash
 * of their reference (ties by key, then start). The k smallest of a union are the k smallest of
 * the parts' k smallest, so merging samples equals sampling everything at once.
 */
import type { JourneyRef } from '../insights-types';

export interface Sample extends JourneyRef {
  hash: number;
}

/** FNV-1a, 32 bits, over the key, service and start of a journey. */
export function journeyHash(key: string, service: string | undefined, start: number): number {
  const text = `${key}\u0000${service ?? ''}\u0000${start}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function compareSamples(a: Sample, b: Sample): number {
  if (a.hash !== b.hash) return a.hash - b.hash;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  const sa = a.service ?? '';
  const sb = b.service ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.start - b.start;
}

/** Whether a journey with this hash could enter the sample (cheap check before building it). */
export function mightEnter(samples: readonly Sample[], hash: number, k: number): boolean {
  if (k <= 0) return false;
  return samples.length < k || hash <= samples[samples.length - 1].hash;
}

/** Inserts in order, without duplicates, keeping at most k. */
export function offer(samples: Sample[], sample: Sample, k: number): void {
  if (k <= 0) return;
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSamples(samples[mid], sample) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < samples.length && compareSamples(samples[lo], sample) === 0) return;
  if (lo >= k) return;
  samples.splice(lo, 0, sample);
  if (samples.length > k) samples.pop();
}

export function mergeSamples(target: Sample[], source: readonly Sample[], k: number): void {
  for (const s of source) offer(target, s, k);
}

export function toRefs(samples: readonly Sample[]): JourneyRef[] {
  return samples.map(({ key, service, start }) =>
    service === undefined ? { key, start } : { key, service, start },
  );
}
