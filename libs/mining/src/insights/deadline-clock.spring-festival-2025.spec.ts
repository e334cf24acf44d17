import { DeadlineClock, parseRecordLimit } from './deadline-clock';

/**
 * Hand-checked against the State Council's 2025 calendar: Spring Festival holiday Tue Jan 28 to
 * Tue Feb 4; make-up working days Sun Jan 26 and Sat Feb 8. Times are Beijing time (UTC+8).
 */
const bj = (m: number, d: number, h = 10, min = 0, y = 2025) => Date.UTC(y, m - 1, d, h - 8, min);
const clock = new DeadlineClock('Asia/Shanghai');

describe('the deadline clock across Spring Festival 2025', () => {
  it('skips the holiday and counts both make-up working days', () => {
    // Accepted Fri Jan 24; counting starts Sat Jan 25 (off). Working days up to Mon Feb 10:
    // Jan 26 (Sun, made up), Jan 27, Feb 5, 6, 7, Feb 8 (Sat, made up), Feb 10 = 7.
    const span = { accepted: bj(1, 24), completed: bj(2, 10, 16), suspensions: [] };
    expect(clock.elapsed('workdays', span)).toBe(7);
    // Calendar days Jan 25 … Feb 10: 7 in January, 10 in February.
    expect(clock.elapsed('days', span)).toBe(17);
  });

  it('never counts the acceptance day, and counts the completion day', () => {
    const sameDay = { accepted: bj(2, 10, 9), completed: bj(2, 10, 17), suspensions: [] };
    expect(clock.elapsed('workdays', sameDay)).toBe(0);
    const nextDay = { accepted: bj(2, 10, 17), completed: bj(2, 11, 9), suspensions: [] };
    expect(clock.elapsed('workdays', nextDay)).toBe(1);
  });

  it('stops for 补正 and restarts the day after the materials arrive', () => {
    // Accepted Mon Feb 10; 告知补正材料 Wed Feb 12 15:00; materials in Mon Feb 17 10:00;
    // completed Fri Feb 21. Counted: Feb 11, 12, then 18, 19, 20, 21 = 6 (13, 14, 17 stopped).
    const span = {
      accepted: bj(2, 10, 9),
      completed: bj(2, 21, 16),
      suspensions: [{ from: bj(2, 12, 15), to: bj(2, 17, 10) }],
    };
    expect(clock.elapsed('workdays', span)).toBe(6);
    // Calendar days: Feb 11 … 21 is 11 days, less Feb 13 … 17 (5) = 6 as well.
    expect(clock.elapsed('days', span)).toBe(6);
  });

  it('does not count a special procedure spanning the holiday', () => {
    // Accepted Wed Jan 22; 专家评审 Fri Jan 24 09:00 → Wed Feb 5 17:00; completed Fri Feb 7.
    // Working days Jan 23, 24, 26, 27, Feb 5, 6, 7 = 7; stopped Jan 26, 27, Feb 5 → 4.
    const span = {
      accepted: bj(1, 22),
      completed: bj(2, 7, 15),
      suspensions: [{ from: bj(1, 24, 9), to: bj(2, 5, 17) }],
    };
    expect(clock.elapsed('workdays', span)).toBe(4);
  });

  it('counts overlapping suspensions once', () => {
    // Two suspensions, Feb 12 → 17 and Feb 14 → 19: stopped Feb 13 … 19 (working: 13, 14,
    // 17, 18, 19). Counted of Feb 11 … 21: 11, 12, 20, 21 = 4.
    const span = {
      accepted: bj(2, 10),
      completed: bj(2, 21),
      suspensions: [
        { from: bj(2, 12), to: bj(2, 17) },
        { from: bj(2, 14), to: bj(2, 19) },
      ],
    };
    expect(clock.elapsed('workdays', span)).toBe(4);
  });

  it('measures 即办件 in hours, less the hours suspended (their union)', () => {
    const span = {
      accepted: bj(2, 10, 9),
      completed: bj(2, 10, 11, 30),
      suspensions: [
        { from: bj(2, 10, 9, 30), to: bj(2, 10, 10, 30) },
        { from: bj(2, 10, 10), to: bj(2, 10, 10, 45) },
      ],
    };
    // 2.5 h less 09:30–10:45 (1.25 h).
    expect(clock.elapsed('hours', span)).toBe(1.25);
    // Hours run through the night and the weekend: Fri 16:00 → Mon 10:00 is 66 h.
    expect(
      clock.elapsed('hours', { accepted: bj(2, 7, 16), completed: bj(2, 10, 10), suspensions: [] }),
    ).toBe(66);
  });

  it('turns a due date into the working days it leaves from acceptance', () => {
    // Accepted Fri Jan 24, due Fri Feb 7: Jan 26, 27, Feb 5, 6, 7 = 5 working days.
    const due = parseRecordLimit('2025-02-07', clock);
    expect(due).toEqual({ kind: 'due', at: bj(2, 7, 23, 59) + 59_999 });
    if (due?.kind !== 'due') throw new Error('not a due date');
    expect(clock.limitUntil('workdays', bj(1, 24), due.at)).toBe(5);
  });
});

describe('reading a limit from a case record', () => {
  it('reads due dates in the usual spellings, in the clock zone', () => {
    expect(parseRecordLimit('2025-02-07 17:00:00', clock)).toEqual({
      kind: 'due',
      at: bj(2, 7, 17),
    });
    expect(parseRecordLimit('2025/2/7 17:30', clock)).toEqual({
      kind: 'due',
      at: bj(2, 7, 17, 30),
    });
    expect(parseRecordLimit('2025年2月7日', clock)).toEqual({
      kind: 'due',
      at: bj(2, 7, 23, 59) + 59_999,
    });
  });

  it('reads amounts with and without a unit', () => {
    expect(parseRecordLimit('20', clock)).toEqual({ kind: 'amount', amount: 20, unit: null });
    expect(parseRecordLimit('20个工作日', clock)).toEqual({
      kind: 'amount',
      amount: 20,
      unit: 'workdays',
    });
    expect(parseRecordLimit('30天', clock)).toEqual({ kind: 'amount', amount: 30, unit: 'days' });
    expect(parseRecordLimit('2小时', clock)).toEqual({ kind: 'amount', amount: 2, unit: 'hours' });
    expect(parseRecordLimit('5 workdays', clock)).toEqual({
      kind: 'amount',
      amount: 5,
      unit: 'workdays',
    });
  });

  it('gives null for anything else', () => {
    expect(parseRecordLimit('尽快', clock)).toBeNull();
    expect(parseRecordLimit('2025-13-01', clock)).toBeNull();
    expect(parseRecordLimit('', clock)).toBeNull();
  });
});
