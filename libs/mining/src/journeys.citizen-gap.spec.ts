import { mine } from './index';
import { DAY, ev, T0 } from './test-events';

describe('journeys by citizen cross cases and split after a long inactivity', () => {
  // Citizen Li applies for a permit in two systems (cases p1 and t1), then comes back for a
  // different service 45 days later (case p2). Citizen Wang has one case.
  const log = [
    ev('p1', 'apply', T0, { citizen: 'li', service: 'permit' }),
    ev('t1', 'pay tax', T0 + 2 * DAY, { citizen: 'li', service: 'permit' }),
    ev('p1', 'issue', T0 + 5 * DAY, { citizen: 'li', service: 'permit' }),
    ev('p2', 'apply', T0 + 50 * DAY, { citizen: 'li', service: 'license' }),
    ev('p2', 'issue', T0 + 52 * DAY, { citizen: 'li', service: 'license' }),
    ev('w1', 'apply', T0, { citizen: 'wang', service: 'permit' }),
  ];

  it('makes one journey per case by default', () => {
    expect(mine(log).summary).toMatchObject({ cases: 4, journeys: 4 });
  });

  it("joins a citizen's cases and splits at a gap longer than 30 days", () => {
    const r = mine(log, { journey: 'citizen' });
    // li: [apply, pay tax, issue] (days 0–5), gap 45 days, [apply, issue]; wang: [apply]
    expect(r.summary).toMatchObject({ cases: 4, journeys: 3 });
    expect(r.variants).toEqual([
      { activities: ['apply'], count: 1 },
      { activities: ['apply', 'issue'], count: 1 },
      { activities: ['apply', 'pay tax', 'issue'], count: 1 },
    ]);
    // lead times 5 d, 2 d, 0 d → mean 7/3 d, median 2 d
    expect(r.leadTimeSeconds.mean).toBeCloseTo((7 / 3) * 86400, 6);
    expect(r.leadTimeSeconds.median).toBe(2 * 86400);
  });

  it('keeps one journey when the gap is within the limit', () => {
    const r = mine(log, { journey: 'citizen', journeyGapMs: 46 * DAY });
    expect(r.summary.journeys).toBe(2);
  });

  it('measures the gap from the latest completion so far, not the previous instance', () => {
    const r = mine(
      [
        ev('a', 'long', T0 + 40 * DAY, { citizen: 'x', startTimestamp: T0 }),
        ev('b', 'short', T0 + DAY, { citizen: 'x' }),
        // 35 days after 'short' but only 25 after 'long' completed: same journey
        ev('c', 'late', T0 + 65 * DAY, { citizen: 'x' }),
      ],
      { journey: 'citizen' },
    );
    expect(r.summary.journeys).toBe(1);
  });

  it('separates services of one citizen with citizen+service', () => {
    const r = mine(log, { journey: 'citizen+service', journeyGapMs: 365 * DAY });
    // li/permit, li/license, wang/permit
    expect(r.summary.journeys).toBe(3);
  });

  it('keeps events without a service together under citizen+service', () => {
    const r = mine(
      [
        ev('a', 'ask', T0, { citizen: 'li' }),
        ev('b', 'answer', T0 + DAY, { citizen: 'li', service: null }),
        ev('c', 'apply', T0 + DAY, { citizen: 'li', service: 'permit' }),
      ],
      { journey: 'citizen+service' },
    );
    // li/(none): ask → answer; li/permit: apply
    expect(r.variants).toEqual([
      { activities: ['apply'], count: 1 },
      { activities: ['ask', 'answer'], count: 1 },
    ]);
  });

  it("pairs lifecycle events per case inside a citizen's journey", () => {
    const r = mine(
      [
        ev('p1', 'check', T0, { citizen: 'li', lifecycle: 'start' }),
        ev('t1', 'check', T0 + 2 * DAY, { citizen: 'li', lifecycle: 'complete' }),
        ev('p1', 'check', T0 + 3 * DAY, { citizen: 'li', lifecycle: 'complete' }),
      ],
      { journey: 'citizen' },
    );
    // t1's complete has no start in t1; p1's start pairs with p1's complete: 3 days.
    expect(r.summary).toMatchObject({ journeys: 1, instances: 2, unmatchedStarts: 0 });
    const service = r.activities[0].serviceSeconds;
    // instances: p1 0→3 d (service 3 d) and t1 2 d (no start, 0): mean 1.5 d
    expect(service?.mean).toBe(1.5 * 86400);
    // order by start: p1 (start 0), then t1 (start 2 d)
    expect(r.dfg[0]).toMatchObject({ from: 'check', to: 'check', count: 1 });
    expect(r.dfg[0].durationSeconds.mean).toBe(-86400);
    expect(r.dfg[0].waitSeconds.mean).toBe(0);
  });
});
