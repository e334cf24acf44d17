/**
 * The dashboard's breakdowns (MiningResult.insights), measured in the same pass as the engine
 * (mine-store.ts): every journey's facts are read once, then each measure below takes them. A
 * measure is one file in the shape of measure.ts; this list is their order (the key order of
 * the partial, its JSON and the result). The partial is mergeable: counts and sums add,
 * distributions and histogram bins merge, samples keep the k smallest hashes; keys are names,
 * not codes, so partials from different shards merge directly.
 */
import type { EventStore } from '../event-store';
import type { Insights, JourneyRef } from '../insights-types';
import type { JourneyFacts } from '../journey-facts';
import { channelFlags } from '../options';
import type { EnginePartial } from '../partial';
import type { MiningOptions, Variant } from '../types';
import { ZonedCalendar } from './calendar';
import { parseClock } from './options';
import { defaultWorkingCalendar, WorkingTime } from './working-time';
import type { InsightColumns } from './columns';
import { periodsMeasure, type PeriodJson, type PeriodsPartial } from './kpis/kpis';
import {
  CITIZEN_ACTION,
  QUEUE_ABANDON,
  QUEUE_END,
  QUEUE_START,
  type AnyInsightMeasure,
  type FinalizeContext,
  type InsightJourney,
  type InsightsContext,
  type InsightsHeader,
} from './measure';
import {
  backOfficeWaits,
  type BackOfficeJson,
  type BackOfficePartial,
} from './measures/back-office-waits';
import {
  bottleneckSides,
  type BottleneckSidesJson,
  type BottleneckSidesPartial,
} from './measures/bottleneck-sides';
import {
  channelSequences,
  type ChannelSequencesJson,
  type ChannelSequencesPartial,
} from './measures/channel-sequences';
import { deadlines, type DeadlinesJson, type DeadlinesPartial } from './measures/deadlines';
import { journeyMap, type JourneyMapJson, type JourneyMapPartial } from './measures/journey-map';
import { kpiSeries, type KpiSeriesJson, type KpiSeriesPartial } from './measures/kpi-series';
import {
  QueuePairing,
  queueWaits,
  type QueueWaitsJson,
  type QueueWaitsPartial,
} from './measures/queue-waits';
import {
  returnCauses,
  type ReturnCausesJson,
  type ReturnCausesPartial,
} from './measures/return-causes';
import {
  returnReasons,
  type ReturnReasonsJson,
  type ReturnReasonsPartial,
} from './measures/return-reasons';
import {
  tripBreakdowns,
  type TripBreakdownsJson,
  type TripBreakdownsPartial,
} from './measures/trip-breakdowns';
import {
  variantLeadTimes,
  type VariantLeadTimesJson,
  type VariantLeadTimesPartial,
} from './measures/variant-lead-times';
import { waitAttribution } from './measures/wait-attribution';
import type { ResolvedInsightsOptions } from './options';
import { journeyHash } from './samples';

const INSIGHT_MEASURES: readonly AnyInsightMeasure[] = [
  periodsMeasure,
  tripBreakdowns,
  returnReasons,
  returnCauses,
  channelSequences,
  queueWaits,
  backOfficeWaits,
  waitAttribution,
  bottleneckSides,
  journeyMap,
  variantLeadTimes,
  deadlines,
  kpiSeries,
];

/** The mergeable partial of the insights (PartialResult.insights): every measure's fields. */
export type InsightsPartial = InsightsHeader &
  PeriodsPartial &
  TripBreakdownsPartial &
  ReturnReasonsPartial &
  ReturnCausesPartial &
  ChannelSequencesPartial &
  QueueWaitsPartial &
  BackOfficePartial &
  BottleneckSidesPartial &
  JourneyMapPartial &
  VariantLeadTimesPartial &
  DeadlinesPartial &
  KpiSeriesPartial;

/** InsightsPartial as plain JSON (PartialResultJson.insights). No NUL-joined keys anywhere. */
export type InsightsPartialJson = InsightsHeader & {
  periods: [string, PeriodJson][];
} & TripBreakdownsJson &
  ReturnReasonsJson &
  ReturnCausesJson &
  ChannelSequencesJson &
  QueueWaitsJson &
  BackOfficeJson &
  BottleneckSidesJson &
  JourneyMapJson &
  VariantLeadTimesJson &
  DeadlinesJson &
  KpiSeriesJson;

function header(h: InsightsHeader): InsightsHeader {
  return {
    timeZone: h.timeZone,
    sampleSize: h.sampleSize,
    channelSequenceLimit: h.channelSequenceLimit,
  };
}

export function emptyInsights(h: InsightsHeader): InsightsPartial {
  const p = header(h);
  for (const m of INSIGHT_MEASURES) Object.assign(p, m.empty(h));
  return p as InsightsPartial;
}

/** Measures one store's journeys (each kept journey's facts, in mining order). */
export interface InsightsTally {
  addJourney: (facts: JourneyFacts) => void;
  finish: () => InsightsPartial;
}

