/**
 * Small-count suppression (docs/security.md#small-counts): a copy of a result in which no cell
 * describes fewer than k journeys, so that no citizen can be singled out from a breakdown.
 *
 * A hidden cell keeps its label (the service, hall, activity sequence …) and gets
 * `suppressed: true`; its figures are zeroed (counts 0, durations 0, histograms empty), and the
 * reader shows "< k" in their place. Totals (summary, otherJourneys, ticket counts) stay as they
 * are, and `result.suppression` says how many cells were hidden where, so nothing is dropped
 * silently. Journey samples (keys of single journeys) are removed altogether: only analysts see
 * them.
 *
 * What a cell counts: most breakdowns count journeys; queue and back-office wait rows, heat-map
 * cells, bottlenecks and DFG edges count waits (traversals), and a cell with fewer than k waits
 * has fewer than k journeys, so those are hidden by their wait count. (A cell with k or more waits
 * of fewer than k journeys is not caught: the partial results do not count journeys per wait
 * cell.) The process map's structure (activity and transition counts, which the map is drawn
 * from) stays; the durations of small transitions and activities are hidden.
 */
import type { DurationStats, Quantiles } from './figures';
import type { Histogram, Insights, Kpis, TripBreakdownRow, WaitRow } from './insights-types';
import type { Bottleneck, MiningResult, Suppression } from './types';

const ZERO: Quantiles = { mean: 0, median: 0, p90: 0 };
const ZERO_TOTAL: DurationStats = { ...ZERO, total: 0 };
const NO_HISTOGRAM: Histogram = { edgesSeconds: [], counts: [] };

/** Counts what is hidden, per part of the result. */
class Tally {
  readonly byPart: Record<string, number> = {};
  hidden = 0;

  /** Rows with `small(row)` replaced by `hide(row)` (marked suppressed), the rest unchanged. */
  rows<T extends object>(
    part: string,
    rows: readonly T[],
    small: (row: T) => boolean,
    hide: (row: T) => T,
  ): T[] {
    return rows.map((row) => {
      if (!small(row)) return row;
      this.count(part);
      return { ...hide(row), suppressed: true as const };
    });
  }

  count(part: string, n = 1): void {
    if (n === 0) return;
    this.byPart[part] = (this.byPart[part] ?? 0) + n;
    this.hidden += n;
  }
}

function hiddenKpis<T extends Kpis>(kpis: T): T {
  return {
    ...kpis,
    journeys: 0,
    tripsPerJourney: kpis.tripsPerJourney === null ? null : 0,
    atMostOneTripRate: kpis.atMostOneTripRate === null ? null : 0,
    zeroTripRate: kpis.zeroTripRate === null ? null : 0,
    leadTimeSeconds: ZERO,
    queueWaitSeconds: kpis.queueWaitSeconds === null ? null : ZERO,
    reworkRate: 0,
    suppressed: true,
  };
}

function hiddenWaitRow(row: WaitRow): WaitRow {
  return {
    ...row,
    count: 0,
    seconds: ZERO_TOTAL,
    ...(row.workingSeconds ? { workingSeconds: ZERO_TOTAL } : {}),
  };
}

function hiddenTripRow(r: TripBreakdownRow): TripBreakdownRow {
  return {
    ...r,
    journeys: 0,
    trips: 0,
    tripsPerJourney: 0,
    atMostOneTripRate: 0,
    zeroTripRate: 0,
    ...(r.tripsCaused === undefined ? {} : { tripsCaused: 0 }),
    ...(r.returnTripsCaused === undefined ? {} : { returnTripsCaused: 0 }),
  };
}

function hiddenBottleneck(b: Bottleneck): Bottleneck {
  return {
    ...b,
    totalWaitSeconds: 0,
    share: 0,
    meanSeconds: 0,
    p90Seconds: 0,
    count: 0,
    ...(b.medianSeconds === undefined ? {} : { medianSeconds: 0 }),
  };
}

