import { compareStrings } from './compare';
import { rankBottlenecks, type WaitsOnEdge } from './bottlenecks';
import { Distribution } from './distribution';
import { durationStats, quantiles, ratio } from './figures';
import { finalizeInsights } from './insights/insights';
import { DEFAULT_MINING_OPTIONS } from './options';
import { sortedVariants } from './variant-keys';
import { byCountThenEdge, namedEdges, parseEdgeKey, type ActivityPartial } from './partial';
import type { PartialResult } from './partial-result';
import type {
  ActivityCount,
  ActivityStats,
  Bottleneck,
  DfgEdge,
  MiningResult,
  ReworkStats,
  TripStats,
} from './types';

export interface FinalizeOptions {
  /** Edges and activities listed in `bottlenecks`, at most, each. */
  bottleneckLimit?: number;
}

/** The finished, sorted, JSON-ready result of a (merged) partial result. */
export function finalize(p: PartialResult, options: FinalizeOptions = {}): MiningResult {
  const activityNames = [...p.activities.keys()];
  const bottleneckLimit =
    options.bottleneckLimit ?? DEFAULT_MINING_OPTIONS.bottleneckLimit ?? Infinity;
  const result: MiningResult = {
    summary: {
      events: p.events,
      cases: p.cases,
      journeys: p.journeys,
      activities: activityNames.length,
      instances: p.instances,
      unmatchedStarts: p.unmatchedStarts,
      ignoredEvents: p.ignoredEvents,
    },
    activities: activityStats(p),
    startActivities: activityCounts(p, 'starts'),
    endActivities: activityCounts(p, 'ends'),
    dfg: dfgEdges(p),
    variants: sortedVariants(p.variants),
    leadTimeSeconds: quantiles(p.leadTime),
    trips: trips(p),
    bottlenecks: bottlenecks(p, bottleneckLimit),
    rework: rework(p),
  };
  if (p.insights) {
    result.insights = finalizeInsights(p, p.insights, result.variants, bottleneckLimit);
  }
  return result;
}

function byCountThenName<T extends { count: number }>(name: (t: T) => string) {
  return (a: T, b: T): number => b.count - a.count || compareStrings(name(a), name(b));
}

function activityStats(p: PartialResult): ActivityStats[] {
  return [...p.activities]
    .map(([activity, a]) => ({
      activity,
      count: a.count,
      serviceSeconds: a.withStart > 0 ? quantiles(serviceTimes(a)) : null,
    }))
    .sort(byCountThenName((a) => a.activity));
}

/** Service times of all instances: those with a start, and a 0 for each without. */
function serviceTimes(a: ActivityPartial): Distribution {
  const all = new Distribution();
  all.merge(a.service);
  all.addZeros(a.count - a.withStart);
  return all;
}

function activityCounts(p: PartialResult, field: 'starts' | 'ends'): ActivityCount[] {
  return [...p.activities]
    .filter(([, a]) => a[field] > 0)
    .map(([activity, a]) => ({ activity, count: a[field] }))
    .sort(byCountThenName((a) => a.activity));
}

function dfgEdges(p: PartialResult): DfgEdge[] {
  return namedEdges(p.edges)
    .map(({ from, to, value: e }) => ({
      from,
      to,
      count: e.count,
      durationSeconds: durationStats(e.duration),
      waitSeconds: durationStats(e.wait),
    }))
    .sort(byCountThenEdge);
}

function trips(p: PartialResult): TripStats | null {
  if (!p.trips.sawChannel) return null;
  const distribution: Record<string, number> = {};
  let atMostOne = 0;
  for (const [trips, journeys] of [...p.trips.distribution].sort((a, b) => a[0] - b[0])) {
    distribution[String(trips)] = journeys;
    if (trips <= 1) atMostOne += journeys;
  }
  return {
    total: p.trips.total,
    perJourneyMean: ratio(p.trips.total, p.journeys),
    distribution,
    atMostOneRate: ratio(atMostOne, p.journeys),
  };
}

function bottlenecks(p: PartialResult, limit: number): Bottleneck[] {
  let allWaiting = 0;
  for (const edge of p.edges.values()) allWaiting += edge.wait.sum;
  const edges = [...p.edges].map(([key, e]): WaitsOnEdge => {
    const [from, to] = parseEdgeKey(key);
    return [from, to, e.wait];
  });
  return rankBottlenecks(edges, allWaiting, limit);
}

function rework(p: PartialResult): ReworkStats {
  const activities = [...p.activities]
    .filter(([, a]) => a.reworkJourneys > 0)
    .map(([activity, a]) => ({
      activity,
      journeys: a.reworkJourneys,
      extraOccurrences: a.extraOccurrences,
    }))
    .sort((a, b) => b.journeys - a.journeys || compareStrings(a.activity, b.activity));
  return { journeys: p.reworkJourneys, rate: ratio(p.reworkJourneys, p.journeys), activities };
}
