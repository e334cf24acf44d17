/**
 * Timestamp parsing on the hot path of every importer: hand-written scanners for the formats of
 * issue 4, and a per-zone cache of UTC offsets (one entry per local wall-clock hour) so that
 * Intl is consulted only a few thousand times for a million events.
 *
 * Accepted (surrounding whitespace ignored):
 *   YYYY-MM-DD[(T| )HH:mm[:ss[.fraction]]][zone]   also with / or . between date parts, and
 *                                                  1-digit month, day and hour (2023/1/5 8:05)
 *   zone: Z | ±HH | ±HHMM | ±HH:MM (optionally preceded by spaces, or the words UTC/GMT)
 *   YYYYMMDD, YYYYMMDDHHmmss, YYYYMMDDHHmmssSSS    (all digits)
 *   epoch seconds (1e8 ≤ n < 1e11, may have a fraction), epoch milliseconds (1e11 ≤ n < 1e14)
 *   Excel serial dates (25569 ≤ n < 1e6, may have a fraction; days since 1899-12-30): from
 *   1970-01-01 on, so that a bare small number (`1`, a count in the wrong column) is no date
 *   2024年3月1日[ [上午|下午|…]9:05[:00]], 2024年3月1日 9时5分[0秒]   (Chinese spreadsheets
 *   and exports: 凌晨/早上/上午 before noon, 中午 around it, 下午/晚上 after it, on a 12-hour clock)
 * Values without a zone (including YYYYMMDD… and Excel serials) are wall-clock times in
 * `timezone`. A wall time skipped by a daylight-saving change is moved forward by the gap; one
 * that occurs twice takes the earlier instant (Temporal's 'compatible' disambiguation).
 */

const MS_SECOND = 1000;
const MS_MINUTE = 60 * MS_SECOND;
const MS_HOUR = 60 * MS_MINUTE;
const MS_DAY = 24 * MS_HOUR;
/** Days from 1899-12-30 (Excel's day 0 after its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDate(y: number, mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

// ---------------------------------------------------------------------------------------------
// Zones

interface ZoneCache {
  /** null for UTC, where nothing needs to be looked up. */
  dtf: Intl.DateTimeFormat | null;
  /** wall-clock hour (floor(wall / 1 h)) -> offset in ms, or NaN when the hour holds a change. */
  hours: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', 'utc']);

function zoneCache(timezone: string): ZoneCache {
  let z = zones.get(timezone);
  if (z === undefined) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    const dtf = UTC_NAMES.has(timezone)
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone: timezone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
          era: 'short',
        });
    z = { dtf, hours: new Map() };
    zones.set(timezone, z);
  }
  return z;
}

/** True when `timezone` is an IANA zone name this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    zoneCache(timezone);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset (ms, east positive) of `timezone` at an instant. */
function offsetAt(dtf: Intl.DateTimeFormat, instant: number): number {
  const t = Math.floor(instant / MS_SECOND) * MS_SECOND;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of dtf.formatToParts(t)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall =
    daysFromCivil(year, month, day) * MS_DAY +
    hour * MS_HOUR +
    minute * MS_MINUTE +
    second * MS_SECOND;
  return wall - t;
}

/** Offset to subtract from a wall-clock time (as if it were UTC) to get the instant. */
function resolveOffset(dtf: Intl.DateTimeFormat, wall: number): number {
  const before = offsetAt(dtf, wall - MS_DAY);
  const after = offsetAt(dtf, wall + MS_DAY);
  const beforeOk = offsetAt(dtf, wall - before) === before;
  if (before === after && beforeOk) return before;
  const afterOk = offsetAt(dtf, wall - after) === after;
  if (beforeOk && afterOk) return Math.max(before, after); // repeated hour: the earlier instant
  if (beforeOk) return before;
  if (afterOk) return after;
  return before; // skipped hour: keep the old offset, which moves the time forward by the gap
}

