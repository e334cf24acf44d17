/**
 * Promised time limits (承诺时限, docs/ingest.md#time-limits): a dataset's per-service limits
 * and what counts as acceptance, completion and a stopped clock. Saved with the dataset (PATCH
 * `deadlines`, or `PUT …/deadlines/limits` with the limit table as CSV); runs without their own
 * `deadlines` param mine with them (docs/mining.md#deadlines).
 */
import { z } from 'zod';

const names = z.array(z.string().min(1).max(500)).max(100);

export const LimitUnitSchema = z
  .enum(['workdays', 'days', 'hours'])
  .describe('workdays: Chinese working days (调休 counted); days: calendar days; hours: 即办件');
export type LimitUnit = z.infer<typeof LimitUnitSchema>;

const amount = z.number().min(0).max(100_000).nullable();

export const ServiceLimitSchema = z
  .object({
    service: z.string().trim().min(1).max(500).describe('事项名称, matched against the service'),
    code: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe('事项编码, also matched against the service'),
    promised: amount.describe('承诺时限 in `unit` (null: none promised)'),
    legal: amount.describe('法定时限 in `unit` (null: unknown)'),
    unit: LimitUnitSchema,
  })
  .strict()
  .meta({
    example: { service: '不动产登记', code: 'BDC001', promised: 5, legal: 30, unit: 'workdays' },
  });
export type ServiceLimit = z.infer<typeof ServiceLimitSchema>;

export const SuspensionRuleSchema = z
  .object({
    kind: z.enum(['correction', 'special']).describe('correction: 补正; special: 特别程序'),
    start: names.min(1).describe('Activities whose completion stops the clock'),
    end: names.min(1).describe('Activities whose completion restarts it (the day after)'),
  })
  .strict();

export const DeadlineSettingsSchema = z
  .object({
    limits: z
      .array(ServiceLimitSchema)
      .max(10_000)
      .describe('The per-service table; a limit in the case records comes first'),
    acceptActivities: names
      .min(1)
      .optional()
      .describe('Activities that accept (受理) a case (default 受理, 受理申请, Accept, …)'),
    completeActivities: names
      .min(1)
      .optional()
      .describe('Activities that complete (办结) it (default 办结, 办结归档, Complete, …)'),
    suspensions: z
      .array(SuspensionRuleSchema)
      .max(20)
      .optional()
      .describe('Start and end activities of 补正 and special procedures (default: common names)'),
    specialActivities: names
      .optional()
      .describe('Activities whose own span is a special procedure (default 延长审批, 听证, …)'),
    promisedAttributes: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(10)
      .optional()
      .describe(
        'Event attributes holding a case’s own limit, first non-empty wins (default 承诺办结时间, ' +
          '承诺时限): a due date or an amount such as 20个工作日',
      ),
  })
  .strict()
  .meta({
    example: {
      limits: [{ service: '不动产登记', code: 'BDC001', promised: 5, legal: 30, unit: 'workdays' }],
    },
  });
export type DeadlineSettings = z.infer<typeof DeadlineSettingsSchema>;

/** The attributes read for a case's own limit when the settings name none. */
export const DEFAULT_PROMISED_ATTRIBUTES: readonly string[] = ['承诺办结时间', '承诺时限'];

/** `PUT /api/v1/datasets/:id/deadlines/limits`: the limit table as CSV text. */
export const LimitTableUploadSchema = z
  .object({
    csv: z
      .string()
      .min(1)
      .max(2_000_000)
      .describe('CSV with a header row: 事项名称 and/or 事项编码, 承诺时限, 法定时限, 单位'),
  })
  .strict();
export type LimitTableUpload = z.infer<typeof LimitTableUploadSchema>;
