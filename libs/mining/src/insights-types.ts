/**
 * The dashboard's breakdowns of a mining result (`MiningResult.insights`): KPIs and their trend,
 * trips by service / department / hall, what brings citizens back, channel sequences, hall queue
 * waits, back-office waits, who is waited on, per-edge and per-activity histograms and journey
 * samples, lead time per variant. Durations are seconds, instants epoch milliseconds. Every
 * figure comes from mergeable partials (see insights/insights.ts and docs/mining.md#insights).
 */
import type { Quantiles } from './figures';
import type { Bottleneck, Suppressible } from './types';

/** Options of the insights pass; every field optional (defaults: DEFAULT_INSIGHTS_OPTIONS). */
export interface InsightsOptions {
  /** IANA zone for months, hours of day and weekdays (default 'UTC'; the demo is Asia/Shanghai). */
  timeZone?: string;
  /** Activities that issue a hall queue ticket (default 'Take queue ticket', '取号'). */
  queueStartActivities?: readonly string[];
  /** Activities that call a ticket to a window (default 'Called to window', '叫号', …). */
  queueEndActivities?: readonly string[];
  /**
   * Activities that close a ticket uncalled: end of day, expiry, no-show (default 'Not called
   * before closing', '闭厅未叫号', …; see DEFAULT_INSIGHTS_OPTIONS).
   */
  queueAbandonActivities?: readonly string[];
  /**
   * Channels whose activities are the citizen's own actions (default online, hotline, chatbot):
   * the wait before such an activity is waiting on the citizen. Taking a queue ticket is a
   * citizen action too, and so is every activity in citizenActivities.
   */
  citizenChannels?: readonly string[];
  /** Further activities that are citizen actions whatever their channel (default none). */
  citizenActivities?: readonly string[];
  /** Channels of department back offices (default back_office), for backOfficeWaits. */
  backOfficeChannels?: readonly string[];
  /** Journey samples kept per edge and per activity (default 5). */
  sampleSize?: number;
  /** Channel sequences listed (default 20; the rest are summed in `otherJourneys`). */
  channelSequenceLimit?: number;
  /**
   * The working calendar back-office waits are also measured in (insights/working-time.ts):
   * `cn` the mainland Chinese working days, `none` none, `auto` (default) `cn` in a mainland zone
   * (Asia/Shanghai, Asia/Urumqi, …), else none.
   */
  workingCalendar?: 'auto' | 'cn' | 'none';
  /** Local working hours as 'HH:MM' (default '09:00' to '17:00'). */
  workingDayStart?: string;
  workingDayEnd?: string;
  /** Promised time limits (承诺时限): what counts as acceptance, completion, suspensions; the limits. */
  deadlines?: DeadlineOptions;
}

/** Working days (Chinese calendar), calendar days, or hours (即办件). */
export type LimitUnit = 'workdays' | 'days' | 'hours';

/** One service's limits (the per-service table a dataset keeps, docs/ingest.md#time-limits). */
export interface ServiceLimit {
  /** 事项名称: matched against the journey's service. */
  service: string;
  /** 事项编码: matched against the journey's service too (exports name a service by either). */
  code?: string | null;
  /** 承诺时限, in `unit` (null: not promised). */
  promised: number | null;
  /** 法定时限, in `unit` (null: unknown). */
  legal: number | null;
  unit: LimitUnit;
}

/**
 * A stretch the clock stops for: from the completion of a `start` activity to the completion of
 * the next `end` activity. `correction` is 补正 (waiting for the citizen's missing materials),
 * `special` a special procedure (特别程序) given by start and end activities.
 */
export interface SuspensionRule {
  kind: 'correction' | 'special';
  start: readonly string[];
  end: readonly string[];
}

/** Options of the deadline figures (defaults: DEFAULT_DEADLINE_OPTIONS, measures/deadlines.ts). */
export interface DeadlineOptions {
  /** Activities that accept (受理) a case: the clock starts the day after the first one. */
  acceptActivities?: readonly string[];
  /** Activities that complete (办结) it: the first one after acceptance (else the journey's end). */
  completeActivities?: readonly string[];
  suspensions?: readonly SuspensionRule[];
  /** Activities whose own span (start to completion) is a special procedure (延长审批, 听证 …). */
  specialActivities?: readonly string[];
  /** The per-service table; a limit in the case records (MiningEvent.promised) comes first. */
  limits?: readonly ServiceLimit[];
}

/** Deadline figures of one service, department or hall. */
export interface DeadlineRow {
  /** '' for none. */
  name: string;
  journeys: number;
  /** Journeys with a known promised limit, and those completed within it. */
  withLimit: number;
  onTime: number;
  overdue: number;
  /** onTime / withLimit; null without a known limit. */
  onTimeRate: number | null;
  /** Journeys with a known legal limit (法定时限), and those within it. */
  withLegal: number;
  withinLegal: number;
}