/** Instant of a wall-clock time (given as ms as if it were UTC) in `timezone`. */
export function wallToInstant(wall: number, timezone: string): number {
  const z = zoneCache(timezone);
  if (z.dtf === null) return wall;
  const key = Math.floor(wall / MS_HOUR);
  let off = z.hours.get(key);
  if (off === undefined) {
    const start = resolveOffset(z.dtf, key * MS_HOUR);
    const end = resolveOffset(z.dtf, key * MS_HOUR + MS_HOUR - MS_SECOND);
    off = start === end ? start : NaN;
    if (z.hours.size > 500_000) z.hours.clear();
    z.hours.set(key, off);
  }
  return Number.isNaN(off) ? wall - resolveOffset(z.dtf, wall) : wall - off;
}

// ---------------------------------------------------------------------------------------------
// Scanners

const C0 = 48; // '0'

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/**
 * Parses a timestamp; returns epoch milliseconds, or null when `value` is not one of the
 * accepted forms or names an impossible date. Throws RangeError for an unknown `timezone`.
 */
export function parseTimestamp(value: string, timezone: string): number | null {
  let s = value;
  let n = s.length;
  if (n === 0) return null;
  if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(n - 1))) {
    s = s.trim();
    n = s.length;
    if (n === 0) return null;
  }
  // Leading digits.
  let i = 0;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === 4 && n > 5) {
    const sep = s.charCodeAt(4);
    if (sep === 45 /* - */ || sep === 47 /* / */ || sep === 46 /* . */) {
      return parseDateTime(s, n, sep, timezone);
    }
    if (sep === 0x5e74 /* 年 */) return parseChineseDate(s, timezone);
    return null;
  }
  if (i === n) return parseAllDigits(s, n, timezone);
  if (i > 0 && s.charCodeAt(i) === 46 /* . */) {
    let j = i + 1;
    while (j < n && isDigit(s.charCodeAt(j))) j++;
    if (j === n && j > i + 1) return parseNumber(Number(s), timezone);
  }
  return null;
}

/** Chinese marks of the time of day on a 12-hour clock, with the hours they allow. */
const DAY_PARTS: Readonly<Record<string, 'am' | 'noon' | 'pm'>> = {
  凌晨: 'am',
  早上: 'am',
  早晨: 'am',
  上午: 'am',
  中午: 'noon',
  下午: 'pm',
  晚上: 'pm',
};
const CHINESE_TIME =
  /^(凌晨|早上|早晨|上午|中午|下午|晚上)?\s*(\d{1,2})(?:[:：](\d{2})(?:[:：](\d{2}))?|时(\d{1,2})分(?:(\d{1,2})秒)?)$/;

/**
 * `2024年3月1日[ 9:05[:00]]`, `2025年3月4日 上午9:05`, `2025年3月4日 下午3时5分`, as Chinese
 * spreadsheets and exports write dates: rewritten as `2024-3-1 HH:mm:ss`. With a mark of the day
 * the hour is on a 12-hour clock (1–12; 下午 3 = 15, 上午 12 = 0, 中午 12 = 12, 中午 1 = 13).
 */
function parseChineseDate(s: string, timezone: string): number | null {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$/.exec(s);
  if (m === null) return null;
  const rest = m[4];
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (rest === '') return parseDateTime(iso, iso.length, 45, timezone);
  const t = CHINESE_TIME.exec(rest);
  // Anything else after the date (seconds with a fraction, an offset) reads as in ISO dates.
  if (t === null)
    return parseDateTime(`${iso} ${rest}`, iso.length + 1 + rest.length, 45, timezone);
  let hour = Number(t[2]);
  const minute = t[3] ?? t[5];
  const second = t[4] ?? t[6] ?? '0';
  const part = t[1] === undefined ? undefined : DAY_PARTS[t[1]];
  if (part !== undefined) {
    if (hour < 1 || hour > 12) return null;
    if (part === 'am' && hour === 12) hour = 0;
    else if (part === 'pm' && hour < 12) hour += 12;
    else if (part === 'noon' && hour < 11) hour += 12;
  }
  const two = (v: string | number) => String(v).padStart(2, '0');
  const text = `${iso} ${two(hour)}:${two(minute)}:${two(second)}`;
  return parseDateTime(text, text.length, 45, timezone);
}

