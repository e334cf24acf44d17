import { compareStrings } from './compare';
import { Distribution } from './distribution';
import { emptyVariantTable, type VariantTable } from './variant-keys';

/** What mining a set of journeys yields: mergeable by adding (see merge.ts, finalize.ts). */
export interface ActivityPartial {
  /** Instances of the activity. */
  count: number;
  /** Instances that have a start (from a start timestamp or a paired lifecycle start). */
  withStart: number;
  /** complete − start of the instances with a start, ms (the count − withStart others are 0). */
  service: Distribution;
  starts: number;
  ends: number;
  reworkJourneys: number;
  extraOccurrences: number;
}

export interface EdgePartial {
  count: number;
  /** complete(b) − complete(a), ms. */
  duration: Distribution;
  /** max(0, start(b) − complete(a)), ms. */
  wait: Distribution;
}

export interface TripsPartial {
  /** Whether any event carried a channel; without one, the result's trips are null. */
  sawChannel: boolean;
  total: number;
  /** Trips per journey → journeys. */
  distribution: Map<number, number>;
}

/** The plain counts of a partial result: merging adds them, JSON keeps them as they are. */
export interface PartialCounts {
  events: number;
  instances: number;
  /** Distinct case ids. Merging adds them, so split partials by journey key (as the worker does). */
  cases: number;
  journeys: number;
  unmatchedStarts: number;
  ignoredEvents: number;
  reworkJourneys: number;
}

/** The keys of PartialCounts, in their order in the partial and its JSON. */
export const COUNT_FIELDS: readonly (keyof PartialCounts)[] = [
  'events',
  'instances',
  'cases',
  'journeys',
  'unmatchedStarts',
  'ignoredEvents',
  'reworkJourneys',
];

export function copyCounts(counts: PartialCounts): PartialCounts {
  const copy = {} as PartialCounts;
  for (const field of COUNT_FIELDS) copy[field] = counts[field];
  return copy;
}

/**
 * The engine's part of a partial result (PartialResult, partial-result.ts, adds the insights):
 * what the insights' finalize may read, declared apart so that insights/ need not import it back.
 */
export interface EnginePartial extends PartialCounts {
  activities: Map<string, ActivityPartial>;
  /** Keyed by edgeKey(from, to). */
  edges: Map<string, EdgePartial>;
  variants: VariantTable;
  leadTime: Distribution;
  trips: TripsPartial;
}

/**
 * Edge keys: the two names joined by NUL. NUL cannot occur in an activity name (the
 * event store rejects it), so the keys are unambiguous, and they are cheaper than JSON.
 */
export const KEY_SEPARATOR = '\u0000';

export function edgeKey(from: string, to: string): string {
  return from + KEY_SEPARATOR + to;
}

export function parseEdgeKey(key: string): string[] {
  return key.split(KEY_SEPARATOR);
}

/** Every entry of an edge-keyed map with its two names, for listing edges. */
export function namedEdges<V>(
  edges: Map<string, V>,
): { from: string; to: string; key: string; value: V }[] {
  return [...edges].map(([key, value]) => {
    const [from, to] = parseEdgeKey(key);
    return { from, to, key, value };
  });
}

/** Edge rows: most traversed first, then by from and to names. */
export function byCountThenEdge(
  a: { count: number; from: string; to: string },
  b: { count: number; from: string; to: string },
): number {
  return b.count - a.count || compareStrings(a.from, b.from) || compareStrings(a.to, b.to);
}

export function emptyPartial(): EnginePartial {
  return {
    events: 0,
    instances: 0,
    cases: 0,
    journeys: 0,
    unmatchedStarts: 0,
    ignoredEvents: 0,
    reworkJourneys: 0,
    activities: new Map(),
    edges: new Map(),
    variants: emptyVariantTable(),
    leadTime: new Distribution(),
    trips: { sawChannel: false, total: 0, distribution: new Map() },
  };
}

export function emptyActivity(): ActivityPartial {
  return {
    count: 0,
    withStart: 0,
    service: new Distribution(),
    starts: 0,
    ends: 0,
    reworkJourneys: 0,
    extraOccurrences: 0,
  };
}

export function emptyEdge(): EdgePartial {
  return { count: 0, duration: new Distribution(), wait: new Distribution() };
}

export function mergeActivity(target: ActivityPartial, source: ActivityPartial): void {
  target.count += source.count;
  target.withStart += source.withStart;
  target.service.merge(source.service);
  target.starts += source.starts;
  target.ends += source.ends;
  target.reworkJourneys += source.reworkJourneys;
  target.extraOccurrences += source.extraOccurrences;
}

export function mergeEdge(target: EdgePartial, source: EdgePartial): void {
  target.count += source.count;
  target.duration.merge(source.duration);
  target.wait.merge(source.wait);
}
