import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MiningResult } from '@onetrip/mining';
import { mine } from '../commands/mine';
import { parseImportArgs } from '../commands/import';
import { simulate } from '../commands/simulate';

// The shipped example tables (docs/examples/gbt), mined together: each file read by the preset its
// header looks like (--layout auto), joined by 办件编号 into one journey per case-table row.
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'docs', 'examples', 'gbt');

async function run(
  command: { run(argv: string[]): Promise<number> },
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  });
  try {
    return { code: await command.run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('onetrip mine --layout auto on the government tables', () => {
  it('reads each table by its preset and makes one journey per 办件编号 (40 case rows)', async () => {
    const files = ['cases.csv', 'process.csv', 'special-procedures.csv', 'queue.csv'].map((f) =>
      path.join(EXAMPLES, f),
    );
    const r = await run(mine, [...files, '--layout', 'auto', '--tz', 'Asia/Shanghai', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as MiningResult;
    expect(result.summary.journeys).toBe(40);
    // 办结 ends most journeys' case table; 退回 appears wherever 业务动作 said so.
    expect(result.activities.map((a) => a.activity)).toEqual(
      expect.arrayContaining(['申请', '受理', '办结', '预审', '退回', '取号', '叫号', '窗口办理']),
    );
  });

  it('refuses an unknown layout', async () => {
    const r = await run(mine, [path.join(EXAMPLES, 'cases.csv'), '--layout', 'gbt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--layout is auto or one of events, ticket-rows, gbt-case');
    expect(() => parseImportArgs(['f.csv', '--dataset', 'd', '--layout', 'cases'])).toThrow(
      '--layout is auto or one of',
    );
    expect(parseImportArgs(['f.csv', '--dataset', 'd', '--layout', 'gbt-process'])).toMatchObject({
      layout: 'gbt-process',
    });
  });
});

describe('onetrip simulate --gbt-tables', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'onetrip-gbt-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the shipped examples again with the documented command, and leaves the event log as it was', async () => {
    const args = ['--journeys', '40', '--seed', '7', '--lang', 'zh-CN', '--days', '60', '--quiet'];
    const tables = path.join(dir, 'gbt');
    expect((await run(simulate, [...args, '--gbt-tables', tables])).code).toBe(0);
    const csv = readdirSync(EXAMPLES).filter((name) => name.endsWith('.csv'));
    expect(csv).toHaveLength(5);
    for (const name of csv) {
      expect([name, readFileSync(path.join(tables, name), 'utf8')]).toEqual([
        name,
        readFileSync(path.join(EXAMPLES, name), 'utf8'),
      ]);
    }
    expect(readdirSync(tables).sort()).toEqual(csv.sort());
    // The event log is byte for byte the same with or without the tables.
    const plain = path.join(dir, 'plain.csv');
    const withTables = path.join(dir, 'with.csv');
    await run(simulate, [...args, '--out', plain]);
    await run(simulate, [...args, '--out', withTables, '--gbt-tables', path.join(dir, 'again')]);
    expect(readFileSync(withTables, 'utf8')).toBe(readFileSync(plain, 'utf8'));
  });
});
