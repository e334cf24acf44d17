/** Insights.trips: at-most-one-trip figures by service, department and hall. */
import { compareStrings } from '../../compare';
import { NONE } from '../../event-store';
import type { TripBreakdownRow } from '../../insights-types';
import { getOrAdd } from '../../maps';
import { addTrips, emptyTripGroup, mergeTrips, tripRates, type TripGroup } from '../kpis/trips';
import { insightMeasure } from '../measure';

/** '' stands for "none" in the three maps. */
export interface TripBreakdownsPartial {
  byService: Map<string, TripGroup>;
  byDepartment: Map<string, TripGroup>;
  byHall: Map<string, TripGroup>;
}

export interface TripBreakdownsJson {
  byService: [string, TripGroup][];
  byDepartment: [string, TripGroup][];
  byHall: [string, TripGroup][];
}

const GROUPS = ['byService', 'byDepartment', 'byHall'] as const;

function addJourneyTo(groups: Map<string, TripGroup>, name: string, trips: number): void {
  const group = getOrAdd(groups, name, emptyTripGroup);
  group.journeys += 1;
  addTrips(group, trips);
}

export const tripBreakdowns = insightMeasure<TripBreakdownsPartial, TripBreakdownsJson>({
  empty: () => ({ byService: new Map(), byDepartment: new Map(), byHall: new Map() }),
  tally: (target, { store, columns }) => {
    const halls: number[] = [];
    return {
      addJourney: ({ facts: { buf, lo, hi, tripOf, trips } }) => {
        halls.length = 0;
        // The journey's service and department: its first non-empty values.
        let service = NONE;
        let department = NONE;
        for (let k = lo; k < hi; k += 1) {
          const i = buf.sorted[k];
          const e = buf.order[i];
          if (tripOf[k - lo] > 0 && !halls.includes(buf.location[i])) halls.push(buf.location[i]);
          if (service === NONE) service = columns.serviceOf[e] ?? NONE;
          if (department === NONE) department = columns.departmentOf[e] ?? NONE;
        }
        const serviceName = service === NONE ? '' : columns.services.decode(service);
        addJourneyTo(target.byService, serviceName, trips);
        const deptName = department === NONE ? '' : columns.departments.decode(department);
        addJourneyTo(target.byDepartment, deptName, trips);
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
  },
  toJson: (p) => ({
    byService: [...p.byService],
    byDepartment: [...p.byDepartment],
    byHall: [...p.byHall],
  }),
  fromJson: (json) => ({
    byService: new Map(json.byService),
    byDepartment: new Map(json.byDepartment),
    byHall: new Map(json.byHall),
  }),
  finalize: (p, { withTrips }) => ({
    trips: withTrips
      ? {
          byService: tripRows(p.byService),
          byDepartment: tripRows(p.byDepartment),
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
