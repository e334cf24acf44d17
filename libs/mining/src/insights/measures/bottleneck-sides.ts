/**
 * Insights.bottlenecks: the bottleneck ranking split by who is waited on. A wait (edge a → b) is
 * the citizen's when b is a citizen action (citizen-action.ts: a ticket, an online upload, the
 * next visit), else the government's; each side is ranked like MiningResult.bottlenecks, with
 * shares of all waiting, so a citizen's time before coming to the hall (the wait before 取号) no
 * longer tops the government's queue.
 */
import { rankBottlenecks, type WaitsOnEdge } from '../../bottlenecks';
import { Distribution, type DistributionJson } from '../../distribution';
import { ratio } from '../../figures';
import { edgeKey, parseEdgeKey } from '../../partial';
import { isCitizenAction } from '../citizen-action';
import { insightMeasure, mergeDistributions } from '../measure';

export interface BottleneckSidesPartial {
  /** Keyed by edgeKey(from, to): the waits on the edge before citizen actions / the rest. */
  citizenWaits: Map<string, Distribution>;
  governmentWaits: Map<string, Distribution>;
}

export interface BottleneckSidesJson {
  /** [from, to, waits]; absent in partials stored before the split. */
  citizenWaits?: [string, string, DistributionJson][];
  governmentWaits?: [string, string, DistributionJson][];
}

function toJson(map: Map<string, Distribution>): [string, string, DistributionJson][] {
  return [...map].map(([key, d]) => {
    const [from, to] = parseEdgeKey(key);
    return [from, to, d.toJSON()];
  });
}

function fromJson(pairs: [string, string, DistributionJson][] | undefined) {
  return new Map(
    (pairs ?? []).map(([from, to, d]) => [edgeKey(from, to), Distribution.fromJSON(d)]),
  );
}

function edges(map: Map<string, Distribution>): WaitsOnEdge[] {
  return [...map].map(([key, d]) => {
    const [from, to] = parseEdgeKey(key);
    return [from, to, d];
  });
}

export const bottleneckSides = insightMeasure<BottleneckSidesPartial, BottleneckSidesJson>({
  empty: () => ({ citizenWaits: new Map(), governmentWaits: new Map() }),
  tally: (target, context) => {
    const size = context.store.activities.size;
    /** By from × size + to, in codes until finish. */
    const citizen = new Map<number, Distribution>();
    const government = new Map<number, Distribution>();
    return {
      addJourney: ({ facts: { buf, lo, hi } }) => {
        for (let k = lo + 1; k < hi; k += 1) {
          const i = buf.sorted[k];
          const before = buf.sorted[k - 1];
          const wait = Math.max(0, buf.startAt[i] - buf.completeAt[before]);
          const side = isCitizenAction(buf, i, context) ? citizen : government;
          const code = buf.activity[before] * size + buf.activity[i];
          let d = side.get(code);
          if (!d) {
            d = new Distribution();
            side.set(code, d);
          }
          d.add(wait);
        }
      },
      finish: () => {
        const names = context.store.activities;
        for (const [from, to] of [
          [citizen, target.citizenWaits],
          [government, target.governmentWaits],
        ] as const) {
          const named = new Map<string, Distribution>();
          for (const [code, d] of from) {
            named.set(edgeKey(names.decode(Math.floor(code / size)), names.decode(code % size)), d);
          }
          mergeDistributions(to, named);
        }
      },
    };
  },
  merge: (target, source) => {
    mergeDistributions(target.citizenWaits, source.citizenWaits);
    mergeDistributions(target.governmentWaits, source.governmentWaits);
  },
  toJson: (p) => ({
    citizenWaits: toJson(p.citizenWaits),
    governmentWaits: toJson(p.governmentWaits),
  }),
  fromJson: (json) => ({
    citizenWaits: fromJson(json.citizenWaits),
    governmentWaits: fromJson(json.governmentWaits),
  }),
  finalize: (p, { allWaiting, bottleneckLimit }) => {
    const government = totalWait(p.governmentWaits);
    const citizen = totalWait(p.citizenWaits);
    return {
      bottlenecks: {
        government: rankBottlenecks(
          edges(p.governmentWaits),
          allWaiting,
          bottleneckLimit,
          'government',
        ),
        citizen: rankBottlenecks(edges(p.citizenWaits), allWaiting, bottleneckLimit, 'citizen'),
        // None without any waiting, or from partials stored before the split (nothing measured).
        ...(government + citizen > 0
          ? {
              shares: {
                government: ratio(government, allWaiting),
                citizen: ratio(citizen, allWaiting),
              },
            }
          : {}),
      },
    };
  },
});

function totalWait(waits: Map<string, Distribution>): number {
  let sum = 0;
  for (const d of waits.values()) sum += d.sum;
  return sum;
}
