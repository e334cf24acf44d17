import { mine } from './index';
import { DAY, ev, HOUR, T0 } from './test-events';

/**
 * One ranking, shares of all waiting: the hand-offs add up to 100%, and so does the same waiting
 * grouped by the step waited for; split by side, the two sides' hand-offs add up to 100% and each
 * side's `shares` figure is what its hand-offs add up to.
 *
 * Waits (hours), by hand: j1 取号→叫号 1 (government: a call is the hall's), 叫号→受理 1,
 * 受理→补正材料 46 (citizen: 补正材料 is listed as a citizen action), 补正材料→办结 24;
 * j2 取号→叫号 2, 叫号→受理 1, 受理→办结 25. All waiting: 100 h.
 */
const hall = { channel: 'hall', location: 'H1' };
const events = [
  ev('j1', '取号', T0 + 9 * HOUR, hall),
  ev('j1', '叫号', T0 + 10 * HOUR, hall),
  ev('j1', '受理', T0 + 11 * HOUR, hall),
  ev('j1', '补正材料', T0 + 2 * DAY + 9 * HOUR, { channel: 'online' }),
  ev('j1', '办结', T0 + 3 * DAY + 9 * HOUR, { channel: 'back_office' }),
  ev('j2', '取号', T0 + 9 * HOUR, hall),
  ev('j2', '叫号', T0 + 11 * HOUR, hall),
  ev('j2', '受理', T0 + 12 * HOUR, hall),
  ev('j2', '办结', T0 + DAY + 13 * HOUR, { channel: 'back_office' }),
];
const sum = (xs: readonly { share: number }[]) => xs.reduce((s, b) => s + b.share, 0);

describe('bottleneck shares add up to 100%', () => {
  const r = mine(events, { insights: { citizenActivities: ['补正材料'] } });

  it('over the hand-offs, and over the same waits by step', () => {
    const edges = r.bottlenecks.filter((b) => b.kind === 'edge');
    const steps = r.bottlenecks.filter((b) => b.kind === 'activity');
    expect(edges.map((b) => [`${b.from}→${b.to}`, b.share])).toEqual([
      ['受理→补正材料', 0.46],
      ['受理→办结', 0.25],
      ['补正材料→办结', 0.24],
      ['取号→叫号', 0.03],
      ['叫号→受理', 0.02],
    ]);
    expect(sum(edges)).toBeCloseTo(1, 12);
    expect(steps.map((b) => [b.activity, b.share])).toEqual([
      ['办结', 0.49],
      ['补正材料', 0.46],
      ['叫号', 0.03],
      ['受理', 0.02],
    ]);
    expect(sum(steps)).toBeCloseTo(1, 12);
  });

  it('over both sides together, each side as its `shares` says', () => {
    const sides = r.insights?.bottlenecks;
    if (!sides) throw new Error('no insights');
    expect(sides.shares).toEqual({ government: 0.54, citizen: 0.46 });
    const gov = sides.government.filter((b) => b.kind === 'edge');
    const cit = sides.citizen.filter((b) => b.kind === 'edge');
    expect(cit.map((b) => `${b.from}→${b.to}`)).toEqual(['受理→补正材料']);
    expect(sum(gov)).toBeCloseTo(0.54, 12);
    expect(sum(cit)).toBeCloseTo(0.46, 12);
  });
});