function suppressInsights(ins: Insights, k: number, tally: Tally): Insights {
  const small = (n: number) => n < k;
  const trend = ins.trend.map((p) => {
    if (!small(p.journeys)) return p;
    tally.count('insights.trend');
    return hiddenKpis(p);
  });
  const hiddenPeriods = new Set(trend.filter((p) => p.suppressed).map((p) => p.period));
  const kpis = small(ins.kpis.journeys) ? hiddenKpis(ins.kpis) : ins.kpis;
  if (kpis !== ins.kpis) tally.count('insights.kpis');
  const trips = ins.trips && {
    byService: tally.rows(
      'insights.trips.byService',
      ins.trips.byService,
      (r) => small(r.journeys),
      hiddenTripRow,
    ),
    byDepartment: tally.rows(
      'insights.trips.byDepartment',
      ins.trips.byDepartment,
      (r) => small(r.journeys),
      hiddenTripRow,
    ),
    byHall: tally.rows(
      'insights.trips.byHall',
      ins.trips.byHall,
      (r) => small(r.journeys),
      hiddenTripRow,
    ),
  };
  const q = ins.queueWaits;
  const queueHidden = small(q.count);
  if (queueHidden && q.seconds) tally.count('insights.queueWaits.seconds');
  const bottleneckRows = (part: string, rows: readonly Bottleneck[]) =>
    tally.rows(part, rows, (b) => b.count !== undefined && small(b.count), hiddenBottleneck);
  return {
    ...ins,
    kpis,
    trend,
    trips,
    returnReasons: tally.rows(
      'insights.returnReasons',
      ins.returnReasons,
      (r) => small(r.journeys),
      (r) => ({ ...r, journeys: 0, instances: 0 }),
    ),
    returnCauses: {
      causes: tally.rows(
        'insights.returnCauses.causes',
        ins.returnCauses.causes,
        (r) => small(r.journeys),
        (r) => ({ ...r, journeys: 0, returns: 0 }),
      ),
      purposes: tally.rows(
        'insights.returnCauses.purposes',
        ins.returnCauses.purposes,
        (r) => small(r.journeys),
        (r) => ({ ...r, journeys: 0, returns: 0 }),
      ),
    },
    channelSequences: ins.channelSequences && {
      ...ins.channelSequences,
      top: tally.rows(
        'insights.channelSequences.top',
        ins.channelSequences.top,
        (r) => small(r.journeys),
        (r) => ({ ...r, journeys: 0 }),
      ),
    },
    queueWaits: {
      ...q,
      seconds: queueHidden && q.seconds ? ZERO_TOTAL : q.seconds,
      byHall: tally.rows(
        'insights.queueWaits.byHall',
        q.byHall,
        (r) => small(r.count),
        hiddenWaitRow,
      ),
      byHourWeekday: tally.rows(
        'insights.queueWaits.byHourWeekday',
        q.byHourWeekday,
        (c) => small(c.count),
        (c) => ({ ...c, count: 0, meanSeconds: 0, medianSeconds: 0 }),
      ),
      abandonedByHall: tally.rows(
        'insights.queueWaits.abandonedByHall',
        q.abandonedByHall,
        (r) => small(r.tickets),
        (r) => ({ ...r, tickets: 0, abandoned: 0, rate: 0 }),
      ),
    },
    backOfficeWaits: tally.rows(
      'insights.backOfficeWaits',
      ins.backOfficeWaits,
      (r) => small(r.count),
      hiddenWaitRow,
    ),
    waitAttribution: {
      ...ins.waitAttribution,
      byPeriod: tally.rows(
        'insights.waitAttribution.byPeriod',
        ins.waitAttribution.byPeriod,
        (p) => hiddenPeriods.has(p.period),
        (p) => ({ ...p, citizenSeconds: 0, governmentSeconds: 0 }),
      ),
    },
    bottlenecks: {
      ...ins.bottlenecks,
      government: bottleneckRows('insights.bottlenecks.government', ins.bottlenecks.government),
      citizen: bottleneckRows('insights.bottlenecks.citizen', ins.bottlenecks.citizen),
    },
    edges: tally
      .rows(
        'insights.edges',
        ins.edges,
        (e) => small(e.journeys),
        (e) => ({
          ...e,
          journeys: 0,
          waitShare: 0,
          waitHistogram: NO_HISTOGRAM,
          durationHistogram: NO_HISTOGRAM,
        }),
      )
      .map((e) => ({ ...e, samples: [] })),
    activities: tally
      .rows(
        'insights.activities',
        ins.activities,
        (a) => small(a.journeys),
        (a) => ({
          ...a,
          journeys: 0,
          waitShare: 0,
          serviceHistogram: NO_HISTOGRAM,
          waitHistogram: NO_HISTOGRAM,
        }),
      )
      .map((a) => ({ ...a, samples: [] })),
    variants: tally.rows(
      'insights.variants',
      ins.variants,
      (v) => small(v.count),
      (v) => ({ ...v, count: 0, leadTimeSeconds: ZERO }),
    ),
  };
}

