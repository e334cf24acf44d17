import { createMiner, finalize, mergePartials, mine, type MiningEvent } from './index';
import { HOUR, T0, ev } from './test-events';

// Case coverage counts a journey once however often it passes, counted by hand:
// journey 1: Ticket → Call → Ticket → Call (rework: two visits to the counter queue)
// journey 2: Ticket → Call → Review
// journey 3: Apply online → Review
// Ticket: 3 instances in 2 journeys; Ticket→Call: 3 transitions in 2 journeys; Call→Ticket: 1 in
// 1; Call→Review: 1 in 1; Review: 2 in 2; Apply online: 1 in 1.
const events: MiningEvent[] = [
  ev('1', 'Ticket', T0 + 1 * HOUR),
  ev('1', 'Call', T0 + 2 * HOUR),
  ev('1', 'Ticket', T0 + 3 * HOUR),
  ev('1', 'Call', T0 + 4 * HOUR),
  ev('2', 'Ticket', T0 + 1 * HOUR),
  ev('2', 'Call', T0 + 2 * HOUR),
  ev('2', 'Review', T0 + 3 * HOUR),
  ev('3', 'Apply online', T0 + 1 * HOUR),
  ev('3', 'Review', T0 + 2 * HOUR),
];

const EXPECTED_ACTIVITIES = { Ticket: 2, Call: 2, Review: 2, 'Apply online': 1 };
const EXPECTED_EDGES = {
  'Ticket→Call': 2,
  'Call→Ticket': 1,
  'Call→Review': 1,
  'Apply online→Review': 1,
};

function coverage(result: ReturnType<typeof mine>) {
  const insights = result.insights;
  if (!insights) throw new Error('no insights');
  return {
    activities: Object.fromEntries(insights.activities.map((a) => [a.activity, a.journeys])),
    edges: Object.fromEntries(insights.edges.map((e) => [`${e.from}→${e.to}`, e.journeys])),
  };
}

describe('case coverage of activities and hand-offs', () => {
  it('counts each journey once per activity and per edge', () => {
    const result = mine(events, { insights: { timeZone: 'UTC' } });
    expect(coverage(result)).toEqual({ activities: EXPECTED_ACTIVITIES, edges: EXPECTED_EDGES });
    // The DFG still counts every transition.
    expect(result.dfg.find((e) => e.from === 'Ticket' && e.to === 'Call')?.count).toBe(3);
  });

  it('adds up across partials of different journeys', () => {
    const part = (cases: string[]) => {
      const miner = createMiner({ insights: { timeZone: 'UTC' } });
      for (const e of events) if (cases.includes(e.caseId)) miner.add(e);
      return miner.partial();
    };
    const merged = finalize(mergePartials([part(['2']), part(['1', '3'])]));
    expect(coverage(merged)).toEqual({ activities: EXPECTED_ACTIVITIES, edges: EXPECTED_EDGES });
  });
});
