import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MiningResult } from '@onetrip/mining';
import { runMine as run } from './testing/run-mine';

// Beijing time, Spring Festival 2025 (holiday Jan 28 – Feb 4; make-up days Jan 26 and Feb 8).
// A: accepted Fri Jan 24, done Mon Feb 10 = 7 working days; the table's 5 → 2 over.
// B: its own 承诺办结时间 Fri Feb 21 leaves 9 working days from Mon Feb 10; done Feb 14 (4): on time.
const LOG = [
  '办件编号,事项名称,环节名称,办理时间,承诺办结时间',
  'A,不动产登记,受理,2025-01-24 10:00:00,',
  'A,不动产登记,办结,2025-02-10 16:00:00,',
  'B,不动产登记,受理,2025-02-10 09:00:00,2025-02-21',
  'B,不动产登记,办结,2025-02-14 16:00:00,',
  '',
].join('\n');
const FLAGS = ['--case', '办件编号', '--service', '事项名称', '--activity', '环节名称'];
const MORE = ['--timestamp', '办理时间', '--tz', 'Asia/Shanghai', '--json'];

let dir: string;
let log: string;
let limits: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-mine-deadlines-'));
  log = path.join(dir, 'cases.csv');
  limits = path.join(dir, 'limits.csv');
  fs.writeFileSync(log, LOG);
  fs.writeFileSync(limits, '事项名称,承诺时限,单位\n不动产登记,5,工作日\n');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('onetrip mine --limits', () => {
  it('counts on time against the table and the cases’ own due dates', async () => {
    const r = await run([log, ...FLAGS, ...MORE, '--limits', limits]);
    expect(r.code).toBe(0);
    const deadlines = (JSON.parse(r.stdout) as MiningResult).insights?.deadlines;
    expect(deadlines?.totals).toMatchObject({ journeys: 2, withLimit: 2, onTime: 1, overdue: 1 });
    expect(deadlines?.limitSources).toEqual({ due: 1, amount: 0, table: 1 });
    expect(deadlines?.overdueJourneys.map((j) => [j.ref.key, j.used, j.limit])).toEqual([
      ['A', 7, 5],
    ]);
  });

  it('without it, knows no limit (attributes are not read)', async () => {
    const r = await run([log, ...FLAGS, ...MORE]);
    const deadlines = (JSON.parse(r.stdout) as MiningResult).insights?.deadlines;
    expect(deadlines?.totals.withLimit).toBe(0);
    expect(deadlines?.withoutLimit).toBe(2);
  });

  it('names the line and column of a bad table', async () => {
    fs.writeFileSync(limits, '事项名称,承诺时限\n不动产登记,五天\n');
    const r = await run([log, ...FLAGS, ...MORE, '--limits', limits]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`limits.csv:2 (column "承诺时限"): '五天' is not a number`);
  });
});
