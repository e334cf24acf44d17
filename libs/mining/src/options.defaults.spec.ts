import { createMiner, DEFAULT_MINING_OPTIONS, mine } from './index';
import { ev, HOUR, T0 } from './test-events';

describe('default options', () => {
  it('are case journeys, auto lifecycle, 30-day journey gap, hall in person, 4-hour trip gap', () => {
    expect(DEFAULT_MINING_OPTIONS).toMatchObject({
      lifecycle: 'auto',
      journey: 'case',
      journeyGapMs: 30 * 24 * 3600 * 1000,
      inPerson: ['hall'],
      tripGapMs: 4 * 3600 * 1000,
    });
  });

  it('apply when an option is passed as undefined', () => {
    const r = mine(
      [ev('c', 'a', T0, { channel: 'hall' }), ev('c', 'b', T0 + 4 * HOUR, { channel: 'hall' })],
      { tripGapMs: undefined },
    );
    expect(r.trips?.total).toBe(1);
  });

  it('count events as they are added', () => {
    const miner = createMiner();
    miner.add(ev('c', 'a', T0));
    miner.add(ev('c', 'b', T0));
    expect(miner.eventCount).toBe(2);
  });
});
