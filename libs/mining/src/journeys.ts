import type { InstanceBuffer } from './instances';

/**
 * Splits one citizen's instances (buf.sorted, in order) into journeys: a new journey starts
 * where an instance starts more than gapMs after every earlier instance has completed.
 */
export function splitJourneys(
  buf: InstanceBuffer,
  gapMs: number,
  emit: (lo: number, hi: number) => void,
): void {
  let lo = 0;
  let latestComplete = -Infinity;
  for (let k = 0; k < buf.length; k += 1) {
    const i = buf.sorted[k];
    if (k > lo && buf.startAt[i] - latestComplete > gapMs) {
      emit(lo, k);
      lo = k;
      latestComplete = -Infinity;
    }
    if (buf.completeAt[i] > latestComplete) latestComplete = buf.completeAt[i];
  }
  if (buf.length > lo) emit(lo, buf.length);
}
