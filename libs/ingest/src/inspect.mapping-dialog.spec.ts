import { Readable } from 'node:stream';
import { inspectFile } from './inspect';
import { collect, fixture, streamOf } from './testing';

describe('inspectFile gives the mapping dialog the columns, a sample and a suggestion', () => {
  it('describes a semicolon CSV with Chinese headers', async () => {
    const info = await inspectFile(fixture('ok', 'chinese-headers-semicolon.csv'), {
      file: 'c.csv',
    });
    expect(info).toEqual({
      format: 'csv',
      gzip: false,
      encoding: 'utf-8',
      delimiter: ';',
      sheets: null,
      sheet: null,
      columns: [
        '办件编号',
        '事项名称',
        '环节名称',
        '开始时间',
        '办理时间',
        '证件号码',
        '办理渠道',
        '大厅',
        '部门',
        '备注',
      ],
      sample: [
        [
          'BJ-001',
          '营业执照',
          '受理',
          '2024-03-01 09:00:00',
          '2024-03-01 09:20:00',
          '110105199001011234',
          '窗口',
          '朝阳大厅',
          '市场监管局',
          '首次',
        ],
        [
          'BJ-001',
          '营业执照',
          '审核',
          '2024-03-01 10:00:00',
          '2024-03-04 16:00:00',
          '110105199001011234',
          '网上',
          '',
          '市场监管局',
          '',
        ],
      ],
      suggested: {
        caseId: '办件编号',
        service: '事项名称',
        activity: '环节名称',
        startTimestamp: '开始时间',
        timestamp: '办理时间',
        citizen: '证件号码',
        channel: '办理渠道',
        location: '大厅',
        department: '部门',
      },
    });
  });

  it('reports the detected GBK encoding, and its suggestion reads the file', async () => {
    const file = fixture('not-ok', 'gbk-without-declaration.csv');
    const info = await inspectFile(file, { file: 'g.csv', rows: 1 });
    expect([info.encoding, info.delimiter, info.columns, info.sample]).toEqual([
      'gb18030',
      ',',
      ['办件编号', '环节名称', '办理时间', '部门'],
      [['BJ-001', '受理', '2024-03-01 09:00:00', '市场监管局']],
    ]);
    const records = await collect(file, { file: 'g.csv', mapping: info.suggested });
    expect(records.map((r) => r.kind)).toEqual(['event', 'event']);
  });

  it('lists XES event keys and case: trace keys, suggesting the XES defaults', async () => {
    const info = await inspectFile(fixture('ok', 'trace-attributes.xes'), { file: 't.xes' });
    expect(info.format).toBe('xes');
    expect(info.columns).toEqual([
      'case:concept:name',
      'case:channel',
      'concept:name',
      'lifecycle:transition',
      'org:resource',
      'time:timestamp',
      'fee',
      'case:urgent',
    ]);
    // The second trace's name comes after its event, so the first look cannot see it.
    expect(info.sample[2]).toEqual([
      '',
      '',
      'Pay & close',
      '',
      '',
      '2010-10-31T02:30:00.000+01:00',
      '',
      '',
    ]);
    expect(info.suggested).toEqual({
      caseId: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
      lifecycle: 'lifecycle:transition',
      resource: 'org:resource',
    });
    const records = await collect(fixture('ok', 'trace-attributes.xes'), {
      file: 't.xes',
      mapping: info.suggested,
    });
    expect(records.map((r) => (r.kind === 'event' ? r.event.caseId : r.reason))).toEqual([
      'case-1',
      'case-1',
      'case-2',
    ]);
  });

  it('lists NDJSON keys in order of first appearance', async () => {
    const info = await inspectFile(fixture('ok', 'events.ndjson'), { file: 'e.ndjson', rows: 2 });
    expect([info.columns, info.sample]).toEqual([
      ['case_id', 'activity', 'timestamp', 'channel', 'amount', 'tags'],
      [
        ['N1', 'Submit', '2024-03-01T09:00:00Z', 'online', '12.5', '["a","b"]'],
        ['N1', 'Approve', '1709290800000', '', '', ''],
      ],
    ]);
  });

  it('stops reading once it has its rows', async () => {
    let pulled = 0;
    function* endless(): Generator<Buffer> {
      yield Buffer.from('case_id,activity,timestamp\n');
      for (;;) {
        pulled++;
        yield Buffer.from('A,a,2024-03-01\n'.repeat(1000));
      }
    }
    const info = await inspectFile(Readable.from(endless()), { file: 'x.csv', rows: 3 });
    expect(info.sample).toHaveLength(3);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a billion-laughs XES and an empty file', async () => {
    await expect(
      inspectFile(fixture('not-ok', 'billion-laughs.xes'), { file: 'b.xes' }),
    ).rejects.toMatchObject({
      code: 'entity-expansion',
    });
    await expect(inspectFile(streamOf(''), { file: 'e.csv' })).rejects.toMatchObject({
      code: 'empty-file',
    });
  });
});