/** An overdue journey (Insights.deadlines.overdueJourneys), for the link to its timeline. */
export interface OverdueJourney {
  ref: JourneyRef;
  service: string;
  department: string;
  hall: string;
  unit: LimitUnit;
  limit: number;
  /** What it used, in `unit` (hours may be fractional). */
  used: number;
  /** used − limit. */
  over: number;
}

/** Insights.deadlines: on-time figures against the promised limits (docs/mining.md#deadlines). */
export interface Deadlines {
  totals: DeadlineRow;
  /** Journeys without a known promised limit (not in any on-time rate). */
  withoutLimit: number;
  /** Journeys without an acceptance activity: counted from their first event. */
  withoutAcceptance: number;
  /** Where the limits came from: a due date or an amount in the case records, or the table. */
  limitSources: { due: number; amount: number; table: number };
  byService: DeadlineRow[];
  byDepartment: DeadlineRow[];
  byHall: DeadlineRow[];
  /** Overdue journeys by how far over, in whole units (hours rounded up), per unit. */
  overBy: { unit: LimitUnit; over: number; journeys: number }[];
  /** The most overdue journeys, at most `overdueListLimit`, most over first. */
  overdueJourneys: OverdueJourney[];
  overdueListLimit: number;
}

/**
 * Which journeys to mine (MiningOptions.journeyFilter). Fields combine with AND, values within a
 * field with OR. A journey is kept whole when it starts (its first instance's start) in
 * [from, to), and, for each of services / departments / locations / channels, at least one of
 * its events has one of the values, and its activity sequence is one of `variants`.
 */
export interface JourneyFilter {
  /** epoch ms, inclusive */
  from?: number;
  /** epoch ms, exclusive */
  to?: number;
  services?: readonly string[];
  departments?: readonly string[];
  /** Halls (event location). */
  locations?: readonly string[];
  /** Compared trimmed and case-insensitively, like in-person channels. */
  channels?: readonly string[];
  /** Activity sequences. */
  variants?: readonly (readonly string[])[];
}

/** A journey as samples name it: its key, and the instant its first instance started. */
export interface JourneyRef {
  /** Case id (journey 'case') or pseudonymized citizen key (journey 'citizen', 'citizen+service'). */
  key: string;
  /** The service, for journey 'citizen+service'. */
  service?: string;
  /** Start of the journey's first instance (epoch ms): tells a citizen's journeys apart. */
  start: number;
}

/**
 * Counts in log-spaced bins: bin 0 is [0, 1 s), bin k ≥ 1 is [2^((k−1)/2), 2^(k/2)) seconds
 * (√2 steps), the last bin is open-ended. `edgesSeconds` has counts.length + 1 entries; the
 * listed bins run from the first to the last non-empty one.
 */
export interface Histogram {
  edgesSeconds: number[];
  counts: number[];
}

/** The headline figures of a set of journeys. */
export interface Kpis extends Suppressible {
  journeys: number;
  /** Null without a channel column (no trips). */
  tripsPerJourney: number | null;
  atMostOneTripRate: number | null;
  /** Share of journeys with no in-person trip at all (fully online, hotline, post…). */
  zeroTripRate: number | null;
  leadTimeSeconds: Quantiles;
  /** Hall queue waits (ticket → called) in these journeys; null when there are none. */
  queueWaitSeconds: Quantiles | null;
  /** Share of journeys with an activity occurring more than once. */
  reworkRate: number;
}

/** KPIs of the journeys that started in one period. */
export interface KpiPeriod extends Kpis {
  /** 'YYYY-MM' in the insights time zone. */
  period: string;
}

/** At-most-one-trip figures for the journeys of one service, department or hall. */
export interface TripBreakdownRow extends Suppressible {
  /** The service / department / hall; null for journeys without one. */
  value: string | null;
  journeys: number;
  trips: number;
  tripsPerJourney: number;
  atMostOneTripRate: number;
  zeroTripRate: number;
  /**
   * byDepartment only: the trips this department is responsible for (measures/trip-breakdowns.ts:
   * a first trip → the department of its first substantive step, a return trip → the department
   * of its cause), and the return trips among them. Over all rows they add up to all trips.
   * Absent from results of partials stored before they were counted.
   */
  tripsCaused?: number;
  returnTripsCaused?: number;
}

export interface TripBreakdowns {
  /** By the journey's service (its first non-empty service value). */
  byService: TripBreakdownRow[];
  /**
   * By department: a journey counts under every department it touches (as filtering by the
   * department counts it), with `tripsCaused` per department.
   */
  byDepartment: TripBreakdownRow[];
  /** By hall: a journey counts under every hall where it made a trip (journeys with none: not listed). */
  byHall: TripBreakdownRow[];
}

