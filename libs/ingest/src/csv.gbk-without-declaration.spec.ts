import { readFileSync } from 'node:fs';
import * as iconv from 'iconv-lite';
import { suggestMapping } from './mapping';
import { collect, event, fixture, readError, streamOf } from './testing';

describe('a GBK-encoded CSV with Chinese headers and no encoding declared', () => {
  const file = fixture('not-ok', 'gbk-without-declaration.csv');
  const mapping = {
    caseId: '办件编号',
    activity: '环节名称',
    timestamp: '办理时间',
    department: '部门',
  };

  it('is detected as GB18030 (a superset of GBK) and read correctly', async () => {
    const records = await collect(file, { file: 'gbk.csv', mapping, timezone: 'Asia/Shanghai' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({
          caseId: 'BJ-001',
          activity: '受理',
          timestamp: Date.UTC(2024, 2, 1, 1),
          department: '市场监管局',
        }),
      },
      {
        kind: 'event',
        line: 3,
        event: event({
          caseId: 'BJ-001',
          activity: '办结',
          timestamp: Date.UTC(2024, 2, 2, 9, 30),
          department: '市场监管局',
        }),
      },
    ]);
  });

  it('has headers from which the mapping is suggested', () => {
    const text = iconv.decode(readFileSync(file), 'gbk');
    const [header, ...rows] = text
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(suggestMapping(header, rows)).toEqual(mapping);
  });

  it('fails on the mapped columns when forced to read it as UTF-8 (the headers turn to U+FFFD)', async () => {
    const err = await readError(file, { file: 'gbk.csv', mapping, encoding: 'utf-8' });
    expect(err).toMatchObject({ code: 'missing-column', column: '办件编号' });
  });

  it('is detected even when the first non-ASCII byte arrives in a later chunk', async () => {
    const bytes = readFileSync(file);
    // readBytes hands over the first chunk as it comes; here it holds 10 bytes of the header,
    // enough to see bytes that are not UTF-8.
    const records = await collect(streamOf(bytes.subarray(0, 10), bytes.subarray(10)), {
      file: 'gbk.csv',
      mapping,
    });
    expect(records.filter((r) => r.kind === 'event')).toHaveLength(2);
  });

  it('reads GBK data rows after an ASCII header when the encoding is given', async () => {
    const gbk = Buffer.concat([
      Buffer.from('case_id,activity,timestamp\n', 'ascii'),
      iconv.encode('办-1,受理,2024-03-01\n', 'gbk'),
    ]);
    const records = await collect(streamOf(gbk), { file: 'g.csv', encoding: 'gbk' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({ caseId: '办-1', activity: '受理', timestamp: Date.UTC(2024, 2, 1) }),
      },
    ]);
  });

  it('rejects a row holding bytes that are not GBK, naming the column', async () => {
    const gbk = Buffer.concat([
      iconv.encode('办件编号,环节名称,办理时间\nBJ-1,受理,2024-03-01\nBJ-1,', 'gbk'),
      Buffer.from([0xff]), // never a valid GBK byte
      iconv.encode(',2024-03-02\nBJ-1,办结,2024-03-03\n', 'gbk'),
    ]);
    const records = await collect(streamOf(gbk), {
      file: 'g.csv',
      encoding: 'gbk',
      mapping: { caseId: '办件编号', activity: '环节名称', timestamp: '办理时间' },
    });
    expect(
      records.map((r) =>
        r.kind === 'event' ? r.event.activity : `${r.line} ${r.column} ${r.reason}`,
      ),
    ).toEqual(['受理', '3 环节名称 encoding error: bytes that are not valid gbk', '办结']);
  });
});
