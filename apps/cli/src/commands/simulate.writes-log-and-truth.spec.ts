import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { journeysTruthFile, parseSimulateArgs, simulate, systemFile } from './simulate';

describe('onetrip simulate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'onetrip-simulate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string): string => path.join(dir, name);
  const lines = (name: string): string[] =>
    readFileSync(file(name), 'utf8').split('\n').filter(Boolean);

  it('reads its options, with the format from the extension and defaults for the rest', () => {
    const args = parseSimulateArgs([
      '--journeys',
      '10',
      '--seed',
      'x',
      '--out',
      'a.xes',
      '--lang=zh-CN',
    ]);
    expect(args).toMatchObject({
      out: 'a.xes',
      format: 'xes',
      split: false,
      truth: null,
      options: { journeys: 10, seed: 'x', lang: 'zh-CN', reformDate: '2026-01-01' },
    });
    expect(
      parseSimulateArgs(['--out', 'a', '--reform-date', 'none', '--seed', '12']),
    ).toMatchObject({
      format: 'csv',
      options: { reformDate: null, seed: 12 },
    });
    expect(parseSimulateArgs(['--help'])).toBe('help');
    expect(() => parseSimulateArgs(['--journeys', '5'])).toThrow('--out FILE is required');
    expect(() => parseSimulateArgs(['--out', 'a', '--format', 'json'])).toThrow(
      "--format must be one of csv, ndjson, xes, got 'json'",
    );
    expect(() => parseSimulateArgs(['--out', 'a', '--start', '2025-02-30'])).toThrow(
      'not a calendar date',
    );
    expect(() => parseSimulateArgs(['--out', 'a', '--colour', 'red'])).toThrow(
      'unknown option --colour',
    );
  });

  it('names the split and truth files after the output', () => {
    expect(systemFile('out/events.csv', 'queue')).toBe('out/events.queue.csv');
    expect(journeysTruthFile('truth.json')).toBe('truth.journeys.jsonl');
  });

  it('writes the merged CSV and the ground truth, identical for the same seed', async () => {
    const run = (out: string, truth: string): Promise<number> =>
      simulate.run([
        '--journeys',
        '400',
        '--seed',
        '9',
        '--out',
        file(out),
        '--truth',
        file(truth),
        '--quiet',
      ]);
    await expect(run('a.csv', 'a-truth.json')).resolves.toBe(0);
    await expect(run('b.csv', 'b-truth.json')).resolves.toBe(0);
    expect(readFileSync(file('a.csv'))).toEqual(readFileSync(file('b.csv')));
    const rows = lines('a.csv');
    expect(rows[0]).toBe(
      'case_id,citizen_id,service,activity,timestamp,start_timestamp,channel,location,department,resource,source_system',
    );
    const truth = JSON.parse(readFileSync(file('a-truth.json'), 'utf8')) as {
      journeys: number;
      events: number;
      trips: { total: number };
    };
    expect(truth.journeys).toBe(400);
    expect(truth.events).toBe(rows.length - 1);
    const perJourney = lines('a-truth.journeys.jsonl').map(
      (l) => JSON.parse(l) as { trips: number; events: number },
    );
    expect(perJourney).toHaveLength(400);
    expect(perJourney.reduce((s, j) => s + j.trips, 0)).toBe(truth.trips.total);
    expect(perJourney.reduce((s, j) => s + j.events, 0)).toBe(rows.length - 1);
  });

  it('splits by source system into seven files that together hold the merged log', async () => {
    await simulate.run(['--journeys', '300', '--seed', '4', '--out', file('all.csv'), '--quiet']);
    await simulate.run([
      '--journeys',
      '300',
      '--seed',
      '4',
      '--out',
      file('sys.csv'),
      '--split-by-system',
      '--quiet',
    ]);
    const parts = readdirSync(dir)
      .filter((f) => f.startsWith('sys.'))
      .sort();
    expect(parts).toEqual(
      ['back_office', 'chatbot', 'counter', 'hotline', 'portal', 'post', 'queue'].map(
        (s) => `sys.${s}.csv`,
      ),
    );
    const union: string[] = [];
    for (const part of parts) {
      const [header, ...rows] = lines(part);
      expect(header).toBe(lines('all.csv')[0]);
      const system = part.split('.')[1];
      expect(rows.every((r) => r.endsWith(`,${system}`))).toBe(true);
      union.push(...rows);
    }
    expect(union.sort()).toEqual(lines('all.csv').slice(1).sort());
  });

  it('refuses bad options with exit code 2', async () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(simulate.run(['--journeys', 'many', '--out', file('x.csv')])).resolves.toBe(2);
      expect(String(write.mock.calls[0][0])).toContain(
        "--journeys expects a whole number, got 'many'",
      );
    } finally {
      write.mockRestore();
    }
  });
});
