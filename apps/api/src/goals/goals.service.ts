import { Injectable } from '@nestjs/common';
import { GoalRepository, type GoalEntity, type MeasuredVersion } from '@onetrip/backend';
import {
  CreateGoalRequestSchema,
  UpdateGoalRequestSchema,
  type GoalDto,
  type GoalHistoryDto,
  type GoalProgressDto,
  type GoalScope,
} from '@onetrip/contracts';
import {
  GOAL_KPI_DEFINITIONS,
  GOAL_REASON_MESSAGES,
  measureGoal,
  monthBounds,
  type GoalDefinition,
  type GoalKpi,
} from '@onetrip/mining';
import type { AuthUser } from '../auth/auth-user';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException, isUuid } from '../problem/problem';
import { validate } from '../problem/validate';

const iso = (ms: number): string => new Date(ms).toISOString();

function scopeOf(goal: GoalEntity): GoalScope {
  if (goal.scopeKind === 'all' || goal.scopeValue === null) return { kind: 'all' };
  return { kind: goal.scopeKind as 'service' | 'department' | 'hall', value: goal.scopeValue };
}

function definitionOf(goal: GoalEntity): GoalDefinition {
  return {
    kpi: goal.kpi as GoalKpi,
    scope: scopeOf(goal),
    direction: goal.direction,
    baseline: goal.baseline,
    target: goal.target,
    deadline: goal.deadline,
  };
}

/** A goal measured on one version's series (or on none: no run yet). */
export function progressOf(goal: GoalEntity, version: MeasuredVersion | null): GoalProgressDto {
  const base = {
    datasetVersion: version?.datasetVersion ?? null,
    runId: version?.runId ?? null,
    measuredAt: version?.finishedAt ? version.finishedAt.toISOString() : null,
    baselineValue: null,
    targetValue: null,
    status: null,
    currentPeriod: null,
    current: null,
    progress: null,
    projectedShare: null,
    actual: [],
    plan: [],
    projection: [],
  };
  // Satisfaction has no data source yet: say so even before the first run.
  const kpi = GOAL_KPI_DEFINITIONS[goal.kpi as GoalKpi];
  const reason = kpi.missing === 'no-ratings' ? 'no-ratings' : version ? null : 'no-run';
  if (reason || !version) {
    const r = reason ?? 'no-run';
    return { ...base, reason: r, message: GOAL_REASON_MESSAGES[r] };
  }
  const m = measureGoal(definitionOf(goal), version.month);
  const actual = m.actual.map((p) => ({ ...p, at: iso(monthBounds(p.period).end) }));
  if (m.reason !== null) {
    return { ...base, actual, reason: m.reason, message: GOAL_REASON_MESSAGES[m.reason] };
  }
  const e = m.evaluation;
  const timed = (points: { at: number; value: number }[] | null) =>
    (points ?? []).map((p) => ({ at: iso(p.at), value: p.value }));
  return {
    ...base,
    reason: null,
    message: null,
    baselineValue: m.baselineValue,
    targetValue: m.targetValue,
    status: e.status,
    currentPeriod: e.currentPeriod,
    current: e.current,
    progress: e.progress,
    projectedShare: e.projectedShare,
    actual,
    plan: timed(e.plan),
    projection: timed(e.projection),
  };
}

export function toGoalDto(goal: GoalEntity, version: MeasuredVersion | null): GoalDto {
  return {
    id: goal.id,
    datasetId: goal.datasetId,
    title: goal.title,
    kpi: goal.kpi as GoalKpi,
    scope: scopeOf(goal),
    direction: goal.direction,
    baseline: goal.baseline,
    target: goal.target,
    deadline: goal.deadline,
    owner: goal.owner,
    createdBy: goal.createdBy,
    createdAt: goal.createdAt.toISOString(),
    updatedAt: goal.updatedAt.toISOString(),
    progress: progressOf(goal, version),
  };
}

/**
 * Goals of a dataset. Their values are computed on read from the stored result of each dataset
 * version (the newest completed run without a filter), never stored (decision 0025).
 */
