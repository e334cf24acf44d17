/**
 * What the first bytes of a file look like, for the mapping dialog: format, encoding, delimiter,
 * headers and up to 50 sample rows, with a suggested mapping. The upload's own reader does the
 * looking (`inspectFile` in @onetrip/ingest), so the preview and the upload cannot disagree on
 * format, encoding, delimiter or how a row splits into fields.
 */
import type { UploadPreviewDto } from '@onetrip/contracts';
import { identifierColumns, inspectFile } from '@onetrip/ingest';
import { Readable } from 'node:stream';

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 50;

export type FilePreview = Omit<UploadPreviewDto, 'savedMapping' | 'bytesRead'>;

/**
 * `head` is the start of the file (all of it when `complete`). Fatal problems (an XES that
 * declares entities, an unknown encoding, a file with nothing in it) throw IngestError, as the
 * upload would.
 */
export async function previewFile(
  head: Buffer,
  fileName: string,
  options: { encoding?: string; complete: boolean },
): Promise<FilePreview> {
  const info = await inspectFile(Readable.from([head]), {
    file: fileName,
    rows: PREVIEW_ROWS,
    prefix: !options.complete,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  });
  return {
    fileName,
    format: info.format,
    gzip: info.gzip,
    encoding: info.encoding,
    delimiter: info.delimiter,
    headers: info.columns,
    rows: info.sample,
    suggestedMapping: info.suggested,
    identifierColumns: identifierColumns(info.columns, info.sample),
  };
}
