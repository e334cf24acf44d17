import { columnStats } from './column-stats';

describe('column statistics of a preview sample', () => {
  it('counts distinct values, empty cells and values read as times', () => {
    const stats = columnStats(
      ['case', 'time', 'note'],
      [
        ['A', '2024-03-01 09:00', ''],
        ['A', 'soon', 'x'],
        ['B', '2024-03-01 10:00', ''],
        ['B', '', ''],
      ],
    );
    expect(stats).toEqual([
      { column: 'case', distinct: 2, emptyShare: 0, timestampShare: 0 },
      {
        column: 'time',
        distinct: 3,
        emptyShare: 0.25,
        timestampShare: 2 / 3,
        times: [Date.UTC(2024, 2, 1, 9), null, Date.UTC(2024, 2, 1, 10), null],
      },
      { column: 'note', distinct: 1, emptyShare: 0.75, timestampShare: 0 },
    ]);
  });

  it('reads times in the zone given', () => {
    const [stats] = columnStats(['t'], [['2024-03-01 09:00']], 'Asia/Shanghai');
    expect(stats.times).toEqual([Date.UTC(2024, 2, 1, 1)]);
  });
});
