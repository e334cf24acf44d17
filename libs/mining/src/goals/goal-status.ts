/**
 * A reform goal's status from its monthly series: the plan is a straight line from the baseline
 * to the target at the deadline; the projection is the least-squares line through the last
 * PROJECTION_PERIODS measured months after the baseline (at least MIN_PROJECTION_PERIODS),
 * extended to the deadline. The method and thresholds are documented in docs/mining.md#goal-status;
 * keep the two in step. Pure: no clock (the series' own last month is "now").
 */

export type GoalDirection = 'decrease' | 'increase';
export type GoalStatus = 'pending' | 'on-track' | 'at-risk' | 'behind' | 'achieved' | 'missed';

/** The months of the series the projection is fitted to, at most / at least. */
export const PROJECTION_PERIODS = 6;
export const MIN_PROJECTION_PERIODS = 3;
/** Share of the required change the projection must reach by the deadline: on track / at risk. */
export const ON_TRACK_SHARE = 1;
export const AT_RISK_SHARE = 0.8;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A goal's target: a value, or a change relative to the baseline in percent (−60: to 40%). */
export type GoalTarget =
  { kind: 'absolute'; value: number } | { kind: 'relative'; percent: number };

export function targetValue(target: GoalTarget, baseline: number): number {
  return target.kind === 'absolute' ? target.value : baseline * (1 + target.percent / 100);
}

/** 'YYYY-MM' → its first instant and the next month's (UTC midnights). */
export function monthBounds(period: string): { start: number; end: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new RangeError(`not a month 'YYYY-MM': '${period}'`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
}

/** One measured month (its value placed at the month's end: the figure as of then). */
export interface GoalPoint {
  period: string;
  value: number;
}

export interface GoalPlanInput {
  direction: GoalDirection;
  baseline: number;
  /** When the plan starts: the baseline month's end, or when an entered baseline was set (ms). */
  baselineAt: number;
  target: number;
  /** ms */
  deadline: number;
  /** Measured months, any order; months with no value left out. */
  points: readonly GoalPoint[];
}

export interface TimedValue {
  at: number;
  value: number;
}

export interface GoalEvaluation {
  status: GoalStatus;
  /** The latest measured month and its value (null: none after the baseline). */
  currentPeriod: string | null;
  current: number | null;
  /** (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target. */
  progress: number | null;
  /** Baseline → target at the deadline. */
  plan: [TimedValue, TimedValue];
  /** The fitted line from its first month to the deadline; null with too few months. */
  projection: [TimedValue, TimedValue] | null;
  /**
   * Projected (or, with too few months, actual-against-plan) share of the required change
   * reached by the deadline: what the status thresholds compare. Null when pending or final.
   */
  projectedShare: number | null;
}

export function meetsTarget(direction: GoalDirection, value: number, target: number): boolean {
  return direction === 'decrease' ? value <= target : value >= target;
}

/** The plan's value at an instant (the target from the deadline on). */
export function planValue(input: GoalPlanInput, at: number): number {
  const span = input.deadline - input.baselineAt;
  if (span <= 0 || at >= input.deadline) return input.target;
  const share = Math.max(0, (at - input.baselineAt) / span);
  return input.baseline + (input.target - input.baseline) * share;
}

/** Least squares v = a + b·t over the points (t in days); null below two distinct instants. */
export function leastSquares(points: readonly TimedValue[]): { a: number; b: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let st = 0;
  let sv = 0;
  for (const p of points) {
    st += p.at / DAY_MS;
    sv += p.value;
  }
  const mt = st / n;
  const mv = sv / n;
  let stt = 0;
  let stv = 0;
  for (const p of points) {
    const dt = p.at / DAY_MS - mt;
    stt += dt * dt;
    stv += dt * (p.value - mv);
  }
  if (stt === 0) return null;
  const b = stv / stt;
  return { a: mv - b * mt, b };
}

const fitted = (line: { a: number; b: number }, at: number): number =>
  line.a + line.b * (at / DAY_MS);

export function evaluateGoal(input: GoalPlanInput): GoalEvaluation {
  const { direction, baseline, baselineAt, target, deadline } = input;
  const plan: [TimedValue, TimedValue] = [
    { at: baselineAt, value: baseline },
    { at: deadline, value: target },
  ];
  const timed = input.points
    .map((p) => ({ period: p.period, ...monthBounds(p.period), value: p.value }))
    .filter((p) => p.end > baselineAt)
    .sort((a, b) => a.end - b.end);
  const change = target - baseline;
  const progressOf = (value: number): number | null =>
    change === 0 ? null : (value - baseline) / change;
  const last = timed.at(-1);
  const none: GoalEvaluation = {
    status: 'pending',
    currentPeriod: null,
    current: null,
    progress: null,
    plan,
    projection: null,
    projectedShare: null,
  };
  if (!last) return none;

  // The data reaches the deadline: the month the deadline falls in (or the last before) decides.
  if (last.end >= deadline) {
    const final = timed.filter((p) => p.start < deadline).at(-1) ?? last;
    return {
      ...none,
      status: meetsTarget(direction, final.value, target) ? 'achieved' : 'missed',
      currentPeriod: final.period,
      current: final.value,
      progress: progressOf(final.value),
    };
  }

  const current = {
    ...none,
    currentPeriod: last.period,
    current: last.value,
    progress: progressOf(last.value),
  };
  // A target no further than the baseline in the goal's direction: only whether it is met counts.
  const wanted = direction === 'decrease' ? -change : change;
  if (wanted <= 0) {
    return {
      ...current,
      status: meetsTarget(direction, last.value, target) ? 'on-track' : 'behind',
    };
  }

  let share: number;
  let projection: [TimedValue, TimedValue] | null = null;
  const recent = timed.slice(-PROJECTION_PERIODS).map((p) => ({ at: p.end, value: p.value }));
  const line = recent.length >= MIN_PROJECTION_PERIODS ? leastSquares(recent) : null;
  if (line) {
    const projected = fitted(line, deadline);
    projection = [
      { at: recent[0].at, value: fitted(line, recent[0].at) },
      { at: deadline, value: projected },
    ];
    share = (projected - baseline) / change;
  } else {
    // Too few months for a trend: the progress made against the progress planned by now.
    const planned = (last.end - baselineAt) / (deadline - baselineAt);
    share = planned <= 0 ? 1 : (last.value - baseline) / change / planned;
  }
  const status: GoalStatus =
    share >= ON_TRACK_SHARE ? 'on-track' : share >= AT_RISK_SHARE ? 'at-risk' : 'behind';
  return { ...current, status, projection, projectedShare: share };
}
