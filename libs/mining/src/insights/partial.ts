/**
 * The mergeable partial of the insights pass: counts and sums add, distributions and histogram
 * bins merge, samples keep the k smallest hashes. Keys are names (not codes), so partials from
 * different shards merge directly. See merge.ts beside this file for the fold.
 */
import { Distribution } from '../distribution';
import type { Sample } from './samples';

/** Journey counts of one group (a service, department, hall or period). */
export interface TripGroup {
  journeys: number;
  trips: number;
  atMostOne: number;
  zeroTrip: number;
}

export interface PeriodPartial extends TripGroup {
  rework: number;
  leadTime: Distribution;
  queueWait: Distribution;
  /** ms of waiting before citizen actions / before everything else. */
  citizenWait: number;
  governmentWait: number;
}

export interface EdgeInsightPartial {
  /** HISTOGRAM_BINS counts each. */
  wait: number[];
  duration: number[];
  samples: Sample[];
  /** Journeys passing the edge at least once (its case coverage). */
  journeys: number;
}

export interface ActivityInsightPartial {
  service: number[];
  samples: Sample[];
  /** Journeys with the activity at least once (its case coverage). */
  journeys: number;
  /** Channel → instances of the activity on it ('' for none): the activity's swimlane. */
  channels: Map<string, number>;
  /** Source system → instances of the activity recorded there ('' for none). */
  sourceSystems: Map<string, number>;
}

export interface InsightsPartial {
  timeZone: string;
  sampleSize: number;
  channelSequenceLimit: number;
  /** By 'YYYY-MM' of the journey's start. */
  periods: Map<string, PeriodPartial>;
  /** '' stands for "none" in the three group maps and the wait maps. */
  byService: Map<string, TripGroup>;
  byDepartment: Map<string, TripGroup>;
  byHall: Map<string, TripGroup>;
  returnReasons: Map<string, { journeys: number; instances: number }>;
  /** Channel names joined by NUL → journeys. */
  channelSequences: Map<string, number>;
  queueByHall: Map<string, Distribution>;
  /** (weekday − 1) × 24 + hour → waits. */
  queueHeat: Map<number, Distribution>;
  queueUncalled: number;
  backOffice: Map<string, Distribution>;
  /** Keyed by edgeKey(from, to) as in PartialResult.edges. */
  edges: Map<string, EdgeInsightPartial>;
  activities: Map<string, ActivityInsightPartial>;
  /** Activity names joined by NUL → lead times of the journeys with that variant. */
  variantLeadTimes: Map<string, Distribution>;
}

export function emptyInsights(
  timeZone: string,
  sampleSize: number,
  channelSequenceLimit: number,
): InsightsPartial {
  return {
    timeZone,
    sampleSize,
    channelSequenceLimit,
    periods: new Map(),
    byService: new Map(),
    byDepartment: new Map(),
    byHall: new Map(),
    returnReasons: new Map(),
    channelSequences: new Map(),
    queueByHall: new Map(),
    queueHeat: new Map(),
    queueUncalled: 0,
    backOffice: new Map(),
    edges: new Map(),
    activities: new Map(),
    variantLeadTimes: new Map(),
  };
}

export function emptyTripGroup(): TripGroup {
  return { journeys: 0, trips: 0, atMostOne: 0, zeroTrip: 0 };
}

export function emptyPeriod(): PeriodPartial {
  return {
    ...emptyTripGroup(),
    rework: 0,
    leadTime: new Distribution(),
    queueWait: new Distribution(),
    citizenWait: 0,
    governmentWait: 0,
  };
}

export function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
