import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MiningResult } from '@onetrip/mining';
import { runMine as run } from './testing/run-mine';

// One citizen's journey at hall H1: 取号 09:00, 叫号 09:10, 受理 09:20 (市场监管局); the back
// office asks for supplementary materials at 15:00 (5 h 40 min later: the government's wait);
// the citizen comes back two days later (42 h: the citizen's wait before taking a ticket):
// 取号, 叫号, 提交补正材料. The return trip's cause is 告知补正材料 (市场监管局), its purpose
// 提交补正材料.
const LOG = [
  'case_id,activity,timestamp,channel,location,department',
  'c1,取号,2024-03-04T09:00:00Z,hall,H1,',
  'c1,叫号,2024-03-04T09:10:00Z,hall,H1,',
  'c1,受理,2024-03-04T09:20:00Z,hall,H1,市场监管局',
  'c1,告知补正材料,2024-03-04T15:00:00Z,back_office,,市场监管局',
  'c1,取号,2024-03-06T09:00:00Z,hall,H1,',
  'c1,叫号,2024-03-06T09:10:00Z,hall,H1,',
  'c1,提交补正材料,2024-03-06T09:30:00Z,hall,H1,市场监管局',
  '',
].join('\n');
const FLAGS = ['--channel', 'channel', '--location', 'location', '--department', 'department'];

let dir: string;
let log: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-mine-insights-'));
  log = path.join(dir, 'return.csv');
  fs.writeFileSync(log, LOG);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('onetrip mine prints the insights the dashboard shows', () => {
  it('--json carries the return causes and purposes', async () => {
    const r = await run([log, ...FLAGS, '--json']);
    expect(r.code).toBe(0);
    const { insights } = JSON.parse(r.stdout) as MiningResult;
    expect(insights?.timeZone).toBe('UTC');
    expect(insights?.returnCauses).toEqual({
      causes: [{ activity: '告知补正材料', department: '市场监管局', journeys: 1, returns: 1 }],
      purposes: [{ activity: '提交补正材料', journeys: 1, returns: 1 }],
    });
  });

  it('--json carries the bottlenecks by side: the 42 h before the ticket is the citizen’s', async () => {
    const { insights } = JSON.parse((await run([log, ...FLAGS, '--json'])).stdout) as MiningResult;
    const top = (list: MiningResult['bottlenecks'] | undefined) =>
      list?.[0] && [list[0].from, list[0].to, list[0].totalWaitSeconds];
    expect(top(insights?.bottlenecks.government)).toEqual(['受理', '告知补正材料', 20_400]);
    expect(top(insights?.bottlenecks.citizen)).toEqual(['告知补正材料', '取号', 151_200]);
  });

  it('the text report names the cause with its department and the government-side waits', async () => {
    const r = await run([log, ...FLAGS]);
    expect(r.stdout).toContain('why citizens come back');
    expect(r.stdout).toContain('  1  告知补正材料 (市场监管局)');
    expect(r.stdout).toContain('  1  提交补正材料');
    const government = r.stdout.split('waiting on the government')[1].split('\n');
    expect(government[1]).toContain('受理 → 告知补正材料');
  });

  it('--no-insights leaves them out', async () => {
    const r = await run([log, ...FLAGS, '--json', '--no-insights']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as MiningResult).insights).toBeUndefined();
    expect((await run([log, ...FLAGS, '--no-insights'])).stdout).not.toContain('why citizens');
  });
});
