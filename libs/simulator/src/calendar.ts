/**
 * China Standard Time (UTC+08:00, no daylight saving) and the Chinese working-day calendar.
 *
 * Instants are epoch milliseconds. Internally the world reasons in "Beijing seconds": epoch
 * seconds shifted by +8 h, so that day = floor(s / 86400) is the date on a Beijing wall clock
 * whatever the machine's time zone.
 *
 * Working days come from the data of the `chinese-days` package (public holidays and make-up
 * working days, 2004–2026). We read its JSON tables directly rather than call `isWorkday`: that
 * function formats dates in the process's local zone and answers wrongly for the weekday
 * fallback west of UTC (e.g. a Saturday reads as a Friday under America/Los_Angeles). A spec
 * checks that both agree under UTC. Dates outside the tables follow the plain Monday–Friday rule.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';

export const BEIJING_OFFSET_SECONDS = 8 * 3600;
export const DAY_SECONDS = 86400;
export const HOUR = 3600;
export const MINUTE = 60;

const holidays: ReadonlySet<string> = new Set(Object.keys(calendarData.holidays));
const makeUpWorkdays: ReadonlySet<string> = new Set(Object.keys(calendarData.workdays));

/** Beijing seconds of an epoch-millisecond instant. */
export function toBeijingSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000) + BEIJING_OFFSET_SECONDS;
}

export function toEpochMs(beijingSeconds: number): number {
  return (beijingSeconds - BEIJING_OFFSET_SECONDS) * 1000;
}

export function dayOf(beijingSeconds: number): number {
  return Math.floor(beijingSeconds / DAY_SECONDS);
}

export function secondOfDay(beijingSeconds: number): number {
  return beijingSeconds - dayOf(beijingSeconds) * DAY_SECONDS;
}

/** Beijing seconds of `day` at the given wall-clock second. */
export function at(day: number, second: number): number {
  return day * DAY_SECONDS + second;
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date; throws on anything else. */
export function parseDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got '${date}'`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / 86400000;
  if (formatDay(day) !== date) throw new Error(`'${date}' is not a calendar date`);
  return day;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const dayStrings = new Map<number, string>();

/** `YYYY-MM-DD` of a day number, cached: the writers format two timestamps per event. */
export function formatDay(day: number): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    s = new Date(day * 86400000).toISOString().slice(0, 10);
    dayStrings.set(day, s);
  }
  return s;
}

const workingDays = new Map<number, boolean>();

/** A Chinese working day: a make-up working day, or Monday–Friday that is not a public holiday. */
export function isWorkingDay(day: number): boolean {
  let w = workingDays.get(day);
  if (w === undefined) {
    const date = formatDay(day);
    const wd = weekday(day);
    w = makeUpWorkdays.has(date) || (wd >= 1 && wd <= 5 && !holidays.has(date));
    workingDays.set(day, w);
  }
  return w;
}

export function isPublicHoliday(day: number): boolean {
  return holidays.has(formatDay(day));
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** The working day `n` working days after `day` (n = 0: the first working day on or after it). */
export function addWorkingDays(day: number, n: number): number {
  let d = workingDayOnOrAfter(day);
  for (let i = 0; i < n; i++) d = workingDayOnOrAfter(d + 1);
  return d;
}

/** Days without work immediately before `day` (2 after an ordinary weekend, 7+ after a festival). */
export function daysOffBefore(day: number): number {
  let n = 0;
  while (n < 30 && !isWorkingDay(day - 1 - n)) n++;
  return n;
}

const two: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** ISO 8601 with an explicit +08:00 offset, to the second: `2025-07-01T09:05:00+08:00`. */
export function formatTimestamp(epochMs: number): string {
  const s = toBeijingSeconds(epochMs);
  const day = Math.floor(s / DAY_SECONDS);
  let r = s - day * DAY_SECONDS;
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / MINUTE);
  return `${formatDay(day)}T${two[h]}:${two[m]}:${two[r - m * MINUTE]}+08:00`;
}
