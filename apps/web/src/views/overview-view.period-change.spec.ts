import { periodChange } from './overview-view';

const months = (...values: (number | null)[]) =>
  values.map((value, i) => ({ label: `2025-0${i + 1}`, value }));

describe('periodChange (last month against the month before)', () => {
  it('tells a share in percentage points', () => {
    const change = periodChange(months(0.5, 0.82, 0.83), true);
    expect(change?.period).toBe('2025-03');
    expect(change?.previous).toBe('2025-02');
    expect(change?.change).toBeCloseTo(0.01, 10);
  });

  it('tells a count or duration as a relative change', () => {
    expect(periodChange(months(40, 30), false)?.change).toBeCloseTo(-0.25, 10);
  });

  it('has no change when a month has no figure, or from 0', () => {
    expect(periodChange(months(0.5, null), true)).toBeNull();
    expect(periodChange(months(null, 0.5), true)).toBeNull();
    expect(periodChange(months(0, 5), false)).toBeNull();
    expect(periodChange(months(5), false)).toBeNull();
  });
});
