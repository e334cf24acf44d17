import path from 'node:path';
import { GOAL_TRAJECTORY_FIXTURES } from './fixtures/dashboard';
import { goalTrajectory } from './goal-trajectory';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');
const fixture = (name: string) => {
  const f = GOAL_TRAJECTORY_FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.data;
};

describe('goal trajectory chart', () => {
  it.each(GOAL_TRAJECTORY_FIXTURES.map((f) => f.name))(
    'renders the %s fixture as committed',
    (name) => {
      expect(() =>
        expectSvgSnapshot(SNAPSHOTS, `goal-trajectory.${name}`, goalTrajectory(fixture(name))),
      ).not.toThrow();
    },
  );

  it('draws the plan dashed, the projection dotted, and one dot per measured month', () => {
    const svg = goalTrajectory(fixture('trips-on-track'));
    expect(svg.querySelector('.goal-plan')?.getAttribute('stroke-dasharray')).toBe('6 4');
    expect(svg.querySelector('.goal-projection')?.getAttribute('stroke-dasharray')).toBe('2 3');
    const titles = [...svg.querySelectorAll('.goal-dot title')].map((t) => t.textContent);
    expect(titles).toEqual([
      '2025-01: 2',
      '2025-02: 1.8',
      '2025-03: 1.5',
      '2025-04: 1.3',
      '2025-05: 1.2',
    ]);
  });

  it('runs time from the first point to the deadline, and puts the target on its value', () => {
    const svg = goalTrajectory(fixture('trips-on-track'), { width: 360, height: 180 });
    const ticks = [...svg.querySelectorAll('.goal-x-tick')].map((t) => t.textContent);
    expect(ticks).toEqual(['2025-02', '2026-01']); // the end of January … the end of December
    // The plan ends at the target: the same y as the target rule.
    const d = svg.querySelector('.goal-plan')?.getAttribute('d') ?? '';
    const lastY = Number(/,([\d.]+)$/.exec(d)?.[1]);
    expect(Number(svg.querySelector('.goal-target')?.getAttribute('y1'))).toBeCloseTo(lastY, 6);
    // The plan starts at the left edge of the plot and ends at its right edge (width − 10).
    expect(Number(/^M([\d.]+),/.exec(d)?.[1])).toBeLessThan(60);
    expect(Number(/L([\d.]+),[\d.]+$/.exec(d)?.[1])).toBeCloseTo(350, 6);
  });

  it('labels the lines in a legend, in the words it is given', () => {
    const svg = goalTrajectory(fixture('trips-on-track'), {
      labels: { actual: '实际', plan: '计划', projection: '预测', target: '目标' },
    });
    const words = [...svg.querySelectorAll('.goal-legend-label')].map((t) => t.textContent);
    expect(words).toEqual(['实际', '计划', '预测', '目标']);
  });

  it('says there is nothing to draw instead of an empty plot', () => {
    const svg = goalTrajectory(fixture('empty'), { emptyLabel: 'No values yet' });
    expect(svg.querySelector('.chart-empty')?.textContent).toBe('No values yet');
  });
});
