/** The body of every error answer (`application/problem+json`). */
import { z } from 'zod';

/** RFC 9457 problem details with a stable machine-readable `code`. */
export const ProblemDetailsSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z
    .string()
    .meta({ example: 'dataset.not-found', description: 'Stable machine-readable code' }),
  detail: z.string().optional(),
  instance: z.string().optional(),
  file: z.string().optional().describe('Input file of an ingest error'),
  line: z.number().int().optional().describe('Line of an ingest error (1 = header)'),
  column: z.string().optional().describe('Column of an ingest error'),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('The fields that failed validation'),
});
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;
