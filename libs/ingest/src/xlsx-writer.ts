/**
 * Writes small .xlsx workbooks in memory, as Excel lays them out (shared strings, styles, one
 * part per sheet): for tests, benchmarks and fixtures. Not a general writer: every part is
 * deflated whole, so it is meant for files of some megabytes at most.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { columnLetters } from './xlsx';

/** One cell of a test workbook: text (a shared string), an inline string, a number, a date serial. */
export type XlsxCell =
  | string
  | number
  | null
  | { inline: string }
  | { serial: number; builtin?: boolean }
  | { bool: boolean };

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
}

/** A stored-or-deflated zip of `entries` (name → content), written by hand (PKZIP APPNOTE 4.3). */
export function zipOf(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The parts of an .xlsx as Excel writes them: strings in a shared-strings table, `{ serial }`
 * cells with style 1 (a custom `yyyy-mm-dd hh:mm:ss` format), style 2 the built-in date format 14.
 */
export function xlsxParts(
  sheets: XlsxSheet[],
  options: { date1904?: boolean } = {},
): Record<string, string> {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const sheetXml = sheets.map((sheet) => {
    const rows = sheet.rows.map((cells, r) => {
      const cs = cells.map((cell, c) => {
        const ref = `${columnLetters(c)}${r + 1}`;
        if (cell === null) return '';
        if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
        if (typeof cell === 'string') {
          let k = index.get(cell);
          if (k === undefined) {
            k = shared.length;
            shared.push(cell);
            index.set(cell, k);
          }
          return `<c r="${ref}" t="s"><v>${k}</v></c>`;
        }
        if ('inline' in cell) {
          return `<c r="${ref}" t="inlineStr"><is><t>${xml(cell.inline)}</t></is></c>`;
        }
        if ('bool' in cell) return `<c r="${ref}" t="b"><v>${cell.bool ? 1 : 0}</v></c>`;
        return `<c r="${ref}" s="${cell.builtin ? 2 : 1}"><v>${cell.serial}</v></c>`;
      });
      return `<row r="${r + 1}">${cs.join('')}</row>`;
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${rows.join('')}</sheetData></worksheet>`
    );
  });
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>` +
      sheets
        .map((s, k) => `<sheet name="${xml(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`)
        .join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (_, k) =>
            `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`,
        )
        .join('') +
      '</Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    'xl/sharedStrings.xml':
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      shared.map((s) => `<si><t>${xml(s)}</t></si>`).join('') +
      '</sst>',
  };
  sheetXml.forEach((x, k) => (parts[`xl/worksheets/sheet${k + 1}.xml`] = x));
  return parts;
}

/** A real .xlsx workbook of `sheets` (see xlsxParts). */
export function writeXlsx(sheets: XlsxSheet[], options: { date1904?: boolean } = {}): Buffer {
  return zipOf(xlsxParts(sheets, options));
}
