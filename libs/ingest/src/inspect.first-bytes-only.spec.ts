/**
 * The web app sends only the first 64 KiB of a file to preview it: a cut gzip stream, a cut last
 * CSV line and an XES cut mid-element are what a prefix looks like, not broken files.
 */
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { inspectFile } from './inspect';

const csv = (rows: number): string =>
  'case_id,activity,timestamp\n' +
  Array.from(
    { length: rows },
    (_, k) => `C${k},受理,2024-03-01 09:${String(k % 60).padStart(2, '0')}\n`,
  ).join('');

describe('inspectFile on the first bytes of a file (prefix)', () => {
  it('reads the rows before the cut of a gzip CSV and reports gzip', async () => {
    const whole = gzipSync(Buffer.from(csv(5000)));
    const head = whole.subarray(0, Math.floor(whole.length / 2));
    const info = await inspectFile(Readable.from([head]), {
      file: 'x.csv.gz',
      rows: 10,
      prefix: true,
    });
    expect([info.format, info.gzip, info.delimiter, info.columns]).toEqual([
      'csv',
      true,
      ',',
      ['case_id', 'activity', 'timestamp'],
    ]);
    expect(info.sample).toHaveLength(10);
    expect(info.sample[9]).toEqual(['C9', '受理', '2024-03-01 09:09']);
  });

  it('without prefix, the same cut gzip is an error, as the upload would say', async () => {
    const whole = gzipSync(Buffer.from(csv(3)));
    const head = whole.subarray(0, whole.length - 4);
    await expect(
      inspectFile(Readable.from([head]), { file: 'x.csv.gz', rows: 10 }),
    ).rejects.toMatchObject({ code: 'gzip-truncated' });
  });

  it('drops a cut last line rather than showing half a row', async () => {
    const text = csv(3) + 'C3,受';
    const info = await inspectFile(Readable.from([Buffer.from(text)]), {
      file: 'x.csv',
      rows: 10,
      prefix: true,
    });
    expect(info.sample.map((r) => r[0])).toEqual(['C0', 'C1', 'C2']);
  });

  it('shows the events of an XES cut mid-element, with the XES defaults suggested', async () => {
    const xes =
      '<?xml version="1.0" encoding="UTF-8"?><log><trace><string key="concept:name" value="T1"/>' +
      '<event><string key="concept:name" value="受理"/><date key="time:timestamp" value="2024-03-01T09:00:00+08:00"/></event>' +
      '<event><string key="concept:name" value="办';
    const info = await inspectFile(Readable.from([Buffer.from(xes)]), {
      file: 'x.xes',
      prefix: true,
    });
    expect(info.sample).toEqual([['T1', '受理', '2024-03-01T09:00:00+08:00']]);
    expect(info.suggested).toMatchObject({
      caseId: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
    });
  });
});
