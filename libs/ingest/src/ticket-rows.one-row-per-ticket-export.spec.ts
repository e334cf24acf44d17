import { mine, type MiningEvent } from '@onetrip/mining';
import { collect, streamOf } from './testing';

// A hall queue export, one row per ticket, read in Asia/Shanghai (UTC+8):
// A001 taken 09:00, called 09:20, served at window W03 09:22–09:40;
// A002 taken 09:05, never called (no call, start or completion time);
// A003 taken 09:10, called 09:30, served 09:31–09:50 at W01. The 备注 (note) column stays an attribute.
const EXPORT = [
  '票号,大厅,取号时间,叫号时间,开始服务时间,完成时间,窗口,备注',
  'A001,东城区政务服务大厅,2024-03-04 09:00:00,2024-03-04 09:20:00,2024-03-04 09:22:00,2024-03-04 09:40:00,W03,',
  'A002,东城区政务服务大厅,2024-03-04 09:05:00,,,,,离开',
  'A003,东城区政务服务大厅,2024-03-04 09:10:00,2024-03-04 09:30:00,2024-03-04 09:31:00,2024-03-04 09:50:00,W01,',
  '',
].join('\n');
const at = (h: number, m: number) => Date.UTC(2024, 2, 4, h - 8, m);

async function events(text: string, options: object = {}): Promise<MiningEvent[]> {
  const records = await collect(streamOf(text), {
    file: 'queue.csv',
    timezone: 'Asia/Shanghai',
    mapping: { location: '大厅' },
    ticketRows: true,
    ...options,
  });
  return records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
}

describe('a queue export with one row per ticket', () => {
  it('becomes ticket, call and service events, named in the language of the header', async () => {
    const log = await events(EXPORT);
    expect(
      log.map((e) => [e.caseId, e.activity, e.startTimestamp, e.timestamp, e.resource]),
    ).toEqual([
      ['A001', '取号', null, at(9, 0), null],
      ['A001', '叫号', null, at(9, 20), 'W03'],
      ['A001', '窗口办理', at(9, 22), at(9, 40), 'W03'],
      ['A002', '取号', null, at(9, 5), null],
      ['A003', '取号', null, at(9, 10), null],
      ['A003', '叫号', null, at(9, 30), 'W01'],
      ['A003', '窗口办理', at(9, 31), at(9, 50), 'W01'],
    ]);
    expect(log.every((e) => e.channel === 'hall' && e.location === '东城区政务服务大厅')).toBe(
      true,
    );
  });

  it('mines into queue waits of 20 min each and one abandoned ticket', async () => {
    const insights = mine(await events(EXPORT), {
      insights: { timeZone: 'Asia/Shanghai' },
    }).insights;
    expect(insights?.queueWaits).toMatchObject({
      count: 2,
      seconds: { mean: 1200, median: 1200, p90: 1200, total: 2400 },
      tickets: 3,
      abandoned: 1,
      abandonedByHall: [{ value: '东城区政务服务大厅', tickets: 3, abandoned: 1, rate: 1 / 3 }],
    });
    // Service at the window: 18 and 19 min.
    expect(
      mine(await events(EXPORT)).activities.find((a) => a.activity === '窗口办理'),
    ).toMatchObject({ count: 2, serviceSeconds: { mean: 1110 } });
  });

  it('takes English headers and named columns, and rejects a row with a bad time', async () => {
    const text = [
      'no,issued,called,begin,done,desk',
      'B1,2024-03-04 10:00,2024-03-04 10:15,,2024-03-04 10:30,D2',
      'B2,yesterday,,,,',
      '',
    ].join('\n');
    const records = await collect(streamOf(text), {
      file: 'q.csv',
      ticketRows: {
        ticket: 'no',
        ticketAt: 'issued',
        calledAt: 'called',
        serviceStart: 'begin',
        serviceEnd: 'done',
        window: 'desk',
      },
    });
    expect(
      records.filter((r) => r.kind === 'event').map((r) => r.kind === 'event' && r.event.activity),
    ).toEqual(['Take queue ticket', 'Called to window', 'Served at window']);
    expect(records.find((r) => r.kind === 'rejected')).toMatchObject({
      line: 3,
      column: 'issued',
      reason: 'unparseable timestamp "yesterday"',
    });
  });

  it('names the missing ticket time column', async () => {
    await expect(events('票号,窗口\nA1,W1\n')).rejects.toThrow('the ticket time column is missing');
  });

  it('refuses a file that is not CSV, naming the format', async () => {
    const ndjson = '{"票号":"A1","取号时间":"2024-03-04 09:00:00"}\n';
    await expect(events(ndjson, { file: 'queue.ndjson' })).rejects.toThrow(
      'one row per ticket (ticketRows, upload layout ticket-rows) reads CSV and .xlsx only, not NDJSON',
    );
  });
});
