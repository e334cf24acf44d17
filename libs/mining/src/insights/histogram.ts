/**
 * Log-spaced histograms of durations: bin 0 holds [0, 1 s), bin k ≥ 1 holds
 * [2^((k−1)/2), 2^(k/2)) seconds, √2 apart, and the last bin is open-ended (2^31 s ≈ 68 years and
 * more). Fixed edges make two histograms mergeable by adding their counts, in any order.
 */
import type { Histogram } from '../insights-types';

export const HISTOGRAM_BINS = 64;

/** Lower edge of each bin in milliseconds, computed once. */
const LOWER_EDGES_MS = Float64Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) =>
  k === 0 ? 0 : 1000 * 2 ** ((k - 1) / 2),
);

/** The bin of a duration in milliseconds. */
export function binOf(ms: number): number {
  if (!(ms >= 1000)) return 0;
  // The bin's lower edge is 2^((k−1)/2) s: k = floor(2·log2(s)) + 1, then corrected against the
  // table (log2 of an exact edge can come out a hair off either way).
  let k = Math.min(HISTOGRAM_BINS - 1, Math.floor(2 * Math.log2(ms / 1000)) + 1);
  while (k > 1 && ms < LOWER_EDGES_MS[k]) k -= 1;
  while (k + 1 < HISTOGRAM_BINS && ms >= LOWER_EDGES_MS[k + 1]) k += 1;
  return k;
}

export function lowerEdgeSeconds(bin: number): number {
  return LOWER_EDGES_MS[bin] / 1000;
}

export function emptyBins(): number[] {
  return new Array<number>(HISTOGRAM_BINS).fill(0);
}

export function addBins(target: number[], source: readonly number[]): void {
  for (let k = 0; k < HISTOGRAM_BINS; k += 1) target[k] += source[k] ?? 0;
}

/** The bins from the first to the last non-empty one, with their edges (the last edge of an
 * open-ended last bin is reported as twice its lower edge's √2 step, for drawing). */
export function toHistogram(bins: readonly number[]): Histogram {
  let first = 0;
  while (first < HISTOGRAM_BINS && bins[first] === 0) first += 1;
  if (first === HISTOGRAM_BINS) return { edgesSeconds: [], counts: [] };
  let last = HISTOGRAM_BINS - 1;
  while (bins[last] === 0) last -= 1;
  const counts = bins.slice(first, last + 1);
  const edgesSeconds: number[] = [];
  for (let k = first; k <= last + 1; k += 1) edgesSeconds.push(round(lowerEdgeSeconds(k)));
  return { edgesSeconds, counts };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Sparse JSON form: [bin, count] pairs of the non-empty bins. */
export function binsToJson(bins: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  bins.forEach((n, k) => {
    if (n !== 0) pairs.push([k, n]);
  });
  return pairs;
}

export function binsFromJson(pairs: readonly [number, number][]): number[] {
  const bins = emptyBins();
  for (const [k, n] of pairs) bins[k] = n;
  return bins;
}
