/** Mining runs: their params and filter (also the cache key), the run, its result. */
import type { MiningResult } from '@onetrip/mining';
import { z } from 'zod';
import { id, instant, isTimeZone } from './common';
import { DeadlineSettingsSchema } from './deadlines';

/** How a journey is keyed (the mining contract's JourneyKey). */
export const JourneyKindSchema = z.enum(['case', 'citizen', 'citizen+service']);
export type JourneyKind = z.infer<typeof JourneyKindSchema>;

/** Whether start/complete lifecycle events are paired (`auto`) or every event is an instant. */
export const LifecycleModeSchema = z.enum(['auto', 'none']);
export type LifecycleMode = z.infer<typeof LifecycleModeSchema>;

/** Activity names of one queue role (docs/mining.md#insights-mininginsights, hall queue wait). */
const queueActivities = z.array(z.string().min(1).max(500)).min(1).max(100);

/** Options of a mining run; every field optional, defaults as in the mining contract. */
export const RunParamsSchema = z
  .object({
    lifecycle: LifecycleModeSchema.optional(),
    journey: JourneyKindSchema.optional(),
    journeyGapSeconds: z.number().int().positive().optional(),
    inPerson: z
      .array(z.string().min(1))
      .optional()
      .meta({ example: ['hall', 'window'] }),
    tripGapSeconds: z.number().int().positive().optional(),
    queueStartActivities: queueActivities
      .optional()
      .describe(
        'Activities that issue a hall queue ticket (default: the simulator’s and common names)',
      )
      .meta({ example: ['Take queue ticket', '取号'] }),
    queueEndActivities: queueActivities
      .optional()
      .describe('Activities that call a ticket to a window')
      .meta({ example: ['Called to window', '叫号'] }),
    queueAbandonActivities: z
      .array(z.string().min(1).max(500))
      .max(100)
      .optional()
      .describe(
        'Activities that close a ticket uncalled: expiry, end of day, no-show (empty: none; ' +
          'tickets still waiting when their visit ends are abandoned all the same)',
      )
      .meta({ example: ['Not called before closing', '闭厅未叫号'] }),
    queueTicketAttribute: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'Event attribute holding the queue ticket number (票号): calls pair with the ticket of ' +
          'the same number (default: the dataset’s queueActivities.ticketNumber, else the case id)',
      )
      .meta({ example: '票号' }),
    timeZone: z
      .string()
      .refine(isTimeZone, 'not an IANA time zone')
      .optional()
      .describe(
        'IANA zone of the calendar the insights count in (hour of day, weekday, month; default ' +
          'the dataset’s timezone, filled in when the run is recorded)',
      )
      .meta({ example: 'Asia/Shanghai' }),
    deadlines: DeadlineSettingsSchema.optional().describe(
      'Time limits and deadline rules (default: the dataset’s deadlines, filled in when the run ' +
        'is recorded)',
    ),
  })
  .strict();
export type RunParams = z.infer<typeof RunParamsSchema>;

const filterInstant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && Number.isFinite(Date.parse(s)), {
    message: 'must be an ISO 8601 instant (e.g. 2026-01-01T00:00:00+08:00)',
  })
  .meta({ format: 'date-time' });
const values = z.array(z.string().min(1).max(500)).min(1).max(1000);

/**
 * Which journeys a run mines (docs/api.md#filtered-runs). Every field optional; fields combine
 * with AND, values within one list with OR. A journey is kept whole (never cut down to the
 * matching events) when it starts in [from, to) and, for each given list, at least one of its
 * events has one of the values, and its activity sequence is one of the given variants.
 */
export const RunFilterSchema = z
  .object({
    from: filterInstant.optional().describe('Journeys starting at or after (inclusive)'),
    to: filterInstant.optional().describe('Journeys starting before (exclusive)'),
    service: values.optional(),
    department: values.optional(),
    location: values.optional().describe('Halls (the event location)'),
    channel: values.optional(),
    variant: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Keep journeys whose activity sequence is exactly this one (shorthand)'),
    variants: z
      .array(z.array(z.string().min(1)).min(1))
      .min(1)
      .max(1000)
      .optional()
      .describe('Keep journeys whose activity sequence is one of these'),
  })
  .strict()
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type RunFilter = z.infer<typeof RunFilterSchema>;

export const CreateRunRequestSchema = z
  .object({ params: RunParamsSchema.optional(), filter: RunFilterSchema.optional() })
  .strict();
export type CreateRunRequest = z.infer<typeof CreateRunRequestSchema>;

/** queued → running → completed | failed | cancelled (docs/api.md#run-lifecycle). */
export const RunStatusSchema = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunDtoSchema = z.object({
  id: id(),
  datasetId: id(),
  datasetVersion: z.number().int(),
  status: RunStatusSchema,
  progress: z.number().min(0).max(1),
  shards: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('How many shards the run was split into; null until a worker has planned it'),
  shardsDone: z.number().int().optional().describe('Shards whose partial result is stored'),
  rowsRead: z.number().int().optional().describe('Events read from the database so far'),
  params: RunParamsSchema,
  filter: RunFilterSchema.optional().describe(
    "The run's filter in canonical form; absent or {} when it mines every journey",
  ),
  error: z.string().nullable(),
  errorCode: z
    .string()
    .nullable()
    .optional()
    .describe(
      'Why the run failed when the data could not be mined (start-after-complete, ' +
        'citizen-missing, invalid-field, invalid-option); null for other failures',
    ),
  errorParams: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .nullable()
    .optional(),
  cached: z
    .boolean()
    .describe('True when an identical earlier run on the same dataset version answered'),
  createdAt: instant(),
  startedAt: instant().nullable(),
  finishedAt: instant().nullable(),
});
export type RunDto = z.infer<typeof RunDtoSchema>;

/** The mining result is the mining contract's type; the API document shows it as an object. */
const MiningResultSchema = z
  .custom<MiningResult>((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  .meta({ type: 'object', description: 'MiningResult (see @onetrip/mining and docs/mining.md)' });

export const RunResultDtoSchema = z.object({
  runId: id(),
  datasetId: id(),
  datasetVersion: z.number().int(),
  result: MiningResultSchema,
});
export type RunResultDto = z.infer<typeof RunResultDtoSchema>;

/**
 * One Server-Sent Event of `GET /runs/:id/events`: `progress` while the run is queued or
 * running (whenever its state changed), then one `done` when it completed, failed or was
 * cancelled, after which the stream ends. `data` is the run.
 */
export const RUN_EVENT_TYPES = ['progress', 'done'] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];
