import { mine, type MiningEvent } from './index';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

/**
 * Trips by department, by hand. A journey counts under every department it touches; each trip is
 * credited to the department responsible for it: a first trip to its first substantive step's
 * department (queue steps excepted), a return trip to its cause's (the last substantive step
 * before it), and a trip of queue steps only to the department its queue steps name.
 *
 * J1: 12345 hotline call (12345热线), trip 1 at the hall: 取号/叫号 (政务服务中心), 受理 (公安局);
 *     back office 告知补正材料 (公安局); trip 2: 取号/叫号, 补交材料 (公安局).
 *     → touches 12345热线, 政务服务中心, 公安局; trips: 公安局 2 (one a return).
 * J2: online only (市场监管局): no trip.
 * J3: trip 1: 取号/叫号 only (政务服务中心), then back office 审批 (市场监管局) → 政务服务中心 1.
 * J4: trip 1: 受理 (市场监管局); back office 审批通过 (市场监管局); trip 2: 领证 (政务服务中心)
 *     → 市场监管局 2 (one a return).
 */
const at = (dept: string, channel: string, extra: Partial<MiningEvent> = {}) => ({
  department: dept,
  channel,
  location: channel === 'hall' ? 'H1' : undefined,
  ...extra,
});
const CENTRE = '政务服务中心';
const events: MiningEvent[] = [
  ev('J1', '12345来电', T0 + 8 * HOUR, at('12345热线', 'hotline')),
  ev('J1', '取号', T0 + 9 * HOUR, at(CENTRE, 'hall')),
  ev('J1', '叫号', T0 + 9 * HOUR + 10 * MINUTE, at(CENTRE, 'hall')),
  ev('J1', '受理', T0 + 9 * HOUR + 20 * MINUTE, at('公安局', 'hall')),
  ev('J1', '告知补正材料', T0 + DAY, at('公安局', 'back_office')),
  ev('J1', '取号', T0 + 3 * DAY + 9 * HOUR, at(CENTRE, 'hall')),
  ev('J1', '叫号', T0 + 3 * DAY + 9 * HOUR + 5 * MINUTE, at(CENTRE, 'hall')),
  ev('J1', '补交材料', T0 + 3 * DAY + 9 * HOUR + 15 * MINUTE, at('公安局', 'hall')),
  ev('J2', '网上申报', T0 + 10 * HOUR, at('市场监管局', 'online')),
  ev('J3', '取号', T0 + 9 * HOUR, at(CENTRE, 'hall')),
  ev('J3', '叫号', T0 + 9 * HOUR + 30 * MINUTE, at(CENTRE, 'hall')),
  ev('J3', '审批', T0 + 2 * DAY, at('市场监管局', 'back_office')),
  ev('J4', '受理', T0 + 9 * HOUR, at('市场监管局', 'hall')),
  ev('J4', '审批通过', T0 + 2 * DAY, at('市场监管局', 'back_office')),
  ev('J4', '领证', T0 + 4 * DAY + 10 * HOUR, at(CENTRE, 'hall')),
];

describe('trips by department: journeys it touches, trips it is responsible for', () => {
  const result = mine(events, { insights: { timeZone: 'UTC' } });
  const rows = result.insights?.trips?.byDepartment ?? [];
  const row = (dept: string) => rows.find((r) => r.value === dept);

  it('counts a journey under every department it touches', () => {
    expect(rows.map((r) => [r.value, r.journeys])).toEqual([
      // Equal journeys: by name (code points).
      ['市场监管局', 3],
      [CENTRE, 3],
      ['12345热线', 1],
      ['公安局', 1],
    ]);
  });

  it('credits each trip to the department that caused it, not the first one touched', () => {
    expect(rows.map((r) => [r.value, r.tripsCaused, r.returnTripsCaused])).toEqual([
      ['市场监管局', 2, 1],
      [CENTRE, 1, 0],
      ['12345热线', 0, 0],
      ['公安局', 2, 1],
    ]);
    expect(row('12345热线')?.atMostOneTripRate).toBe(0); // J1 made two trips
  });

  it('credits every trip once: the credited trips add up to all trips', () => {
    const credited = rows.reduce((sum, r) => sum + (r.tripsCaused ?? 0), 0);
    expect(result.trips?.total).toBe(5);
    expect(credited).toBe(5);
  });
});
