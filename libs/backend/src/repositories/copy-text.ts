/**
 * PostgreSQL COPY text format (the default of `COPY … FROM STDIN` / `TO STDOUT`): one row per
 * line, fields separated by a tab, `\N` for NULL, backslash escapes for backslash, tab, newline
 * and carriage return. Encoding and decoding are incremental so rows stream in both directions.
 */
import { StringDecoder } from 'node:string_decoder';

export type CopyValue = string | number | null | undefined;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const SPECIAL = /[\0\\\t\n\r]/;

export function encodeCopyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  // Most values need no escaping: one scan instead of two replaces (the ingest hot path).
  if (!SPECIAL.test(text)) return text;
  // NUL cannot be stored in a PostgreSQL text value at all; drop it rather than fail the upload.
  return text.replace(/\0/g, '').replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

export function encodeCopyRow(values: readonly CopyValue[]): string {
  return values.map(encodeCopyField).join('\t') + '\n';
}

const UNESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

export function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, esc: string) => {
    if (esc.startsWith('x')) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return UNESCAPES[esc] ?? esc;
  });
}

/** Splits a COPY text stream into rows of decoded fields, across chunk boundaries. */
export class CopyTextDecoder {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  push(chunk: Buffer | string): (string | null)[][] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const rows: (string | null)[][] = [];
    let start = 0;
    let newline = this.pending.indexOf('\n', start);
    while (newline !== -1) {
      rows.push(this.pending.slice(start, newline).split('\t').map(decodeCopyField));
      start = newline + 1;
      newline = this.pending.indexOf('\n', start);
    }
    this.pending = this.pending.slice(start);
    return rows;
  }

  end(): (string | null)[][] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest === '' ? [] : [rest.split('\t').map(decodeCopyField)];
  }
}

/** Rows of a COPY … TO STDOUT stream, one at a time. */
export async function* copyRows(
  stream: AsyncIterable<Buffer | string>,
): AsyncGenerator<(string | null)[]> {
  const decoder = new CopyTextDecoder();
  for await (const chunk of stream) yield* decoder.push(chunk);
  yield* decoder.end();
}
