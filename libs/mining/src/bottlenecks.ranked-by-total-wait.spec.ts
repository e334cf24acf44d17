import { mine } from './index';
import { DAY, ev, T0 } from './test-events';

describe('bottlenecks: edges and activities ranked by the total wait they cause', () => {
  // Waits (days): j1 submit→review 1, review→approve 10; j2 submit→review 3, review→approve 2;
  // j3 submit→approve 4. Total waiting 20 days.
  const r = mine([
    ev('j1', 'submit', T0),
    ev('j1', 'review', T0 + 1 * DAY),
    ev('j1', 'approve', T0 + 11 * DAY),
    ev('j2', 'submit', T0),
    ev('j2', 'review', T0 + 3 * DAY),
    ev('j2', 'approve', T0 + 5 * DAY),
    ev('j3', 'submit', T0),
    ev('j3', 'approve', T0 + 4 * DAY),
  ]);
  const days = (s: number) => s / 86400;

  it('ranks waiting for approve first, and review→approve as 12 of 20 days', () => {
    const [first] = r.bottlenecks;
    expect(first).toMatchObject({ kind: 'activity', activity: 'approve' });
    const edge = r.bottlenecks.find((b) => b.kind === 'edge' && b.from === 'review');
    expect(edge).toMatchObject({ to: 'approve', share: 12 / 20, count: 2 });
    expect(days(edge?.totalWaitSeconds ?? NaN)).toBe(12);
    expect(days(edge?.meanSeconds ?? NaN)).toBe(6);
    // p90 of [2, 10]: 2 + 0.9 × 8 = 9.2 days
    expect(days(edge?.p90Seconds ?? NaN)).toBeCloseTo(9.2, 9);
  });

  it('attributes waits to the activity waited for: approve 16 days, review 4', () => {
    const approve = r.bottlenecks.find((b) => b.kind === 'activity' && b.activity === 'approve');
    const review = r.bottlenecks.find((b) => b.kind === 'activity' && b.activity === 'review');
    expect(days(approve?.totalWaitSeconds ?? NaN)).toBe(16);
    expect(approve?.share).toBe(16 / 20);
    expect(days(review?.totalWaitSeconds ?? NaN)).toBe(4);
  });

  it('orders the whole list by total wait', () => {
    const totals = r.bottlenecks.map((b) => days(b.totalWaitSeconds));
    expect(totals).toEqual([16, 12, 4, 4, 4]);
    // at equal totals edges come first: submit→approve (4), submit→review (4), then review (4)
    expect(r.bottlenecks.slice(2).map((b) => b.kind)).toEqual(['edge', 'edge', 'activity']);
  });

  it('lists at most bottleneckLimit edges and activities', () => {
    const limited = mine([ev('j', 'a', T0), ev('j', 'b', T0 + DAY), ev('j', 'c', T0 + 3 * DAY)], {
      bottleneckLimit: 1,
    });
    expect(limited.bottlenecks.map((b) => b.kind)).toEqual(['edge', 'activity']);
  });
});