export function insightsTally(
  store: EventStore,
  columns: InsightColumns,
  options: MiningOptions,
  insights: ResolvedInsightsOptions,
): InsightsTally {
  const partial = emptyInsights(insights);
  const starts = new Set(insights.queueStartActivities);
  const ends = new Set(insights.queueEndActivities);
  const abandons = new Set(insights.queueAbandonActivities);
  const citizenActs = new Set(insights.citizenActivities);
  const context: InsightsContext = {
    store,
    columns,
    options,
    insights,
    calendar: new ZonedCalendar(insights.timeZone),
    working: workingTime(insights),
    citizenChannel: channelFlags(store.channels, insights.citizenChannels),
    backOfficeChannel: channelFlags(store.channels, insights.backOfficeChannels),
    activityFlags: Uint8Array.from({ length: store.activities.size }, (_, a) => {
      const name = store.activities.decode(a);
      return (
        (starts.has(name) ? QUEUE_START : 0) |
        (ends.has(name) ? QUEUE_END : 0) |
        (abandons.has(name) ? QUEUE_ABANDON : 0) |
        (citizenActs.has(name) ? CITIZEN_ACTION : 0)
      );
    }),
  };
  const tallies = INSIGHT_MEASURES.map((m) => m.tally(partial, context));
  const queue = new QueuePairing();
  return {
    addJourney: (facts) => {
      const ref = journeyRef(
        store,
        options,
        facts.buf.order[facts.buf.sorted[facts.lo]],
        facts.start,
      );
      const journey: InsightJourney = {
        facts,
        ref,
        hash: journeyHash(ref.key, ref.service, facts.start),
        period: context.calendar.fields(facts.start).period,
        queue,
      };
      queue.read(facts, context.activityFlags, store, options.tripGapMs);
      for (const tally of tallies) tally.addJourney(journey);
    },
    finish: () => {
      for (const tally of tallies) tally.finish();
      return partial;
    },
  };
}

/** A journey as samples name it (see JourneyRef). */
function journeyRef(
  store: EventStore,
  options: MiningOptions,
  event: number,
  start: number,
): JourneyRef {
  if (options.journey === 'case') return { key: store.cases.decode(store.caseOf[event]), start };
  const key = store.keys.decode(store.keyOf[event]);
  if (options.journey === 'citizen') return { key, start };
  const cut = key.indexOf('\u0000');
  return { key: key.slice(0, cut), service: key.slice(cut + 1), start };
}

/** Folds insights partials of disjoint journey sets; inputs unchanged, order irrelevant. */
export function mergeInsights(parts: readonly InsightsPartial[]): InsightsPartial | undefined {
  if (parts.length === 0) return undefined;
  const first = parts[0];
  for (const part of parts) {
    if (part.timeZone !== first.timeZone) {
      throw new TypeError(
        `cannot merge insights of time zones ${first.timeZone} and ${part.timeZone}`,
      );
    }
  }
  const target = emptyInsights(first);
  for (const part of parts) for (const m of INSIGHT_MEASURES) m.merge(target, part, first);
  return target;
}

export function insightsToJson(p: InsightsPartial): InsightsPartialJson {
  const json = header(p);
  for (const m of INSIGHT_MEASURES) Object.assign(json, m.toJson(p));
  return json as InsightsPartialJson;
}

export function insightsFromJson(json: InsightsPartialJson): InsightsPartial {
  const p = header(json);
  for (const m of INSIGHT_MEASURES) Object.assign(p, m.fromJson(json));
  return p as InsightsPartial;
}

/** The finished insights of a (merged) partial; `variants` is the result's variant list. */
export function finalizeInsights(
  partial: EnginePartial,
  ins: InsightsPartial,
  variants: readonly Variant[],
  bottleneckLimit: number,
): Insights {
  let allWaiting = 0;
  for (const edge of partial.edges.values()) allWaiting += edge.wait.sum;
  const context: FinalizeContext = {
    partial,
    variants,
    withTrips: partial.trips.sawChannel,
    allWaiting,
    bottleneckLimit,
  };
  const result: Partial<Insights> = { timeZone: ins.timeZone };
  for (const m of INSIGHT_MEASURES) Object.assign(result, m.finalize(ins, context));
  return result as Insights;
}

/** Working time in the insights' zone under their working calendar; null when none is known. */
function workingTime(insights: ResolvedInsightsOptions): WorkingTime | null {
  const calendar =
    insights.workingCalendar === 'auto'
      ? defaultWorkingCalendar(insights.timeZone).calendar
      : insights.workingCalendar;
  if (calendar === 'none') return null;
  return new WorkingTime(insights.timeZone, {
    calendar,
    startMinute: parseClock(insights.workingDayStart) ?? 9 * 60,
    endMinute: parseClock(insights.workingDayEnd) ?? 17 * 60,
  });
}
