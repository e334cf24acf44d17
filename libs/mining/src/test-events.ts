/** Tiny builders for hand-written logs in the specs (not exported from the library). */
import type { MiningEvent } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 2024-03-04T00:00:00Z, a Monday: specs count from here. */
export const T0 = Date.UTC(2024, 2, 4);

export function ev(
  caseId: string,
  activity: string,
  timestamp: number,
  extra: Partial<MiningEvent> = {},
): MiningEvent {
  return { caseId, activity, timestamp, ...extra };
}
