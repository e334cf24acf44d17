import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeXlsx } from '@onetrip/ingest';
import type { MiningResult } from '@onetrip/mining';
import { mine } from '../commands/mine';
import { parseImportArgs } from '../commands/import';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
    return { code: await mine.run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-mine-xlsx-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('onetrip mine on an .xlsx workbook', () => {
  const header = ['case_id', 'activity', 'timestamp'];
  const book = (): string => {
    const p = path.join(dir, 'book.xlsx');
    fs.writeFileSync(
      p,
      writeXlsx([
        {
          name: 'First',
          rows: [
            header,
            ['c1', 'apply', { serial: 45355.375 }],
            ['c1', 'collect', '2024-03-05 09:00'],
          ],
        },
        {
          name: 'Second',
          rows: [header, ['c9', 'apply', '2024-03-04 09:00'], ['c9', 'reject', 'never']],
        },
      ]),
    );
    return p;
  };

  it('mines the first sheet by default and the one named by --sheet', async () => {
    const log = book();
    const first = await run([log, '--json']);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as MiningResult).variants).toEqual([
      { activities: ['apply', 'collect'], count: 1 },
    ]);
    const second = await run([log, '--sheet', 'Second', '--json', '--skip-invalid']);
    expect(second.code).toBe(0);
    const result = JSON.parse(second.stdout) as MiningResult;
    expect(result.summary).toMatchObject({ events: 1, rejected: 1 });
  });

  it('names the sheet and the cell of a bad row', async () => {
    const r = await run([book(), '--sheet', '2', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sheet "Second", cell C3: unparseable timestamp "never"');
  });

  it('onetrip import takes --sheet', () => {
    expect(parseImportArgs(['book.xlsx', '--dataset', 'd', '--sheet', '办件'])).toMatchObject({
      sheet: '办件',
    });
  });
});
