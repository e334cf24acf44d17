/**
 * Working time: how much of a wait fell within the offices' working hours, where the calendar is
 * known. The known calendar is mainland China's (public holidays and make-up working days from the
 * tables of the `chinese-days` package, 2004 to the last year it lists; other dates follow the
 * Monday–Friday rule), for datasets in a mainland zone; working hours 09:00–17:00 local time by
 * default. Elsewhere no working time is given: the figures stay calendar time, and say so.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Zones whose wall clock is mainland China's (the Chinese working-day calendar applies). */
export const MAINLAND_CHINA_ZONES: readonly string[] = [
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Kashgar',
  'PRC',
];

export interface WorkingCalendarOptions {
  /** `cn`: the mainland Chinese working days; `none`: no working time. */
  calendar: 'cn' | 'none';
  /** Local working hours, minutes after midnight: [start, end). */
  startMinute: number;
  endMinute: number;
}

/** The default for a zone: the Chinese calendar in a mainland zone, 09:00–17:00; else none. */
export function defaultWorkingCalendar(timeZone: string): WorkingCalendarOptions {
  return {
    calendar: MAINLAND_CHINA_ZONES.includes(timeZone) ? 'cn' : 'none',
    startMinute: 9 * 60,
    endMinute: 17 * 60,
  };
}

const holidays: ReadonlySet<string> = new Set(Object.keys(calendarData.holidays));
const makeUpWorkdays: ReadonlySet<string> = new Set(Object.keys(calendarData.workdays));

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `day` (a local date, as days since 1970-01-01) is a Chinese working day. */
export function isChineseWorkday(day: number): boolean {
  const date = isoDay(day);
  if (makeUpWorkdays.has(date)) return true;
  if (holidays.has(date)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/**
 * Measures working time in one zone. The zone's offset is looked up once per local day (at its
 * noon): the mainland zones have kept one offset all year since 1991.
 */
export class WorkingTime {
  private readonly offsets = new Map<number, number>();
  private readonly workdays = new Map<number, boolean>();
  private readonly format: Intl.DateTimeFormat;

  constructor(
    readonly timeZone: string,
    readonly options: WorkingCalendarOptions,
  ) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
  }

  get known(): boolean {
    return this.options.calendar !== 'none';
  }

  /** Working milliseconds in [from, to) (0 when to ≤ from). */
  between(from: number, to: number): number {
    if (!(to > from)) return 0;
    const { startMinute, endMinute } = this.options;
    let total = 0;
    // Local days from the one holding `from` to the one holding `to`.
    const firstDay = Math.floor((from + this.offsetNear(from)) / DAY_MS);
    const lastDay = Math.floor((to + this.offsetNear(to)) / DAY_MS);
    for (let day = firstDay; day <= lastDay; day += 1) {
      if (!this.isWorkday(day)) continue;
      const offset = this.dayOffset(day);
      const open = day * DAY_MS + startMinute * MINUTE_MS - offset;
      const close = day * DAY_MS + endMinute * MINUTE_MS - offset;
      const overlap = Math.min(close, to) - Math.max(open, from);
      if (overlap > 0) total += overlap;
    }
    return total;
  }

  /** The local date of an instant, as days since 1970-01-01 (deadline counting, deadline-clock.ts). */
  day(ms: number): number {
    return Math.floor((ms + this.offsetNear(ms)) / DAY_MS);
  }

  /** The instant of a local wall-clock time: `day` (days since 1970-01-01) plus `ms` into it. */
  instantOf(day: number, ms: number): number {
    return day * DAY_MS + ms - this.dayOffset(day);
  }

  /** Whether a local date (days since 1970-01-01) is a Chinese working day (cached). */
  isWorkday(day: number): boolean {
    let answer = this.workdays.get(day);
    if (answer === undefined) {
      answer = isChineseWorkday(day);
      this.workdays.set(day, answer);
    }
    return answer;
  }

  private offsetNear(ms: number): number {
    return this.dayOffset(Math.floor(ms / DAY_MS));
  }

  /** Offset (local − UTC, ms) at noon UTC of `day`. */
  private dayOffset(day: number): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      const at = day * DAY_MS + DAY_MS / 2;
      const parts: Record<string, number> = {};
      for (const p of this.format.formatToParts(new Date(at))) {
        if (p.type !== 'literal') parts[p.type] = Number(p.value);
      }
      const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
      offset = local - Math.floor(at / MINUTE_MS) * MINUTE_MS;
      this.offsets.set(day, offset);
    }
    return offset;
  }
}