/**
 * The result as a reader below the analyst role may see it: every cell of fewer than `k`
 * journeys hidden (see the file comment), journey samples removed, and `suppression` telling what
 * was hidden. Pure: the input is not changed. k ≤ 1 hides no cell (samples are still removed).
 */
export function suppressSmallCounts(result: MiningResult, k: number): MiningResult {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0, got ${k}`);
  const tally = new Tally();
  const small = (n: number) => n < k;
  const wholeHidden = small(result.summary.journeys);
  if (wholeHidden) tally.count('leadTimeSeconds');
  if (wholeHidden && result.trips) tally.count('trips');
  const distribution: Record<string, number> = {};
  let hiddenTripCells = 0;
  for (const [trips, journeys] of Object.entries(result.trips?.distribution ?? {})) {
    if (small(journeys)) hiddenTripCells += 1;
    else distribution[trips] = journeys;
  }
  tally.count('trips.distribution', hiddenTripCells);
  const out: MiningResult = {
    ...result,
    activities: tally.rows(
      'activities',
      result.activities,
      (a) => small(a.count),
      (a) => ({ ...a, serviceSeconds: null }),
    ),
    dfg: tally.rows(
      'dfg',
      result.dfg,
      (e) => small(e.count),
      (e) => ({ ...e, durationSeconds: ZERO_TOTAL, waitSeconds: ZERO_TOTAL }),
    ),
    variants: tally.rows(
      'variants',
      result.variants,
      (v) => small(v.count),
      (v) => ({ ...v, count: 0 }),
    ),
    leadTimeSeconds: wholeHidden ? ZERO : result.leadTimeSeconds,
    trips:
      result.trips &&
      (wholeHidden
        ? { total: 0, perJourneyMean: 0, distribution, atMostOneRate: 0, suppressed: true }
        : { ...result.trips, distribution }),
    bottlenecks: tally.rows(
      'bottlenecks',
      result.bottlenecks,
      (b) => b.count !== undefined && small(b.count),
      hiddenBottleneck,
    ),
    ...(result.rework
      ? {
          rework: {
            ...result.rework,
            activities: tally.rows(
              'rework.activities',
              result.rework.activities,
              (a) => small(a.journeys),
              (a) => ({ ...a, journeys: 0, extraOccurrences: 0 }),
            ),
          },
        }
      : {}),
    ...(result.insights ? { insights: suppressInsights(result.insights, k, tally) } : {}),
  };
  const suppression: Suppression = {
    k,
    hidden: tally.hidden,
    byPart: tally.byPart,
    samplesRemoved: true,
  };
  return { ...out, suppression };
}
