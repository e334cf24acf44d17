/**
 * How one event takes part in forming activity instances (stored per event as a Uint8).
 * Plain constants rather than a const enum: the tests transpile files one at a time.
 */
/** No lifecycle (or lifecycle ignored): the event is an instance without a start. */
export const ATOMIC = 0;
export const START = 1;
export const COMPLETE = 2;
/** schedule, assign, suspend, …: ignored. */
export const OTHER = 3;
/** The event carries its own start timestamp: an instance with start and complete. */
export const INTERVAL = 4;

export type Transition =
  typeof ATOMIC | typeof START | typeof COMPLETE | typeof OTHER | typeof INTERVAL;

/** Lifecycle transitions match case-insensitively (BPIC 2012 writes START and COMPLETE). */
export function classifyLifecycle(lifecycle: string | null | undefined): Transition {
  if (lifecycle === null || lifecycle === undefined) return ATOMIC;
  const value = lifecycle.trim().toLowerCase();
  if (value === '') return ATOMIC;
  if (value === 'start') return START;
  if (value === 'complete') return COMPLETE;
  return OTHER;
}
