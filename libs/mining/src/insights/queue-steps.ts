/**
 * Which activities are hall-queue steps (taking a ticket, being called): every trip to a hall
 * contains them, so they tell nothing about why a citizen came back. One helper, so that where
 * the names come from (today the insights options `queueStartActivities` / `queueEndActivities`,
 * defaulting to the simulator's names in both languages) can change in one place.
 */
import type { StringDictionary } from '../dictionary';
import { DEFAULT_INSIGHTS_OPTIONS } from './options';

export interface QueueStepNames {
  queueStartActivities: readonly string[];
  queueEndActivities: readonly string[];
  /** Closing a ticket uncalled (end of day, no-show): also a queue step where given. */
  queueAbandonActivities?: readonly string[];
}

/** True when `activity` issues or calls a queue ticket under `options` (default names without). */
export function isQueueStep(
  activity: string,
  options: QueueStepNames = DEFAULT_INSIGHTS_OPTIONS,
): boolean {
  return (
    options.queueStartActivities.includes(activity) || options.queueEndActivities.includes(activity)
  );
}

/**
 * 1 for each activity code that takes, calls or abandons a queue ticket under `options`: their
 * repetition on a second trip is not rework (JourneyFacts.notRework).
 */
export function queueStepFlags(
  activities: StringDictionary,
  options: QueueStepNames = DEFAULT_INSIGHTS_OPTIONS,
): Uint8Array {
  const names = new Set([
    ...options.queueStartActivities,
    ...options.queueEndActivities,
    ...(options.queueAbandonActivities ?? []),
  ]);
  return Uint8Array.from({ length: activities.size }, (_, a) =>
    names.has(activities.decode(a)) ? 1 : 0,
  );
}
