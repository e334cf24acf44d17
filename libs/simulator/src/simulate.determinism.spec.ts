import { DEFAULT_SIMULATION, resolveOptions } from './options';
import { simulate, simulateJourneys } from './simulate';
import { toCsv } from './writers';

const csv = (seed: number | string, journeys = 300, lang: 'en' | 'zh-CN' = 'en'): string =>
  [...toCsv(simulate({ journeys, seed, lang }))].join('');

describe('a seed fixes the world', () => {
  it('gives identical bytes for the same seed', () => {
    expect(csv(2025)).toBe(csv(2025));
    expect(csv('demo')).toBe(csv('demo'));
  });

  it('gives a different log for a different seed', () => {
    expect(csv(2025)).not.toBe(csv(2026));
  });

  it('changes only the names, not the world, with the language', () => {
    const strip = (text: string): string[] =>
      text
        .split('\n')
        .slice(1)
        .map((line) => {
          const f = line.split(',');
          return [f[0], f[1], f[4], f[5], f[6], f[9], f[10]].join(',');
        });
    const en = csv(11, 200, 'en');
    const zh = csv(11, 200, 'zh-CN');
    expect(strip(zh)).toEqual(strip(en));
    expect(zh).toContain('市政务服务中心');
    expect(zh).toContain('预审');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('yields exactly the number of journeys asked for, with distinct ids', () => {
    const ids = [...simulateJourneys({ journeys: 1234, seed: 3 })].map((j) => j.id);
    expect(ids).toHaveLength(1234);
    expect(new Set(ids).size).toBe(1234);
    expect([...simulateJourneys({ journeys: 0 })]).toEqual([]);
  });

  it('rejects options that make no sense, naming the option', () => {
    expect(() => resolveOptions({ journeys: -1 })).toThrow('journeys must be a whole number ≥ 0');
    expect(() => resolveOptions({ days: 0 })).toThrow('days must be a whole number ≥ 1');
    expect(() => resolveOptions({ start: '1 July' })).toThrow(
      "expected a date as YYYY-MM-DD, got '1 July'",
    );
    expect(() => resolveOptions({ reformDate: '2026-13-01' })).toThrow('is not a calendar date');
    expect(resolveOptions({}).journeys).toBe(DEFAULT_SIMULATION.journeys);
  });
});
