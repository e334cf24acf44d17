import { ZonedCalendar } from './calendar';

describe('zoned calendar fields', () => {
  it('reads Beijing time: 2024-03-31 23:30 UTC is Monday 1 April, 07:00 hour', () => {
    expect(new ZonedCalendar('Asia/Shanghai').fields(Date.UTC(2024, 2, 31, 23, 30))).toEqual({
      period: '2024-04',
      week: '2024-W14',
      day: '2024-04-01',
      weekday: 1,
      hour: 7,
    });
  });

  it('follows a daylight-saving change inside the hour (New York, 10 March 2024)', () => {
    const ny = new ZonedCalendar('America/New_York');
    // 06:59 UTC = 01:59 EST (Sunday); 07:00 UTC = 03:00 EDT
    expect(ny.fields(Date.UTC(2024, 2, 10, 6, 59))).toEqual({
      period: '2024-03',
      week: '2024-W10',
      day: '2024-03-10',
      weekday: 7,
      hour: 1,
    });
    expect(ny.fields(Date.UTC(2024, 2, 10, 7, 0))).toEqual({
      period: '2024-03',
      week: '2024-W10',
      day: '2024-03-10',
      weekday: 7,
      hour: 3,
    });
  });

  it('handles a half-hour zone (India, UTC+5:30)', () => {
    expect(new ZonedCalendar('Asia/Kolkata').fields(Date.UTC(2024, 11, 31, 18, 29))).toEqual({
      period: '2024-12',
      week: '2025-W01',
      day: '2024-12-31',
      weekday: 2,
      hour: 23,
    });
    expect(new ZonedCalendar('Asia/Kolkata').fields(Date.UTC(2024, 11, 31, 18, 30))).toEqual({
      period: '2025-01',
      week: '2025-W01',
      day: '2025-01-01',
      weekday: 3,
      hour: 0,
    });
  });

  it('numbers ISO weeks across year ends (1 Jan 2021 is in 2020-W53, 29 Dec 2025 in 2026-W01)', () => {
    const utc = new ZonedCalendar('UTC');
    expect(utc.fields(Date.UTC(2021, 0, 1, 12)).week).toBe('2020-W53');
    expect(utc.fields(Date.UTC(2021, 0, 4, 12)).week).toBe('2021-W01');
    expect(utc.fields(Date.UTC(2025, 11, 29, 12)).week).toBe('2026-W01');
    expect(utc.fields(Date.UTC(2025, 11, 28, 12)).week).toBe('2025-W52');
  });
});