function digitsAt(s: string, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = s.charCodeAt(at + k) - C0; // NaN past the end
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

function parseAllDigits(s: string, n: number, timezone: string): number | null {
  if (n === 8 || n === 14 || n === 17) {
    const y = digitsAt(s, 0, 4);
    const mo = digitsAt(s, 4, 2);
    const d = digitsAt(s, 6, 2);
    if (validDate(y, mo, d)) {
      let wall = daysFromCivil(y, mo, d) * MS_DAY;
      if (n >= 14) {
        const h = digitsAt(s, 8, 2);
        const mi = digitsAt(s, 10, 2);
        const sec = digitsAt(s, 12, 2);
        if (h > 23 || mi > 59 || sec > 59) return null;
        wall += h * MS_HOUR + mi * MS_MINUTE + sec * MS_SECOND;
        if (n === 17) wall += digitsAt(s, 14, 3);
      }
      return wallToInstant(wall, timezone);
    }
    if (n !== 8) return null;
  }
  return parseNumber(Number(s), timezone);
}

function parseNumber(v: number, timezone: string): number | null {
  if (!Number.isFinite(v)) return null;
  if (v >= EXCEL_EPOCH_DAYS && v < 1e6) {
    // Excel serial date: days since 1899-12-30 in local time. Smaller numbers would be dates
    // before 1970 (`1` is 1899-12-31): far likelier a misread column than an event's time.
    return wallToInstant(Math.round((v - EXCEL_EPOCH_DAYS) * MS_DAY), timezone);
  }
  if (v >= 1e8 && v < 1e11) return Math.round(v * 1000);
  if (v >= 1e11 && v < 1e14) return Math.round(v);
  return null;
}

/** Reads 1 or 2 digits at `at`; returns value * 4 + count, or -1. */
function oneOrTwo(s: string, at: number, n: number): number {
  if (at >= n) return -1;
  const a = s.charCodeAt(at) - C0;
  if (a < 0 || a > 9) return -1;
  if (at + 1 < n) {
    const b = s.charCodeAt(at + 1) - C0;
    if (b >= 0 && b <= 9) return (a * 10 + b) * 4 + 2;
  }
  return a * 4 + 1;
}

let lastY = -1;
let lastMo = -1;
let lastD = -1;
let lastDays = 0;

/** `YYYY-MM-DD[T ]HH:mm:ss` at fixed positions: the shape of nearly every machine export. */
function fixedPrefix(s: string, n: number): number {
  if (n < 19) return NaN;
  const t = s.charCodeAt(10);
  if (
    s.charCodeAt(7) !== 45 ||
    (t !== 84 && t !== 32) ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return NaN;
  }
  const y0 = s.charCodeAt(0) - C0;
  const y1 = s.charCodeAt(1) - C0;
  const y2 = s.charCodeAt(2) - C0;
  const y3 = s.charCodeAt(3) - C0;
  const m0 = s.charCodeAt(5) - C0;
  const m1 = s.charCodeAt(6) - C0;
  const d0 = s.charCodeAt(8) - C0;
  const d1 = s.charCodeAt(9) - C0;
  const h0 = s.charCodeAt(11) - C0;
  const h1 = s.charCodeAt(12) - C0;
  const i0 = s.charCodeAt(14) - C0;
  const i1 = s.charCodeAt(15) - C0;
  const s0 = s.charCodeAt(17) - C0;
  const s1 = s.charCodeAt(18) - C0;
  // Any non-digit makes one of these negative or above 9; OR-ing them with 9 - x keeps the sign.
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | h0 | h1 | i0 | i1 | s0 | s1) < 0) return NaN;
  if (((9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - m0) | (9 - m1) | (9 - d0) | (9 - d1)) < 0) {
    return NaN;
  }
  if (((9 - h0) | (9 - h1) | (9 - i0) | (9 - i1) | (9 - s0) | (9 - s1)) < 0) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  const h = h0 * 10 + h1;
  const mi = i0 * 10 + i1;
  const sec = s0 * 10 + s1;
  if (h > 23 || mi > 59 || sec > 59) return NaN;
  let days: number;
  if (y === lastY && mo === lastMo && d === lastD) {
    days = lastDays;
  } else {
    if (!validDate(y, mo, d)) return NaN;
    days = daysFromCivil(y, mo, d);
    lastY = y;
    lastMo = mo;
    lastD = d;
    lastDays = days;
  }
  return days * MS_DAY + h * MS_HOUR + mi * MS_MINUTE + sec * MS_SECOND;
}

