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

/**
 * Presets for government platform tables (docs/ingest.md#government-tables): each row of such a
 * table becomes several events, joined with the other tables by the case id (办件编号).
 */
export const TABLE_PRESETS = [
  'gbt-case',
  'gbt-process',
  'gbt-special-procedure',
  'work-order-12345',
] as const;
export type TablePreset = (typeof TABLE_PRESETS)[number];

/** Whether a layout is one of the table presets (not events, not ticket-rows). */
export function isTablePreset(layout: string): layout is TablePreset {
  return (TABLE_PRESETS as readonly string[]).includes(layout);
}

/** How the rows of an upload read (docs/ingest.md#one-row-per-ticket-queue-exports). */
export const UploadLayoutSchema = z
  .enum(['events', 'ticket-rows', ...TABLE_PRESETS])
  .describe(
    'events: one row per event (default); ticket-rows: a hall queue export with one row per ' +
      'ticket (票号, 取号时间, 叫号时间, 开始服务时间, 完成时间, 窗口), each row read as its ticket, call and service events; ' +
      'gbt-case: a GB/T 39046 case (办件) table, each row its 申请 / 受理 / 办结 events; ' +
      'gbt-process: a process (办理环节) table, each row one step (退回 adds a return event); ' +
      'gbt-special-procedure: special procedures (特别程序), each row a start and a complete event; ' +
      'work-order-12345: 12345 hotline work orders, each row its 受理 / 派遣 / 办结 / 回访 events',
  );
export type UploadLayout = z.infer<typeof UploadLayoutSchema>;
