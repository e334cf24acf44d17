import { parseTimestamp } from './timestamp';

// Every expected instant is written out with Date.UTC from the wall time and the zone's offset.
describe('parseTimestamp reads the formats government exports use', () => {
  it.each([
    ['2011-10-11 13:45:40.276000+02:00', Date.UTC(2011, 9, 11, 11, 45, 40, 276)],
    ['2010-10-04T00:00:00.000+02:00', Date.UTC(2010, 9, 3, 22, 0)],
    ['2024-03-01T09:00:00Z', Date.UTC(2024, 2, 1, 9)],
    ['2024-03-01T09:00:00.5z', Date.UTC(2024, 2, 1, 9, 0, 0, 500)],
    ['2024-03-01T09:00:00+0530', Date.UTC(2024, 2, 1, 3, 30)],
    ['2024-03-01 09:00 +08', Date.UTC(2024, 2, 1, 1)],
    ['2024-03-01 09:00:00 UTC', Date.UTC(2024, 2, 1, 9)],
    ['2024-03-01 09:00:00-03:00', Date.UTC(2024, 2, 1, 12)],
    ['2024-03-01 09:00:00,25', Date.UTC(2024, 2, 1, 9, 0, 0, 250)],
    ['1969-12-31T23:59:59Z', -1000],
    ['2024-03-01 09:00:00', Date.UTC(2024, 2, 1, 9)],
    ['2024-03-01 09:00', Date.UTC(2024, 2, 1, 9)],
    ['2024-03-01', Date.UTC(2024, 2, 1)],
    ['2024/03/01 09:00:00', Date.UTC(2024, 2, 1, 9)],
    ['2024/3/1 9:05', Date.UTC(2024, 2, 1, 9, 5)],
    ['2024.03.01', Date.UTC(2024, 2, 1)],
    ['20240301', Date.UTC(2024, 2, 1)],
    ['20240301093015', Date.UTC(2024, 2, 1, 9, 30, 15)],
    ['20240301093015123', Date.UTC(2024, 2, 1, 9, 30, 15, 123)],
    ['1709283600', Date.UTC(2024, 2, 1, 9)],
    ['1709283600.5', Date.UTC(2024, 2, 1, 9, 0, 0, 500)],
    ['1709283600123', Date.UTC(2024, 2, 1, 9, 0, 0, 123)],
    // Excel: day 45352 after 1899-12-30 is 2024-03-01.
    ['45352', Date.UTC(2024, 2, 1)],
    ['45352.75', Date.UTC(2024, 2, 1, 18)],
    ['  2024-02-29 23:59:59  ', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['2024年3月1日', Date.UTC(2024, 2, 1)],
    ['2024年03月01日 9:05:30', Date.UTC(2024, 2, 1, 9, 5, 30)],
    // Exports with a 12-hour clock and the Chinese marks of the day.
    ['2025年3月4日 上午9:05', Date.UTC(2025, 2, 4, 9, 5)],
    ['2025年3月4日 下午3:05:09', Date.UTC(2025, 2, 4, 15, 5, 9)],
    ['2025年3月4日下午12:30', Date.UTC(2025, 2, 4, 12, 30)],
    ['2025年3月4日 上午12:10', Date.UTC(2025, 2, 4, 0, 10)],
    ['2025年3月4日 中午12:30', Date.UTC(2025, 2, 4, 12, 30)],
    ['2025年3月4日 中午1:15', Date.UTC(2025, 2, 4, 13, 15)],
    ['2025年3月4日 晚上8:00', Date.UTC(2025, 2, 4, 20, 0)],
    ['2025年3月4日 凌晨2:30', Date.UTC(2025, 2, 4, 2, 30)],
    ['2025年03月04日 15:05', Date.UTC(2025, 2, 4, 15, 5)],
    ['2025年3月4日 15时5分', Date.UTC(2025, 2, 4, 15, 5)],
    ['2025年3月4日 下午3时5分9秒', Date.UTC(2025, 2, 4, 15, 5, 9)],
    ['2025年3月4日 上午9：05', Date.UTC(2025, 2, 4, 9, 5)],
  ])('%s in UTC', (value, expected) => {
    expect(parseTimestamp(value, 'UTC')).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['yesterday'],
    ['2024-13-01'],
    ['2024-02-30'],
    ['2023-02-29'],
    ['1900-02-29'],
    ['2024-03-01 24:00'],
    ['2024-03-01 09:60'],
    ['2024-03-01 09:00:61'],
    ['2024-03-01T09:00:00+25:00'],
    ['2024-03-01T09:00:00 PST'],
    ['2024-03-01T09:00:00Zjunk'],
    ['01/03/2024 09:00'],
    ['2024年2月30日'],
    ['2024年3月1'],
    ['2025年3月4日 下午13:05'], // a 12-hour clock has no 13
    ['2025年3月4日 上午0:05'],
    ['2025年3月4日 傍晚6:00'],
    ['2025年3月4日 上午9:65'],
    ['12345678'], // not a date, and between Excel serials and epoch seconds: ambiguous
    ['5000000'],
    ['0'],
    ['-5'],
  ])('rejects %j', (value) => {
    expect(parseTimestamp(value, 'UTC')).toBeNull();
  });

  it('reads times without an offset in the given zone, and ignores the zone when there is one', () => {
    // Shanghai is UTC+8 all year.
    expect(parseTimestamp('2024-03-01 09:00:00', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 1));
    expect(parseTimestamp('20240301090000', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 1));
    expect(parseTimestamp('45352.375', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 1));
    expect(parseTimestamp('2024-03-01 09:00:00Z', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 9));
    // Epoch values are instants whatever the zone.
    expect(parseTimestamp('1709283600', 'Asia/Shanghai')).toBe(Date.UTC(2024, 2, 1, 9));
  });

  it('is correct on both sides of a daylight-saving change (Europe/Amsterdam, 2024)', () => {
    const z = 'Europe/Amsterdam';
    // Spring forward on 31 March at 02:00 CET (+01:00) to 03:00 CEST (+02:00).
    expect(parseTimestamp('2024-03-31 01:59:59', z)).toBe(Date.UTC(2024, 2, 31, 0, 59, 59));
    expect(parseTimestamp('2024-03-31 03:00:00', z)).toBe(Date.UTC(2024, 2, 31, 1, 0));
    // 02:30 does not exist: moved forward by the gap, to 03:30 CEST.
    expect(parseTimestamp('2024-03-31 02:30:00', z)).toBe(Date.UTC(2024, 2, 31, 1, 30));
    // Fall back on 27 October at 03:00 CEST to 02:00 CET: 02:30 happens twice; the earlier wins.
    expect(parseTimestamp('2024-10-27 01:59:00', z)).toBe(Date.UTC(2024, 9, 26, 23, 59));
    expect(parseTimestamp('2024-10-27 02:30:00', z)).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect(parseTimestamp('2024-10-27 03:00:00', z)).toBe(Date.UTC(2024, 9, 27, 2, 0));
    // A calendar day across the change is 23 hours long.
    const day =
      (parseTimestamp('2024-04-01 00:00', z) as number) -
      (parseTimestamp('2024-03-31 00:00', z) as number);
    expect(day).toBe(23 * 3600 * 1000);
  });

  it('handles a half-hour daylight-saving shift inside an hour (Australia/Lord_Howe)', () => {
    const z = 'Australia/Lord_Howe'; // +10:30 standard, +11:00 in summer
    // 6 October 2024: 02:00 (+10:30) jumps to 02:30 (+11:00).
    expect(parseTimestamp('2024-10-06 01:59', z)).toBe(Date.UTC(2024, 9, 5, 15, 29));
    expect(parseTimestamp('2024-10-06 02:45', z)).toBe(Date.UTC(2024, 9, 5, 15, 45));
    expect(parseTimestamp('2024-10-06 03:00', z)).toBe(Date.UTC(2024, 9, 5, 16, 0));
  });

  it('agrees with New York across its 2024 spring change', () => {
    const z = 'America/New_York'; // EST -05:00, EDT -04:00 from 10 March 02:00
    expect(parseTimestamp('2024-03-10 01:30', z)).toBe(Date.UTC(2024, 2, 10, 6, 30));
    expect(parseTimestamp('2024-03-10 02:30', z)).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(parseTimestamp('2024-03-10 03:30', z)).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(parseTimestamp('2024-07-01 12:00', z)).toBe(Date.UTC(2024, 6, 1, 16));
  });

  it('throws RangeError for a zone that does not exist', () => {
    expect(() => parseTimestamp('2024-03-01 09:00', 'Nowhere/Atlantis')).toThrow(RangeError);
  });
});