function parseDateTime(s: string, n: number, sep: number, timezone: string): number | null {
  if (sep === 45) {
    const wall = fixedPrefix(s, n);
    if (!Number.isNaN(wall)) return finishTime(s, n, 19, wall, timezone);
  }
  const y = digitsAt(s, 0, 4);
  let p = 5;
  const moR = oneOrTwo(s, p, n);
  if (moR < 0) return null;
  p += moR & 3;
  if (p >= n || s.charCodeAt(p) !== sep) return null;
  p++;
  const dR = oneOrTwo(s, p, n);
  if (dR < 0) return null;
  p += dR & 3;
  const mo = moR >> 2;
  const d = dR >> 2;
  if (!validDate(y, mo, d)) return null;
  let wall = daysFromCivil(y, mo, d) * MS_DAY;
  if (p === n) return wallToInstant(wall, timezone);

  let c = s.charCodeAt(p);
  if (c !== 84 /* T */ && c !== 32 && c !== 116 /* t */) return null;
  p++;
  while (p < n && s.charCodeAt(p) === 32) p++;
  const hR = oneOrTwo(s, p, n);
  if (hR < 0) return null;
  p += hR & 3;
  if (p >= n || s.charCodeAt(p) !== 58 /* : */) return null;
  const mi = digitsAt(s, p + 1, 2);
  if (mi < 0 || p + 3 > n) return null;
  p += 3;
  let sec = 0;
  let ms = 0;
  if (p < n && s.charCodeAt(p) === 58) {
    sec = digitsAt(s, p + 1, 2);
    if (sec < 0 || p + 3 > n) return null;
    p += 3;
    c = p < n ? s.charCodeAt(p) : 0;
    if (c === 46 || c === 44 /* , */) {
      p++;
      const fStart = p;
      let scale = 100;
      while (p < n) {
        const dgt = s.charCodeAt(p) - C0;
        if (dgt < 0 || dgt > 9) break;
        ms += dgt * scale;
        scale /= 10;
        p++;
      }
      if (p === fStart) return null;
      ms = Math.floor(ms);
    }
  }
  const h = hR >> 2;
  if (h > 23 || mi > 59 || sec > 59) return null;
  wall += h * MS_HOUR + mi * MS_MINUTE + sec * MS_SECOND + ms;
  return finishTime(s, n, p, wall, timezone);
}

/** Reads an optional fraction of a second (when at ',' or '.') and zone from `p`. */
function finishTime(
  s: string,
  n: number,
  p: number,
  wallIn: number,
  timezone: string,
): number | null {
  let wall = wallIn;
  let c = p < n ? s.charCodeAt(p) : 0;
  if (c === 46 || c === 44) {
    p++;
    const fStart = p;
    let ms = 0;
    let scale = 100;
    while (p < n) {
      const dgt = s.charCodeAt(p) - C0;
      if (dgt < 0 || dgt > 9) break;
      ms += dgt * scale;
      scale /= 10;
      p++;
    }
    if (p === fStart) return null;
    wall += Math.floor(ms);
  }
  if (p === n) return wallToInstant(wall, timezone);

  // Zone designator.
  while (p < n && s.charCodeAt(p) === 32) p++;
  if (p === n) return wallToInstant(wall, timezone);
  c = s.charCodeAt(p);
  if (c === 90 /* Z */ || c === 122 /* z */) return p + 1 === n ? wall : null;
  if (c === 85 /* U */ || c === 71 /* G */) {
    const word = s.substr(p, 3);
    if (word !== 'UTC' && word !== 'GMT') return null;
    p += 3;
    if (p === n) return wall;
    c = s.charCodeAt(p);
  }
  if (c !== 43 /* + */ && c !== 45 /* - */ && c !== 0x2212 /* − */) return null;
  const sign = c === 43 ? 1 : -1;
  const oh = digitsAt(s, p + 1, 2);
  if (oh < 0 || p + 3 > n) return null;
  p += 3;
  let om = 0;
  if (p < n) {
    if (s.charCodeAt(p) === 58) p++;
    om = digitsAt(s, p, 2);
    if (om < 0 || p + 2 !== n) return null;
    p += 2;
  }
  if (oh > 18 || om > 59) return null;
  return wall - sign * (oh * MS_HOUR + om * MS_MINUTE);
}
