import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MiningResult } from '@onetrip/mining';
import { mine } from '../commands/mine';
import { parseMineArgs } from './args';
import { parseDuration } from './duration';

/** Runs `onetrip mine` in process and captures what it writes. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  try {
    const code = await mine.run(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let dir: string;
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-mine-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('onetrip mine on a file with a bad row', () => {
  const text = [
    'case_id,activity,timestamp',
    'c1,apply,2024-03-04T09:00:00Z',
    'c1,approve,not a date',
    'c1,collect,2024-03-05T09:00:00Z',
    '',
  ].join('\n');

  it('fails with exit code 1 naming the file, line 3 and the timestamp column', async () => {
    const log = file('bad-timestamp.csv', text);
    const r = await run([log, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${log}:3`);
    expect(r.stderr).toContain('timestamp');
  });

  it('with --skip-invalid, counts the row in summary.rejected and mines the rest', async () => {
    const r = await run([file('bad-timestamp-skip.csv', text), '--json', '--skip-invalid']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as MiningResult;
    expect(result.summary).toMatchObject({ events: 2, rejected: 1, cases: 1 });
    expect(result.variants).toEqual([{ activities: ['apply', 'collect'], count: 1 }]);
    expect(r.stderr).toContain('skipped 1 invalid rows');
  });

  it('fails with exit code 1 naming the missing column', async () => {
    const r = await run([
      file('no-case.csv', 'id,activity,timestamp\n1,a,2024-03-04T09:00:00Z\n'),
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('case_id');
  });
});

describe('onetrip mine options', () => {
  // One journey: hall at 09:00 and 12:00 (one trip with a 4 h gap, two with a 2 h gap), then
  // online at 13:00, then hall again the next day.
  const text = [
    'application;step;time;via;office',
    'a1;submit;2024-03-04 09:00:00;Hall;North',
    'a1;supplement;2024-03-04 12:00:00;hall;North',
    'a1;pay;2024-03-04 13:00:00;online;',
    'a1;collect;2024-03-05 09:00:00;hall;North',
    '',
  ].join('\n');
  const columns = ['--case', 'application', '--activity', 'step', '--timestamp', 'time'];
  const channel = ['--channel', 'via', '--location', 'office'];

  it('maps columns and counts trips with the default 4 h gap: 2 trips', async () => {
    const r = await run([file('options.csv', text), ...columns, ...channel, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as MiningResult;
    expect(result.trips).toEqual({
      total: 2,
      perJourneyMean: 2,
      distribution: { '2': 1 },
      atMostOneRate: 0,
    });
  });

  it('uses --trip-gap 2h (3 trips) and --in-person online (1 trip)', async () => {
    const log = file('options-gap.csv', text);
    const twoHours = await run([log, ...columns, ...channel, '--trip-gap', '2h', '--json']);
    expect((JSON.parse(twoHours.stdout) as MiningResult).trips?.total).toBe(3);
    const online = await run([log, ...columns, ...channel, '--in-person', 'online', '--json']);
    expect((JSON.parse(online.stdout) as MiningResult).trips?.total).toBe(1);
  });

  it('reads timestamps without an offset in --tz: across a DST change a day is 23 h', async () => {
    const dst = 'case_id,activity,timestamp\nc,a,2024-03-30 12:00:00\nc,b,2024-03-31 12:00:00\n';
    const log = file('dst.csv', dst);
    const amsterdam = await run([log, '--tz', 'Europe/Amsterdam', '--json']);
    expect((JSON.parse(amsterdam.stdout) as MiningResult).leadTimeSeconds.mean).toBe(23 * 3600);
    const utc = await run([log, '--json']);
    expect((JSON.parse(utc.stdout) as MiningResult).leadTimeSeconds.mean).toBe(24 * 3600);
  });

  it('has no trips without a channel column', async () => {
    const r = await run([file('no-channel.csv', text), ...columns, '--json']);
    expect((JSON.parse(r.stdout) as MiningResult).trips).toBeNull();
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--journey', 'citizen'], /--journey citizen needs --citizen COLUMN/],
    [
      ['--trip-gap', 'soon'],
      /--trip-gap expects a duration such as 30d, 4h, 90m or 45s, got 'soon'/,
    ],
    [['--journey', 'family'], /--journey must be case, citizen or citizen\+service, got 'family'/],
  ])('rejects %j with exit code 2 and the usage', async (extra, message) => {
    const r = await run([file('usage.csv', text), ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: onetrip mine FILE');
  });
});

describe('onetrip mine with start times, lifecycles and citizen journeys', () => {
  it('reads --start-timestamp: service 30 min, wait 60 min', async () => {
    const log = file(
      'interval.csv',
      [
        'id,act,begin,end',
        'a,check,2024-03-04T09:00:00Z,2024-03-04T09:30:00Z',
        'a,approve,2024-03-04T10:30:00Z,2024-03-04T11:00:00Z',
        '',
      ].join('\n'),
    );
    const args = ['--case', 'id', '--activity', 'act', '--timestamp', 'end'];
    const r = await run([log, ...args, '--start-timestamp', 'begin', '--json']);
    const result = JSON.parse(r.stdout) as MiningResult;
    expect(result.activities.map((a) => a.serviceSeconds?.mean)).toEqual([1800, 1800]);
    expect(result.dfg[0].waitSeconds.mean).toBe(3600);
    expect(result.dfg[0].durationSeconds.mean).toBe(5400);
  });

  it('pairs a --lifecycle column, or ignores it with --lifecycle none', async () => {
    const log = file(
      'lifecycle.csv',
      [
        'case_id,activity,timestamp,transition',
        'a,check,2024-03-04T09:00:00Z,start',
        'a,check,2024-03-04T09:20:00Z,complete',
        '',
      ].join('\n'),
    );
    const paired = JSON.parse(
      (await run([log, '--lifecycle', 'transition', '--json'])).stdout,
    ) as MiningResult;
    expect(paired.summary.instances).toBe(1);
    expect(paired.activities[0].serviceSeconds?.mean).toBe(1200);
    const ignored = JSON.parse(
      (await run([log, '--lifecycle', 'none', '--json'])).stdout,
    ) as MiningResult;
    expect(ignored.summary.instances).toBe(2);
  });

  it("joins two systems' files into citizen journeys with --journey citizen", async () => {
    const permits = file(
      'permits.csv',
      'case_id,activity,timestamp,person\np1,apply,2024-03-04T09:00:00Z,li\n',
    );
    const tax = file(
      'tax.csv',
      'case_id,activity,timestamp,person\nt1,pay tax,2024-03-05T09:00:00Z,li\n',
    );
    const r = await run([
      permits,
      tax,
      '--citizen',
      'person',
      '--journey',
      'citizen',
      '--journey-gap',
      '30d',
      '--json',
    ]);
    const result = JSON.parse(r.stdout) as MiningResult;
    expect(result.summary).toMatchObject({ events: 2, cases: 2, journeys: 1 });
    expect(result.variants).toEqual([{ activities: ['apply', 'pay tax'], count: 1 }]);
  });
});

describe('onetrip mine --insights: hall queue waits', () => {
  // One citizen at hall H1 (Asia/Shanghai): Monday ticket 16:00 never called; Wednesday ticket
  // 09:00 called 09:20; a third ticket 09:30 that day closes with an expiry event at 09:40.
  const log = () =>
    file(
      'queue.csv',
      [
        'case_id,activity,timestamp,person,channel,hall',
        'T1,kiosk,2024-03-04 16:00:00,li,hall,H1',
        'T2,kiosk,2024-03-06 09:00:00,li,hall,H1',
        'T2,window,2024-03-06 09:20:00,li,hall,H1',
        'T3,kiosk,2024-03-06 09:30:00,li,hall,H1',
        'T3,expired,2024-03-06 09:40:00,li,hall,H1',
        '',
      ].join('\n'),
    );
  const columns = ['--citizen', 'person', '--journey', 'citizen', '--channel', 'channel'];

  it('prints the queue insights with the queue activities given on the command line', async () => {
    const r = await run([
      log(),
      ...columns,
      '--location',
      'hall',
      '--tz',
      'Asia/Shanghai',
      '--queue-ticket',
      'kiosk',
      '--queue-call',
      'window',
      '--queue-abandon',
      'expired',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const q = (JSON.parse(r.stdout) as MiningResult).insights?.queueWaits;
    expect(q).toMatchObject({ count: 1, tickets: 3, abandoned: 2, abandonedByEvent: 1 });
    expect(q?.seconds?.total).toBe(1200);
    expect(q?.byHourWeekday).toEqual([
      { weekday: 3, hour: 9, count: 1, meanSeconds: 1200, medianSeconds: 1200 },
    ]);
    expect(q?.abandonedByHall).toEqual([{ value: 'H1', tickets: 3, abandoned: 2, rate: 2 / 3 }]);
  });

  it('reads a one-row-per-ticket export with --ticket-rows', async () => {
    const tickets = file(
      'tickets.csv',
      [
        '票号,大厅,取号时间,叫号时间,开始服务时间,完成时间,窗口',
        'A1,H1,2024-03-04 09:00:00,2024-03-04 09:30:00,2024-03-04 09:31:00,2024-03-04 09:45:00,W1',
        'A2,H1,2024-03-04 09:10:00,,,,',
        '',
      ].join('\n'),
    );
    const r = await run([tickets, '--ticket-rows', '--location', '大厅', '--insights', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as MiningResult;
    expect(result.summary).toMatchObject({ events: 4, journeys: 2 });
    expect(result.insights?.queueWaits).toMatchObject({
      count: 1,
      seconds: { total: 1800 },
      tickets: 2,
      abandoned: 1,
    });
  });

  it('leaves insights out with --no-insights, and finds no tickets under the default names', async () => {
    const plain = await run([log(), ...columns, '--no-insights', '--json']);
    expect((JSON.parse(plain.stdout) as MiningResult).insights).toBeUndefined();
    expect(() => parseMineArgs(['log.csv', '--no-insights', '--queue-call', 'window'])).toThrow(
      '--queue-ticket, --queue-call and --queue-abandon need the insights',
    );
    const defaults = await run([log(), ...columns, '--json']);
    const q = (JSON.parse(defaults.stdout) as MiningResult).insights?.queueWaits;
    expect(q).toMatchObject({ count: 0, tickets: 0 });
    expect(() => parseMineArgs(['log.csv', '--queue-call', ' , '])).toThrow(
      '--queue-call needs at least one activity name',
    );
  });
});

describe('durations on the command line', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['4h', 14_400_000],
    ['90m', 5_400_000],
    ['1.5h', 5_400_000],
    ['45s', 45_000],
    ['2w', 14 * 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text, '--x')).toBe(ms);
  });
});

describe('--format on the command line', () => {
  it('takes the event log formats and names them when given another', () => {
    expect(parseMineArgs(['--format', 'xes', 'log.xes']).format).toBe('xes');
    expect(() => parseMineArgs(['--format', 'json', 'log.json'])).toThrow(
      "--format must be csv, ndjson, xes or xlsx, got 'json'",
    );
  });
});

describe('onetrip mine --timings', () => {
  const text = ['case_id,activity,timestamp', 'c1,apply,2024-03-04T09:00:00Z', ''].join('\n');

  it('reports the split on stderr only when asked (the clock is read only then)', async () => {
    const log = file('timings.csv', text);
    const quiet = await run([log, '--json']);
    expect(quiet.stderr).not.toMatch(/^timings /m);
    const timed = await run([log, '--json', '--timings']);
    expect(timed.code).toBe(0);
    const line = timed.stderr.split('\n').find((l) => l.startsWith('timings '));
    const timings = JSON.parse((line ?? 'timings {}').slice('timings '.length)) as Record<
      string,
      number
    >;
    expect(timings.events).toBe(1);
    for (const key of ['readMs', 'addMs', 'resultMs', 'addCpuMs', 'peakRssBytes']) {
      expect(typeof timings[key]).toBe('number');
    }
    expect(timings.peakRssBytes).toBeGreaterThan(0);
  });
});
