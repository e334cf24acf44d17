import { mine } from './index';
import { DAY, ev, T0 } from './test-events';

describe('rework: an activity occurring more than once in a journey', () => {
  const r = mine([
    // j1: supplement materials three times → 2 extra occurrences
    ev('j1', 'submit', T0),
    ev('j1', 'supplement materials', T0 + DAY),
    ev('j1', 'supplement materials', T0 + 2 * DAY),
    ev('j1', 'supplement materials', T0 + 3 * DAY),
    ev('j1', 'approve', T0 + 4 * DAY),
    // j2: submitted twice
    ev('j2', 'submit', T0),
    ev('j2', 'submit', T0 + DAY),
    ev('j2', 'approve', T0 + 2 * DAY),
    // j3: no rework
    ev('j3', 'submit', T0),
    ev('j3', 'approve', T0 + DAY),
  ]);

  it('counts journeys with rework and their share', () => {
    expect(r.rework?.journeys).toBe(2);
    expect(r.rework?.rate).toBe(2 / 3);
  });

  it('lists reworked activities with journeys and extra occurrences', () => {
    expect(r.rework?.activities).toEqual([
      { activity: 'submit', journeys: 1, extraOccurrences: 1 },
      { activity: 'supplement materials', journeys: 1, extraOccurrences: 2 },
    ]);
  });

  it('shows rework as self-loops in the graph', () => {
    const loop = r.dfg.find((e) => e.from === 'supplement materials' && e.to === e.from);
    expect(loop?.count).toBe(2);
  });
});
