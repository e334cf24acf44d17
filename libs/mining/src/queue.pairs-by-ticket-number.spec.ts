import { mine, type MiningEvent } from './index';
import { HOUR, MINUTE, T0, ev } from './test-events';

// Two citizens' tickets are one household's journey (journey by citizen: same citizen key), at
// H1 on Monday; each queue event's case id is its ticket number (as in the simulator and in
// queue-system exports). Ticket A-001 at 09:00, B-002 at 09:05; B-002 is called first at 09:25,
// then A-001 at 09:40; at 09:50 A-003 (taken 09:45) expires as a no-show.
// By ticket number: B-002 waits 20 min, A-001 40 min; A-003 abandoned by its event.
// (Oldest-first would have given A-001 25 min and B-002 35 min.)
const hall = { channel: 'hall', location: 'H1', citizen: 'family' };
const events: MiningEvent[] = [
  ev('A-001', 'Take queue ticket', T0 + 9 * HOUR, hall),
  ev('B-002', 'Take queue ticket', T0 + 9 * HOUR + 5 * MINUTE, hall),
  ev('B-002', 'Called to window', T0 + 9 * HOUR + 25 * MINUTE, hall),
  ev('A-001', 'Called to window', T0 + 9 * HOUR + 40 * MINUTE, hall),
  ev('A-003', 'Take queue ticket', T0 + 9 * HOUR + 45 * MINUTE, hall),
  ev('A-003', 'No show', T0 + 9 * HOUR + 50 * MINUTE, hall),
];

describe('queue tickets pair by ticket number', () => {
  it('gives each call the ticket with its number, not the oldest', () => {
    const q = mine(events, { journey: 'citizen', insights: true }).insights?.queueWaits;
    expect(q?.count).toBe(2);
    expect(q?.seconds).toEqual({ mean: 1800, median: 1800, p90: 2280, total: 3600 });
    expect(q?.byHourWeekday).toEqual([
      { weekday: 1, hour: 9, count: 2, meanSeconds: 1800, medianSeconds: 1800 },
    ]);
    expect(q?.abandoned).toBe(1);
    expect(q?.abandonedByEvent).toBe(1);
    expect(q?.abandonedByHall).toEqual([{ value: 'H1', tickets: 3, abandoned: 1, rate: 1 / 3 }]);
  });

  it('falls back to the oldest waiting ticket when no ticket has the call’s number', () => {
    const renumbered = events.map((e) =>
      e.activity === 'Called to window' ? { ...e, caseId: 'window-system' } : e,
    );
    const q = mine(renumbered, { journey: 'citizen', insights: true }).insights?.queueWaits;
    // 09:25 takes A-001 (25 min), 09:40 takes B-002 (35 min).
    expect(q?.seconds?.total).toBe(3600);
    expect(q?.seconds?.median).toBe(1800);
    expect(q?.seconds?.p90).toBe(2040);
  });

  it('pairs by the events’ ticket field when they carry one apart from the case id', () => {
    // One application (case BJ1) for the household, the ticket numbers in their own field.
    const withTickets = events.map((e) => ({ ...e, ticket: e.caseId, caseId: 'BJ1' }));
    const q = mine(withTickets, { journey: 'citizen', insights: true }).insights?.queueWaits;
    expect(q?.seconds).toEqual({ mean: 1800, median: 1800, p90: 2280, total: 3600 });
    expect(q?.abandonedByEvent).toBe(1);
    // Without the field every event has the same case id: oldest first (25 and 35 min).
    const plain = events.map((e) => ({ ...e, caseId: 'BJ1' }));
    const oldest = mine(plain, { journey: 'citizen', insights: true }).insights?.queueWaits;
    expect(oldest?.seconds?.p90).toBe(2040);
  });
});
