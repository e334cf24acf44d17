/** What an event log looks like to the API: its file formats and its column mapping. */
import { z } from 'zod';
import type { EventField } from './event-fields';

/** The event log formats read by ingest and written by the simulator (any of them may be gzipped). */
export const EventLogFormatSchema = z.enum(['csv', 'ndjson', 'xes', 'xlsx']);
export type EventLogFormat = z.infer<typeof EventLogFormatSchema>;

const column = z.string().min(1);

/** Source column name for each logical field; caseId, activity and timestamp are required. */
export const ColumnMappingSchema = z
  .object({
    caseId: column.meta({ example: 'case_id' }),
    activity: column.meta({ example: 'activity' }),
    timestamp: column.meta({ example: 'timestamp' }),
    startTimestamp: column.optional(),
    lifecycle: column.optional(),
    resource: column.optional(),
    citizen: column.optional(),
    service: column.optional(),
    channel: column.optional(),
    location: column.optional(),
    department: column.optional(),
    sourceSystem: column.optional(),
  } satisfies Record<EventField, z.ZodType>)
  .strict();
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** A mapping as an upload gives it: any fields (the rest use the defaults), no unknown ones. */
export const PartialColumnMappingSchema = ColumnMappingSchema.partial().strict();

export const DEFAULT_COLUMN_MAPPING: ColumnMapping = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
};
