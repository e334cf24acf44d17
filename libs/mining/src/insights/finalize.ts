import { compareStrings } from '../compare';
import { Distribution } from '../distribution';
import type {
  ActivityInsight,
  ChannelSequences,
  EdgeInsight,
  Insights,
  KpiPeriod,
  Kpis,
  QueueHeatCell,
  TripBreakdownRow,
  VariantLeadTime,
  WaitRow,
} from '../insights-types';
import { parseEdgeKey, type PartialResult } from '../partial';
import type { Quantiles, Variant } from '../types';
import { addBins, emptyBins, toHistogram } from './histogram';
import { emptyPeriod, type InsightsPartial, type PeriodPartial, type TripGroup } from './partial';
import { toRefs } from './samples';

const SEP = '\u0000';

function seconds(ms: number): number {
  return ms / 1000;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function quantiles(d: Distribution): Quantiles {
  return { mean: seconds(d.mean), median: seconds(d.quantile(0.5)), p90: seconds(d.quantile(0.9)) };
}

function stats(d: Distribution): Quantiles & { total: number } {
  return { ...quantiles(d), total: seconds(d.sum) };
}

/** The finished insights of a (merged) partial; `variants` is the result's variant list. */
export function finalizeInsights(
  p: PartialResult,
  ins: InsightsPartial,
  variants: readonly Variant[],
): Insights {
  const withTrips = p.trips.sawChannel;
  const all = emptyPeriod();
  const periods = [...ins.periods].sort((a, b) => compareStrings(a[0], b[0]));
  for (const [, period] of periods) {
    all.journeys += period.journeys;
    all.trips += period.trips;
    all.atMostOne += period.atMostOne;
    all.zeroTrip += period.zeroTrip;
    all.rework += period.rework;
    all.leadTime.merge(period.leadTime);
    all.queueWait.merge(period.queueWait);
    all.citizenWait += period.citizenWait;
    all.governmentWait += period.governmentWait;
  }
  let allWaiting = 0;
  for (const edge of p.edges.values()) allWaiting += edge.wait.sum;
  const queueAll = new Distribution();
  for (const d of ins.queueByHall.values()) queueAll.merge(d);
  return {
    timeZone: ins.timeZone,
    kpis: kpis(all, withTrips),
    trend: periods.map(([period, v]): KpiPeriod => ({ period, ...kpis(v, withTrips) })),
    trips: withTrips
      ? {
          byService: tripRows(ins.byService),
          byDepartment: tripRows(ins.byDepartment),
          byHall: tripRows(ins.byHall),
        }
      : null,
    returnReasons: [...ins.returnReasons]
      .map(([activity, r]) => ({ activity, ...r }))
      .sort(
        (a, b) =>
          b.journeys - a.journeys ||
          b.instances - a.instances ||
          compareStrings(a.activity, b.activity),
      ),
    channelSequences: withTrips ? channelSequences(ins) : null,
    queueWaits: {
      count: queueAll.count,
      seconds: queueAll.count > 0 ? stats(queueAll) : null,
      byHall: waitRows(ins.queueByHall),
      byHourWeekday: [...ins.queueHeat]
        .sort((a, b) => a[0] - b[0])
        .map(([cell, d]): QueueHeatCell => ({
          weekday: Math.floor(cell / 24) + 1,
          hour: cell % 24,
          count: d.count,
          meanSeconds: seconds(d.mean),
          medianSeconds: seconds(d.quantile(0.5)),
        })),
      uncalled: ins.queueUncalled,
    },
    backOfficeWaits: waitRows(ins.backOffice),
    waitAttribution: {
      citizenSeconds: seconds(all.citizenWait),
      governmentSeconds: seconds(all.governmentWait),
      citizenShare: ratio(all.citizenWait, all.citizenWait + all.governmentWait),
      byPeriod: periods.map(([period, v]) => ({
        period,
        citizenSeconds: seconds(v.citizenWait),
        governmentSeconds: seconds(v.governmentWait),
      })),
    },
    edges: edgeInsights(p, ins, allWaiting),
    activities: activityInsights(p, ins, allWaiting),
    variants: variants.map((v): VariantLeadTime => {
      const d = ins.variantLeadTimes.get(v.activities.join(SEP)) ?? new Distribution();
      return { activities: v.activities, count: v.count, leadTimeSeconds: quantiles(d) };
    }),
  };
}

function kpis(v: PeriodPartial, withTrips: boolean): Kpis {
  return {
    journeys: v.journeys,
    tripsPerJourney: withTrips ? ratio(v.trips, v.journeys) : null,
    atMostOneTripRate: withTrips ? ratio(v.atMostOne, v.journeys) : null,
    zeroTripRate: withTrips ? ratio(v.zeroTrip, v.journeys) : null,
    leadTimeSeconds: quantiles(v.leadTime),
    queueWaitSeconds: v.queueWait.count > 0 ? quantiles(v.queueWait) : null,
    reworkRate: ratio(v.rework, v.journeys),
  };
}

function tripRows(groups: Map<string, TripGroup>): TripBreakdownRow[] {
  return [...groups]
    .map(([value, g]) => ({
      value: value === '' ? null : value,
      journeys: g.journeys,
      trips: g.trips,
      tripsPerJourney: ratio(g.trips, g.journeys),
      atMostOneTripRate: ratio(g.atMostOne, g.journeys),
      zeroTripRate: ratio(g.zeroTrip, g.journeys),
    }))
    .sort((a, b) => b.journeys - a.journeys || compareStrings(a.value ?? '', b.value ?? ''));
}

function waitRows(map: Map<string, Distribution>): WaitRow[] {
  return [...map]
    .map(([value, d]) => ({
      value: value === '' ? null : value,
      count: d.count,
      seconds: stats(d),
    }))
    .sort(
      (a, b) =>
        b.seconds.total - a.seconds.total ||
        b.count - a.count ||
        compareStrings(a.value ?? '', b.value ?? ''),
    );
}

function channelSequences(ins: InsightsPartial): ChannelSequences {
  const sorted = [...ins.channelSequences].sort(
    (a, b) => b[1] - a[1] || compareStrings(a[0], b[0]),
  );
  const top = sorted.slice(0, ins.channelSequenceLimit);
  let other = 0;
  for (const [, n] of sorted.slice(ins.channelSequenceLimit)) other += n;
  return {
    top: top.map(([key, journeys]) => ({ channels: key.split(SEP), journeys })),
    otherJourneys: other,
    distinct: sorted.length,
  };
}

function edgeInsights(p: PartialResult, ins: InsightsPartial, allWaiting: number): EdgeInsight[] {
  return [...ins.edges]
    .map(([key, e]) => {
      const [from, to] = parseEdgeKey(key);
      const waitSum = p.edges.get(key)?.wait.sum ?? 0;
      return {
        from,
        to,
        count: p.edges.get(key)?.count ?? 0,
        waitHistogram: toHistogram(e.wait),
        durationHistogram: toHistogram(e.duration),
        waitShare: ratio(waitSum, allWaiting),
        samples: toRefs(e.samples),
        journeys: e.journeys,
      };
    })
    .sort(
      (a, b) => b.count - a.count || compareStrings(a.from, b.from) || compareStrings(a.to, b.to),
    )
    .map(({ count: _count, ...edge }) => edge);
}

function activityInsights(
  p: PartialResult,
  ins: InsightsPartial,
  allWaiting: number,
): ActivityInsight[] {
  const waitBins = new Map<string, number[]>();
  const waitSums = new Map<string, number>();
  for (const [key, e] of ins.edges) {
    const to = parseEdgeKey(key)[1];
    let bins = waitBins.get(to);
    if (!bins) {
      bins = emptyBins();
      waitBins.set(to, bins);
    }
    addBins(bins, e.wait);
    waitSums.set(to, (waitSums.get(to) ?? 0) + (p.edges.get(key)?.wait.sum ?? 0));
  }
  return [...ins.activities]
    .map(([activity, a]) => ({
      activity,
      count: p.activities.get(activity)?.count ?? 0,
      serviceHistogram: toHistogram(a.service),
      waitHistogram: toHistogram(waitBins.get(activity) ?? emptyBins()),
      waitShare: ratio(waitSums.get(activity) ?? 0, allWaiting),
      samples: toRefs(a.samples),
      journeys: a.journeys,
      ...lane('channel', a.channels),
      ...lane('sourceSystem', a.sourceSystems),
    }))
    .sort((a, b) => b.count - a.count || compareStrings(a.activity, b.activity))
    .map(({ count: _count, ...activity }) => activity);
}

/** The value most of an activity's instances had (ties: the first by name); none without. */
function lane<K extends 'channel' | 'sourceSystem'>(
  key: K,
  counts: Map<string, number>,
): Partial<Record<K, string>> {
  let best: string | undefined;
  let most = 0;
  for (const [value, n] of counts) {
    if (value === '') continue;
    if (n > most || (n === most && best !== undefined && compareStrings(value, best) < 0)) {
      best = value;
      most = n;
    }
  }
  return best === undefined ? {} : ({ [key]: best } as Partial<Record<K, string>>);
}
