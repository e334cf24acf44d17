import { journeyTimeline, type MiningEvent } from './index';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

// One citizen, permit: online at 08:00, hall H1 09:00–09:30, back at H1 two days later; then a
// second journey 40 days on (past the 30-day journey gap).
const li = { citizen: 'li', service: 'permit' };
const events: MiningEvent[] = [
  ev('W1', 'apply online', T0 + 8 * HOUR, { ...li, channel: 'online' }),
  ev('Q1', 'ticket', T0 + 9 * HOUR, { ...li, channel: 'hall', location: 'H1' }),
  ev('K1', 'counter', T0 + 9 * HOUR + 30 * MINUTE, {
    ...li,
    channel: 'hall',
    location: 'H1',
    startTimestamp: T0 + 9 * HOUR + 20 * MINUTE,
  }),
  ev('Q2', 'ticket', T0 + 2 * DAY + 9 * HOUR, { ...li, channel: 'hall', location: 'H1' }),
  ev('W2', 'apply online', T0 + 42 * DAY, { ...li, channel: 'online' }),
];

describe('a journey timeline marks the trips with the mining definitions', () => {
  it('splits a citizen key into journeys and numbers the trips', () => {
    const journeys = journeyTimeline(events, { journey: 'citizen+service' });
    expect(journeys.map((j) => [j.start, j.end])).toEqual([
      [T0 + 8 * HOUR, T0 + 2 * DAY + 9 * HOUR],
      [T0 + 42 * DAY, T0 + 42 * DAY],
    ]);
    expect(journeys[0].instances.map((i) => [i.activity, i.trip, i.event])).toEqual([
      ['apply online', 0, 0],
      ['ticket', 1, 1],
      ['counter', 1, 2],
      ['ticket', 2, 3],
    ]);
    expect(journeys[0].trips).toEqual([
      { trip: 1, location: 'H1', start: T0 + 9 * HOUR, end: T0 + 9 * HOUR + 30 * MINUTE },
      { trip: 2, location: 'H1', start: T0 + 2 * DAY + 9 * HOUR, end: T0 + 2 * DAY + 9 * HOUR },
    ]);
    expect(journeys[0].instances[2]).toMatchObject({
      start: T0 + 9 * HOUR + 20 * MINUTE,
      hasStart: true,
    });
    expect(journeys[1].trips).toEqual([]);
  });
});
