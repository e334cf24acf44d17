import { mine } from '../index';
import { HOUR } from '../test-events';
import { isChineseWorkday, WorkingTime } from './working-time';

/** Local Beijing time (UTC+8) as epoch ms. */
const bj = (y: number, m: number, d: number, h: number, min = 0) =>
  Date.UTC(y, m - 1, d, h - 8, min);
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('working time in the mainland Chinese calendar', () => {
  const wt = new WorkingTime('Asia/Shanghai', {
    calendar: 'cn',
    startMinute: 9 * 60,
    endMinute: 17 * 60,
  });

  it('knows holidays and make-up working days (National Day 2024)', () => {
    expect(isChineseWorkday(day(2024, 9, 29))).toBe(true); // a Sunday, made up
    expect(isChineseWorkday(day(2024, 10, 1))).toBe(false);
    expect(isChineseWorkday(day(2024, 10, 7))).toBe(false); // a Monday, holiday
    expect(isChineseWorkday(day(2024, 10, 12))).toBe(true); // a Saturday, made up
    expect(isChineseWorkday(day(2024, 10, 13))).toBe(false); // a plain Sunday
  });

  it('counts only the hours 09:00–17:00 of working days', () => {
    // Friday 16:00 → Monday 10:00: one hour each side of the weekend.
    expect(wt.between(bj(2024, 3, 8, 16), bj(2024, 3, 11, 10))).toBe(2 * HOUR);
    // Over National Day: Sep 30 16:00 → Oct 8 10:00.
    expect(wt.between(bj(2024, 9, 30, 16), bj(2024, 10, 8, 10))).toBe(2 * HOUR);
    // The Saturday made up is a full working day: Fri 16:00 → Mon 10:00 = 1 + 8 + 1 h.
    expect(wt.between(bj(2024, 10, 11, 16), bj(2024, 10, 14, 10))).toBe(10 * HOUR);
    // Within one day, and outside the hours.
    expect(wt.between(bj(2024, 3, 8, 10, 30), bj(2024, 3, 8, 11))).toBe(HOUR / 2);
    expect(wt.between(bj(2024, 3, 8, 18), bj(2024, 3, 9, 8))).toBe(0);
    expect(wt.between(bj(2024, 3, 8, 11), bj(2024, 3, 8, 10))).toBe(0);
  });
});

describe('back-office waits in working time', () => {
  // A citizen applies on Friday 16:00; the back office starts Monday 10:00 (66 h calendar).
  const events = [
    { caseId: 'A', activity: '受理', timestamp: bj(2024, 3, 8, 16), channel: 'hall' },
    {
      caseId: 'A',
      activity: '审核',
      timestamp: bj(2024, 3, 11, 11),
      startTimestamp: bj(2024, 3, 11, 10),
      channel: 'back_office',
      department: '市场监管局',
    },
  ];

  it('adds the working time where the calendar is known, and names it', () => {
    const insights = mine(events, { insights: { timeZone: 'Asia/Shanghai' } }).insights;
    expect(insights?.workingCalendar).toEqual({
      calendar: 'cn',
      start: '09:00',
      end: '17:00',
      timeZone: 'Asia/Shanghai',
    });
    const [row] = insights?.backOfficeWaits ?? [];
    expect(row.value).toBe('市场监管局');
    expect(row.seconds.total).toBe(66 * 3600);
    expect(row.workingSeconds?.total).toBe(2 * 3600);
  });

  it('gives calendar time only where no calendar is known, or when turned off', () => {
    for (const insights of [
      mine(events, { insights: { timeZone: 'Europe/Berlin' } }).insights,
      mine(events, { insights: { timeZone: 'Asia/Shanghai', workingCalendar: 'none' } }).insights,
    ]) {
      expect(insights?.workingCalendar).toBeNull();
      expect(insights?.backOfficeWaits[0]).not.toHaveProperty('workingSeconds');
    }
  });

  it('takes other working hours, and refuses malformed ones', () => {
    const insights = mine(events, {
      insights: { timeZone: 'Asia/Shanghai', workingDayStart: '08:30', workingDayEnd: '17:30' },
    }).insights;
    expect(insights?.backOfficeWaits[0].workingSeconds?.total).toBe(3 * 3600);
    expect(() =>
      mine(events, { insights: { workingDayStart: '17:00', workingDayEnd: '09:00' } }),
    ).toThrow(/workingDayStart/);
  });
});
