/** Insights.queueWaits: hall queue waits, ticket taken → called to a window. */
import { Distribution, type DistributionJson } from '../../distribution';
import { NONE } from '../../event-store';
import { durationStats, seconds } from '../../figures';
import type { QueueHeatCell } from '../../insights-types';
import type { InstanceBuffer } from '../../instances';
import type { JourneyFacts } from '../../journey-facts';
import { getOrAdd } from '../../maps';
import {
  distributionsFromJson,
  distributionsToJson,
  insightMeasure,
  mergeDistributions,
  QUEUE_END,
  QUEUE_START,
} from '../measure';
import { waitRows } from '../wait-rows';

export interface QueueWaitsPartial {
  queueByHall: Map<string, Distribution>;
  /** (weekday − 1) × 24 + hour of the ticket → waits. */
  queueHeat: Map<number, Distribution>;
  queueUncalled: number;
}

export interface QueueWaitsJson {
  queueByHall: [string, DistributionJson][];
  queueHeat: [number, DistributionJson][];
  queueUncalled: number;
}

/**
 * The journey's [ticket, call] pairs, into `pairs` in call order: a call takes the oldest
 * waiting ticket at the same hall (or with no hall on either). Returns the tickets never called.
 */
export function pairQueue(
  facts: JourneyFacts,
  activityFlags: Uint8Array,
  pairs: [number, number][],
  waiting: number[],
): number {
  const { buf, lo, hi } = facts;
  pairs.length = 0;
  waiting.length = 0;
  for (let k = lo; k < hi; k += 1) {
    const i = buf.sorted[k];
    const flags = activityFlags[buf.activity[i]];
    if (flags & QUEUE_START) waiting.push(i);
    else if (flags & QUEUE_END) {
      const at = waiting.findIndex((t) => buf.location[t] === buf.location[i]);
      if (at < 0) continue;
      pairs.push([waiting[at], i]);
      waiting.splice(at, 1);
    }
  }
  return waiting.length;
}

/** The wait of a [ticket, call] pair (ms). */
export function queueWait(buf: InstanceBuffer, ticket: number, call: number): number {
  return Math.max(0, buf.startAt[call] - buf.completeAt[ticket]);
}

export const queueWaits = insightMeasure<QueueWaitsPartial, QueueWaitsJson>({
  empty: () => ({ queueByHall: new Map(), queueHeat: new Map(), queueUncalled: 0 }),
  tally: (target, { store, calendar }) => ({
    addJourney: ({ facts: { buf }, queuePairs, uncalled }) => {
      for (const [ticket, call] of queuePairs) {
        const wait = queueWait(buf, ticket, call);
        const hall = buf.location[ticket];
        const hallName = hall === NONE ? '' : store.locations.decode(hall);
        getOrAdd(target.queueByHall, hallName, () => new Distribution()).add(wait);
        const { weekday, hour } = calendar.fields(buf.completeAt[ticket]);
        getOrAdd(target.queueHeat, (weekday - 1) * 24 + hour, () => new Distribution()).add(wait);
      }
      target.queueUncalled += uncalled;
    },
    finish: () => undefined,
  }),
  merge: (target, source) => {
    mergeDistributions(target.queueByHall, source.queueByHall);
    mergeDistributions(target.queueHeat, source.queueHeat);
    target.queueUncalled += source.queueUncalled;
  },
  toJson: (p) => ({
    queueByHall: distributionsToJson(p.queueByHall),
    queueHeat: distributionsToJson(p.queueHeat),
    queueUncalled: p.queueUncalled,
  }),
  fromJson: (json) => ({
    queueByHall: distributionsFromJson(json.queueByHall),
    queueHeat: distributionsFromJson(json.queueHeat),
    queueUncalled: json.queueUncalled,
  }),
  finalize: (p) => {
    const all = new Distribution();
    for (const d of p.queueByHall.values()) all.merge(d);
    return {
      queueWaits: {
        count: all.count,
        seconds: all.count > 0 ? durationStats(all) : null,
        byHall: waitRows(p.queueByHall),
        byHourWeekday: [...p.queueHeat]
          .sort((a, b) => a[0] - b[0])
          .map(([cell, d]): QueueHeatCell => ({
            weekday: Math.floor(cell / 24) + 1,
            hour: cell % 24,
            count: d.count,
            meanSeconds: seconds(d.mean),
            medianSeconds: seconds(d.quantile(0.5)),
          })),
        uncalled: p.queueUncalled,
      },
    };
  },
});
