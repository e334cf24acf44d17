import type { SimulatedEvent, SimulatedJourney } from './journey';
import { resolveOptions } from './options';
import { createTruth, journeyTruth } from './truth';

const T0 = Date.UTC(2025, 6, 1, 1, 0, 0); // 2025-07-01 09:00 Beijing
const MIN = 60000;

function ev(
  caseId: string,
  activity: string,
  startMin: number,
  endMin: number,
  channel: SimulatedEvent['channel'] = 'hall',
): SimulatedEvent {
  return {
    caseId,
    citizenId: 'C1',
    service: 'Business licence',
    activity,
    timestamp: T0 + endMin * MIN,
    startTimestamp: T0 + startMin * MIN,
    channel,
    location: channel === 'hall' ? 'Hall' : null,
    department: 'Dept',
    resource: 'R',
    sourceSystem: channel === 'hall' ? 'counter' : 'back_office',
    journeyId: 'J',
  };
}

function journey(
  id: string,
  trips: number,
  events: SimulatedEvent[],
  beforeReform = true,
): SimulatedJourney {
  return {
    id,
    citizenId: 'C1',
    serviceCode: 'business_licence',
    service: 'Business licence',
    ageGroup: '35-59',
    behaviour: 'mixed',
    uptake: beforeReform ? 0 : 1,
    beforeReform,
    submittedOnline: false,
    supplementRounds: 0,
    gaveUp: false,
    trips,
    events,
    startTimestamp: Math.min(...events.map((e) => e.startTimestamp)),
    endTimestamp: Math.max(...events.map((e) => e.timestamp)),
  };
}

describe('ground truth counted by hand', () => {
  // J1: ticket → submit (hall) → review (back office) → collect (hall): 2 visits.
  const j1 = journey('J1', 2, [
    ev('Q1', 'Ticket', 0, 0),
    ev('W1', 'Submit', 10, 25),
    ev('B1', 'Review', 60, 120, 'back_office'),
    ev('Q2', 'Ticket', 1440, 1440),
    ev('W2', 'Collect', 1450, 1455),
  ]);
  // J2: ticket → submit only, after the reform: 1 visit.
  const j2 = journey('J2', 1, [ev('Q3', 'Ticket', 0, 0), ev('W3', 'Submit', 5, 20)], false);
  // J3: online only: 0 visits.
  const j3 = journey('J3', 0, [ev('P1', 'Online', 0, 10, 'online')], false);

  const truth = createTruth(resolveOptions({}));
  [j1, j2, j3].forEach((j) => truth.add(j));
  const r = truth.result();

  it('counts journeys, events, cases and trips', () => {
    expect(r.journeys).toBe(3);
    expect(r.events).toBe(8);
    expect(r.cases).toBe(8);
    expect(r.activities).toBe(5);
    expect(r.trips).toEqual({
      total: 3,
      perJourneyMean: 1,
      distribution: { '0': 1, '1': 1, '2': 1 },
      atMostOneRate: 2 / 3,
    });
    expect(r.periods.beforeReform.trips.distribution).toEqual({ '2': 1 });
    expect(r.periods.afterReform.trips.atMostOneRate).toBe(1);
  });

  it('counts directly-follows edges with their durations and waits', () => {
    const edges = Object.fromEntries(r.dfg.map((e) => [`${e.from}>${e.to}`, e]));
    expect(Object.keys(edges).sort()).toEqual([
      'Review>Ticket',
      'Submit>Review',
      'Ticket>Collect',
      'Ticket>Submit',
    ]);
    expect(edges['Ticket>Submit']).toEqual({
      from: 'Ticket',
      to: 'Submit',
      count: 2,
      durationSecondsTotal: (25 + 20) * 60,
      waitSecondsTotal: (10 + 5) * 60,
    });
    expect(edges['Submit>Review'].waitSecondsTotal).toBe(35 * 60);
    expect(edges['Review>Ticket'].durationSecondsTotal).toBe((1440 - 120) * 60);
  });

  it('counts start and end activities, variants and lead time', () => {
    expect(r.startActivities).toEqual([
      { activity: 'Ticket', count: 2 },
      { activity: 'Online', count: 1 },
    ]);
    expect(r.endActivities.map((a) => a.activity).sort()).toEqual(['Collect', 'Online', 'Submit']);
    expect(r.variants.distinct).toBe(3);
    expect(r.leadTimeSeconds.total).toBe((1455 + 20 + 10) * 60);
    expect(journeyTruth(j1)).toMatchObject({
      journeyId: 'J1',
      trips: 2,
      leadTimeSeconds: 1455 * 60,
      events: 5,
      firstTimestamp: '2025-07-01T09:00:00+08:00',
      lastTimestamp: '2025-07-02T09:15:00+08:00',
    });
  });
});
