/**
 * The simulation: citizens, one after another, each with one to three journeys. Journeys are
 * yielded as soon as they are complete, so any number of them streams in constant memory.
 */
import { DAY_SECONDS, parseDay } from './calendar';
import {
  IdSource,
  JourneyBuilder,
  type Citizen,
  type SimulatedEvent,
  type SimulatedJourney,
} from './journey';
import { resolveOptions, type SimulationOptions } from './options';
import { Random } from './random';
import { AGE_GROUPS, BEHAVIOURS, HALLS, SERVICES, type Service } from './world';

/** Reform uptake on `day`: 0 before the reform, 0.3 on the day it starts, then linear up to 1. */
export function uptakeAt(day: number, reformDay: number | null, uptakeDays: number): number {
  if (reformDay === null || day < reformDay) return 0;
  if (uptakeDays === 0) return 1;
  return Math.min(1, 0.3 + (0.7 * (day - reformDay)) / uptakeDays);
}

const JOURNEYS_PER_CITIZEN = [0.8, 0.15, 0.05];
/** A repeat journey for the same service starts this long after the previous one ended. */
const REPEAT_AFTER_DAYS = 45;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Generates journeys one at a time (each with its few dozen events in order). */
export function* simulateJourneys(
  options: Partial<SimulationOptions> = {},
): Generator<SimulatedJourney, void, undefined> {
  const o = resolveOptions(options);
  const rng = new Random(o.seed);
  const ids = new IdSource();
  const firstDay = parseDay(o.start);
  const reformDay = o.reformDate === null ? null : parseDay(o.reformDate);
  const serviceWeights = SERVICES.map((s) => s.weight);
  const hallWeights = HALLS.map((h) => h.catchment);
  const ageWeights = AGE_GROUPS.map((a) => a.weight);

  let made = 0;
  let citizenNo = 0;
  while (made < o.journeys) {
    citizenNo++;
    const age = AGE_GROUPS[rng.weighted(ageWeights)];
    const citizen: Citizen = {
      id: `C${pad(citizenNo, 8)}`,
      ageGroup: age.group,
      behaviour: BEHAVIOURS[rng.weighted(age.behaviour)],
      home: HALLS[rng.weighted(hallWeights)],
    };
    const count = Math.min(o.journeys - made, 1 + rng.weighted(JOURNEYS_PER_CITIZEN));
    const ended = new Map<Service, number>();
    for (let k = 0; k < count; k++) {
      let service = SERVICES[rng.weighted(serviceWeights)];
      let day = firstDay + rng.int(0, o.days - 1);
      const previousEnd = ended.get(service);
      if (previousEnd !== undefined) {
        // The same service again: a new journey well past the 30-day journey gap, if the window
        // allows; otherwise another service.
        const earliest = Math.floor(previousEnd / 1000 / DAY_SECONDS) + REPEAT_AFTER_DAYS;
        if (earliest <= firstDay + o.days - 1) {
          day = rng.int(earliest, Math.max(earliest, firstDay + o.days - 1));
        } else {
          const others = SERVICES.filter((s) => !ended.has(s));
          service = others[rng.weighted(others.map((s) => s.weight))];
        }
      }
      made++;
      const journeyId = `J${pad(made, 8)}`;
      const uptake = uptakeAt(day, reformDay, o.uptakeDays);
      const journey = new JourneyBuilder(
        rng,
        ids,
        o.lang,
        citizen,
        service,
        journeyId,
        day,
        uptake,
      ).build();
      ended.set(service, journey.endTimestamp);
      yield journey;
    }
  }
}

/** The simulation as a flat stream of events, journey after journey. */
export function* simulate(
  options: Partial<SimulationOptions> = {},
): Generator<SimulatedEvent, void, undefined> {
  for (const journey of simulateJourneys(options)) yield* journey.events;
}
