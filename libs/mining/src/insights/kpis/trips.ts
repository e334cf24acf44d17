/** KPI: trips per journey, the at-most-one-trip rate and the zero-trip rate (kpis/kpis.ts). */
import { ratio } from '../../figures';
import type { Kpis } from '../../insights-types';
import { kpiMeasure } from '../measure';

/** Trip counts of a group of journeys (a period, service, department or hall). */
export interface TripCounts {
  trips: number;
  /** Journeys with at most one trip / with none. */
  atMostOne: number;
  zeroTrip: number;
}

/** A group of journeys with their trip counts (trip breakdowns: measures/trip-breakdowns.ts). */
export interface TripGroup extends TripCounts {
  journeys: number;
}

export function emptyTripGroup(): TripGroup {
  return { journeys: 0, trips: 0, atMostOne: 0, zeroTrip: 0 };
}

export function addTrips(counts: TripCounts, trips: number): void {
  counts.trips += trips;
  if (trips <= 1) counts.atMostOne += 1;
  if (trips === 0) counts.zeroTrip += 1;
}

export function mergeTrips(target: TripCounts, source: TripCounts): void {
  target.trips += source.trips;
  target.atMostOne += source.atMostOne;
  target.zeroTrip += source.zeroTrip;
}

export function tripRates(g: TripGroup): {
  tripsPerJourney: number;
  atMostOneTripRate: number;
  zeroTripRate: number;
} {
  return {
    tripsPerJourney: ratio(g.trips, g.journeys),
    atMostOneTripRate: ratio(g.atMostOne, g.journeys),
    zeroTripRate: ratio(g.zeroTrip, g.journeys),
  };
}

const copy = (c: TripCounts): TripCounts => ({
  trips: c.trips,
  atMostOne: c.atMostOne,
  zeroTrip: c.zeroTrip,
});

export const tripKpis = kpiMeasure<
  TripCounts,
  TripCounts,
  Pick<Kpis, 'tripsPerJourney' | 'atMostOneTripRate' | 'zeroTripRate'>
>({
  empty: () => ({ trips: 0, atMostOne: 0, zeroTrip: 0 }),
  addJourney: (counts, journey) => addTrips(counts, journey.facts.trips),
  merge: mergeTrips,
  toJson: copy,
  fromJson: copy,
  // Without a channel column there are no trips to count.
  finalize: (g, { withTrips }) =>
    withTrips
      ? tripRates(g)
      : { tripsPerJourney: null, atMostOneTripRate: null, zeroTripRate: null },
});
