/**
 * A small hand-countable log for goal and report specs: cases of the "permit" service in 2024
 * (Beijing time) with 0 (online only), 1 or 2 hall trips at hall H1.
 */
export const TRIPS_LOG_HEADER = 'case_id,activity,timestamp,channel,hall,service';
export const TRIPS_LOG_MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  channel: 'channel',
  location: 'hall',
  service: 'service',
};

/** A case on day `day` of `month` (2024) with 0, 1 or 2 hall trips. */
export function tripCaseRows(id: string, month: number, day: number, trips: 0 | 1 | 2): string[] {
  const at = (d: number, hour: number) =>
    `2024-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T${hour}:00:00+08:00`;
  const row = (activity: string, time: string, channel: string, hall: string) =>
    `${id},${activity},${time},${channel},${hall},permit`;
  if (trips === 0)
    return [row('申请', at(day, 10), 'online', ''), row('办结', at(day, 11), 'online', '')];
  if (trips === 1)
    return [row('申请', at(day, 10), 'hall', 'H1'), row('办结', at(day, 11), 'hall', 'H1')];
  return [row('申请', at(day, 10), 'hall', 'H1'), row('领证', at(day + 1, 10), 'hall', 'H1')];
}
