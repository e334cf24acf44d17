import { createMiner, finalize, mergePartials, mine, type MiningEvent } from './index';
import { ev, MINUTE, T0 } from './test-events';

describe('variants stay exact with more activity names than one UTF-16 unit can number', () => {
  // 70,000 journeys: j0 … j69999, journey j does "step j" then "done"; plus two journeys with
  // the same sequence ["step 1", "done"] to have one variant counted three times.
  const N = 70_000;
  const events: MiningEvent[] = [];
  for (let j = 0; j < N; j += 1) {
    events.push(ev(`j${j}`, `step ${j}`, T0), ev(`j${j}`, 'done', T0 + MINUTE));
  }
  events.push(ev('x', 'step 1', T0), ev('x', 'done', T0 + MINUTE));
  events.push(ev('y', 'step 1', T0), ev('y', 'done', T0 + MINUTE));

  it('counts every variant and puts the repeated one first', () => {
    const r = mine(events);
    expect(r.summary.activities).toBe(N + 1);
    expect(r.variants).toHaveLength(N);
    expect(r.variants[0]).toEqual({ activities: ['step 1', 'done'], count: 3 });
    // ties by name: "step 0" < "step 10" < "step 100" < … (code-unit order)
    expect(r.variants.slice(1, 4).map((v) => v.activities[0])).toEqual([
      'step 0',
      'step 10',
      'step 100',
    ]);
  });

  it('merges a wide partial with a narrow one', () => {
    const wide = createMiner();
    const narrow = createMiner();
    for (const e of events) (e.caseId === 'x' || e.caseId === 'y' ? narrow : wide).add(e);
    const merged = finalize(mergePartials([narrow.partial(), wide.partial()]));
    expect(merged.variants).toEqual(mine(events).variants);
  });
});
