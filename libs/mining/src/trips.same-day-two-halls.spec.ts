import { mine } from './index';
import { ev, HOUR, T0 } from './test-events';

describe('trips: in-person visits at one location within the trip gap', () => {
  const hall = (location: string) => ({ channel: 'hall', location });
  const log = [
    // j1: two halls on the same day → 2 trips
    ev('j1', 'take ticket', T0 + 9 * HOUR, hall('district')),
    ev('j1', 'submit', T0 + 10 * HOUR, hall('district')),
    ev('j1', 'notarize', T0 + 14 * HOUR, hall('city')),
    // j2: same hall, online step in between, back after 3 h → 1 trip
    ev('j2', 'submit', T0 + 9 * HOUR, hall('district')),
    ev('j2', 'pay', T0 + 10 * HOUR, { channel: 'online' }),
    ev('j2', 'collect', T0 + 12 * HOUR, hall('district')),
    // j3: same hall, back the next morning (gap 20 h > 4 h) → 2 trips
    ev('j3', 'submit', T0 + 9 * HOUR, hall('district')),
    ev('j3', 'collect', T0 + 29 * HOUR, { channel: 'HALL ', location: 'district' }),
    // j4: entirely online → 0 trips
    ev('j4', 'apply', T0, { channel: 'online' }),
  ];
  const trips = mine(log).trips;

  it('counts 2 + 1 + 2 + 0 = 5 trips', () => {
    expect(trips?.total).toBe(5);
    expect(trips?.perJourneyMean).toBe(5 / 4);
  });

  it('reports the distribution of trips per journey and the at-most-one-trip rate', () => {
    expect(trips?.distribution).toEqual({ '0': 1, '1': 1, '2': 2 });
    expect(trips?.atMostOneRate).toBe(0.5);
  });

  it('allows exactly the trip gap (4 h) within one trip', () => {
    const r = mine([
      ev('j', 'a', T0, hall('x')),
      ev('j', 'b', T0 + 4 * HOUR, hall('x')),
      ev('j', 'c', T0 + 8 * HOUR + 1, hall('x')),
    ]);
    expect(r.trips?.total).toBe(2);
  });

  it('takes the in-person channel list from the options', () => {
    const r = mine(log, { inPerson: ['online'] });
    // online instances: j2 pay (1 trip, location absent), j4 apply (1 trip)
    expect(r.trips?.distribution).toEqual({ '0': 2, '1': 2 });
  });

  it('is null when no event carries a channel', () => {
    expect(mine([ev('c', 'a', T0)]).trips).toBeNull();
  });
});
