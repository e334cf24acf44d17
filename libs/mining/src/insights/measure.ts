/**
 * The one shape of an insights measure. A measure owns some fields of InsightsPartial (and of
 * its JSON), and some fields of Insights, and says everything about them in one file:
 *
 * - `empty`: its fields with nothing measured;
 * - `tally` → `addJourney` / `finish`: measuring one store's journeys, while activities, channels
 *   and halls are still dictionary codes, then writing names into the partial once;
 * - `merge`: adding another partial's fields (disjoint journeys, any order);
 * - `toJson` / `fromJson`: the stored form (PartialResultJson.insights);
 * - `finalize`: its part of the finished Insights.
 *
 * Measures are listed in insights.ts; their order is the key order of the partial, its JSON and
 * the result. Headline KPIs have the same shape one level down, per period (KpiMeasure below; the list: kpis/kpis.ts).
 */
import { Distribution, type DistributionJson } from '../distribution';
import type { EventStore } from '../event-store';
import { getOrAdd } from '../maps';
import type { Insights, JourneyRef } from '../insights-types';
import type { JourneyFacts } from '../journey-facts';
import type { EnginePartial } from '../partial';
import type { MiningOptions, Variant } from '../types';
import type { WorkingTime } from './working-time';
import type { ZonedCalendar } from './calendar';
import type { InsightColumns } from './columns';
import type { QueuePairing } from './measures/queue-waits';
import type { ResolvedInsightsOptions } from './options';

/** The partial's own header: what merging must agree on, and the limits finalize applies. */
export interface InsightsHeader {
  timeZone: string;
  sampleSize: number;
  channelSequenceLimit: number;
}

/** Per activity code: it issues a queue ticket. */
export const QUEUE_START = 1;
/** Per activity code: it calls a ticket. */
export const QUEUE_END = 2;
/** Per activity code: it is a citizen action whatever its channel. */
export const CITIZEN_ACTION = 4;
/** Per activity code: it closes a ticket uncalled (end of day, expiry, no-show). */
export const QUEUE_ABANDON = 8;

/** What a tally may read about the store it measures (built once per partial). */
export interface InsightsContext {
  store: EventStore;
  columns: InsightColumns;
  options: MiningOptions;
  insights: ResolvedInsightsOptions;
  calendar: ZonedCalendar;
  /** Working time in the insights' zone; null when no working calendar is known for it. */
  working: WorkingTime | null;
  /** Per channel code, 1 when it is a citizen's own channel / a back office. */
  citizenChannel: Uint8Array;
  backOfficeChannel: Uint8Array;
  /** Per activity code: QUEUE_START | QUEUE_END | QUEUE_ABANDON | CITIZEN_ACTION bits. */
  activityFlags: Uint8Array;
}

/** One journey as the insights measures see it: the shared facts, plus what only they need. */
export interface InsightJourney {
  facts: JourneyFacts;
  /** The journey's reference and its hash, for samples (samples.ts). */
  ref: JourneyRef;
  hash: number;
  /** 'YYYY-MM' of the journey's start in the insights time zone: its period. */
  period: string;
  /** Hall queue: the journey's tickets, calls and abandoned tickets (measures/queue-waits.ts). */
  queue: QueuePairing;
}

/** Measuring one store: a journey at a time, then names into the partial once. */
export interface Tally {
  addJourney(journey: InsightJourney): void;
  /** Writes what was measured into the partial the tally was made for. */
  finish(): void;
}

/** What finalize may read besides a measure's own fields. */
export interface FinalizeContext {
  partial: EnginePartial;
  /** The result's variant list (MiningResult.variants). */
  variants: readonly Variant[];
  /** Whether any event had a channel: without one, trip figures are null. */
  withTrips: boolean;
  /** All waiting (sum of every DFG edge's waits, ms): the denominator of wait shares. */
  allWaiting: number;
  /** Edges and activities per bottleneck ranking, at most, each (FinalizeOptions). */
  bottleneckLimit: number;
}

/** P: the partial fields it owns; J: their JSON; F: the partial fields finalize reads (P). */
export interface InsightMeasure<P extends object, J extends object, F extends object = P> {
  empty(header: InsightsHeader): P;
  tally(target: P, context: InsightsContext): Tally;
  merge(target: P, source: P, header: InsightsHeader): void;
  toJson(p: P): J;
  fromJson(json: J): P;
  finalize(p: F & InsightsHeader, context: FinalizeContext): Partial<Insights>;
}

/**
 * A headline KPI, measured per period (the month a journey starts) and finished into fields of
 * Kpis, for the KPI row and for every period of the trend (kpis/*.ts, listed in kpis/kpis.ts).
 * P: its fields of a period partial; J: their JSON; R: its fields of Kpis.
 */
export interface KpiMeasure<P extends object, J extends object, R extends object> {
  empty(): P;
  addJourney(period: P, journey: InsightJourney, context: InsightsContext): void;
  merge(target: P, source: P): void;
  toJson(p: P): J;
  fromJson(json: J): P;
  /** `journeys`: the period's journeys (counted by the periods measure for every KPI). */
  finalize(p: P & { journeys: number }, context: { withTrips: boolean }): R;
}

/** Infers a KPI's types (kpis/kpis.ts derives the period partial, its JSON and Kpis from them). */
export function kpiMeasure<P extends object, J extends object, R extends object>(
  measure: KpiMeasure<P, J, R>,
): KpiMeasure<P, J, R> {
  return measure;
}

/** A measure as the list in insights.ts holds it (each reads and writes only its own fields;
 * method parameters are bivariant, so any measure fits). */
export type AnyInsightMeasure = InsightMeasure<object, object>;

export function insightMeasure<P extends object, J extends object, F extends object = P>(
  measure: InsightMeasure<P, J, F>,
): AnyInsightMeasure {
  return measure;
}

/** Keyed distributions as [key, JSON] pairs, and back: how every such map is stored. */
export function distributionsToJson<K>(map: Map<K, Distribution>): [K, DistributionJson][] {
  return [...map].map(([k, d]) => [k, d.toJSON()]);
}

export function distributionsFromJson<K>(pairs: [K, DistributionJson][]): Map<K, Distribution> {
  return new Map(pairs.map(([k, d]) => [k, Distribution.fromJSON(d)]));
}

export function mergeDistributions<K>(
  target: Map<K, Distribution>,
  source: Map<K, Distribution>,
): void {
  for (const [key, d] of source) getOrAdd(target, key, () => new Distribution()).merge(d);
}

/** empty / merge / toJson / fromJson of a (KPI) measure whose one field is a Distribution. */
export function distributionField<K extends string>(field: K) {
  type P = Record<K, Distribution>;
  type J = Record<K, DistributionJson>;
  return {
    empty: (): P => ({ [field]: new Distribution() }) as P,
    merge: (target: P, source: P): void => target[field].merge(source[field]),
    toJson: (p: P): J => ({ [field]: p[field].toJSON() }) as J,
    fromJson: (json: J): P => ({ [field]: Distribution.fromJSON(json[field]) }) as P,
  };
}
