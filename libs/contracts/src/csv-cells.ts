/**
 * CSV for spreadsheets, written the same way by the api (rejected rows) and the web app (chart
 * tables): RFC 4180 quoting, a cell a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) made text by a leading apostrophe, and numbers rounded to what a
 * reader can use. No zod here: the web app imports these values.
 */

/** Decimal places kept for numbers that are not whole (shares 0.519, seconds 1200.5). */
export const CSV_DECIMALS = 3;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers rounded (CSV_DECIMALS), text formula-escaped and quoted when needed. */
export const csvCell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return String(Number.isInteger(value) ? value : Number(value.toFixed(CSV_DECIMALS)));
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One line of cells, ended by CRLF. */
export const csvLine = (cells: readonly (string | number | null | undefined)[]): string =>
  cells.map(csvCell).join(',') + '\r\n';

/** The byte-order mark that makes Excel read UTF-8 (Chinese text) as UTF-8. */
export const CSV_BOM = '\ufeff';
