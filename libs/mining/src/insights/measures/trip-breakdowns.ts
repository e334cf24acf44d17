/**
 * Insights.trips: at-most-one-trip figures by service, department and hall. A journey counts
 * under its service (the first non-empty value), under every department it touches (as the
 * department filter counts it) and under every hall where it made a trip. Each trip is also
 * credited to the one department responsible for it (`tripsCaused`): a first trip to the
 * department of the trip's first substantive step (queue steps excepted: the office the citizen
 * came to), a return trip to the department of its cause (the last substantive step before it
 * that names a department, as in return causes), else to the return trip's own first one.
 */
import { compareStrings } from '../../compare';
import { NONE } from '../../event-store';
import type { TripBreakdownRow } from '../../insights-types';
import { getOrAdd } from '../../maps';
import { addTrips, emptyTripGroup, mergeTrips, tripRates, type TripGroup } from '../kpis/trips';
import { insightMeasure } from '../measure';
import { isQueueStep } from '../queue-steps';

/** Trips a department is responsible for: all of them, and the return trips among them. */
export interface TripsCaused {
  trips: number;
  returns: number;
}

/** '' stands for "none" in the maps. */
export interface TripBreakdownsPartial {
  byService: Map<string, TripGroup>;
  byDepartment: Map<string, TripGroup>;
  byHall: Map<string, TripGroup>;
  tripsCaused: Map<string, TripsCaused>;
}

export interface TripBreakdownsJson {
  byService: [string, TripGroup][];
  /** Partials stored before `tripsCaused` counted a journey under its first department only. */
  byDepartment: [string, TripGroup][];
  byHall: [string, TripGroup][];
  /** [department ('' for none), trips, returns]; absent in older partials. */
  tripsCaused?: [string, number, number][];
}

const GROUPS = ['byService', 'byDepartment', 'byHall'] as const;

function addJourneyTo(groups: Map<string, TripGroup>, name: string, trips: number): void {
  const group = getOrAdd(groups, name, emptyTripGroup);
  group.journeys += 1;
  addTrips(group, trips);
}

export const tripBreakdowns = insightMeasure<TripBreakdownsPartial, TripBreakdownsJson>({
  empty: () => ({
    byService: new Map(),
    byDepartment: new Map(),
    byHall: new Map(),
    tripsCaused: new Map(),
  }),
  tally: (target, { store, columns, insights }) => {
    const queueStep = Uint8Array.from({ length: store.activities.size }, (_, a) =>
      isQueueStep(store.activities.decode(a), insights) ? 1 : 0,
    );
    const halls: number[] = [];
    const departments: number[] = [];
    const deptName = (d: number): string => (d === NONE ? '' : columns.departments.decode(d));
    const credit = (department: number, returnTrip: boolean): void => {
      const caused = getOrAdd(target.tripsCaused, deptName(department), () => ({
        trips: 0,
        returns: 0,
      }));
      caused.trips += 1;
      if (returnTrip) caused.returns += 1;
    };
    return {
      addJourney: ({ facts: { buf, lo, hi, tripOf, trips } }) => {
        halls.length = 0;
        departments.length = 0;
        let service = NONE;
        // The department of the last substantive step so far (a return trip's cause).
        let lastDepartment = NONE;
        let trip = 0;
        // The current trip waits for a department to be credited with; `fallback` is the first
        // one any of its steps names (a trip of queue steps only: the hall's department).
        let open = false;
        let fallback = NONE;
        for (let k = lo; k < hi; k += 1) {
          const i = buf.sorted[k];
          const e = buf.order[i];
          const t = tripOf[k - lo];
          const department = columns.departmentOf[e] ?? NONE;
          const substantive = queueStep[buf.activity[i]] === 0;
          if (t > trip) {
            if (open) credit(fallback, trip > 1);
            trip = t;
            open = true;
            fallback = NONE;
            if (t > 1 && lastDepartment !== NONE) {
              credit(lastDepartment, true);
              open = false;
            }
          }
          if (open && t === trip && department !== NONE) {
            if (substantive) {
              credit(department, trip > 1);
              open = false;
            } else if (fallback === NONE) fallback = department;
          }
          if (t > 0 && !halls.includes(buf.location[i])) halls.push(buf.location[i]);
          if (service === NONE) service = columns.serviceOf[e] ?? NONE;
          if (department !== NONE && !departments.includes(department)) {
            departments.push(department);
          }
          if (substantive && department !== NONE) lastDepartment = department;
        }
        if (open) credit(fallback, trip > 1);
        const serviceName = service === NONE ? '' : columns.services.decode(service);
        addJourneyTo(target.byService, serviceName, trips);
        // A journey counts under every department it touches (none: under '').
        if (departments.length === 0) addJourneyTo(target.byDepartment, '', trips);
        for (const d of departments) addJourneyTo(target.byDepartment, deptName(d), trips);
        // A journey counts under every hall where it made a trip.
        for (const hall of halls) {
          addJourneyTo(target.byHall, hall === NONE ? '' : store.locations.decode(hall), trips);
        }
      },
      finish: () => undefined,
    };
  },
  merge: (target, source) => {
    for (const name of GROUPS) {
      for (const [key, g] of source[name]) {
        const t = getOrAdd(target[name], key, emptyTripGroup);
        t.journeys += g.journeys;
        mergeTrips(t, g);
      }
    }
    for (const [key, c] of source.tripsCaused) {
      const t = getOrAdd(target.tripsCaused, key, () => ({ trips: 0, returns: 0 }));
      t.trips += c.trips;
      t.returns += c.returns;
    }
  },
  toJson: (p) => ({
    byService: [...p.byService],
    byDepartment: [...p.byDepartment],
    byHall: [...p.byHall],
    tripsCaused: [...p.tripsCaused].map(([d, c]): [string, number, number] => [
      d,
      c.trips,
      c.returns,
    ]),
  }),
  fromJson: (json) => ({
    byService: new Map(json.byService),
    byDepartment: new Map(json.byDepartment),
    byHall: new Map(json.byHall),
    tripsCaused: new Map(
      (json.tripsCaused ?? []).map(([d, trips, returns]) => [d, { trips, returns }]),
    ),
  }),
  finalize: (p, { withTrips }) => ({
    trips: withTrips
      ? {
          byService: tripRows(p.byService),
          byDepartment: departmentRows(p),
          byHall: tripRows(p.byHall),
        }
      : null,
  }),
});

function tripRows(groups: Map<string, TripGroup>): TripBreakdownRow[] {
  return [...groups]
    .map(([value, g]) => ({
      value: value === '' ? null : value,
      journeys: g.journeys,
      trips: g.trips,
      ...tripRates(g),
    }))
    .sort((a, b) => b.journeys - a.journeys || compareStrings(a.value ?? '', b.value ?? ''));
}

/** Departments with their journeys' rates and the trips credited to them (none when not counted). */
function departmentRows(p: TripBreakdownsPartial): TripBreakdownRow[] {
  // Partials stored before tripsCaused (first department only) say nothing about responsibility.
  const counted = p.tripsCaused.size > 0 || p.byDepartment.size === 0;
  const groups = new Map(p.byDepartment);
  // A trip no step names a department for is credited to none, even in a journey with one.
  for (const key of p.tripsCaused.keys()) if (!groups.has(key)) groups.set(key, emptyTripGroup());
  return tripRows(groups).map((row) => {
    const caused = p.tripsCaused.get(row.value ?? '');
    return counted
      ? { ...row, tripsCaused: caused?.trips ?? 0, returnTripsCaused: caused?.returns ?? 0 }
      : row;
  });
}
