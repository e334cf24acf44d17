import { gbtTables, GBT_HEADERS, type GbtRows } from './gbt-tables';
import { resolveOptions } from './options';
import { simulateJourneys } from './simulate';

// 300 journeys of the default world, in Chinese, as government tables: what the presets of
// @onetrip/ingest rely on holds for every row.
const options = resolveOptions({ journeys: 300, seed: 3, lang: 'zh-CN' });
const tables: GbtRows = {
  cases: [],
  process: [],
  'special-procedures': [],
  queue: [],
  'work-orders': [],
};
const journeys = [...simulateJourneys(options)];
for (const journey of journeys) {
  const rows = gbtTables(journey, 'zh-CN');
  for (const name of Object.keys(tables) as (keyof GbtRows)[]) tables[name].push(...rows[name]);
}
const wall = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('the simulated government tables', () => {
  it('have one case row per journey with an application, under a unique 办件编号', () => {
    const ids = tables.cases.map((r) => r['办件编号']);
    expect(new Set(ids).size).toBe(ids.length);
    const applied = journeys.filter((j) =>
      j.events.some((e) => e.activity === '网上提交申请' || e.activity === '窗口提交申请'),
    );
    // Every journey that applied has its case (those that gave up before applying have none).
    expect(ids.length).toBe(applied.length);
    expect(ids.length).toBeGreaterThan(200);
  });

  it('join by 办件编号: every process, special-procedure and ticket row names a case', () => {
    const ids = new Set(tables.cases.map((r) => r['办件编号']));
    for (const name of ['process', 'special-procedures', 'queue'] as const) {
      expect(tables[name].filter((r) => !ids.has(r['办件编号']))).toEqual([]);
    }
  });

  it('write every column of its table, times as YYYY-MM-DD HH:mm:ss in order', () => {
    for (const [name, rows] of Object.entries(tables) as [keyof GbtRows, GbtRows['cases']][]) {
      for (const row of rows)
        expect(Object.keys(row).sort()).toEqual([...GBT_HEADERS[name]].sort());
    }
    for (const r of tables.cases) {
      expect(r['申请时间']).toMatch(wall);
      expect(['1', '2', '3']).toContain(r['申报来源']);
      if (r['受理时间'] !== '') expect(r['受理时间'] >= r['申请时间']).toBe(true);
      if (r['办结时间'] !== '') {
        expect(r['办结时间'] >= (r['受理时间'] || r['申请时间'])).toBe(true);
      }
    }
    for (const r of tables.process) expect(r['环节结束时间'] >= r['环节开始时间']).toBe(true);
    for (const r of tables.queue) {
      if (r['叫号时间'] !== '') expect(r['叫号时间'] >= r['取号时间']).toBe(true);
    }
  });

  it('put each special procedure inside a 审查 step of its case', () => {
    expect(tables['special-procedures'].length).toBeGreaterThan(0);
    for (const p of tables['special-procedures']) {
      const inside = tables.process.some(
        (s) =>
          s['办件编号'] === p['办件编号'] &&
          s['环节名称'] === '审查' &&
          s['环节开始时间'] <= p['特别程序开始时间'] &&
          p['特别程序结束时间'] <= s['环节结束时间'],
      );
      expect(inside).toBe(true);
    }
  });

  it('mark 退回 the pre-reviews that asked for materials, one per round of 补正', () => {
    const returns = tables.process.filter((r) => r['业务动作'] === '退回').length;
    const rounds = journeys.reduce(
      (n, j) => n + j.events.filter((e) => e.activity === '告知补正材料').length,
      0,
    );
    expect(returns).toBe(rounds);
  });
});
