import { mine } from './index';
import { DAY, ev, HOUR, MINUTE, T0 } from './test-events';

/** Two visits to a hall, each with a ticket and a call: the second visit is a trip, not rework. */
function twoVisits(caseId: string, ticket = '取号', call = '叫号') {
  const hall = { channel: 'hall', location: 'H1' };
  return [
    ev(caseId, ticket, T0 + 9 * HOUR, hall),
    ev(caseId, call, T0 + 9 * HOUR + 20 * MINUTE, hall),
    ev(caseId, '受理', T0 + 9 * HOUR + 30 * MINUTE, hall),
    ev(caseId, '告知补正材料', T0 + DAY, { channel: 'back_office' }),
    ev(caseId, ticket, T0 + 3 * DAY + 9 * HOUR, hall),
    ev(caseId, call, T0 + 3 * DAY + 9 * HOUR + 10 * MINUTE, hall),
    ev(caseId, '补正材料', T0 + 3 * DAY + 9 * HOUR + 20 * MINUTE, hall),
  ];
}

describe('rework: repeated hall-queue steps are trips, not rework', () => {
  it('does not count a second visit’s 取号/叫号 (or 过号) as rework', () => {
    const r = mine([
      ...twoVisits('a'),
      ev('a', '过号', T0 + 5 * DAY, { channel: 'hall', location: 'H1' }),
      ev('a', '过号', T0 + 6 * DAY, { channel: 'hall', location: 'H1' }),
      ...twoVisits('b'),
    ]);
    expect(r.trips?.perJourneyMean).toBeGreaterThanOrEqual(2);
    expect(r.rework).toEqual({ journeys: 0, rate: 0, activities: [] });
  });

  it('still counts a substantive activity done twice', () => {
    const r = mine([
      ...twoVisits('a'),
      ev('a', '补正材料', T0 + 4 * DAY, { channel: 'hall', location: 'H1' }),
      ...twoVisits('b'),
    ]);
    expect(r.rework).toEqual({
      journeys: 1,
      rate: 0.5,
      activities: [{ activity: '补正材料', journeys: 1, extraOccurrences: 1 }],
    });
  });

  it('uses the configured queue activities when insights name them', () => {
    const events = twoVisits('a', 'Q-TICKET', 'Q-CALL');
    const withDefaults = mine(events);
    expect(withDefaults.rework?.activities.map((a) => a.activity)).toEqual(['Q-CALL', 'Q-TICKET']);
    const configured = mine(events, {
      insights: { queueStartActivities: ['Q-TICKET'], queueEndActivities: ['Q-CALL'] },
    });
    expect(configured.rework).toEqual({ journeys: 0, rate: 0, activities: [] });
    expect(configured.insights?.kpis.reworkRate).toBe(0);
  });
});