@Injectable()
export class GoalsService {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly goals: GoalRepository,
  ) {}

  async list(datasetId: string): Promise<GoalDto[]> {
    await this.datasets.require(datasetId);
    const [goals, latest] = await Promise.all([
      this.goals.listByDataset(datasetId),
      this.goals.measuredVersions(datasetId, true),
    ]);
    return goals.map((g) => toGoalDto(g, latest[0] ?? null));
  }

  async get(datasetId: string, id: string): Promise<GoalDto> {
    const goal = await this.require(datasetId, id);
    const latest = await this.goals.measuredVersions(datasetId, true);
    return toGoalDto(goal, latest[0] ?? null);
  }

  async create(datasetId: string, body: unknown, user: AuthUser): Promise<GoalDto> {
    await this.datasets.require(datasetId);
    const input = validate(CreateGoalRequestSchema, body);
    const direction = input.direction ?? defaultDirection(input.kpi);
    checkTarget(direction, input.target, input.baseline);
    const goal = await this.goals.create({
      datasetId,
      title: input.title ?? null,
      kpi: input.kpi,
      scopeKind: input.scope.kind,
      scopeValue: input.scope.kind === 'all' ? null : input.scope.value,
      direction,
      baseline: input.baseline,
      target: input.target,
      deadline: input.deadline,
      owner: input.owner,
      createdBy: user.username,
    });
    return this.get(datasetId, goal.id);
  }

  async update(datasetId: string, id: string, body: unknown): Promise<GoalDto> {
    const goal = await this.require(datasetId, id);
    const input = validate(UpdateGoalRequestSchema, body);
    if (input.title !== undefined) goal.title = input.title;
    if (input.kpi !== undefined) goal.kpi = input.kpi;
    if (input.scope !== undefined) {
      goal.scopeKind = input.scope.kind;
      goal.scopeValue = input.scope.kind === 'all' ? null : input.scope.value;
    }
    if (input.direction !== undefined) goal.direction = input.direction;
    else if (input.kpi !== undefined) goal.direction = defaultDirection(input.kpi);
    if (input.baseline !== undefined) goal.baseline = input.baseline;
    if (input.target !== undefined) goal.target = input.target;
    if (input.deadline !== undefined) goal.deadline = input.deadline;
    if (input.owner !== undefined) goal.owner = input.owner;
    checkTarget(goal.direction, goal.target, goal.baseline);
    await this.goals.save(goal);
    return this.get(datasetId, id);
  }

  async remove(datasetId: string, id: string): Promise<void> {
    await this.require(datasetId, id);
    await this.goals.remove(datasetId, id);
  }

  /** The goal's value on every dataset version with a completed run of the whole dataset. */
  async history(datasetId: string, id: string): Promise<GoalHistoryDto> {
    const goal = await this.require(datasetId, id);
    const versions = await this.goals.measuredVersions(datasetId);
    return {
      goalId: goal.id,
      versions: versions.map((v) => {
        const { actual: _a, plan: _p, projection: _j, ...rest } = progressOf(goal, v);
        return rest;
      }),
    };
  }

  private async require(datasetId: string, id: string): Promise<GoalEntity> {
    await this.datasets.require(datasetId);
    const goal = isUuid(id) ? await this.goals.find(datasetId, id) : null;
    if (!goal) {
      throw new ProblemException(404, 'goal.not-found', `No goal with id ${id} in this dataset.`);
    }
    return goal;
  }
}

function defaultDirection(kpi: GoalKpi): 'decrease' | 'increase' {
  return GOAL_KPI_DEFINITIONS[kpi].better === 'lower' ? 'decrease' : 'increase';
}

/**
 * A relative target must point the goal's way (−60% for a decrease); an absolute one against an
 * entered baseline too. Against a computed baseline it is checked when measured (docs/api.md).
 */
function checkTarget(
  direction: 'decrease' | 'increase',
  target: GoalEntity['target'],
  baseline: GoalEntity['baseline'],
): void {
  const sign = direction === 'decrease' ? -1 : 1;
  const wrong =
    target.kind === 'relative'
      ? Math.sign(target.percent) !== sign
      : baseline.kind === 'value' && Math.sign(target.value - baseline.value) !== sign;
  if (wrong) {
    throw new ProblemException(
      400,
      'goal.target-against-direction',
      `A goal to ${direction} needs a target ${direction === 'decrease' ? 'below' : 'above'} its baseline.`,
      { errors: [{ field: 'target', message: `must ${direction} from the baseline` }] },
    );
  }
}
