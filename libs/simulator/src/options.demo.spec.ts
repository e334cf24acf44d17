import { demoOptions } from './options';
import { simulate, simulateJourneys } from './simulate';
import { toCsv } from './writers';

describe('the demo dataset', () => {
  it('writes the 20,000 demo journeys as a CSV of more than 10 MB', () => {
    // How fast is measured by test/bench/simulate.bench.mjs, not here.
    let bytes = 0;
    for (const chunk of toCsv(simulate(demoOptions('zh-CN')))) bytes += chunk.length;
    expect(bytes).toBeGreaterThan(10_000_000);
  });

  it('spans before and after the reform, three halls and five services, in the chosen language', () => {
    const services = new Set<string>();
    const halls = new Set<string>();
    let before = 0;
    let after = 0;
    let first = Infinity;
    let last = -Infinity;
    for (const j of simulateJourneys(demoOptions('zh-CN'))) {
      services.add(j.service);
      if (j.beforeReform) before++;
      else after++;
      first = Math.min(first, j.startTimestamp);
      last = Math.max(last, j.startTimestamp);
      for (const e of j.events) if (e.location) halls.add(e.location);
    }
    expect(before + after).toBe(20000);
    expect(before).toBeGreaterThan(8000);
    expect(after).toBeGreaterThan(8000);
    expect([...services].sort()).toEqual(
      ['住房公积金提取', '营业执照办理', '社会保障卡申领', '居住证办理', '建筑工程施工许可'].sort(),
    );
    expect([...halls].sort()).toEqual(
      ['东城区政务服务大厅', '市政务服务中心', '滨江区政务服务大厅'].sort(),
    );
    expect((last - first) / 86400000).toBeGreaterThan(350);
    expect(demoOptions().lang).toBe('en');
  });
});
