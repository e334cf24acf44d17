/** `GET /api/health`. */
import { z } from 'zod';

const updown = z.enum(['up', 'down']);

export const HealthDtoSchema = z.object({
  status: z.enum(['ok', 'error']),
  checks: z.object({ postgres: updown, redis: updown }),
});
export type HealthDto = z.infer<typeof HealthDtoSchema>;
