import { grow } from './columns';
import { NONE, type EventStore } from './event-store';
import { ATOMIC, COMPLETE, INTERVAL, START } from './lifecycle';

/**
 * Activity instances of one journey key, column by column; reused from key to key so that
 * building them allocates nothing in the steady state.
 */
export class InstanceBuffer {
  length = 0;
  startAt = new Float64Array(0);
  completeAt = new Float64Array(0);
  hasStart = new Uint8Array(0);
  activity = new Int32Array(0);
  /** Input order of the event that completed the instance: the last tie-breaker. */
  order = new Int32Array(0);
  channel = new Int32Array(0);
  location = new Int32Array(0);
  /** Instance positions sorted by (start, complete, input order). */
  sorted = new Int32Array(0);

  clear(): void {
    this.length = 0;
  }

  push(store: EventStore, event: number, start: number, hasStart: boolean): void {
    const i = this.length;
    if (this.startAt.length <= i) this.reserve(i + 1);
    this.startAt[i] = start;
    this.completeAt[i] = store.completeAt[event];
    this.hasStart[i] = hasStart ? 1 : 0;
    this.activity[i] = store.activityOf[event];
    this.order[i] = event;
    this.channel[i] = store.channelOf === null ? NONE : store.channelOf[event];
    this.location[i] = store.locationOf === null ? NONE : store.locationOf[event];
    this.sorted[i] = i;
    this.length = i + 1;
  }

  private reserve(length: number): void {
    this.startAt = grow(this.startAt, length);
    this.completeAt = grow(this.completeAt, length);
    this.hasStart = grow(this.hasStart, length);
    this.activity = grow(this.activity, length);
    this.order = grow(this.order, length);
    this.channel = grow(this.channel, length);
    this.location = grow(this.location, length);
    this.sorted = grow(this.sorted, length);
  }
}

export interface PairingCounts {
  unmatchedStarts: number;
  ignoredEvents: number;
}

/**
 * Turns the events events[lo, hi) of one journey key, already in (timestamp, input order), into
 * instances. `start` events wait in a first-in-first-out queue per (case, activity, lifecycle
 * instance id); a `complete` takes the oldest waiting start, or forms an instance without a
 * start. Starts left waiting form no instance; other transitions are ignored.
 */
export function buildInstances(
  store: EventStore,
  events: Int32Array,
  lo: number,
  hi: number,
  out: InstanceBuffer,
  counts: PairingCounts,
): void {
  out.clear();
  let waiting: StartQueues | null = null;
  for (let k = lo; k < hi; k += 1) {
    const e = events[k];
    const transition = store.transitionOf[e];
    if (transition === ATOMIC) out.push(store, e, store.completeAt[e], false);
    else if (transition === INTERVAL) out.push(store, e, (store.startAt as Float64Array)[e], true);
    else if (transition === START) (waiting ??= new StartQueues()).push(pairingKey(store, e), e);
    else if (transition === COMPLETE) {
      const start = waiting ? waiting.take(pairingKey(store, e)) : -1;
      if (start >= 0) out.push(store, e, store.completeAt[start], true);
      else out.push(store, e, store.completeAt[e], false);
    } else counts.ignoredEvents += 1;
  }
  if (waiting) counts.unmatchedStarts += waiting.size;
}

/** First-in-first-out queues of start events by pairing key, O(1) per push and take. */
class StartQueues {
  private readonly queues = new Map<string, { events: number[]; head: number }>();
  size = 0;

  push(key: string, event: number): void {
    const queue = this.queues.get(key);
    if (queue) queue.events.push(event);
    else this.queues.set(key, { events: [event], head: 0 });
    this.size += 1;
  }

  /** The oldest waiting start event of the key, or -1. */
  take(key: string): number {
    const queue = this.queues.get(key);
    if (!queue || queue.head === queue.events.length) return -1;
    this.size -= 1;
    return queue.events[queue.head++];
  }
}

function pairingKey(store: EventStore, e: number): string {
  const instance = store.instanceOf === null ? NONE : store.instanceOf[e];
  return `${store.caseOf[e]},${store.activityOf[e]}${instance === NONE ? '' : `,${instance}`}`;
}
