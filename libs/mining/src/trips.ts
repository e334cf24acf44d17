import type { InstanceBuffer } from './instances';

/**
 * Trips of one journey: among its instances in order (buf.sorted[lo, hi)), keep the in-person
 * ones; a trip is a maximal run of kept instances at the same location, each starting at most
 * tripGapMs after the previous kept one completed. An absent location counts as one location.
 * Writes tripOf[k − lo] = the 1-based trip of instance k (0 when not in person) and returns the
 * number of trips. The one definition: the engine, the insights and the timeline all use it.
 */
export function numberTrips(
  buf: InstanceBuffer,
  lo: number,
  hi: number,
  inPerson: Uint8Array,
  tripGapMs: number,
  tripOf: Int32Array,
): number {
  let trips = 0;
  let previous = -1;
  for (let k = lo; k < hi; k += 1) {
    const i = buf.sorted[k];
    const channel = buf.channel[i];
    if (channel < 0 || inPerson[channel] !== 1) {
      tripOf[k - lo] = 0;
      continue;
    }
    const continues =
      previous >= 0 &&
      buf.location[i] === buf.location[previous] &&
      buf.startAt[i] - buf.completeAt[previous] <= tripGapMs;
    if (!continues) trips += 1;
    tripOf[k - lo] = trips;
    previous = i;
  }
  return trips;
}
