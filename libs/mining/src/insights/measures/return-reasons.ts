/** Insights.returnReasons: activities performed on a journey's second or later trip. */
import { compareStrings } from '../../compare';
import { getOrAdd } from '../../maps';
import { insightMeasure } from '../measure';

type Reason = { journeys: number; instances: number };

export interface ReturnReasonsPartial {
  returnReasons: Map<string, Reason>;
}

export interface ReturnReasonsJson {
  returnReasons: [string, Reason][];
}

export const returnReasons = insightMeasure<ReturnReasonsPartial, ReturnReasonsJson>({
  empty: () => ({ returnReasons: new Map() }),
  tally: (target, { store }) => {
    /** Instances on trips ≥ 2 in the current journey, by activity code. */
    const returned = new Int32Array(store.activities.size);
    return {
      addJourney: ({ facts: { buf, lo, hi, tripOf, touched } }) => {
        for (let k = lo; k < hi; k += 1) {
          if (tripOf[k - lo] >= 2) returned[buf.activity[buf.sorted[k]]] += 1;
        }
        for (const act of touched) {
          if (returned[act] === 0) continue;
          const reason = getOrAdd(target.returnReasons, store.activities.decode(act), () => ({
            journeys: 0,
            instances: 0,
          }));
          reason.journeys += 1;
          reason.instances += returned[act];
          returned[act] = 0;
        }
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    for (const [name, r] of source.returnReasons) {
      const t = getOrAdd(target.returnReasons, name, () => ({ journeys: 0, instances: 0 }));
      t.journeys += r.journeys;
      t.instances += r.instances;
    }
  },
  toJson: (p) => ({ returnReasons: [...p.returnReasons] }),
  fromJson: (json) => ({ returnReasons: new Map(json.returnReasons) }),
  finalize: (p) => ({
    returnReasons: [...p.returnReasons]
      .map(([activity, r]) => ({ activity, ...r }))
      .sort(
        (a, b) =>
          b.journeys - a.journeys ||
          b.instances - a.instances ||
          compareStrings(a.activity, b.activity),
      ),
  }),
});
