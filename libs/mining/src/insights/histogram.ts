/**
 * Log-spaced histograms of durations: bin 0 holds [0, 1 s), bin k ≥ 1 holds
 * [2^((k−1)/2), 2^(k/2)) seconds, √2 apart, and the last bin is open-ended (2^31 s ≈ 68 years and
 * more). Fixed edges make two histograms mergeable by adding their counts, in any order.
 */
import type { Histogram } from '../insights-types';

export const HISTOGRAM_BINS = 64;

/** The bin of a duration in milliseconds. */
export function binOf(ms: number): number {
  const seconds = ms / 1000;
  if (!(seconds >= 1)) return 0;
  // The bin's lower edge is 2^((k−1)/2): k = floor(2·log2(s)) + 1. Correct a rounding slip at an
  // exact edge (log2 of 2^(j/2) can come out a hair below j/2).
  let k = Math.floor(2 * Math.log2(seconds)) + 1;
  if (k + 1 < HISTOGRAM_BINS && seconds >= lowerEdgeSeconds(k + 1)) k += 1;
  return Math.min(HISTOGRAM_BINS - 1, Math.max(1, k));
}

export function lowerEdgeSeconds(bin: number): number {
  return bin === 0 ? 0 : 2 ** ((bin - 1) / 2);
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
