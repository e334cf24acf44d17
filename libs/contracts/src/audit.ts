import { z } from 'zod';
import { count, id, instant } from './common';
import { AUDIT_ACTIONS } from './audit-actions';
import { UserRoleSchema } from './auth';

export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** What a line is about besides its dataset. */
export const AuditTargetKindSchema = z.enum([
  'dataset',
  'run',
  'upload',
  'journey',
  'ingestion-key',
  'user',
]);
export type AuditTargetKind = z.infer<typeof AuditTargetKindSchema>;

export const AuditEventDtoSchema = z.object({
  id: z.string().regex(/^\d+$/).describe('Ascending in insertion order'),
  at: instant(),
  action: AuditActionSchema,
  userId: id().nullable().describe('Null for failed logins and ingestion-key pushes'),
  username: z.string().nullable().describe('At the time; for login-failed the name tried'),
  role: UserRoleSchema.nullable(),
  datasetId: id().nullable(),
  targetKind: AuditTargetKindSchema.nullable(),
  targetId: z.string().nullable().describe('Run, upload, user or key id; a journey key pseudonym'),
  ip: z.string().nullable().describe('Client address as the api saw it'),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).describe('Small, action-specific: route, counts…'),
});
export type AuditEventDto = z.infer<typeof AuditEventDtoSchema>;

/** GET /api/v1/audit: newest first, filtered, paged by `before` (the last id of a page). */
export const AuditQuerySchema = z
  .object({
    userId: id().optional(),
    username: z.string().min(1).max(200).optional(),
    action: AuditActionSchema.optional(),
    datasetId: id().optional(),
    from: instant().optional().describe('At or after this instant'),
    to: instant().optional().describe('Before this instant'),
    before: z
      .string()
      .regex(/^\d{1,19}$/, 'must be the id of a line (digits)')
      .optional()
      .describe('Lines older than this id (the `next` of the previous page)'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(100)
      .describe('At most this many (1–500, default 100)'),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageDtoSchema = z.object({
  items: z.array(AuditEventDtoSchema),
  next: z
    .string()
    .nullable()
    .describe('Pass as `before` for the next (older) page; null on the last page'),
});
export type AuditPageDto = z.infer<typeof AuditPageDtoSchema>;

/** One user's accesses to one dataset, per action. */
export const DatasetAccessUserDtoSchema = z.object({
  userId: id().nullable().describe('Null for pushes with an ingestion key'),
  username: z.string().nullable(),
  role: UserRoleSchema.nullable(),
  count: count(),
  last: instant(),
  actions: z.array(z.object({ action: AuditActionSchema, count: count(), last: instant() })),
});
export type DatasetAccessUserDto = z.infer<typeof DatasetAccessUserDtoSchema>;

/** GET /api/v1/datasets/:id/access: who accessed the dataset, most recent first. */
export const DatasetAccessDtoSchema = z.object({
  datasetId: id(),
  users: z.array(DatasetAccessUserDtoSchema),
});
export type DatasetAccessDto = z.infer<typeof DatasetAccessDtoSchema>;
