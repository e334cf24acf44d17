import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MiningResult } from '@onetrip/mining';
import { DEFAULT_VARIANT_LIMIT, parseMineArgs } from './args';
import { runMine as run } from './testing/run-mine';

// 130 cases, each its own variant: case k does 'start' then 'step k' (130 variants of one case
// each), plus 3 more cases doing only 'start' (the most frequent variant, 3 cases).
function log(): string {
  const rows = ['case_id,activity,timestamp'];
  for (let k = 0; k < 130; k += 1) {
    rows.push(`c${k},start,2024-03-04T09:00:00Z`, `c${k},step ${k},2024-03-04T10:00:00Z`);
  }
  for (let k = 0; k < 3; k += 1) rows.push(`s${k},start,2024-03-04T09:00:00Z`);
  return `${rows.join('\n')}\n`;
}

let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-mine-variants-'));
  file = path.join(dir, 'variants.csv');
  fs.writeFileSync(file, log());
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const mined = async (...flags: string[]) => {
  const r = await run([file, '--json', ...flags]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as MiningResult;
};

describe('onetrip mine --variants', () => {
  it('lists the 100 most frequent variants by default and counts all 131', async () => {
    const result = await mined();
    expect(DEFAULT_VARIANT_LIMIT).toBe(100);
    expect(result.variants).toHaveLength(100);
    expect(result.variants[0]).toEqual({ activities: ['start'], count: 3 });
    expect(result.summary.variants).toBe(131);
    expect(result.insights?.variants).toHaveLength(100);
    expect(result.insights?.variants[0].activities).toEqual(['start']);
  });

  it('--variants 2 keeps the two most frequent, in the insights too', async () => {
    const result = await mined('--variants', '2');
    expect(result.variants.map((v) => v.activities)).toEqual([['start'], ['start', 'step 0']]);
    expect(result.insights?.variants.map((v) => v.activities)).toEqual([
      ['start'],
      ['start', 'step 0'],
    ]);
    expect(result.summary.variants).toBe(131);
  });

  it('--variants all keeps every variant', async () => {
    const result = await mined('--variants', 'all', '--no-insights');
    expect(result.variants).toHaveLength(131);
    expect(result.summary.variants).toBe(131);
  });

  it('says how many variants there are in the text report', async () => {
    expect((await run([file, '--variants', '1'])).stdout).toContain(
      'most frequent variants (of 131):\n  3× start\n\n',
    );
  });

  it.each(['ten', '-1', '1.5', ''])('rejects --variants=%j', (value) => {
    expect(() => parseMineArgs([file, `--variants=${value}`])).toThrow(
      `--variants expects a whole number or 'all', got '${value}'`,
    );
  });
});
