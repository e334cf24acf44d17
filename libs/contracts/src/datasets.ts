/** Datasets: `POST /api/v1/datasets`, `GET /api/v1/datasets[/:id]`. */
import { z } from 'zod';
import { count, id, instant } from './common';
import { PartialColumnMappingSchema } from './event-log';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const CreateDatasetRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ example: '不动产登记 2024' }),
    description: z.string().max(2000).optional(),
    timezone: z.string().refine(isTimeZone, 'not an IANA time zone').optional().meta({
      default: 'Asia/Shanghai',
      description: 'IANA zone for timestamps without an offset',
    }),
  })
  .strict();
export type CreateDatasetRequest = z.infer<typeof CreateDatasetRequestSchema>;

export const DatasetDtoSchema = z.object({
  id: id(),
  name: z.string(),
  description: z.string().nullable(),
  timezone: z.string().describe('IANA zone in which timestamps without an offset are read'),
  version: count().describe("Increases on every successful change of the dataset's events"),
  eventCount: count(),
  mapping: PartialColumnMappingSchema.nullable().describe(
    'The mapping of the last upload that gave one, as given: fields left out use the defaults',
  ),
  createdAt: instant(),
  updatedAt: instant(),
});
export type DatasetDto = z.infer<typeof DatasetDtoSchema>;
