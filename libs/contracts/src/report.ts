import { z } from 'zod';

/** `GET /api/v1/datasets/:id/report`: the monthly report for the leadership (docs/api.md). */
export const ReportQuerySchema = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month 'YYYY-MM'")
      .optional()
      .describe('The report month (default: the last month with journeys)'),
    lang: z.enum(['zh-CN', 'en']).optional().describe('Language (default from Accept-Language)'),
    format: z.enum(['html', 'pdf']).default('html').describe('Printable HTML or PDF'),
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuerySchema>;
