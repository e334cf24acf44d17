/**
 * The rejected rows of an upload as a CSV for spreadsheets, in the user's language: line,
 * column, code, the reason in that language (from its code and parameters; rows stored before
 * codes keep their English reason) and the row as it was in the file. UTF-8 with a BOM, cells
 * formula-safe (csv-cells of @onetrip/contracts), streamed a page of rows at a time.
 */
import {
  CSV_BOM,
  csvLine,
  isRejectionCode,
  rejectionMessage,
  type RejectionLocale,
} from '@onetrip/contracts';
import type { RejectedRowEntity } from '@onetrip/backend';

const HEADERS: Record<RejectionLocale, readonly string[]> = {
  en: ['line', 'column', 'code', 'reason', 'original row'],
  'zh-CN': ['行号', '列', '原因代码', '原因', '原始行'],
};

/** zh-CN when the request asks for Chinese first (`?lang=` wins over Accept-Language), else en. */
export function rejectionLocale(
  lang: string | undefined,
  acceptLanguage: string | undefined,
): RejectionLocale {
  const first = (lang ?? acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

export async function* rejectedRowsCsv(
  pages: AsyncIterable<readonly RejectedRowEntity[]>,
  locale: RejectionLocale,
): AsyncGenerator<Buffer> {
  yield Buffer.from(CSV_BOM + csvLine(HEADERS[locale]), 'utf8');
  for await (const page of pages) {
    let text = '';
    for (const row of page) {
      const reason = isRejectionCode(row.code)
        ? rejectionMessage(row.code, row.params, locale)
        : row.reason;
      text += csvLine([row.line, row.column, row.code, reason, row.raw]);
    }
    yield Buffer.from(text, 'utf8');
  }
}
