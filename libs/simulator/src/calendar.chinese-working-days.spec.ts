import { getDayDetail, isWorkday } from 'chinese-days';
import {
  addWorkingDays,
  formatDay,
  formatTimestamp,
  isPublicHoliday,
  isWorkingDay,
  parseDay,
  weekday,
} from './calendar';

describe('the Chinese working-day calendar in Beijing time', () => {
  it('closes on National Day and opens on its make-up Sunday and Saturday (2025)', () => {
    expect(isWorkingDay(parseDay('2025-10-01'))).toBe(false);
    expect(isWorkingDay(parseDay('2025-10-08'))).toBe(false);
    expect(isPublicHoliday(parseDay('2025-10-03'))).toBe(true);
    expect(isWorkingDay(parseDay('2025-09-28'))).toBe(true); // Sunday, make-up working day
    expect(isWorkingDay(parseDay('2025-10-11'))).toBe(true); // Saturday, make-up working day
    expect(isWorkingDay(parseDay('2025-10-18'))).toBe(false); // ordinary Saturday
    expect(isWorkingDay(parseDay('2025-10-09'))).toBe(true); // ordinary Thursday
  });

  it('knows Spring Festival 2026 and its make-up Saturdays', () => {
    expect(isWorkingDay(parseDay('2026-02-17'))).toBe(false);
    expect(isWorkingDay(parseDay('2026-02-14'))).toBe(true);
    expect(isWorkingDay(parseDay('2026-02-28'))).toBe(true);
    expect(addWorkingDays(parseDay('2026-02-13'), 1)).toBe(parseDay('2026-02-14'));
    expect(addWorkingDays(parseDay('2026-02-14'), 1)).toBe(parseDay('2026-02-24'));
  });

  it('agrees with chinese-days isWorkday on every day of 2024–2026 (read in UTC)', () => {
    const disagreements: string[] = [];
    for (let d = parseDay('2024-01-01'); d <= parseDay('2026-12-31'); d++) {
      const date = formatDay(d);
      if (isWorkday(date) !== isWorkingDay(d)) disagreements.push(date);
      if (getDayDetail(date).work !== isWorkingDay(d)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('counts weekdays from 1970-01-01, a Thursday', () => {
    expect(weekday(0)).toBe(4);
    expect(weekday(parseDay('2025-07-07'))).toBe(1);
  });

  it('writes instants with an explicit +08:00 offset', () => {
    expect(formatTimestamp(Date.UTC(2025, 6, 1, 1, 0, 0))).toBe('2025-07-01T09:00:00+08:00');
    expect(formatTimestamp(Date.UTC(2025, 11, 31, 16, 59, 59))).toBe('2026-01-01T00:59:59+08:00');
    expect(formatTimestamp(Date.UTC(2025, 11, 31, 15, 59, 59))).toBe('2025-12-31T23:59:59+08:00');
    expect(Date.parse('2025-07-01T09:00:00+08:00')).toBe(Date.UTC(2025, 6, 1, 1, 0, 0));
  });

  it('rejects dates that are not YYYY-MM-DD calendar dates', () => {
    expect(() => parseDay('2025-7-1')).toThrow("expected a date as YYYY-MM-DD, got '2025-7-1'");
    expect(() => parseDay('2025-02-30')).toThrow("'2025-02-30' is not a calendar date");
  });
});
