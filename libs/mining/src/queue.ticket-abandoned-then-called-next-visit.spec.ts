import { mine, type MiningEvent } from './index';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

// One citizen, hall H1, journey by citizen (T0 is Monday 2024-03-04 00:00 UTC; zone UTC).
// Monday: ticket 16:00, never called (no event closes it). Wednesday: ticket 09:00, called
// 09:20, counter 09:30. Before the fix the Wednesday call took Monday's ticket: a wait of
// 1 day 17 h 20 min, and Wednesday's ticket was the uncalled one.
// Hand-computed: one wait of 20 min (Wednesday), one abandoned ticket (Monday's) at H1.
const hall = { channel: 'hall', location: 'H1', citizen: 'c1' };
const citizenLog: MiningEvent[] = [
  ev('T1', 'Take queue ticket', T0 + 16 * HOUR, hall),
  ev('T2', 'Take queue ticket', T0 + 2 * DAY + 9 * HOUR, hall),
  ev('T2', 'Called to window', T0 + 2 * DAY + 9 * HOUR + 20 * MINUTE, hall),
  ev('APP', 'Submit application at counter', T0 + 2 * DAY + 9 * HOUR + 30 * MINUTE, hall),
];

// The same visits in one case (journey by case, no ticket numbers to tell the tickets apart),
// and Monday's ticket closed at 17:00 by the simulator's end-of-day event.
const caseLog: MiningEvent[] = [
  ev('A', '取号', T0 + 16 * HOUR, hall),
  ev('A', '闭厅未叫号', T0 + 17 * HOUR, hall),
  ev('A', '取号', T0 + 2 * DAY + 9 * HOUR, hall),
  ev('A', '叫号', T0 + 2 * DAY + 9 * HOUR + 20 * MINUTE, hall),
];

function queueOf(events: MiningEvent[], journey: 'case' | 'citizen') {
  const insights = mine(events, { journey, insights: { timeZone: 'UTC' } }).insights;
  if (!insights) throw new Error('no insights');
  return { q: insights.queueWaits, kpis: insights.kpis };
}

describe('a ticket abandoned on one visit and a ticket called on the next', () => {
  it('pairs the call with the ticket of its own trip, not the one left the day before', () => {
    const { q, kpis } = queueOf(citizenLog, 'citizen');
    expect(q.count).toBe(1);
    expect(q.seconds).toEqual({ mean: 1200, median: 1200, p90: 1200, total: 1200 });
    expect(kpis.queueWaitSeconds).toEqual({ mean: 1200, median: 1200, p90: 1200 });
    // The heatmap holds Wednesday 09:00 only, not Monday 16:00.
    expect(q.byHourWeekday).toEqual([
      { weekday: 3, hour: 9, count: 1, meanSeconds: 1200, medianSeconds: 1200 },
    ]);
  });

  it('counts the left ticket as abandoned, per hall, apart from the waits', () => {
    const { q } = queueOf(citizenLog, 'citizen');
    expect(q.tickets).toBe(2);
    expect(q.abandoned).toBe(1);
    expect(q.uncalled).toBe(1);
    expect(q.abandonedByEvent).toBe(0);
    expect(q.abandonedRate).toBe(0.5);
    expect(q.abandonedByHall).toEqual([{ value: 'H1', tickets: 2, abandoned: 1, rate: 0.5 }]);
  });

  it('closes a ticket with an end-of-day event, and never pairs across the night', () => {
    const { q } = queueOf(caseLog, 'case');
    expect(q.count).toBe(1);
    expect(q.seconds?.total).toBe(1200);
    expect(q.abandoned).toBe(1);
    expect(q.abandonedByEvent).toBe(1);
    expect(q.abandonedByHall).toEqual([{ value: 'H1', tickets: 2, abandoned: 1, rate: 0.5 }]);
  });

  it('takes the queue activities from the options', () => {
    const renamed = caseLog.map((e) => ({
      ...e,
      activity: { 取号: 'kiosk', 闭厅未叫号: 'expire', 叫号: 'window' }[e.activity] ?? e.activity,
    }));
    const insights = mine(renamed, {
      insights: {
        queueStartActivities: ['kiosk'],
        queueEndActivities: ['window'],
        queueAbandonActivities: ['expire'],
      },
    }).insights;
    expect(insights?.queueWaits).toMatchObject({
      count: 1,
      tickets: 2,
      abandoned: 1,
      abandonedByEvent: 1,
    });
    // With the defaults none of them is a queue activity.
    expect(mine(renamed, { insights: true }).insights?.queueWaits.tickets).toBe(0);
  });
});
