import { mine } from './index';
import { ev, MINUTE, T0 } from './test-events';

describe('lifecycle start/complete events pair first-in-first-out per case and activity', () => {
  // Case c: two overlapping "review" instances, a scheduled-but-ignored event, a complete without
  // start, and a start that never completes.
  const log = [
    ev('c', 'review', T0, { lifecycle: 'start' }), // review #1 starts at 0
    ev('c', 'review', T0 + 1 * MINUTE, { lifecycle: 'START' }), // review #2 starts at 1
    ev('c', 'review', T0 + 5 * MINUTE, { lifecycle: 'complete' }), // pairs with #1: 0→5
    ev('c', 'review', T0 + 7 * MINUTE, { lifecycle: 'Complete' }), // pairs with #2: 1→7
    ev('c', 'approve', T0 + 8 * MINUTE, { lifecycle: 'schedule' }), // ignored
    ev('c', 'approve', T0 + 9 * MINUTE, { lifecycle: 'complete' }), // no start: 9→9
    ev('c', 'archive', T0 + 10 * MINUTE, { lifecycle: 'start' }), // never completes
  ];
  const result = mine(log);

  it('forms three instances, ignoring the schedule and the unmatched start', () => {
    expect(result.summary).toMatchObject({
      events: 7,
      instances: 3,
      ignoredEvents: 1,
      unmatchedStarts: 1,
      activities: 2,
    });
  });

  it('measures service time from the oldest waiting start (5 and 6 minutes)', () => {
    const review = result.activities.find((a) => a.activity === 'review');
    // (5 + 6) / 2 = 5.5 min = 330 s; median of two = mean of both.
    expect(review?.serviceSeconds).toEqual({ mean: 330, median: 330, p90: 354 });
  });

  it('gives an activity without any start a null service time', () => {
    expect(result.activities.find((a) => a.activity === 'approve')?.serviceSeconds).toBeNull();
  });

  it('orders instances by start: review(0→5), review(1→7), approve(9)', () => {
    expect(result.variants).toEqual([{ activities: ['review', 'review', 'approve'], count: 1 }]);
    const reviewReview = result.dfg.find((e) => e.from === 'review' && e.to === 'review');
    // duration = complete(b) − complete(a) = 7 − 5 = 2 min; wait = max(0, 1 − 5) = 0.
    expect(reviewReview?.durationSeconds.total).toBe(120);
    expect(reviewReview?.waitSeconds.total).toBe(0);
    const toApprove = result.dfg.find((e) => e.from === 'review' && e.to === 'approve');
    // 9 − 7 = 2 min, both as duration and as wait.
    expect(toApprove?.durationSeconds.mean).toBe(120);
    expect(toApprove?.waitSeconds.mean).toBe(120);
  });

  it('pairs per lifecycle instance id when events carry one', () => {
    const withIds = mine([
      ev('c', 'x', T0, { lifecycle: 'start', instance: '1' }),
      ev('c', 'x', T0 + MINUTE, { lifecycle: 'start', instance: '2' }),
      ev('c', 'x', T0 + 3 * MINUTE, { lifecycle: 'complete', instance: '2' }), // 1→3
      ev('c', 'x', T0 + 10 * MINUTE, { lifecycle: 'complete', instance: '1' }), // 0→10
    ]);
    // FIFO without ids would give 0→3 and 1→10 (3 and 9 min); by id: 2 and 10 min, mean 6 min.
    expect(withIds.activities[0].serviceSeconds?.mean).toBe(360);
  });

  it("ignores lifecycles with lifecycle 'none': every event is an instance", () => {
    const none = mine(log, { lifecycle: 'none' });
    expect(none.summary.instances).toBe(7);
    expect(none.activities.every((a) => a.serviceSeconds === null)).toBe(true);
  });

  it('pairs start and complete per case, not across cases', () => {
    const r = mine([
      ev('a', 'x', T0, { lifecycle: 'start' }),
      ev('b', 'x', T0 + MINUTE, { lifecycle: 'complete' }),
    ]);
    expect(r.summary).toMatchObject({ instances: 1, unmatchedStarts: 1 });
    expect(r.activities[0].serviceSeconds).toBeNull();
  });
});
