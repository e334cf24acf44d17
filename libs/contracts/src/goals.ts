/**
 * Managers' reform goals on a dataset (`/api/v1/datasets/:id/goals`): a KPI, a scope, a baseline,
 * a target and a deadline; the api answers each with its progress measured on the newest run of
 * the whole dataset (docs/api.md#goals, the method: docs/mining.md#goal-status).
 */
import { GOAL_KPIS, GOAL_UNAVAILABLE_REASONS } from '@onetrip/mining';
import { z } from 'zod';
import { id, instant } from './common';

/** The KPIs a goal can be set on, and why one cannot be measured: the mining core's lists. */
export const GoalKpiSchema = z.enum(GOAL_KPIS);
export const GoalUnavailableReasonSchema = z.enum(GOAL_UNAVAILABLE_REASONS);

export const GoalDirectionSchema = z.enum(['decrease', 'increase']);
export const GoalStatusSchema = z.enum([
  'pending',
  'on-track',
  'at-risk',
  'behind',
  'achieved',
  'missed',
]);
export type GoalStatusValue = z.infer<typeof GoalStatusSchema>;

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month 'YYYY-MM'")
  .meta({ example: '2024-01' });
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date 'YYYY-MM-DD'")
  .refine((s) => Number.isFinite(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date')
  .meta({ example: '2024-12-31' });
const scopeValue = z.string().trim().min(1).max(500);

/** Whose journeys: all of the dataset, or those of one service / department / hall. */
export const GoalScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('service'), value: scopeValue }).strict(),
  z.object({ kind: z.literal('department'), value: scopeValue }).strict(),
  z.object({ kind: z.literal('hall'), value: scopeValue }).strict(),
]);
export type GoalScope = z.infer<typeof GoalScopeSchema>;

/** The starting point: a month whose value is computed, or a value entered. */
export const GoalBaselineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('period'), period: month }).strict(),
  z.object({ kind: z.literal('value'), value: z.number().finite(), since: month }).strict(),
]);
export type GoalBaseline = z.infer<typeof GoalBaselineSchema>;

/** The target: a value, or a change relative to the baseline in percent (−60 → 40% of it). */
export const GoalTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('absolute'), value: z.number().finite() }).strict(),
  z
    .object({
      kind: z.literal('relative'),
      percent: z
        .number()
        .finite()
        .min(-100)
        .max(1000)
        .refine((p) => p !== 0, 'a relative target of 0% is no change'),
    })
    .strict(),
]);
export type GoalTarget = z.infer<typeof GoalTargetSchema>;

const goalFields = {
  title: z.string().trim().min(1).max(200).optional(),
  kpi: GoalKpiSchema,
  scope: GoalScopeSchema,
  direction: GoalDirectionSchema.optional().describe(
    'Which way is better (default: the KPI’s, e.g. fewer trips, a higher one-trip rate)',
  ),
  baseline: GoalBaselineSchema,
  target: GoalTargetSchema,
  deadline: date,
  owner: z.string().trim().min(1).max(200).describe('Who answers for the goal (a name or office)'),
};

export const CreateGoalRequestSchema = z.object(goalFields).strict();
export type CreateGoalRequest = z.infer<typeof CreateGoalRequestSchema>;

export const UpdateGoalRequestSchema = z
  .object({ ...goalFields, title: goalFields.title.nullable() })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'nothing to change');
export type UpdateGoalRequest = z.infer<typeof UpdateGoalRequestSchema>;

const timedValue = z.object({ at: instant(), value: z.number() });

/** A goal measured on one dataset version (its newest completed run of the whole dataset). */
export const GoalProgressDtoSchema = z.object({
  datasetVersion: z.number().int().nullable(),
  runId: id().nullable(),
  /** When that run finished. */
  measuredAt: instant().nullable(),
  /** Why there is no value; null when there is one. */
  reason: GoalUnavailableReasonSchema.nullable(),
  message: z
    .string()
    .nullable()
    .describe('The reason in English (the web app translates the code)'),
  baselineValue: z.number().nullable(),
  targetValue: z.number().nullable(),
  status: GoalStatusSchema.nullable(),
  currentPeriod: z.string().nullable(),
  current: z.number().nullable(),
  /** 0 at the baseline, 1 at the target. */
  progress: z.number().nullable(),
  projectedShare: z.number().nullable(),
  /** The KPI per month of the scope (months without a value left out). */
  actual: z.array(z.object({ period: z.string(), at: instant(), value: z.number() })),
  plan: z.array(timedValue),
  projection: z.array(timedValue),
});
export type GoalProgressDto = z.infer<typeof GoalProgressDtoSchema>;

export const GoalDtoSchema = z.object({
  id: id(),
  datasetId: id(),
  title: z.string().nullable(),
  kpi: GoalKpiSchema,
  scope: GoalScopeSchema,
  direction: GoalDirectionSchema,
  baseline: GoalBaselineSchema,
  target: GoalTargetSchema,
  deadline: z.string(),
  owner: z.string(),
  createdBy: z.string().nullable().describe('User name of the creator'),
  createdAt: instant(),
  updatedAt: instant(),
  progress: GoalProgressDtoSchema,
});
export type GoalDto = z.infer<typeof GoalDtoSchema>;

/** The goal's value on every dataset version with a completed run (oldest first). */
export const GoalHistoryDtoSchema = z.object({
  goalId: id(),
  versions: z.array(GoalProgressDtoSchema.omit({ actual: true, plan: true, projection: true })),
});
export type GoalHistoryDto = z.infer<typeof GoalHistoryDtoSchema>;