/** An activity performed on a journey's second or later trip. */
export interface ReturnReason extends Suppressible {
  activity: string;
  /** Journeys in which it happened on trip ≥ 2. */
  journeys: number;
  /** Instances on trips ≥ 2, summed. */
  instances: number;
}

/** Why citizens come back: what preceded each return trip, and what the trip was for. */
export interface ReturnCauses {
  /** The last instance before a return trip (trip ≥ 2), by activity and its department. */
  causes: ReturnCause[];
  /** The first activity of a return trip that is not a queue step (ticket, call). */
  purposes: ReturnPurpose[];
}

export interface ReturnCause extends Suppressible {
  activity: string;
  /** The department of that instance; null when it had none. */
  department: string | null;
  /** Journeys with at least one return trip it preceded. */
  journeys: number;
  /** Return trips it preceded. */
  returns: number;
}

export interface ReturnPurpose extends Suppressible {
  /** null: the trip had queue steps only (e.g. not called before closing). */
  activity: string | null;
  journeys: number;
  returns: number;
}

export interface ChannelSequence extends Suppressible {
  /** Channels in journey order, consecutive equal channels collapsed ('(none)' for no channel). */
  channels: string[];
  journeys: number;
}

export interface ChannelSequences {
  top: ChannelSequence[];
  /** Journeys whose sequence is not in `top`. */
  otherJourneys: number;
  /** Distinct sequences in all. */
  distinct: number;
}

export interface WaitRow extends Suppressible {
  /** Hall, department, …; null when absent. */
  value: string | null;
  count: number;
  seconds: Quantiles & { total: number };
  /**
   * backOfficeWaits only, when the working calendar is known (Insights.workingCalendar): the same
   * waits counted in working time only (nights, weekends and holidays left out).
   */
  workingSeconds?: Quantiles & { total: number };
}

/** The working calendar of Insights' working-time figures. */
export interface WorkingCalendar {
  calendar: 'cn';
  /** Local working hours, 'HH:MM'. */
  start: string;
  end: string;
  timeZone: string;
}

/** Queue waits by the hour of day and weekday at which the ticket was taken. */
export interface QueueHeatCell extends Suppressible {
  /** 1 = Monday … 7 = Sunday (ISO), in the insights time zone. */
  weekday: number;
  /** 0–23 */
  hour: number;
  count: number;
  meanSeconds: number;
  medianSeconds: number;
}

export interface QueueWaits {
  /** Ticket → called pairs found. */
  count: number;
  seconds: (Quantiles & { total: number }) | null;
  byHall: WaitRow[];
  byHourWeekday: QueueHeatCell[];
  /** Tickets not called in their visit (= abandoned; the older name). */
  uncalled: number;
  /** Tickets taken (called or abandoned); 0 in results of partials stored before it was counted. */
  tickets: number;
  /** Tickets not called in their visit: closed by an abandonment event or left when it ended. */
  abandoned: number;
  /** Of `abandoned`, those an abandonment event (expiry, end of day, no-show) closed. */
  abandonedByEvent: number;
  /** abandoned / tickets; null without tickets. */
  abandonedRate: number | null;
  /** Per hall, most abandoned first. */
  abandonedByHall: AbandonRow[];
}

/** Abandoned queue tickets at one hall. */
export interface AbandonRow extends Suppressible {
  /** The hall; null when absent. */
  value: string | null;
  tickets: number;
  abandoned: number;
  /** abandoned / tickets */
  rate: number;
}

export interface WaitAttribution {
  /** Waiting before citizen actions (the government waits on the citizen), seconds. */
  citizenSeconds: number;
  /** Waiting before every other activity (the citizen waits on the government), seconds. */
  governmentSeconds: number;
  citizenShare: number;
  /** Per-period split, same periods as the KPI trend. */
  byPeriod: {
    period: string;
    citizenSeconds: number;
    governmentSeconds: number;
    suppressed?: true;
  }[];
}

/**
 * MiningResult.bottlenecks per side: `government` ranks the waits before government steps (the
 * citizen waits on the government), `citizen` the waits before citizen actions. Shares are of all
 * waiting, so the two lists' edge shares add up to 1.
 */
export interface BottlenecksBySide {
  government: Bottleneck[];
  citizen: Bottleneck[];
  /**
   * Each side's share of all waiting (they add up to 1 when there is any waiting): what a side's
   * edge shares add up to, listed or not. Absent from results stored before it was added.
   */
  shares?: { government: number; citizen: number };
}

/** Per DFG edge: the side panel of the journey map. */
export interface EdgeInsight extends Suppressible {
  from: string;
  to: string;
  waitHistogram: Histogram;
  durationHistogram: Histogram;
  /** Share of all waiting (as in bottlenecks). */
  waitShare: number;
  samples: JourneyRef[];
  /** Journeys that pass the edge at least once (case coverage = journeys / all journeys). */
  journeys: number;
}

