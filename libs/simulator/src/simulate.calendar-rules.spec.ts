import { isWorkday } from 'chinese-days';
import type { SimulatedEvent } from './journey';
import { simulate } from './simulate';

/** Beijing wall clock of an instant, computed without the simulator's calendar code. */
function beijing(ms: number): { date: string; seconds: number; weekday: number } {
  const d = new Date(ms + 8 * 3600 * 1000);
  return {
    date: d.toISOString().slice(0, 10),
    seconds: d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

describe('halls keep Chinese working days and office hours', () => {
  const events: SimulatedEvent[] = [...simulate({ journeys: 6000, seed: 'calendar' })];
  const hall = events.filter((e) => e.channel === 'hall');

  it('has no hall event on a public holiday, a weekend off, or outside 9:00–17:00', () => {
    expect(hall.length).toBeGreaterThan(10000);
    const offenders = hall.filter((e) => {
      for (const t of [e.startTimestamp, e.timestamp]) {
        const b = beijing(t);
        if (!isWorkday(b.date) || b.seconds < 9 * 3600 || b.seconds > 17 * 3600) return true;
      }
      return false;
    });
    expect(offenders).toEqual([]);
  });

  it('opens the halls on make-up working weekend days', () => {
    const weekendDates = new Set(
      hall
        .map((e) => beijing(e.timestamp))
        .filter((b) => b.weekday === 0 || b.weekday === 6)
        .map((b) => b.date),
    );
    // 2025-09-28 (Sunday) and 2025-10-11 (Saturday) were worked for National Day;
    // 2026-02-14 and 2026-02-28 (Saturdays) for Spring Festival.
    expect([...weekendDates].sort()).toEqual(
      expect.arrayContaining(['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28']),
    );
    for (const date of weekendDates) expect(isWorkday(date)).toBe(true);
  });

  it('keeps the back office to working days too, while the portal is open any day', () => {
    const backOffice = events.filter((e) => e.channel === 'back_office');
    expect(backOffice.every((e) => isWorkday(beijing(e.startTimestamp).date))).toBe(true);
    const online = events.filter((e) => e.channel === 'online');
    expect(online.some((e) => !isWorkday(beijing(e.startTimestamp).date))).toBe(true);
  });

  it('makes queues longest at opening time and on Mondays', () => {
    const waits = new Map<string, number>();
    const ticket = new Map<string, number>();
    const byHour = new Map<number, number[]>();
    const byDay = new Map<number, number[]>();
    for (const e of hall) {
      if (e.sourceSystem !== 'queue') continue;
      if (e.activity === 'Take queue ticket') ticket.set(e.caseId, e.timestamp);
      if (e.activity === 'Called to window') {
        const start = ticket.get(e.caseId) ?? NaN;
        const wait = (e.timestamp - start) / 60000;
        waits.set(e.caseId, wait);
        const b = beijing(start);
        const hour = Math.floor(b.seconds / 3600);
        if (!byHour.has(hour)) byHour.set(hour, []);
        byHour.get(hour)?.push(wait);
        if (!byDay.has(b.weekday)) byDay.set(b.weekday, []);
        byDay.get(b.weekday)?.push(wait);
      }
    }
    const mean = (xs: number[] = []): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(byHour.get(9))).toBeGreaterThan(1.3 * mean(byHour.get(12)));
    expect(mean(byDay.get(1))).toBeGreaterThan(1.2 * mean(byDay.get(3)));
    expect(Math.max(...waits.values())).toBeLessThanOrEqual(180);
  });
});
