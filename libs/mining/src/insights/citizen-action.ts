/**
 * Whether an instance is a citizen action, so that the wait before it is the citizen's (the
 * government waits on the citizen): its channel is a citizen channel, or its activity takes a
 * queue ticket (walking into a hall is the citizen's move) or is listed in citizenActivities.
 */
import type { InstanceBuffer } from '../instances';
import { CITIZEN_ACTION, QUEUE_START, type InsightsContext } from './measure';

export function isCitizenAction(
  buf: InstanceBuffer,
  i: number,
  context: Pick<InsightsContext, 'activityFlags' | 'citizenChannel'>,
): boolean {
  const channel = buf.channel[i];
  return (
    (context.activityFlags[buf.activity[i]] & (QUEUE_START | CITIZEN_ACTION)) !== 0 ||
    (channel >= 0 && context.citizenChannel[channel] === 1)
  );
}
