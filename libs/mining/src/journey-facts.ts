import type { InstanceBuffer } from './instances';
import { numberTrips } from './trips';
import { codeWidth, encodeKey } from './variant-keys';

/**
 * What every measure needs to know about one journey, worked out once: its instances, start,
 * lead time, trips (and the trip of each instance), variant key, and which activities it repeats.
 * Measures read these instead of recomputing them; one object is reused from journey to journey,
 * so a measure must not keep it (or its arrays) past its addJourney call.
 */
export class JourneyFacts {
  buf!: InstanceBuffer;
  /** The journey is buf.sorted[lo, hi), in order. */
  lo = 0;
  hi = 0;
  /** Start of the first instance (epoch ms). */
  start = 0;
  /** First start → last completion (ms). */
  leadTime = 0;
  trips = 0;
  /** tripOf[k − lo]: 1-based trip of instance k, 0 when not in person (see trips.ts). */
  tripOf = new Int32Array(256);
  /** The activity sequence as a variant key (variant-keys.ts). */
  variant = '';
  /** Distinct activity codes of the journey, in order of first occurrence. */
  readonly touched: number[] = [];
  /** Occurrences in this journey, by activity code (non-zero only for `touched`). */
  readonly occurrences: Int32Array;
  /** Some activity other than a queue step occurs more than once (rework). */
  reworked = false;
  private codes = new Uint16Array(256);
  private readonly width: 1 | 2;

  constructor(
    activities: number,
    private readonly inPerson: Uint8Array,
    private readonly tripGapMs: number,
    /**
     * 1 for each activity code whose repetition is not rework: hall-queue steps (queue-steps.ts),
     * which every further trip repeats. Codes beyond its length count as rework.
     */
    readonly notRework: Uint8Array = new Uint8Array(0),
  ) {
    this.occurrences = new Int32Array(activities);
    this.width = codeWidth(activities);
  }

  /** Reads the journey buf.sorted[lo, hi) (hi > lo). */
  read(buf: InstanceBuffer, lo: number, hi: number): void {
    const occurrences = this.occurrences;
    const touched = this.touched;
    for (const act of touched) occurrences[act] = 0;
    touched.length = 0;
    this.buf = buf;
    this.lo = lo;
    this.hi = hi;
    const width = this.width;
    const length = (hi - lo) * width;
    if (this.codes.length < length) this.codes = new Uint16Array(length * 2);
    if (this.tripOf.length < hi - lo) this.tripOf = new Int32Array((hi - lo) * 2);
    const codes = this.codes;
    let latest = -Infinity;
    let reworked = false;
    for (let k = lo, j = 0; k < hi; k += 1, j += width) {
      const i = buf.sorted[k];
      if (buf.completeAt[i] > latest) latest = buf.completeAt[i];
      const act = buf.activity[i];
      if (width === 1) codes[j] = act;
      else {
        codes[j] = act >>> 16;
        codes[j + 1] = act & 0xffff;
      }
      if (occurrences[act] === 0) touched.push(act);
      else if (this.notRework[act] !== 1) reworked = true;
      occurrences[act] += 1;
    }
    this.start = buf.startAt[buf.sorted[lo]];
    this.leadTime = latest - this.start;
    this.variant = encodeKey(codes, length);
    this.reworked = reworked;
    this.trips = numberTrips(buf, lo, hi, this.inPerson, this.tripGapMs, this.tripOf);
  }
}
