/**
 * The headline KPIs (Insights.kpis) and their trend (Insights.trend, one row per month of journey
 * start). Each KPI is one file of this folder in the KpiMeasure shape (measure.ts); this list is
 * their order, in the period partial, its JSON and Kpis. See docs/mining.md#add-a-kpi.
 */
import type { DistributionJson } from '../../distribution';
import type { Kpis, KpiPeriod } from '../../insights-types';
import { compareStrings } from '../../compare';
import { getOrAdd } from '../../maps';
import { insightMeasure, type AnyKpiMeasure, type InsightJourney } from '../measure';
import { leadTimeKpi, type LeadTime } from './lead-time';
import { queueWaitKpi, type QueueWait } from './queue-wait';
import { reworkKpi, type Rework } from './rework';
import { tripKpis, type TripCounts } from './trips';
import { waitSplit, type WaitSplit } from './wait-split';

export const KPI_MEASURES: readonly AnyKpiMeasure[] = [
  tripKpis,
  leadTimeKpi,
  queueWaitKpi,
  reworkKpi,
  waitSplit,
];

/** The journeys that started in one period, and every KPI's fields for them. */
export type PeriodPartial = { journeys: number } & TripCounts &
  LeadTime &
  QueueWait &
  Rework &
  WaitSplit;

export type PeriodJson = Omit<PeriodPartial, 'leadTime' | 'queueWait'> & {
  leadTime: DistributionJson;
  queueWait: DistributionJson;
};

export function emptyPeriod(): PeriodPartial {
  return Object.assign({ journeys: 0 }, ...KPI_MEASURES.map((m) => m.empty())) as PeriodPartial;
}

export function mergePeriod(target: PeriodPartial, source: PeriodPartial): void {
  target.journeys += source.journeys;
  for (const m of KPI_MEASURES) m.merge(target, source);
}

function kpisOf(period: PeriodPartial, withTrips: boolean): Kpis {
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
      const period = getOrAdd(target.periods, journey.period, emptyPeriod);
      period.journeys += 1;
      for (const m of KPI_MEASURES) m.addJourney(period, journey, context);
    },
    finish: () => undefined,
  }),
  merge: (target, source) => {
    for (const [key, period] of source.periods) {
      mergePeriod(getOrAdd(target.periods, key, emptyPeriod), period);
    }
  },
  toJson: (p) => ({
    periods: [...p.periods].map(([key, period]) => [
      key,
      Object.assign(
        { journeys: period.journeys },
        ...KPI_MEASURES.map((m) => m.toJson(period)),
      ) as PeriodJson,
    ]),
  }),
  fromJson: (json) => ({
    periods: new Map(
      json.periods.map(([key, period]) => [
        key,
        Object.assign(
          { journeys: period.journeys },
          ...KPI_MEASURES.map((m) => m.fromJson(period)),
        ) as PeriodPartial,
      ]),
    ),
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
