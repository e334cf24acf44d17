/**
 * Calendar fields of instants in one IANA time zone: month ('YYYY-MM'), ISO weekday and hour.
 * Intl is slow per call, so answers are cached per quarter hour (every zone's offset from UTC is
 * a multiple of 15 minutes, so all instants of a quarter hour share month, weekday and hour).
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface CalendarFields {
  period: string;
  weekday: number;
  hour: number;
}

export class ZonedCalendar {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, CalendarFields>();

  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        weekday: 'short',
        hour: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`unknown time zone '${timeZone}'`);
    }
  }

  fields(ms: number): CalendarFields {
    const slot = Math.floor(ms / QUARTER_HOUR_MS);
    let fields = this.cache.get(slot);
    if (!fields) {
      const parts: Record<string, string> = {};
      for (const part of this.format.formatToParts(new Date(slot * QUARTER_HOUR_MS))) {
        parts[part.type] = part.value;
      }
      fields = {
        period: `${parts.year}-${parts.month}`,
        weekday: WEEKDAYS[parts.weekday] ?? 0,
        hour: Number(parts.hour),
      };
      this.cache.set(slot, fields);
    }
    return fields;
  }
}
