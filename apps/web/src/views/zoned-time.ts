/**
 * Month boundaries in a dataset's time zone. Facets count events per calendar month in the
 * dataset's zone ('YYYY-MM'), so a brushed month must start at that zone's midnight, not UTC's.
 */

/** Offset of `timeZone` from UTC at `epochMs`, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a month ('YYYY-MM', `add` months later) starts in `timeZone`, as ISO 8601. */
export function monthStartIso(period: string, timeZone: string, add = 0): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new Error(`monthStartIso: ${period} is not a YYYY-MM month`);
  const local = Date.UTC(Number(match[1]), Number(match[2]) - 1 + add, 1);
  // Two passes: the offset at the guessed instant, then at the corrected one (DST edges).
  let instant = local - zoneOffsetMs(local, timeZone);
  instant = local - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}
