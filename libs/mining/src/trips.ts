import type { InstanceBuffer } from './instances';

/**
 * Trips of one journey: among its instances in order (buf.sorted[lo, hi)), keep the in-person
 * ones; a trip is a maximal run of kept instances at the same location, each starting at most
 * tripGapMs after the previous kept one completed. An absent location counts as one location.
 */
export function countTrips(
  buf: InstanceBuffer,
  lo: number,
  hi: number,
  inPerson: Uint8Array,
  tripGapMs: number,
): number {
  let trips = 0;
  let previous = -1;
  for (let k = lo; k < hi; k += 1) {
    const i = buf.sorted[k];
    const channel = buf.channel[i];
    if (channel < 0 || inPerson[channel] !== 1) continue;
    const continues =
      previous >= 0 &&
      buf.location[i] === buf.location[previous] &&
      buf.startAt[i] - buf.completeAt[previous] <= tripGapMs;
    if (!continues) trips += 1;
    previous = i;
  }
  return trips;
}
