import {
  evaluateGoal,
  leastSquares,
  monthBounds,
  targetValue,
  type GoalPlanInput,
} from './goal-status';

const DAY = 24 * 60 * 60 * 1000;
// Baseline: January 2024, 2.0 trips per journey; the plan starts at its end, 1 February 2024.
// Month ends after it: 1 March = day 29, 1 April = day 60, 1 May = day 90 (2024 is a leap year).
const BASE_AT = Date.UTC(2024, 1, 1);
const goal = (
  points: GoalPlanInput['points'],
  over: Partial<GoalPlanInput> = {},
): GoalPlanInput => ({
  direction: 'decrease',
  baseline: 2,
  baselineAt: BASE_AT,
  target: 0.8, // −60%
  deadline: BASE_AT + 300 * DAY,
  points,
  ...over,
});
/** Feb, Mar, Apr on a straight line falling `perDay` from the baseline. */
const falling = (perDay: number) => [
  { period: '2024-02', value: 2 - perDay * 29 },
  { period: '2024-03', value: 2 - perDay * 60 },
  { period: '2024-04', value: 2 - perDay * 90 },
];

describe('goal status on hand-built monthly series', () => {
  it('fits a least-squares line (3, 5, 7 at days 0, 10, 20: 0.2 a day from 3)', () => {
    const line = leastSquares([
      { at: 0, value: 3 },
      { at: 10 * DAY, value: 5 },
      { at: 20 * DAY, value: 7 },
    ]);
    expect(line?.a).toBeCloseTo(3, 12);
    expect(line?.b).toBeCloseTo(0.2, 12);
  });

  it('reads a month as its first instant and the next month’s', () => {
    expect(monthBounds('2024-12')).toEqual({
      start: Date.UTC(2024, 11, 1),
      end: Date.UTC(2025, 0, 1),
    });
    expect(() => monthBounds('2024-W03')).toThrow("not a month 'YYYY-MM': '2024-W03'");
  });

  it('resolves relative targets against the baseline', () => {
    expect(targetValue({ kind: 'relative', percent: -60 }, 2)).toBeCloseTo(0.8, 12);
    expect(targetValue({ kind: 'relative', percent: -40 }, 10 * 86_400)).toBeCloseTo(6 * 86_400, 6);
    expect(targetValue({ kind: 'relative', percent: 60 }, 0.5)).toBeCloseTo(0.8, 12);
    expect(targetValue({ kind: 'absolute', value: 0.8 }, 0.5)).toBe(0.8);
  });

  it('is on track when the trend reaches the target by the deadline', () => {
    // 0.005 a day: −1.5 by day 300, 125% of the −1.2 needed.
    const e = evaluateGoal(goal(falling(0.005)));
    expect(e.status).toBe('on-track');
    expect(e.projectedShare).toBeCloseTo(1.25, 9);
    expect(e.currentPeriod).toBe('2024-04');
    expect(e.current).toBeCloseTo(1.55, 12);
    expect(e.progress).toBeCloseTo(0.45 / 1.2, 12);
    expect(e.plan).toEqual([
      { at: BASE_AT, value: 2 },
      { at: BASE_AT + 300 * DAY, value: 0.8 },
    ]);
    expect(e.projection?.[0].at).toBe(Date.UTC(2024, 2, 1));
    expect(e.projection?.[1].value).toBeCloseTo(0.5, 9);
  });

  it('is at risk when the trend reaches 80–100% of the change', () => {
    // 0.0036 a day: −1.08 by day 300, 90%.
    const e = evaluateGoal(goal(falling(0.0036)));
    expect(e.status).toBe('at-risk');
    expect(e.projectedShare).toBeCloseTo(0.9, 9);
  });

  it('is behind when the trend reaches less than 80%', () => {
    // 0.002 a day: −0.6 by day 300, 50%.
    const e = evaluateGoal(goal(falling(0.002)));
    expect(e.status).toBe('behind');
    expect(e.projectedShare).toBeCloseTo(0.5, 9);
  });

  it('fits the last six months only', () => {
    // Five flat months, then six on the 0.005 line: only the six count (on track).
    const flat = ['2024-02', '2024-03', '2024-04', '2024-05', '2024-06'].map((period) => ({
      period,
      value: 2,
    }));
    const ends = [182, 213, 243, 274, 304, 335]; // days from 1 Feb to the ends of Jul … Dec
    const recent = ['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12'].map(
      (period, i) => ({ period, value: 2 - 0.005 * ends[i] }),
    );
    const e = evaluateGoal(goal([...flat, ...recent], { deadline: BASE_AT + 400 * DAY }));
    expect(e.status).toBe('on-track');
    expect(e.projectedShare).toBeCloseTo((0.005 * 400) / 1.2, 9);
  });

  it('with fewer than three months, compares the progress made with the progress planned', () => {
    // February 1.9: 0.1 / 1.2 of the change, where the plan wanted 29 / 300 of it by then.
    const e = evaluateGoal(goal([{ period: '2024-02', value: 1.9 }]));
    expect(e.projection).toBeNull();
    expect(e.projectedShare).toBeCloseTo(0.1 / 1.2 / (29 / 300), 9);
    expect(e.status).toBe('at-risk');
  });

  it('is pending without any month after the baseline', () => {
    const e = evaluateGoal(goal([{ period: '2024-01', value: 2 }]));
    expect(e).toMatchObject({ status: 'pending', current: null, progress: null });
  });

  it('is achieved when the deadline month meets the target', () => {
    const deadline = Date.UTC(2024, 3, 15); // April 15: April decides
    const points = [
      { period: '2024-02', value: 1.5 },
      { period: '2024-03', value: 1.0 },
      { period: '2024-04', value: 0.7 },
    ];
    const e = evaluateGoal(goal(points, { deadline }));
    expect(e).toMatchObject({ status: 'achieved', currentPeriod: '2024-04', current: 0.7 });
    expect(e.projectedShare).toBeNull();
  });

  it('is missed when the deadline month does not, whatever came after', () => {
    const deadline = Date.UTC(2024, 3, 15);
    const points = [
      { period: '2024-02', value: 1.5 },
      { period: '2024-05', value: 0.5 },
      { period: '2024-04', value: 0.9 },
    ];
    const e = evaluateGoal(goal(points, { deadline }));
    expect(e).toMatchObject({ status: 'missed', currentPeriod: '2024-04', current: 0.9 });
  });

  it('follows the direction: a one-trip rate rising towards 80%', () => {
    // 0.5 → 0.8 by day 300; rising 0.0012 a day reaches +0.36, 120%.
    const points = [29, 60, 90].map((d, i) => ({
      period: ['2024-02', '2024-03', '2024-04'][i],
      value: 0.5 + 0.0012 * d,
    }));
    const e = evaluateGoal(goal(points, { direction: 'increase', baseline: 0.5, target: 0.8 }));
    expect(e.status).toBe('on-track');
    expect(e.projectedShare).toBeCloseTo(1.2, 9);
    const falls = evaluateGoal(
      goal(
        points.map((p) => ({ ...p, value: 1 - p.value })),
        { direction: 'increase', baseline: 0.5, target: 0.8 },
      ),
    );
    expect(falls.status).toBe('behind');
  });
});
