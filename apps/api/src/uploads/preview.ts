/**
 * What the first bytes of a file look like, for the mapping dialog: format, encoding, delimiter,
 * headers and up to 50 sample rows, with a suggested mapping. The upload's own reader does the
 * looking (`inspectFile` in @onetrip/ingest), so the preview and the upload cannot disagree on
 * format, encoding, delimiter or how a row splits into fields.
 */
import {
  isTablePreset,
  type ChannelRoles,
  type QueueActivities,
  type UploadPreviewDto,
} from '@onetrip/contracts';
import {
  detectLayout,
  presetMapping,
  identifierColumns,
  columnStats,
  inspectFile,
  suggestChannelRoles,
  suggestQueueActivities,
  ticketNumberColumn,
  ticketRowQueueActivities,
} from '@onetrip/ingest';
import { Readable } from 'node:stream';

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 50;

/** An .xlsx workbook, previewed whole (its zip directory is at the end), not by its first bytes. */
export function isWorkbookName(fileName: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(fileName);
}

export type FilePreview = Omit<
  UploadPreviewDto,
  'savedMapping' | 'savedChannelRoles' | 'savedQueueActivities' | 'bytesRead'
>;

/** Columns with more distinct sample values than this are not channel-like: no roles suggested. */
export const CHANNEL_VALUES_MAX = 30;

/** Per column with 1..CHANNEL_VALUES_MAX distinct sample values, a suggested role per value. */
export function channelRoleSuggestions(
  columns: readonly string[],
  sample: readonly (readonly string[])[],
): Record<string, ChannelRoles> {
  const out: Record<string, ChannelRoles> = {};
  columns.forEach((column, i) => {
    const values = new Set(sample.map((row) => (row[i] ?? '').trim()).filter((v) => v !== ''));
    if (values.size > 0 && values.size <= CHANNEL_VALUES_MAX) {
      out[column] = suggestChannelRoles(values);
    }
  });
  return out;
}

/**
 * Per column whose sample values take and call tickets, the queue activities among them (and the
 * column named like a ticket number, 票号, as their ticketNumber); for a one-row-per-ticket
 * export, under '' the activities its rows become, whose ticket number is the case id.
 */
export function queueActivitySuggestions(
  columns: readonly string[],
  sample: readonly (readonly string[])[],
): Record<string, QueueActivities> {
  const out: Record<string, QueueActivities> = {};
  const rows = ticketRowQueueActivities(columns);
  if (rows !== null) out[''] = rows;
  const ticketNumber = ticketNumberColumn(columns);
  columns.forEach((column, i) => {
    const found = suggestQueueActivities(sample.map((row) => row[i] ?? ''));
    if (found !== null) out[column] = ticketNumber === null ? found : { ...found, ticketNumber };
  });
  return out;
}

/**
 * `head` is the start of the file (all of it when `complete`). Fatal problems (an XES that
 * declares entities, an unknown encoding, a file with nothing in it) throw IngestError, as the
 * upload would.
 */
export async function previewFile(
  head: Buffer,
  fileName: string,
  options: { encoding?: string; sheet?: string; complete: boolean },
): Promise<FilePreview> {
  const info = await inspectFile(Readable.from([head]), {
    file: fileName,
    rows: PREVIEW_ROWS,
    prefix: !options.complete,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  // Tables read by a preset (and queue exports) are CSV or .xlsx; their columns say which.
  const layout =
    info.format === 'csv' || info.format === 'xlsx' ? detectLayout(info.columns) : 'events';
  return {
    fileName,
    format: info.format,
    gzip: info.gzip,
    encoding: info.encoding,
    delimiter: info.delimiter,
    sheets: info.sheets,
    sheet: info.sheet,
    headers: info.columns,
    rows: info.sample,
    // For a table preset, the columns the preset reads win (申报来源 as the channel, …).
    suggestedMapping: isTablePreset(layout)
      ? { ...info.suggested, ...presetMapping(layout, info.columns) }
      : info.suggested,
    columnStats: columnStats(info.columns, info.sample),
    identifierColumns: identifierColumns(info.columns, info.sample),
    suggestedChannelRoles: channelRoleSuggestions(info.columns, info.sample),
    suggestedQueueActivities: queueActivitySuggestions(info.columns, info.sample),
    suggestedLayout: layout,
  };
}
