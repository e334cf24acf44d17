import { mine } from './index';
import { ev, HOUR, MINUTE, T0 } from './test-events';

describe('directly-follows edges measure duration (complete→complete) and wait (complete→start)', () => {
  // Three applications with start-timestamp columns: submit then review.
  //   c1: submit 0:00–0:10, review 1:00–1:30  → duration 80 min, wait 50 min
  //   c2: submit 0:00–0:20, review 0:10–0:40  → duration 20 min, wait 0 (review overlaps)
  //   c3: submit 0:00–0:05, review 2:05–2:35  → duration 150 min, wait 120 min
  //   c4: submit 0:00–0:05, review 3:05–3:06  → duration 181 min, wait 180 min
  const log = [
    ev('c1', 'submit', T0 + 10 * MINUTE, { startTimestamp: T0 }),
    ev('c1', 'review', T0 + 90 * MINUTE, { startTimestamp: T0 + HOUR }),
    ev('c2', 'submit', T0 + 20 * MINUTE, { startTimestamp: T0 }),
    ev('c2', 'review', T0 + 40 * MINUTE, { startTimestamp: T0 + 10 * MINUTE }),
    ev('c3', 'submit', T0 + 5 * MINUTE, { startTimestamp: T0 }),
    ev('c3', 'review', T0 + 155 * MINUTE, { startTimestamp: T0 + 125 * MINUTE }),
    ev('c4', 'submit', T0 + 5 * MINUTE, { startTimestamp: T0 }),
    ev('c4', 'review', T0 + 186 * MINUTE, { startTimestamp: T0 + 185 * MINUTE }),
  ];
  const [edge] = mine(log).dfg;

  it('counts one edge submit→review four times', () => {
    expect(mine(log).dfg).toHaveLength(1);
    expect(edge).toMatchObject({ from: 'submit', to: 'review', count: 4 });
  });

  it('averages durations; an even count has the mean of the two middle values as median', () => {
    // durations in minutes: 20, 80, 150, 181 → total 431, mean 107.75, median (80+150)/2 = 115
    // p90: position 0.9 × 3 = 2.7 → 150 + 0.7 × 31 = 171.7 min
    expect(edge.durationSeconds.total).toBe(431 * 60);
    expect(edge.durationSeconds.mean).toBe(107.75 * 60);
    expect(edge.durationSeconds.median).toBe(115 * 60);
    expect(edge.durationSeconds.p90).toBeCloseTo(171.7 * 60, 6);
  });

  it('clamps overlapping instances to a zero wait', () => {
    // waits: 0, 50, 120, 180 → total 350, mean 87.5, median 85
    expect(edge.waitSeconds.total).toBe(350 * 60);
    expect(edge.waitSeconds.mean).toBe(87.5 * 60);
    expect(edge.waitSeconds.median).toBe(85 * 60);
  });

  it('measures service time (complete − start) per activity', () => {
    const review = mine(log).activities.find((a) => a.activity === 'review');
    // 30, 30, 30, 1 min → mean 22.75 min, median 30 min
    expect(review?.serviceSeconds?.mean).toBe(22.75 * 60);
    expect(review?.serviceSeconds?.median).toBe(30 * 60);
  });

  it('measures lead time from the earliest start to the latest completion', () => {
    // 90, 40, 155, 186 min → mean 117.75, median (90+155)/2 = 122.5
    const lead = mine(log).leadTimeSeconds;
    expect(lead.mean).toBe(117.75 * 60);
    expect(lead.median).toBe(122.5 * 60);
  });

  it('lists start and end activities per journey', () => {
    const r = mine(log);
    expect(r.startActivities).toEqual([{ activity: 'submit', count: 4 }]);
    expect(r.endActivities).toEqual([{ activity: 'review', count: 4 }]);
  });
});
