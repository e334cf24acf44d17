/**
 * The KPIs a reform goal can be set on, and how each is read from a KPI series point
 * (Insights.kpiSeries, insights/measures/kpi-series.ts). The one list: the api's goal schema
 * (libs/contracts/src/goals.ts) is checked against it at compile time.
 *
 * Extension point: a KPI measured elsewhere (on-time rate from service deadlines, satisfaction
 * from ratings) becomes a goal KPI by adding its field to KpiSeriesPoint and a `read` here; until
 * then `read` answers null with the coded reason the goal shows (GoalUnavailableReason).
 */
import type { KpiSeriesPoint } from '../insights-types';

export const GOAL_KPIS = [
  'tripsPerJourney',
  'atMostOneTripRate',
  'zeroTripRate',
  'leadTimeMedianSeconds',
  'leadTimeP90Seconds',
  'queueWaitMedianSeconds',
  'abandonedTickets',
  'governmentWaitSeconds',
  'citizenWaitSeconds',
  'journeysStarted',
  'satisfaction',
] as const;
export type GoalKpi = (typeof GOAL_KPIS)[number];

/** Why a goal's KPI has no value: stable codes, translated by the web app. */
export const GOAL_UNAVAILABLE_REASONS = [
  /** No completed run of the whole dataset yet (mine it). */
  'no-run',
  /** The newest run's result was stored before KPI series existed (mine again). */
  'no-series',
  /** Trip KPIs need a channel column with an in-person channel. */
  'no-channel',
  /** Queue wait needs ticket and call records. */
  'no-queue-tickets',
  /** Satisfaction needs ratings, which the data does not have (not computed yet). */
  'no-ratings',
  /** The scope's value has no journeys in the data (or is beyond the series' value limit). */
  'scope-not-found',
  /** The baseline period has no value for the KPI. */
  'no-baseline',
] as const;
export type GoalUnavailableReason = (typeof GOAL_UNAVAILABLE_REASONS)[number];

export interface GoalKpiDefinition {
  /** Which way is better when a goal does not say. */
  better: 'lower' | 'higher';
  unit: 'trips' | 'ratio' | 'seconds' | 'count' | 'score';
  read(point: KpiSeriesPoint): number | null;
  /** Why `read` is null for every point of a series that has journeys. */
  missing: GoalUnavailableReason;
}

export const GOAL_KPI_DEFINITIONS: Record<GoalKpi, GoalKpiDefinition> = {
  tripsPerJourney: {
    better: 'lower',
    unit: 'trips',
    read: (p) => p.tripsPerJourney,
    missing: 'no-channel',
  },
  atMostOneTripRate: {
    better: 'higher',
    unit: 'ratio',
    read: (p) => p.atMostOneTripRate,
    missing: 'no-channel',
  },
  zeroTripRate: {
    better: 'higher',
    unit: 'ratio',
    read: (p) => p.zeroTripRate,
    missing: 'no-channel',
  },
  leadTimeMedianSeconds: {
    better: 'lower',
    unit: 'seconds',
    read: (p) => p.leadTimeMedianSeconds,
    missing: 'no-baseline',
  },
  leadTimeP90Seconds: {
    better: 'lower',
    unit: 'seconds',
    read: (p) => p.leadTimeP90Seconds,
    missing: 'no-baseline',
  },
  queueWaitMedianSeconds: {
    better: 'lower',
    unit: 'seconds',
    read: (p) => p.queueWaitMedianSeconds,
    missing: 'no-queue-tickets',
  },
  abandonedTickets: {
    better: 'lower',
    unit: 'count',
    read: (p) => (p.journeysStarted > 0 ? p.abandonedTickets : null),
    missing: 'no-queue-tickets',
  },
  governmentWaitSeconds: {
    better: 'lower',
    unit: 'seconds',
    read: (p) => p.governmentWaitSeconds,
    missing: 'no-baseline',
  },
  citizenWaitSeconds: {
    better: 'lower',
    unit: 'seconds',
    read: (p) => p.citizenWaitSeconds,
    missing: 'no-baseline',
  },
  journeysStarted: {
    better: 'higher',
    unit: 'count',
    read: (p) => p.journeysStarted,
    missing: 'no-baseline',
  },
  // Ratings are not ingested yet (the government-data issue): never computable so far.
  satisfaction: { better: 'higher', unit: 'score', read: () => null, missing: 'no-ratings' },
};
