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
  period: string;
  weekday: number;
  hour: number;
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
      const month = d.getUTCMonth() + 1;
      fields = {
        period: `${d.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}`,
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
