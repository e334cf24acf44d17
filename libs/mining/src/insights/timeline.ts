import { EventStore, NONE } from '../event-store';
import { buildInstances, InstanceBuffer, type PairingCounts } from '../instances';
import { splitJourneys } from '../journeys';
import { channelFlags, resolveOptions } from '../options';
import { sortRange } from '../sort-range';
import { numberTrips } from '../trips';
import type { MiningEvent, MiningOptions } from '../types';

export interface TimelineInstance {
  /** Index (in the input) of the event that completed the instance. */
  event: number;
  activity: string;
  /** epoch ms; equals complete for an instance without a start. */
  start: number;
  complete: number;
  hasStart: boolean;
  /** 1-based trip, 0 when the instance is not in person. */
  trip: number;
}

export interface TimelineTrip {
  trip: number;
  location: string | null;
  start: number;
  end: number;
}

export interface TimelineJourney {
  start: number;
  end: number;
  instances: TimelineInstance[];
  trips: TimelineTrip[];
}

/**
 * One journey key's events as the miner sees them: paired into instances, ordered, split into
 * journeys by the journey gap, in-person instances numbered by trip (the definitions of
 * docs/mining.md; the same helpers as mining). Events of several keys are grouped as mining does.
 */
export function journeyTimeline(
  events: readonly MiningEvent[],
  options: Partial<MiningOptions> = {},
): TimelineJourney[] {
  const resolved = resolveOptions(options);
  const store = new EventStore(resolved);
  for (const e of events) store.add(e);
  const inPerson = channelFlags(store.channels, resolved.inPerson);
  const order = Int32Array.from({ length: store.length }, (_, i) => i);
  // Group by key (stable), then by time within a key, as mineStore does.
  const keyOf = store.keyOf;
  sortRange(order, 0, order.length, (a, b) => keyOf[a] - keyOf[b] || a - b);
  const journeys: TimelineJourney[] = [];
  const buf = new InstanceBuffer();
  const counts: PairingCounts = { unmatchedStarts: 0, ignoredEvents: 0 };
  let lo = 0;
  while (lo < order.length) {
    let hi = lo + 1;
    while (hi < order.length && keyOf[order[hi]] === keyOf[order[lo]]) hi += 1;
    sortRange(order, lo, hi, (a, b) => store.completeAt[a] - store.completeAt[b] || a - b);
    buildInstances(store, order, lo, hi, buf, counts);
    sortRange(
      buf.sorted,
      0,
      buf.length,
      (a, b) =>
        buf.startAt[a] - buf.startAt[b] ||
        buf.completeAt[a] - buf.completeAt[b] ||
        buf.order[a] - buf.order[b],
    );
    const emit = (a: number, b: number): void => {
      journeys.push(measure(store, buf, a, b, inPerson, resolved.tripGapMs));
    };
    if (resolved.journey === 'case') emit(0, buf.length);
    else splitJourneys(buf, resolved.journeyGapMs, emit);
    lo = hi;
  }
  return journeys.sort((a, b) => a.start - b.start);
}

function measure(
  store: EventStore,
  buf: InstanceBuffer,
  lo: number,
  hi: number,
  inPerson: Uint8Array,
  tripGapMs: number,
): TimelineJourney {
  const tripOf = new Int32Array(hi - lo);
  numberTrips(buf, lo, hi, inPerson, tripGapMs, tripOf);
  const instances: TimelineInstance[] = [];
  const trips: TimelineTrip[] = [];
  let end = -Infinity;
  for (let k = lo; k < hi; k += 1) {
    const i = buf.sorted[k];
    const trip = tripOf[k - lo];
    if (trip > trips.length) {
      const location = buf.location[i];
      trips.push({
        trip,
        location: location === NONE ? null : store.locations.decode(location),
        start: buf.startAt[i],
        end: buf.completeAt[i],
      });
    }
    if (trip > 0) trips[trip - 1].end = Math.max(trips[trip - 1].end, buf.completeAt[i]);
    end = Math.max(end, buf.completeAt[i]);
    instances.push({
      event: buf.order[i],
      activity: store.activities.decode(buf.activity[i]),
      start: buf.startAt[i],
      complete: buf.completeAt[i],
      hasStart: buf.hasStart[i] === 1,
      trip,
    });
  }
  return { start: buf.startAt[buf.sorted[lo]], end, instances, trips };
}
