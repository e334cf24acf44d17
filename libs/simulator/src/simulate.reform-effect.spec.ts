import { parseDay } from './calendar';
import { simulateJourneys, uptakeAt } from './simulate';

/** Trips counted from the log itself: every hall visit begins with a queue ticket. */
const tickets = (activities: string[]): number =>
  activities.filter((a) => a === 'Take queue ticket').length;

describe('the reform reduces trips', () => {
  it('cuts the mean number of trips and raises the at-most-one-trip rate by a clear margin', () => {
    const before: number[] = [];
    const after: number[] = [];
    for (const j of simulateJourneys({ journeys: 4000, seed: 'reform' })) {
      const start = new Date(j.startTimestamp + 8 * 3600 * 1000).toISOString().slice(0, 10);
      // Journeys that began after the reform and after full uptake (90 days).
      if (start < '2025-12-20') before.push(tickets(j.events.map((e) => e.activity)));
      else if (start >= '2026-04-01') after.push(tickets(j.events.map((e) => e.activity)));
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const atMostOne = (xs: number[]): number => xs.filter((x) => x <= 1).length / xs.length;
    expect(before.length).toBeGreaterThan(1500);
    expect(after.length).toBeGreaterThan(800);
    expect(mean(before) - mean(after)).toBeGreaterThan(0.9);
    expect(atMostOne(after) - atMostOne(before)).toBeGreaterThan(0.35);
  });

  it('shows no improvement in a world without a reform', () => {
    const halves: number[][] = [[], []];
    for (const j of simulateJourneys({ journeys: 3000, seed: 'no-reform', reformDate: null })) {
      const start = new Date(j.startTimestamp + 8 * 3600 * 1000).toISOString().slice(0, 10);
      halves[start < '2026-01-01' ? 0 : 1].push(tickets(j.events.map((e) => e.activity)));
      expect(j.uptake).toBe(0);
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean(halves[0]) - mean(halves[1]))).toBeLessThan(0.15);
  });

  it('takes up the reform gradually: 0 before, 0.3 on the day, 1 after the uptake period', () => {
    const reform = parseDay('2026-01-01');
    expect(uptakeAt(reform - 1, reform, 90)).toBe(0);
    expect(uptakeAt(reform, reform, 90)).toBeCloseTo(0.3, 12);
    expect(uptakeAt(reform + 45, reform, 90)).toBeCloseTo(0.65, 12);
    expect(uptakeAt(reform + 90, reform, 90)).toBe(1);
    expect(uptakeAt(reform + 400, reform, 90)).toBe(1);
    expect(uptakeAt(reform, reform, 0)).toBe(1);
    expect(uptakeAt(reform + 400, null, 90)).toBe(0);
  });
});
