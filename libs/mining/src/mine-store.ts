import type { EventStore } from './event-store';
import { buildInstances, InstanceBuffer, type PairingCounts } from './instances';
import { JourneyAccumulator } from './journey-accumulator';
import { splitJourneys } from './journeys';
import { JourneyFacts } from './journey-facts';
import { queueStepFlags, type QueueStepNames } from './insights/queue-steps';
import { channelFlags } from './options';
import type { PartialResult } from './partial-result';
import { sortRange } from './sort-range';
import type { MiningOptions } from './types';

/**
 * Walks every journey of the stored events: group events by journey key (a counting sort,
 * stable, so ties keep input order), order each group by time, pair lifecycles into instances,
 * order instances by (start, complete, input order), split into journeys. `visit` gets the
 * instance buffer and one journey's range of `buf.sorted`; the buffer is reused, so a visitor
 * must not keep it. Returns the lifecycle pairing counts.
 */
export function forEachJourney(
  store: EventStore,
  options: MiningOptions,
  visit: (buf: InstanceBuffer, lo: number, hi: number) => void,
): PairingCounts {
  const { order, offsets } = groupByKey(store, options);
  const byTime = (a: number, b: number): number =>
    store.completeAt[a] - store.completeAt[b] || a - b;
  const buf = new InstanceBuffer();
  const byInstance = (a: number, b: number): number =>
    buf.startAt[a] - buf.startAt[b] ||
    buf.completeAt[a] - buf.completeAt[b] ||
    buf.order[a] - buf.order[b];
  const counts: PairingCounts = { unmatchedStarts: 0, ignoredEvents: 0 };
  const emit = (lo: number, hi: number): void => visit(buf, lo, hi);
  for (let key = 0; key + 1 < offsets.length; key += 1) {
    const lo = offsets[key];
    const hi = offsets[key + 1];
    if (lo === hi) continue;
    if (!ascendingTimes(store.completeAt, order, lo, hi)) sortRange(order, lo, hi, byTime);
    buildInstances(store, order, lo, hi, buf, counts);
    if (!instancesInOrder(buf)) sortRange(buf.sorted, 0, buf.length, byInstance);
    if (options.journey === 'case') emit(0, buf.length);
    else splitJourneys(buf, options.journeyGapMs, emit);
  }
  return counts;
}

/**
 * Mines every journey of the stored events (see forEachJourney for how journeys are formed) in
 * one pass: each journey's facts are read once (journey-facts.ts), then the engine's accumulator
 * and, when asked for, the insights' measures (insights/insights.ts) take them.
 */
export function mineStore(
  store: EventStore,
  options: MiningOptions,
  /** Journeys for which this returns false are left out (the journey filter, insights/). */
  keep?: (buf: InstanceBuffer, lo: number, hi: number) => boolean,
  /** Called with every kept journey's facts after the engine took them (the insights pass). */
  alsoMeasure?: (facts: JourneyFacts) => void,
  /** The hall-queue steps, whose repetition is not rework (default: the default names). */
  queueSteps?: QueueStepNames,
): PartialResult {
  const accumulator = new JourneyAccumulator(store.activities);
  const facts = new JourneyFacts(
    store.activities.size,
    channelFlags(store.channels, options.inPerson),
    options.tripGapMs,
    queueStepFlags(store.activities, queueSteps),
  );
  const counts = forEachJourney(store, options, (buf, lo, hi) => {
    if (hi <= lo || (keep && !keep(buf, lo, hi))) return;
    facts.read(buf, lo, hi);
    accumulator.addJourney(facts);
    alsoMeasure?.(facts);
  });
  return accumulator.finish(
    { events: store.length, cases: store.cases.size, ...counts },
    store.sawChannel,
  );
}

/**
 * Whether order[lo, hi) is already in (time, index) order: the usual case, checked without a
 * comparator call per event. Indices within a group ascend, so equal times are in order.
 */
function ascendingTimes(times: Float64Array, order: Int32Array, lo: number, hi: number): boolean {
  for (let k = lo + 1; k < hi; k += 1) if (times[order[k - 1]] > times[order[k]]) return false;
  return true;
}

/** Whether buf.sorted (the identity after buildInstances) is in (start, complete, order). */
function instancesInOrder(buf: InstanceBuffer): boolean {
  for (let k = 1; k < buf.length; k += 1) {
    const a = buf.sorted[k - 1];
    const b = buf.sorted[k];
    const byStart = buf.startAt[a] - buf.startAt[b];
    if (byStart > 0) return false;
    if (byStart === 0) {
      const byComplete = buf.completeAt[a] - buf.completeAt[b];
      if (byComplete > 0 || (byComplete === 0 && buf.order[a] > buf.order[b])) return false;
    }
  }
  return true;
}

/** Event indices grouped by journey key (first-seen order of keys), input order within. */
function groupByKey(
  store: EventStore,
  options: MiningOptions,
): { order: Int32Array; offsets: Int32Array } {
  const keyCount = options.journey === 'case' ? store.cases.size : store.keys.size;
  const n = store.length;
  const keyOf = store.keyOf;
  const offsets = new Int32Array(keyCount + 1);
  for (let i = 0; i < n; i += 1) offsets[keyOf[i] + 1] += 1;
  for (let k = 0; k < keyCount; k += 1) offsets[k + 1] += offsets[k];
  const cursor = offsets.slice(0, keyCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) order[cursor[keyOf[i]]++] = i;
  return { order, offsets };
}
