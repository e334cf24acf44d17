/**
 * The world's guarantees that let the mining definitions recover the ground truth, checked on
 * the events themselves (the agreement with @onetrip/mining is in test/integration).
 */
import type { SimulatedJourney } from './journey';
import { simulateJourneys } from './simulate';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const beijingDate = (ms: number): string => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

describe('journeys are built so that the mining contract recovers them', () => {
  // Two runs; ids (citizens, journeys, cases) are unique within a run, so checks key by run too.
  const journeys: (SimulatedJourney & { run: string })[] = [];
  for (const run of ['contract-a', 'contract-b']) {
    for (const j of simulateJourneys({ journeys: 4000, seed: run })) journeys.push({ ...j, run });
  }

  it('orders every journey by strictly increasing start, so ties never decide the graph', () => {
    const unordered = journeys.filter((j) =>
      j.events.some((e, i) => i > 0 && e.startTimestamp <= j.events[i - 1].startTimestamp),
    );
    expect(unordered.map((j) => j.id)).toEqual([]);
    expect(journeys.every((j) => j.events.every((e) => e.startTimestamp <= e.timestamp))).toBe(
      true,
    );
  });

  it('never leaves a journey silent for more than 28 days (the journey gap is 30)', () => {
    const silent = journeys.filter((j) => {
      let maxComplete = -Infinity;
      return j.events.some((e, i) => {
        const gap = i > 0 && e.startTimestamp - maxComplete > 28 * DAY;
        maxComplete = Math.max(maxComplete, e.timestamp);
        return gap;
      });
    });
    expect(silent.map((j) => j.id)).toEqual([]);
  });

  it('separates journeys of one citizen for one service by more than 30 days', () => {
    const byKey = new Map<string, SimulatedJourney[]>();
    for (const j of journeys) {
      const key = `${j.run}|${j.citizenId}|${j.service}`;
      byKey.set(key, [...(byKey.get(key) ?? []), j]);
    }
    let repeats = 0;
    for (const list of byKey.values()) {
      const sorted = [...list].sort((a, b) => a.startTimestamp - b.startTimestamp);
      for (let i = 1; i < sorted.length; i++) {
        repeats++;
        expect(sorted[i].startTimestamp - sorted[i - 1].endTimestamp).toBeGreaterThan(30 * DAY);
      }
    }
    expect(repeats).toBeGreaterThan(20);
  });

  it('makes each hall visit one trip: a queue ticket, gaps under 4 h, other visits apart', () => {
    for (const j of journeys) {
      const hall = j.events.filter((e) => e.channel === 'hall');
      // Visits: a new one begins with each queue ticket.
      const visits: (typeof hall)[] = [];
      for (const e of hall) {
        if (e.sourceSystem === 'queue' && e.activity === 'Take queue ticket') visits.push([]);
        visits[visits.length - 1].push(e);
      }
      expect(visits.length).toBe(j.trips);
      for (const v of visits) {
        expect(new Set(v.map((e) => e.location)).size).toBe(1);
        for (let i = 1; i < v.length; i++) {
          expect(v[i].startTimestamp - v[i - 1].timestamp).toBeLessThanOrEqual(
            3 * HOUR + 15 * 60000,
          );
        }
      }
      for (let i = 1; i < visits.length; i++) {
        const prev = visits[i - 1];
        const next = visits[i];
        const sameDay = beijingDate(prev[0].timestamp) === beijingDate(next[0].timestamp);
        if (sameDay) expect(next[0].location).not.toBe(prev[0].location);
        else
          expect(next[0].startTimestamp - prev[prev.length - 1].timestamp).toBeGreaterThan(
            4 * HOUR,
          );
      }
    }
  });

  it('never shares a case id between journeys', () => {
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const j of journeys) {
      for (const e of j.events) {
        const key = `${j.run}|${e.caseId}`;
        const o = owner.get(key);
        if (o === undefined) owner.set(key, j.id);
        else if (o !== j.id) shared.push(key);
      }
    }
    expect(shared).toEqual([]);
  });

  it('lives through every system, with redirects, give-ups and supplementary rounds', () => {
    const systems = new Set(journeys.flatMap((j) => j.events.map((e) => e.sourceSystem)));
    expect([...systems].sort()).toEqual(
      ['back_office', 'chatbot', 'counter', 'hotline', 'portal', 'post', 'queue'].sort(),
    );
    const activities = new Set(journeys.flatMap((j) => j.events.map((e) => e.activity)));
    expect(activities).toContain('Redirected to another hall');
    expect(activities).toContain('Not called before closing');
    expect(journeys.filter((j) => j.gaveUp).length).toBeGreaterThan(100);
    expect(journeys.filter((j) => j.supplementRounds >= 2).length).toBeGreaterThan(100);
    const locations = new Set(journeys.flatMap((j) => j.events.map((e) => e.location)));
    expect(locations.size).toBe(4); // three halls and null
  });
});
