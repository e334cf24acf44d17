/**
 * Which activities are hall-queue steps (taking a ticket, being called): every trip to a hall
 * contains them, so they tell nothing about why a citizen came back. One helper, so that where
 * the names come from (today the insights options `queueStartActivities` / `queueEndActivities`,
 * defaulting to the simulator's names in both languages) can change in one place.
 */
import { DEFAULT_INSIGHTS_OPTIONS } from './options';

export interface QueueStepNames {
  queueStartActivities: readonly string[];
  queueEndActivities: readonly string[];
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
