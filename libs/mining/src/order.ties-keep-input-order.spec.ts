import { mine } from './index';
import { DAY, ev, T0 } from './test-events';

describe('instances order by start, then complete, then input order', () => {
  it('keeps file order for events with the same timestamp (date-granular logs)', () => {
    const r = mine([
      ev('c', 'register', T0),
      ev('c', 'check', T0 + DAY),
      ev('c', 'pay', T0 + DAY), // ties with check: stays after it
      ev('c', 'decide', T0 + 2 * DAY),
    ]);
    expect(r.variants[0].activities).toEqual(['register', 'check', 'pay', 'decide']);
    expect(r.dfg.map((e) => `${e.from}>${e.to}`).sort()).toEqual(
      ['check>pay', 'pay>decide', 'register>check'].sort(),
    );
  });

  it('sorts events that arrive out of time order, and interleaved cases', () => {
    const r = mine([
      ev('c2', 'b', T0 + 2 * DAY),
      ev('c1', 'c', T0 + 3 * DAY),
      ev('c1', 'a', T0),
      ev('c2', 'a', T0 + DAY),
      ev('c1', 'b', T0 + DAY),
    ]);
    expect(r.summary).toMatchObject({ events: 5, cases: 2, journeys: 2 });
    expect(r.variants).toEqual([
      { activities: ['a', 'b'], count: 1 },
      { activities: ['a', 'b', 'c'], count: 1 },
    ]);
    const ab = r.dfg.find((e) => e.from === 'a' && e.to === 'b');
    expect(ab?.count).toBe(2);
    // c1: a@0 → b@1d, c2: a@1d → b@2d: both one day.
    expect(ab?.durationSeconds).toEqual({ mean: 86400, median: 86400, p90: 86400, total: 172800 });
  });

  it('breaks a start tie by the earlier completion', () => {
    const r = mine([
      ev('c', 'long', T0 + 10 * DAY, { startTimestamp: T0 }),
      ev('c', 'short', T0 + DAY, { startTimestamp: T0 }),
    ]);
    expect(r.variants[0].activities).toEqual(['short', 'long']);
  });
});