/** Per activity: the side panel of the journey map. */
export interface ActivityInsight extends Suppressible {
  activity: string;
  /** Service times (complete − start; 0 without a start). */
  serviceHistogram: Histogram;
  /** Waits before the activity (all edges into it). */
  waitHistogram: Histogram;
  waitShare: number;
  samples: JourneyRef[];
  /** Journeys with the activity at least once (case coverage = journeys / all journeys). */
  journeys: number;
  /** The channel most of its instances used (the map's swimlane); absent without channels. */
  channel?: string;
  /** The source system most of its instances were recorded in; absent without one. */
  sourceSystem?: string;
}

export interface VariantLeadTime extends Suppressible {
  activities: string[];
  count: number;
  leadTimeSeconds: Quantiles;
}

/** How long a KPI series' periods are: month 'YYYY-MM', ISO week 'YYYY-Www', day 'YYYY-MM-DD'. */
export type KpiGranularity = 'month' | 'week' | 'day';

/** What a KPI series is about: every journey, or those of one service, department, hall, channel. */
export type KpiScopeKind = 'all' | 'service' | 'department' | 'hall' | 'channel';

/** The KPIs of the journeys of one scope in one period (measures/kpi-series.ts; docs/mining.md). */
export interface KpiSeriesPoint {
  period: string;
  /** Journeys whose first event is in the period (every other figure is about them). */
  journeysStarted: number;
  /** Journeys whose last event is in the period (the log names no outcome: its last event). */
  journeysFinished: number;
  /** Null without a channel column, or when no journey started in the period. */
  tripsPerJourney: number | null;
  atMostOneTripRate: number | null;
  zeroTripRate: number | null;
  /** Lead time (s) of the journeys started; null when none started. */
  leadTimeMedianSeconds: number | null;
  leadTimeP90Seconds: number | null;
  /** Hall queue wait (ticket → called, s); null without any called ticket. */
  queueWaitMedianSeconds: number | null;
  /** Queue tickets never called (docs/mining.md, hall queue wait). */
  abandonedTickets: number;
  /** Waiting per journey (s) before government steps / before citizen actions. */
  governmentWaitSeconds: number | null;
  citizenWaitSeconds: number | null;
  /** Share of all waiting that is government-side; null without any waiting. */
  governmentWaitShare: number | null;
}

export interface KpiSeriesLine {
  scope: KpiScopeKind;
  /** The service / department / hall / channel; null for 'all' and for journeys without one. */
  value: string | null;
  /** Journeys started over all periods (how the capped lines were chosen). */
  journeys: number;
  /** Periods with a journey started or finished, in order. */
  points: KpiSeriesPoint[];
}

export interface KpiSeries {
  /**
   * At most this many values per scope kind (the most journeys; ties by name): the rest are
   * left out of the result (still counted in 'all').
   */
  valueLimit: number;
  /** Month and week lines for every scope; day lines for 'all' only. */
  month: KpiSeriesLine[];
  week: KpiSeriesLine[];
  day: KpiSeriesLine[];
}

export interface Insights {
  /** The insights time zone used for periods, hours and weekdays. */
  timeZone: string;
  kpis: Kpis;
  /** KPIs per month of journey start, in order. */
  trend: KpiPeriod[];
  /**
   * KPIs per month, week (and day) per scope (measures/kpi-series.ts). Absent from results
   * stored before it existed.
   */
  kpiSeries?: KpiSeries;
  trips: TripBreakdowns | null;
  /** Activities on trips ≥ 2, most journeys first. Empty without trips. */
  returnReasons: ReturnReason[];
  /** Causes and purposes of return trips, most journeys first (insights/measures/return-causes.ts). */
  returnCauses: ReturnCauses;
  channelSequences: ChannelSequences | null;
  queueWaits: QueueWaits;
  /** Waits before back-office activities, by the department of the activity. */
  backOfficeWaits: WaitRow[];
  /**
   * The calendar backOfficeWaits' workingSeconds are counted in; null when none is known for the
   * zone (the waits are calendar time only). Absent from results stored before it existed.
   */
  workingCalendar?: WorkingCalendar | null;
  waitAttribution: WaitAttribution;
  /** The bottleneck ranking split by who is waited on (measures/bottleneck-sides.ts). */
  bottlenecks: BottlenecksBySide;
  edges: EdgeInsight[];
  activities: ActivityInsight[];
  /** Lead time per variant, in the order of MiningResult.variants. */
  variants: VariantLeadTime[];
  /** On time against the promised limits (measures/deadlines.ts); absent from older results. */
  deadlines?: Deadlines;
}
