/** Datasets: `POST /api/v1/datasets`, `GET /api/v1/datasets[/:id]`. */
import { z } from 'zod';
import { count, id, instant, isTimeZone } from './common';
import { ChannelRolesSchema } from './channels';
import { PartialColumnMappingSchema } from './event-log';
import { QueueActivitiesSchema } from './queue';
import { DeadlineSettingsSchema } from './deadlines';

export const CreateDatasetRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ example: '不动产登记 2024' }),
    description: z.string().max(2000).optional(),
    timezone: z.string().refine(isTimeZone, 'not an IANA time zone').optional().meta({
      default: 'Asia/Shanghai',
      description: 'IANA zone for timestamps without an offset',
    }),
    department: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe(
        "Owning department (null: every user sees it); default the creator's first department",
      ),
  })
  .strict();
export type CreateDatasetRequest = z.infer<typeof CreateDatasetRequestSchema>;

export const DatasetDtoSchema = z.object({
  id: id(),
  name: z.string(),
  description: z.string().nullable(),
  timezone: z.string().describe('IANA zone in which timestamps without an offset are read'),
  department: z
    .string()
    .nullable()
    .describe(
      'The owning department: only its users (and admins) see the dataset; null = everyone',
    ),
  version: count().describe("Increases on every successful change of the dataset's events"),
  eventCount: count(),
  mapping: PartialColumnMappingSchema.nullable().describe(
    'The mapping of the last upload that gave one, as given: fields left out use the defaults',
  ),
  channelRoles: ChannelRolesSchema.nullable().describe(
    'Channel value → role (in-person, online, back-office, phone, other), confirmed at upload ' +
      'or changed since; runs without their own inPerson count its in-person values as trips',
  ),
  queueActivities: QueueActivitiesSchema.nullable().describe(
    'Which activities take, call and abandon a hall queue ticket, confirmed at upload or changed ' +
      'since; runs without their own queue*Activities params use them (null: the defaults)',
  ),
  deadlines: DeadlineSettingsSchema.nullable().describe(
    'Promised time limits per service and the deadline rules (docs/mining.md#deadlines); runs ' +
      'without their own deadlines param use them (null: the defaults, no table)',
  ),
  createdAt: instant(),
  updatedAt: instant(),
});
export type DatasetDto = z.infer<typeof DatasetDtoSchema>;

/** `PATCH /api/v1/datasets/:id`: what can change after creation. */
export const UpdateDatasetRequestSchema = z
  .object({
    channelRoles: ChannelRolesSchema.nullable()
      .optional()
      .describe('Replaces the channel roles (null clears them: runs count only `hall` again)'),
    queueActivities: QueueActivitiesSchema.nullable()
      .optional()
      .describe('Replaces the queue activities (null clears them: runs use the default names)'),
    deadlines: DeadlineSettingsSchema.nullable()
      .optional()
      .describe('Replaces the time limits and deadline rules (null clears them)'),
    timezone: z
      .string()
      .refine(isTimeZone, 'not an IANA time zone')
      .optional()
      .describe(
        'Changes the zone times are shown and counted in (runs after the change count hours, ' +
          'days and months in it) and in which later uploads read timestamps without an offset; ' +
          'stored events keep the instants they were read as',
      ),
    department: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe('Moves the dataset to another department (admin only; null: visible to all)'),
  })
  .strict();
export type UpdateDatasetRequest = z.infer<typeof UpdateDatasetRequestSchema>;
