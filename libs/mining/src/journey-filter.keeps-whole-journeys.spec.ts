import { mine, type JourneyFilter, type MiningEvent } from './index';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

// A: online in March, then a hall visit at H1. B: online only, in April. C: one visit at H2.
const events: MiningEvent[] = [
  ev('A', 'apply online', T0 + 8 * HOUR, {
    service: 'permit',
    department: 'D1',
    channel: 'online',
  }),
  ev('A', 'Take queue ticket', T0 + 9 * HOUR, {
    service: 'permit',
    channel: 'hall',
    location: 'H1',
  }),
  ev('A', 'collect', T0 + 9 * HOUR + 30 * MINUTE, { channel: 'Hall', location: 'H1' }),
  ev('B', 'apply online', T0 + 31 * DAY, {
    service: 'licence',
    department: 'D2',
    channel: 'online',
  }),
  ev('B', 'approve', T0 + 32 * DAY, {
    service: 'licence',
    department: 'D2',
    channel: 'back_office',
  }),
  ev('C', 'Take queue ticket', T0 + DAY, { service: 'permit', channel: 'hall', location: 'H2' }),
  ev('C', 'collect', T0 + DAY + HOUR, { service: 'permit', channel: 'hall', location: 'H2' }),
];

function kept(journeyFilter: JourneyFilter) {
  const result = mine(events, { journeyFilter, insights: true });
  return {
    journeys: result.summary.journeys,
    starts: result.startActivities.map((a) => [a.activity, a.count]),
    trend: result.insights?.trend.map((t) => [t.period, t.journeys]),
  };
}

describe('the journey filter keeps whole journeys', () => {
  it('by service: any event of the journey with the service', () => {
    expect(kept({ services: ['licence'] })).toEqual({
      journeys: 1,
      starts: [['apply online', 1]],
      trend: [['2024-04', 1]],
    });
  });

  it('by channel, compared like in-person channels; the journey keeps its online events', () => {
    const result = mine(events, { journeyFilter: { channels: [' HALL'] } });
    expect(result.summary.journeys).toBe(2); // A and C
    expect(result.dfg.map((e) => [e.from, e.to, e.count])).toEqual([
      ['Take queue ticket', 'collect', 2],
      ['apply online', 'Take queue ticket', 1],
    ]);
  });

  it('by hall and department together (AND)', () => {
    expect(kept({ locations: ['H1', 'H2'], departments: ['D1'] }).journeys).toBe(1); // A
  });

  it('by the start of the journey in [from, to)', () => {
    expect(kept({ from: T0 + DAY, to: T0 + 31 * DAY }).starts).toEqual([['Take queue ticket', 1]]);
    expect(kept({ from: T0 + DAY, to: T0 + 31 * DAY + 1 }).journeys).toBe(2); // C and B
  });

  it('by variant: the exact activity sequence', () => {
    expect(kept({ variants: [['Take queue ticket', 'collect']] }).journeys).toBe(1);
    expect(kept({ variants: [['Take queue ticket'], ['never seen']] }).journeys).toBe(0);
  });

  it('still counts every event read in summary.events', () => {
    expect(mine(events, { journeyFilter: { services: ['none'] } }).summary).toMatchObject({
      events: 7,
      journeys: 0,
    });
  });
});
