/**
 * A goal measured on one result's monthly KPI series (Insights.kpiSeries.month): its scope's
 * line, the KPI read from each month, the baseline and target resolved, the status evaluated
 * (goal-status.ts). Pure, so the api's goal routes are a repository read and this.
 */
import type { KpiSeriesLine } from '../insights-types';
import { GOAL_KPI_DEFINITIONS, type GoalKpi, type GoalUnavailableReason } from './goal-kpis';
import {
  evaluateGoal,
  monthBounds,
  targetValue,
  type GoalDirection,
  type GoalEvaluation,
  type GoalPoint,
  type GoalTarget,
} from './goal-status';

export interface GoalDefinition {
  kpi: GoalKpi;
  scope: { kind: 'all' } | { kind: 'service' | 'department' | 'hall'; value: string };
  direction: GoalDirection;
  baseline: { kind: 'period'; period: string } | { kind: 'value'; value: number; since: string };
  target: GoalTarget;
  /** 'YYYY-MM-DD': due at the end of that day (UTC). */
  deadline: string;
}

export type GoalMeasurement =
  | { reason: GoalUnavailableReason; actual: GoalPoint[] }
  | {
      reason: null;
      actual: GoalPoint[];
      baselineValue: number;
      targetValue: number;
      evaluation: GoalEvaluation;
    };

/** The reasons in English (the web app has them in both catalogues: goals.reason.*). */
export const GOAL_REASON_MESSAGES: Record<GoalUnavailableReason, string> = {
  'no-run': 'The dataset has not been mined yet: mine the whole dataset to measure the goal.',
  'no-series':
    'The newest result was mined before KPI series existed: mine the dataset again to measure the goal.',
  'no-channel':
    'Trips cannot be counted: the data has no channel column with an in-person channel.',
  'no-queue-tickets': 'Queue figures need ticket and call records, which the data does not have.',
  'no-ratings':
    'Satisfaction cannot be computed yet: the data has no ratings (evaluations are not imported).',
  'scope-not-found':
    'No journeys of this scope in the data (or it is not among the 20 values with the most journeys).',
  'no-baseline': 'The baseline month has no value for this KPI in this scope.',
};

/** End of the deadline day (UTC). */
export function deadlineInstant(deadline: string): number {
  const [y, m, d] = deadline.split('-').map(Number);
  return Date.UTC(y, m - 1, d + 1);
}

export function measureGoal(goal: GoalDefinition, month: KpiSeriesLine[] | null): GoalMeasurement {
  if (!month) return { reason: 'no-series', actual: [] };
  const kpi = GOAL_KPI_DEFINITIONS[goal.kpi];
  const scopeValue = goal.scope.kind === 'all' ? null : goal.scope.value;
  const line = month.find((l) => l.scope === goal.scope.kind && l.value === scopeValue);
  if (!line) return { reason: 'scope-not-found', actual: [] };
  const actual: GoalPoint[] = [];
  for (const p of line.points) {
    const value = kpi.read(p);
    if (value !== null) actual.push({ period: p.period, value });
  }
  if (actual.length === 0) return { reason: kpi.missing, actual };
  let baselineValue: number;
  let baselineAt: number;
  if (goal.baseline.kind === 'period') {
    const period = goal.baseline.period;
    const found = actual.find((p) => p.period === period);
    if (!found) return { reason: 'no-baseline', actual };
    baselineValue = found.value;
    baselineAt = monthBounds(period).end;
  } else {
    baselineValue = goal.baseline.value;
    baselineAt = monthBounds(goal.baseline.since).end;
  }
  const target = targetValue(goal.target, baselineValue);
  const evaluation = evaluateGoal({
    direction: goal.direction,
    baseline: baselineValue,
    baselineAt,
    target,
    deadline: deadlineInstant(goal.deadline),
    points: actual,
  });
  return { reason: null, actual, baselineValue, targetValue: target, evaluation };
}
