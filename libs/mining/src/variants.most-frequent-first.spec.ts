import { mine } from './index';
import { DAY, ev, T0 } from './test-events';

describe('variants: every activity sequence, most frequent first, ties by sequence', () => {
  const journey = (id: string, activities: string[]) =>
    activities.map((a, i) => ev(id, a, T0 + i * DAY));
  const r = mine([
    ...journey('1', ['b', 'c']),
    ...journey('2', ['a', 'c']),
    ...journey('3', ['b', 'c']),
    ...journey('4', ['a']),
    ...journey('5', ['a', 'c', 'd']),
    ...journey('6', ['a', 'c']),
  ]);

  it('lists all four variants with counts, ties broken by activity sequence', () => {
    expect(r.variants).toEqual([
      { activities: ['a', 'c'], count: 2 },
      { activities: ['b', 'c'], count: 2 },
      { activities: ['a'], count: 1 },
      { activities: ['a', 'c', 'd'], count: 1 },
    ]);
  });

  it('counts start and end activities, most frequent first', () => {
    expect(r.startActivities).toEqual([
      { activity: 'a', count: 4 },
      { activity: 'b', count: 2 },
    ]);
    expect(r.endActivities).toEqual([
      { activity: 'c', count: 4 },
      { activity: 'a', count: 1 },
      { activity: 'd', count: 1 },
    ]);
  });
});

describe('variant ties order element by element, a shorter prefix first', () => {
  it('puts [a, b] before [ab] and [a] before [a, b]', () => {
    const r = mine([
      ev('1', 'ab', T0),
      ev('2', 'a', T0),
      ev('2', 'b', T0 + DAY),
      ev('3', 'a', T0),
      ev('4', 'a b', T0),
    ]);
    expect(r.variants.map((v) => v.activities)).toEqual([['a'], ['a', 'b'], ['a b'], ['ab']]);
  });
});
