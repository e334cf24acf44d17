/**
 * Calendar fields of instants in one IANA time zone: month ('YYYY-MM'), ISO weekday and hour.
 * Intl is slow per call, so the zone's offset is looked up once per UTC hour and the fields are
 * then plain UTC arithmetic on the shifted instant. An hour whose offset differs from the next
 * hour's contains a transition; its instants are looked up one quarter hour at a time (every
 * zone's offsets and transitions fall on quarter hours).
 */
const HOUR_MS = 60 * 60 * 1000;
const QUARTER_HOUR_MS = 15 * 60 * 1000;

export interface CalendarFields {
  /** 'YYYY-MM'. */
  period: string;
  /** ISO week 'YYYY-Www' (weeks start on Monday; week 1 holds the year's first Thursday). */
  week: string;
  /** 'YYYY-MM-DD'. */
  day: string;
  weekday: number;
  hour: number;
}

const pad = (n: number): string => (n < 10 ? '0' : '') + String(n);

/** The ISO week of a local date given as a UTC Date at that date's local midnight or later. */
export function isoWeek(d: Date): string {
  const weekday = ((d.getUTCDay() + 6) % 7) + 1;
  // The Thursday of the same week decides the year.
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - weekday);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 24 * HOUR_MS)) + 1;
  return `${year}-W${pad(week)}`;
}

export class ZonedCalendar {
  private readonly format: Intl.DateTimeFormat;
  /** UTC hour → offset in ms (local − UTC). */
  private readonly offsets = new Map<number, number>();
  /** Shifted (local) hour → fields. */
  private readonly fieldsByLocalHour = new Map<number, CalendarFields>();

  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`unknown time zone '${timeZone}'`);
    }
  }

  fields(ms: number): CalendarFields {
    const local = ms + this.offsetAt(ms);
    const localHour = Math.floor(local / HOUR_MS);
    let fields = this.fieldsByLocalHour.get(localHour);
    if (!fields) {
      const d = new Date(localHour * HOUR_MS);
      const period = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
      fields = {
        period,
        week: isoWeek(d),
        day: `${period}-${pad(d.getUTCDate())}`,
        weekday: ((d.getUTCDay() + 6) % 7) + 1,
        hour: d.getUTCHours(),
      };
      this.fieldsByLocalHour.set(localHour, fields);
    }
    return fields;
  }

  private offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    const here = this.hourOffset(hour);
    if (here === this.hourOffset(hour + 1)) return here;
    return this.lookup(Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
  }

  private hourOffset(hour: number): number {
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = this.lookup(hour * HOUR_MS);
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  /** The zone's offset at an instant, from Intl's wall-clock reading of it. */
  private lookup(ms: number): number {
    const p: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(ms))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    return wall - Math.floor(ms / 60_000) * 60_000;
  }
}
