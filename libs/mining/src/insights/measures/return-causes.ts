/**
 * Insights.returnCauses: why citizens come back. For every return trip (a journey's trip 2, 3, …)
 * its cause is the last instance before the trip (activity and department: "告知补正材料" by the
 * market regulator, "审批通过" before collecting the certificate), and its purpose is the trip's
 * first activity that is not a queue step (queue-steps.ts), since every trip takes a ticket and
 * is called. Both are ranked by journeys (a journey counts once per row) and count return trips.
 */
import { compareStrings } from '../../compare';
import { NONE } from '../../event-store';
import type { ReturnCauses } from '../../insights-types';
import { getOrAdd } from '../../maps';
import { insightMeasure } from '../measure';
import { isQueueStep } from '../queue-steps';

type Count = { journeys: number; returns: number };

export interface ReturnCausesPartial {
  /** Cause activity → department ('' for none) → counts. */
  returnCauses: Map<string, Map<string, Count>>;
  /** Purpose activity ('' when the trip had queue steps only) → counts. */
  returnPurposes: Map<string, Count>;
}

export interface ReturnCausesJson {
  /** [activity, department ('' for none), journeys, returns]; absent in older partials. */
  returnCauses?: [string, string, number, number][];
  returnPurposes?: [string, number, number][];
}

const zero = (): Count => ({ journeys: 0, returns: 0 });

function add(target: Count, source: Count): void {
  target.journeys += source.journeys;
  target.returns += source.returns;
}

/** Adds one journey's returns (keys may repeat; each distinct key counts the journey once). */
function tallyKeys<K>(
  keys: readonly K[],
  same: (a: K, b: K) => boolean,
  count: (key: K, returns: number) => void,
): void {
  const seen: K[] = [];
  for (const key of keys) {
    if (seen.some((s) => same(s, key))) continue;
    seen.push(key);
    count(key, keys.filter((k) => same(k, key)).length);
  }
}

export const returnCauses = insightMeasure<ReturnCausesPartial, ReturnCausesJson>({
  empty: () => ({ returnCauses: new Map(), returnPurposes: new Map() }),
  tally: (target, { store, columns, insights }) => {
    const queueStep = Uint8Array.from({ length: store.activities.size }, (_, a) =>
      isQueueStep(store.activities.decode(a), insights) ? 1 : 0,
    );
    const causes: [number, number][] = [];
    /** Purpose activity codes, NONE for a trip of queue steps only. */
    const purposes: number[] = [];
    return {
      addJourney: ({ facts: { buf, lo, hi, tripOf, trips } }) => {
        if (trips < 2) return;
        causes.length = 0;
        purposes.length = 0;
        let seenTrip = 0;
        /** The return trip still looking for its purpose (0: none). */
        let pending = 0;
        for (let k = lo; k < hi; k += 1) {
          const trip = tripOf[k - lo];
          if (trip > seenTrip) {
            if (pending !== 0) purposes.push(NONE);
            pending = 0;
            seenTrip = trip;
            if (trip >= 2) {
              const before = buf.sorted[k - 1];
              causes.push([buf.activity[before], columns.departmentOf[buf.order[before]] ?? NONE]);
              pending = trip;
            }
          }
          if (pending !== 0 && trip === pending && queueStep[buf.activity[buf.sorted[k]]] === 0) {
            purposes.push(buf.activity[buf.sorted[k]]);
            pending = 0;
          }
        }
        if (pending !== 0) purposes.push(NONE);
        tallyKeys(
          causes,
          (a, b) => a[0] === b[0] && a[1] === b[1],
          ([act, dept], returns) => {
            const byDept = getOrAdd(
              target.returnCauses,
              store.activities.decode(act),
              () => new Map<string, Count>(),
            );
            const name = dept === NONE ? '' : columns.departments.decode(dept);
            add(getOrAdd(byDept, name, zero), { journeys: 1, returns });
          },
        );
        tallyKeys(
          purposes,
          (a, b) => a === b,
          (act, returns) => {
            const name = act === NONE ? '' : store.activities.decode(act);
            add(getOrAdd(target.returnPurposes, name, zero), { journeys: 1, returns });
          },
        );
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    for (const [activity, byDept] of source.returnCauses) {
      const t = getOrAdd(target.returnCauses, activity, () => new Map<string, Count>());
      for (const [dept, c] of byDept) add(getOrAdd(t, dept, zero), c);
    }
    for (const [activity, c] of source.returnPurposes) {
      add(getOrAdd(target.returnPurposes, activity, zero), c);
    }
  },
  toJson: (p) => ({
    returnCauses: [...p.returnCauses].flatMap(([activity, byDept]) =>
      [...byDept].map(([dept, c]): [string, string, number, number] => [
        activity,
        dept,
        c.journeys,
        c.returns,
      ]),
    ),
    returnPurposes: [...p.returnPurposes].map(([activity, c]): [string, number, number] => [
      activity,
      c.journeys,
      c.returns,
    ]),
  }),
  // Partials stored before return causes existed have neither field: read them as empty.
  fromJson: (json) => {
    const causes = new Map<string, Map<string, Count>>();
    for (const [activity, dept, journeys, returns] of json.returnCauses ?? []) {
      getOrAdd(causes, activity, () => new Map<string, Count>()).set(dept, { journeys, returns });
    }
    return {
      returnCauses: causes,
      returnPurposes: new Map(
        (json.returnPurposes ?? []).map(([activity, journeys, returns]) => [
          activity,
          { journeys, returns },
        ]),
      ),
    };
  },
  finalize: (p): { returnCauses: ReturnCauses } => ({
    returnCauses: {
      causes: [...p.returnCauses]
        .flatMap(([activity, byDept]) =>
          [...byDept].map(([dept, c]) => ({
            activity,
            department: dept === '' ? null : dept,
            ...c,
          })),
        )
        .sort(
          (a, b) =>
            b.journeys - a.journeys ||
            b.returns - a.returns ||
            compareStrings(a.activity, b.activity) ||
            compareStrings(a.department ?? '', b.department ?? ''),
        ),
      purposes: [...p.returnPurposes]
        .map(([activity, c]) => ({ activity: activity === '' ? null : activity, ...c }))
        .sort(
          (a, b) =>
            b.journeys - a.journeys ||
            b.returns - a.returns ||
            // At equal counts, trips of queue steps only come last.
            Number(a.activity === null) - Number(b.activity === null) ||
            compareStrings(a.activity ?? '', b.activity ?? ''),
        ),
    },
  }),
});
