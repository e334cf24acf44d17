import { monthStartIso, zoneOffsetMs } from './zoned-time';

describe('month boundaries in a dataset time zone', () => {
  it('starts a Beijing month at 16:00 UTC the day before', () => {
    expect(monthStartIso('2025-10', 'Asia/Shanghai')).toBe('2025-09-30T16:00:00.000Z');
    expect(monthStartIso('2025-12', 'Asia/Shanghai', 1)).toBe('2025-12-31T16:00:00.000Z');
    expect(monthStartIso('2025-10', 'UTC')).toBe('2025-10-01T00:00:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(monthStartIso('2025-04', 'Europe/Amsterdam')).toBe('2025-03-31T22:00:00.000Z');
    expect(monthStartIso('2025-01', 'Europe/Amsterdam')).toBe('2024-12-31T23:00:00.000Z');
    expect(zoneOffsetMs(Date.UTC(2025, 6, 1), 'Asia/Shanghai')).toBe(8 * 3600_000);
  });

  it('names a bad month', () => {
    expect(() => monthStartIso('2025-1', 'UTC')).toThrow(
      'monthStartIso: 2025-1 is not a YYYY-MM month',
    );
  });
});
