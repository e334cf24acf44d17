/**
 * The deadline clock (承诺时限): how much of a service's time limit a case used, by the rules of
 * docs/mining.md#deadlines. Days are local dates in one zone; working days are the mainland
 * Chinese ones (weekends and public holidays off, make-up working days 调休 on), from the one
 * calendar home, working-time.ts.
 *
 * - Counting starts the day after acceptance (受理): the acceptance day itself never counts.
 * - A suspension (补正, waiting for the citizen's missing materials; a special procedure 特别程序)
 *   stops the clock: its first day still counts, the days after it up to and including the day
 *   it ends do not, and the clock restarts the day after (the materials arrived).
 * - The completion day counts.
 * - In hours (即办件): the wall-clock hours from acceptance to completion, less the hours inside
 *   suspensions; no day rounding.
 */
import { WorkingTime } from './working-time';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Working days, calendar days, or hours (即办件). */
export type LimitUnit = 'workdays' | 'days' | 'hours';

export const LIMIT_UNITS: readonly LimitUnit[] = ['workdays', 'days', 'hours'];

/** A stopped stretch of the clock, [from, to] in epoch ms. */
export interface Suspension {
  from: number;
  to: number;
}

/** What a journey used: accepted and completed instants, and its suspensions. */
export interface ClockSpan {
  accepted: number;
  completed: number;
  suspensions: readonly Suspension[];
}

export class DeadlineClock {
  private readonly days: WorkingTime;

  constructor(readonly timeZone: string) {
    // The Chinese calendar whatever the zone: the limits are Chinese ones. Hours do not matter.
    this.days = new WorkingTime(timeZone, { calendar: 'cn', startMinute: 0, endMinute: 24 * 60 });
  }

  /** The local date of an instant (days since 1970-01-01). */
  day(ms: number): number {
    return this.days.day(ms);
  }

  isWorkday(day: number): boolean {
    return this.days.isWorkday(day);
  }

  /** The instant of a local date and time (ms into the day). */
  instantOf(day: number, msIntoDay: number): number {
    return this.days.instantOf(day, msIntoDay);
  }

  /**
   * The limit used, in `unit`: whole days counted in (acceptance day, completion day] outside the
   * suspensions' (first day, last day], or hours (fractional) outside the suspensions.
   */
  elapsed(unit: LimitUnit, span: ClockSpan): number {
    if (unit === 'hours') return this.elapsedHours(span);
    const first = this.day(span.accepted) + 1;
    const last = this.day(span.completed);
    if (last < first) return 0;
    const stopped = span.suspensions.map((s) => [this.day(s.from), this.day(s.to)] as const);
    let counted = 0;
    for (let d = first; d <= last; d += 1) {
      if (unit === 'workdays' && !this.isWorkday(d)) continue;
      if (stopped.some(([from, to]) => d > from && d <= to)) continue;
      counted += 1;
    }
    return counted;
  }

  /** A due instant (承诺办结时间) as a limit in `unit` from acceptance: days in (accepted, due]. */
  limitUntil(unit: LimitUnit, accepted: number, due: number): number {
    return this.elapsed(unit, { accepted, completed: due, suspensions: [] });
  }

  private elapsedHours({ accepted, completed, suspensions }: ClockSpan): number {
    if (!(completed > accepted)) return 0;
    // The union of the suspensions within [accepted, completed], subtracted once.
    const cut = suspensions
      .map((s) => [Math.max(s.from, accepted), Math.min(s.to, completed)] as const)
      .filter(([from, to]) => to > from)
      .sort((a, b) => a[0] - b[0]);
    let stopped = 0;
    let reach = -Infinity;
    for (const [from, to] of cut) {
      const start = Math.max(from, reach);
      if (to > start) stopped += to - start;
      reach = Math.max(reach, to);
    }
    return (completed - accepted - stopped) / HOUR_MS;
  }
}

/** A promised limit read from a case record: a due instant, or an amount (unit if it says one). */
export type RecordLimit =
  { kind: 'due'; at: number } | { kind: 'amount'; amount: number; unit: LimitUnit | null };

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const AMOUNT =
  /^(\d+(?:\.\d+)?)\s*(个工作日|工作日|working\s*days?|workdays?|自然日|日历日|天|日|calendar\s*days?|days?|d|个小时|小时|hours?|h)?$/i;

/**
 * Reads a 承诺办结时间 / 承诺时限 value: `2025-02-14`, `2025-02-14 17:00[:00]`, `2025/2/14`,
 * `2025年2月14日` (a due date: a date alone means by the end of that day), or an amount with an
 * optional unit (`20`, `20个工作日`, `30天`, `2小时`, `5 workdays`). Null when it is neither.
 */
export function parseRecordLimit(value: string, clock: DeadlineClock): RecordLimit | null {
  const text = value.trim();
  const date = DATE.exec(text);
  if (date) {
    const [, y, mo, d, h, mi, s] = date;
    const day = Date.UTC(Number(y), Number(mo) - 1, Number(d)) / DAY_MS;
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
    const ms =
      h === undefined ? DAY_MS - 1 : ((Number(h) * 60 + Number(mi)) * 60 + Number(s ?? 0)) * 1000;
    return { kind: 'due', at: clock.instantOf(day, ms) };
  }
  const amount = AMOUNT.exec(text);
  if (!amount) return null;
  return { kind: 'amount', amount: Number(amount[1]), unit: unitOf(amount[2]) };
}

function unitOf(suffix: string | undefined): LimitUnit | null {
  if (suffix === undefined) return null;
  const s = suffix.toLowerCase().replace(/\s+/g, '');
  if (s.includes('工作日') || s.startsWith('working') || s.startsWith('workday')) return 'workdays';
  if (s.includes('小时') || s.startsWith('hour') || s === 'h') return 'hours';
  return 'days';
}
