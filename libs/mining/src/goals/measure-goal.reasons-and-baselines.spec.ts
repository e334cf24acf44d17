import type { KpiSeriesLine, KpiSeriesPoint } from '../insights-types';
import { measureGoal, type GoalDefinition } from './measure-goal';

const point = (period: string, over: Partial<KpiSeriesPoint>): KpiSeriesPoint => ({
  period,
  journeysStarted: 10,
  journeysFinished: 10,
  tripsPerJourney: null,
  atMostOneTripRate: null,
  zeroTripRate: null,
  leadTimeMedianSeconds: 100,
  leadTimeP90Seconds: 200,
  queueWaitMedianSeconds: null,
  abandonedTickets: 0,
  governmentWaitSeconds: 50,
  citizenWaitSeconds: 5,
  governmentWaitShare: 0.9,
  ...over,
});
const line = (scope: KpiSeriesLine['scope'], value: string | null, points: KpiSeriesPoint[]) => ({
  scope,
  value,
  journeys: 10 * points.length,
  points,
});
// Hall H1: 2.0 trips per journey in January 2024, then 1.8 and 1.6; no trips anywhere else.
const month: KpiSeriesLine[] = [
  line('all', null, [point('2024-01', {}), point('2024-02', {})]),
  line('hall', 'H1', [
    point('2024-01', { tripsPerJourney: 2 }),
    point('2024-02', { tripsPerJourney: 1.8 }),
    point('2024-03', { tripsPerJourney: 1.6 }),
  ]),
];
const goal: GoalDefinition = {
  kpi: 'tripsPerJourney',
  scope: { kind: 'hall', value: 'H1' },
  direction: 'decrease',
  baseline: { kind: 'period', period: '2024-01' },
  target: { kind: 'relative', percent: -60 },
  deadline: '2024-12-31',
};

describe('measuring a goal on a result’s monthly series', () => {
  it('takes the baseline month’s value and resolves a relative target from it', () => {
    const m = measureGoal(goal, month);
    if (m.reason !== null) throw new Error(m.reason);
    expect(m.baselineValue).toBe(2);
    expect(m.targetValue).toBeCloseTo(0.8, 12);
    expect(m.actual.map((p) => p.value)).toEqual([2, 1.8, 1.6]);
    expect(m.evaluation.current).toBe(1.6);
    expect(m.evaluation.plan[0]).toEqual({ at: Date.UTC(2024, 1, 1), value: 2 });
    expect(m.evaluation.plan[1].at).toBe(Date.UTC(2025, 0, 1));
  });

  it('uses an entered baseline from the end of its month', () => {
    const m = measureGoal(
      { ...goal, baseline: { kind: 'value', value: 3, since: '2024-02' } },
      month,
    );
    if (m.reason !== null) throw new Error(m.reason);
    expect(m.baselineValue).toBe(3);
    expect(m.targetValue).toBeCloseTo(1.2, 12);
    expect(m.evaluation.plan[0].at).toBe(Date.UTC(2024, 2, 1));
  });

  it('says why when the KPI or the scope cannot be measured', () => {
    expect(measureGoal(goal, null).reason).toBe('no-series');
    expect(measureGoal({ ...goal, scope: { kind: 'hall', value: 'H9' } }, month).reason).toBe(
      'scope-not-found',
    );
    expect(measureGoal({ ...goal, scope: { kind: 'all' } }, month).reason).toBe('no-channel');
    expect(measureGoal({ ...goal, kpi: 'queueWaitMedianSeconds' }, month).reason).toBe(
      'no-queue-tickets',
    );
    expect(measureGoal({ ...goal, kpi: 'satisfaction' }, month).reason).toBe('no-ratings');
    expect(
      measureGoal({ ...goal, baseline: { kind: 'period', period: '2023-12' } }, month).reason,
    ).toBe('no-baseline');
  });
});
