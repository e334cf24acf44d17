/**
 * The figures every finished measure reports in: seconds, ratios and quantiles of a
 * Distribution. One place, so the engine's result and the insights say the same thing the same way.
 */
import type { Distribution } from './distribution';

export interface Quantiles {
  mean: number;
  median: number;
  p90: number;
}

export interface DurationStats extends Quantiles {
  total: number;
}

export function seconds(ms: number): number {
  return ms / 1000;
}

/** part / whole, and 0 for an empty whole. */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

export function quantiles(d: Distribution): Quantiles {
  return { mean: seconds(d.mean), median: seconds(d.quantile(0.5)), p90: seconds(d.quantile(0.9)) };
}

export function durationStats(d: Distribution): DurationStats {
  return { ...quantiles(d), total: seconds(d.sum) };
}
