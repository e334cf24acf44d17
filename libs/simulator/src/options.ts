import { parseDay } from './calendar';
import type { Lang } from './world';

export interface SimulationOptions {
  /** Number of journeys to generate. */
  journeys: number;
  /** Seed of the pseudo-random generator: the same seed gives the same bytes. */
  seed: number | string;
  /** Language of activity, service, department and hall names. */
  lang: Lang;
  /** First day (Beijing date, YYYY-MM-DD) on which a journey may begin. */
  start: string;
  /** Journeys begin on one of this many days from `start`. */
  days: number;
  /** Day the reform takes effect (YYYY-MM-DD), or null for a world without reform. */
  reformDate: string | null;
  /** Days after the reform until uptake is complete (see `uptakeAt`). */
  uptakeDays: number;
}

/** One year, July to June, with the reform on 1 January: half the data before, half after. */
export const DEFAULT_SIMULATION: Readonly<SimulationOptions> = {
  journeys: 1000,
  seed: 1,
  lang: 'en',
  start: '2025-07-01',
  days: 365,
  reformDate: '2026-01-01',
  uptakeDays: 90,
};

/** What the product's demo loads: about 20,000 journeys over a year, before and after a reform. */
export function demoOptions(lang: Lang = 'en'): SimulationOptions {
  return { ...DEFAULT_SIMULATION, journeys: 20000, seed: 'onetrip-demo', lang };
}

/** Options with defaults filled in, checked; throws a precise message on a bad value. */
export function resolveOptions(options: Partial<SimulationOptions> = {}): SimulationOptions {
  const o: SimulationOptions = { ...DEFAULT_SIMULATION, ...options };
  if (!Number.isInteger(o.journeys) || o.journeys < 0) {
    throw new Error(`journeys must be a whole number ≥ 0, got ${o.journeys}`);
  }
  if (!Number.isInteger(o.days) || o.days < 1) {
    throw new Error(`days must be a whole number ≥ 1, got ${o.days}`);
  }
  if (!(o.uptakeDays >= 0)) throw new Error(`uptakeDays must be ≥ 0, got ${o.uptakeDays}`);
  if (o.lang !== 'en' && o.lang !== 'zh-CN') {
    throw new Error(`lang must be 'en' or 'zh-CN', got '${String(o.lang)}'`);
  }
  if (typeof o.seed !== 'number' && typeof o.seed !== 'string') {
    throw new Error('seed must be a number or a string');
  }
  parseDay(o.start);
  if (o.reformDate !== null) parseDay(o.reformDate);
  return o;
}
