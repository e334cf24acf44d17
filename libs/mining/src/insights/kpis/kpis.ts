/**
 * The headline KPIs (Insights.kpis) and their trend (Insights.trend, one row per month of journey
 * start). Each KPI is one file of this folder in the KpiMeasure shape (measure.ts); this list is
 * their order, in the period partial, its JSON and Kpis. See docs/mining.md#add-a-kpi.
 */
import type { Kpis, KpiPeriod } from '../../insights-types';
import { compareStrings } from '../../compare';
import { getOrAdd } from '../../maps';
import { insightMeasure, type InsightJourney, type InsightsContext } from '../measure';
import { leadTimeKpi } from './lead-time';
import { queueWaitKpi } from './queue-wait';
import { reworkKpi } from './rework';
import { tripKpis } from './trips';
import { waitSplit } from './wait-split';

export const KPI_MEASURES = [tripKpis, leadTimeKpi, queueWaitKpi, reworkKpi, waitSplit] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
type Measure = (typeof KPI_MEASURES)[number];

/** The journeys that started in one period, and every KPI's fields for them. */
export type PeriodPartial = { journeys: number } & UnionToIntersection<
  ReturnType<Measure['empty']>
>;
export type PeriodJson = { journeys: number } & UnionToIntersection<ReturnType<Measure['toJson']>>;

/**
 * Compile-time check that Kpis (insights-types.ts, the contract) has exactly the fields the
 * listed measures finish: a KPI missing from the list or from Kpis fails the type check here.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type FinishedKpis = { journeys: number } & UnionToIntersection<ReturnType<Measure['finalize']>>;
export type KpisMatchTheList = Same<FinishedKpis, Kpis> extends true ? true : never;
export const KPIS_MATCH_THE_LIST: KpisMatchTheList = true;

export function emptyPeriod(): PeriodPartial {
  return Object.assign({ journeys: 0 }, ...KPI_MEASURES.map((m) => m.empty())) as PeriodPartial;
}

export function mergePeriod(target: PeriodPartial, source: PeriodPartial): void {
  target.journeys += source.journeys;
  for (const m of KPI_MEASURES) m.merge(target, source);
}

export function periodToJson(period: PeriodPartial): PeriodJson {
  return Object.assign(
    { journeys: period.journeys },
    ...KPI_MEASURES.map((m) => m.toJson(period)),
  ) as PeriodJson;
}

export function periodFromJson(json: PeriodJson): PeriodPartial {
  return Object.assign(
    { journeys: json.journeys },
    ...KPI_MEASURES.map((m) => m.fromJson(json)),
  ) as PeriodPartial;
}

/** Adds one journey to a period partial (every KPI's fields). */
export function addToPeriod(
  period: PeriodPartial,
  journey: InsightJourney,
  context: InsightsContext,
): void {
  period.journeys += 1;
  for (const m of KPI_MEASURES) m.addJourney(period, journey, context);
}

/** The finished KPIs of a period partial (also of a KPI series cell: measures/kpi-series.ts). */
export function kpisOf(period: PeriodPartial, withTrips: boolean): Kpis {
  const kpis = { journeys: period.journeys };
  for (const m of KPI_MEASURES) Object.assign(kpis, m.finalize(period, { withTrips }));
  return kpis as Kpis;
}

export interface PeriodsPartial {
  /** By 'YYYY-MM' of the journey's start. */
  periods: Map<string, PeriodPartial>;
}

export const periodsMeasure = insightMeasure<PeriodsPartial, { periods: [string, PeriodJson][] }>({
  empty: () => ({ periods: new Map() }),
  tally: (target, context) => ({
    addJourney: (journey: InsightJourney) => {
      addToPeriod(getOrAdd(target.periods, journey.period, emptyPeriod), journey, context);
    },
    finish: () => undefined,
  }),
  merge: (target, source) => {
    for (const [key, period] of source.periods) {
      mergePeriod(getOrAdd(target.periods, key, emptyPeriod), period);
    }
  },
  toJson: (p) => ({
    periods: [...p.periods].map(([key, period]) => [key, periodToJson(period)]),
  }),
  fromJson: (json) => ({
    periods: new Map(json.periods.map(([key, period]) => [key, periodFromJson(period)])),
  }),
  finalize: (p, { withTrips }) => {
    const periods = sortedPeriods(p.periods);
    const all = emptyPeriod();
    for (const [, period] of periods) mergePeriod(all, period);
    return {
      kpis: kpisOf(all, withTrips),
      trend: periods.map(([period, v]): KpiPeriod => ({ period, ...kpisOf(v, withTrips) })),
    };
  },
});

/** The periods in order ('YYYY-MM' sorts as text). */
export function sortedPeriods<P>(periods: Map<string, P>): [string, P][] {
  return [...periods].sort((a, b) => compareStrings(a[0], b[0]));
}
