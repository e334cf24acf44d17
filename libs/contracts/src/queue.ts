/**
 * Queue activities (docs/ingest.md#queue-activities): which activity names of a dataset take a
 * hall queue ticket, call it to a window, and close it uncalled (expiry, no-show, end of day).
 * Saved with the dataset; runs without their own queue*Activities params use them.
 */
import { z } from 'zod';

const names = z.array(z.string().min(1).max(500)).max(100);

export const QueueActivitiesSchema = z
  .object({
    ticket: names.min(1).describe('Activities that issue a ticket (取号, Take queue ticket, …)'),
    call: names.min(1).describe('Activities that call a ticket to a window (叫号, …)'),
    abandon: names.describe(
      'Activities that close a ticket uncalled (过号, 闭厅未叫号, No show, …); may be empty: ' +
        'tickets left waiting when their visit ends are abandoned all the same',
    ),
    ticketNumber: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'The column (kept as an event attribute) holding the ticket number (票号), when it is ' +
          'not the case id: a call takes the waiting ticket with its number',
      ),
  })
  .strict()
  .meta({ example: { ticket: ['取号'], call: ['叫号'], abandon: ['过号', '闭厅未叫号'] } });
export type QueueActivities = z.infer<typeof QueueActivitiesSchema>;
/** The three activity lists of QueueActivities. */
export type QueueRole = 'ticket' | 'call' | 'abandon';

/** How the rows of an upload read (docs/ingest.md#one-row-per-ticket-queue-exports). */
export const UploadLayoutSchema = z
  .enum(['events', 'ticket-rows'])
  .describe(
    'events: one row per event (default); ticket-rows: a hall queue export with one row per ' +
      'ticket (票号, 取号时间, 叫号时间, 开始服务时间, 完成时间, 窗口), each row read as its ticket, call and service events',
  );
export type UploadLayout = z.infer<typeof UploadLayoutSchema>;
