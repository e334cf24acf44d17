/**
 * The mining contract's types: what goes in (one event at a time, streamed) and what comes out
 * (the JSON document `onetrip mine --json` prints and the API serves). Durations are seconds,
 * instants are epoch milliseconds. See docs/mining.md for the definitions.
 */

import type { DurationStats, Quantiles } from './figures';
import type { Insights, InsightsOptions, JourneyFilter } from './insights-types';

export type { DurationStats, Quantiles } from './figures';

/** One normalized event, as the ingest parsers and the database stream produce it. */
export interface MiningEvent {
  caseId: string;
  activity: string;
  /** Completion instant (epoch ms). For a lifecycle `start` event, the instant it started. */
  timestamp: number;
  /** Explicit start instant (epoch ms) from a start-timestamp column; absent otherwise. */
  startTimestamp?: number | null;
  /** Lifecycle transition (`start`, `complete`, …), matched case-insensitively. */
  lifecycle?: string | null;
  resource?: string | null;
  citizen?: string | null;
  service?: string | null;
  channel?: string | null;
  location?: string | null;
  department?: string | null;
  sourceSystem?: string | null;
  /**
   * Lifecycle instance id (XES `concept:instance`): when present, start and complete events pair
   * per (case, activity, instance) instead of per (case, activity).
   */
  instance?: string | null;
  /**
   * Hall queue ticket number (票号), when the events carry one apart from their case id: a call
   * takes the waiting ticket with its number (docs/mining.md, hall queue wait).
   */
  ticket?: string | null;
  /**
   * The promised limit the case record gives (承诺办结时间, a due date; or 承诺时限, an amount with
   * an optional unit), as text: the deadline figures read it (docs/mining.md#deadlines).
   */
  promised?: string | null;
}

export type JourneyKey = 'case' | 'citizen' | 'citizen+service';

export interface MiningOptions {
  /** `auto` pairs start/complete when events carry a lifecycle; `none` ignores it. */
  lifecycle: 'auto' | 'none';
  journey: JourneyKey;
  /** Inactivity that splits a citizen's events into separate journeys (ms). */
  journeyGapMs: number;
  /** Channel values that count as an in-person visit. */
  inPerson: readonly string[];
  /** Longest gap between in-person instances of one trip (ms). */
  tripGapMs: number;
  /** How many edges and how many activities `bottlenecks` lists at most (default 50 each). */
  bottleneckLimit?: number;
  /**
   * Compute MiningResult.insights (the dashboard's breakdowns, docs/mining.md#insights): true for
   * the defaults, or options. Off by default; it needs the service and department fields.
   */
  insights?: boolean | InsightsOptions;
  /**
   * Mine only the journeys this keeps (docs/mining.md#journey-filter). summary.events and
   * summary.cases still count every event added; journeys and all other figures are filtered.
   */
  journeyFilter?: JourneyFilter;
}

export interface ActivityStats extends Suppressible {
  activity: string;
  count: number;
  serviceSeconds: Quantiles | null;
}

export interface ActivityCount {
  activity: string;
  count: number;
}

export interface DfgEdge extends Suppressible {
  from: string;
  to: string;
  count: number;
  durationSeconds: DurationStats;
  waitSeconds: DurationStats;
}

export interface Variant extends Suppressible {
  activities: string[];
  count: number;
}

export interface TripStats extends Suppressible {
  total: number;
  perJourneyMean: number;
  distribution: Record<string, number>;
  atMostOneRate: number;
}

export interface Bottleneck extends Suppressible {
  kind: 'edge' | 'activity';
  from?: string;
  to?: string;
  activity?: string;
  totalWaitSeconds: number;
  share: number;
  meanSeconds: number;
  p90Seconds: number;
  /** How many waits (edge traversals) the figure sums. */
  count?: number;
  medianSeconds?: number;
  /**
   * Only in Insights.bottlenecks: who is waited on. `citizen` when the activity waited for is a
   * citizen action (the government waits on the citizen), else `government`.
   */
  side?: 'government' | 'citizen';
}

export interface MiningSummary {
  events: number;
  cases: number;
  journeys: number;
  activities: number;
  rejected?: number;
  /** Activity instances: events after start/complete pairing (equals events without lifecycle). */
  instances?: number;
  /** Lifecycle `start` events that never found their `complete` (they form no instance). */
  unmatchedStarts?: number;
  /** Events with a lifecycle other than start/complete (schedule, assign, …), ignored. */
  ignoredEvents?: number;
  /** CLI only: distinct variants, also when `--variants N` lists only the N most frequent. */
  variants?: number;
}

export interface ReworkActivity extends Suppressible {
  activity: string;
  /** Journeys in which the activity occurs more than once. */
  journeys: number;
  /** Occurrences beyond the first, summed over journeys. */
  extraOccurrences: number;
}

export interface ReworkStats {
  /** Journeys with at least one repeated activity. */
  journeys: number;
  /** Share of journeys with rework. */
  rate: number;
  activities: ReworkActivity[];
}

/** The finished result: the stable JSON contract of `onetrip mine --json` and of the API. */
export interface MiningResult {
  summary: MiningSummary;
  activities: ActivityStats[];
  startActivities: ActivityCount[];
  endActivities: ActivityCount[];
  dfg: DfgEdge[];
  variants: Variant[];
  leadTimeSeconds: Quantiles;
  trips: TripStats | null;
  bottlenecks: Bottleneck[];
  rework?: ReworkStats;
  /** The dashboard's breakdowns; present when mined with the `insights` option. */
  insights?: Insights;
  /**
   * Present when small cells were hidden for the reader (suppressSmallCounts, small-counts.ts):
   * rows marked `suppressed: true` have their figures zeroed, shown as "< k".
   */
  suppression?: Suppression;
}

/** What suppressSmallCounts hid from a result. */
export interface Suppression {
  /** Cells describing fewer than k journeys (or waits, where a cell counts waits) are hidden. */
  k: number;
  /** Cells hidden, in all. */
  hidden: number;
  /** Cells hidden per breakdown, by its path in the result ('insights.trips.byService'). */
  byPart: Record<string, number>;
  /** True when journey samples (keys) were removed: only analysts see them. */
  samplesRemoved: boolean;
}

/** Marks a row whose figures suppressSmallCounts zeroed (fewer than k journeys). */
export interface Suppressible {
  suppressed?: true;
}
