import { Distribution } from '../distribution';
import { addBins, emptyBins } from './histogram';
import {
  emptyInsights,
  emptyPeriod,
  emptyTripGroup,
  getOrAdd,
  type InsightsPartial,
  type PeriodPartial,
  type TripGroup,
} from './partial';
import { mergeSamples } from './samples';

/** Folds insights partials of disjoint journey sets; inputs unchanged, order irrelevant. */
export function mergeInsights(parts: readonly InsightsPartial[]): InsightsPartial | undefined {
  if (parts.length === 0) return undefined;
  const first = parts[0];
  for (const part of parts) {
    if (part.timeZone !== first.timeZone) {
      throw new TypeError(
        `cannot merge insights of time zones ${first.timeZone} and ${part.timeZone}`,
      );
    }
  }
  const target = emptyInsights(first.timeZone, first.sampleSize, first.channelSequenceLimit);
  const k = first.sampleSize;
  const distribution = () => new Distribution();
  for (const s of parts) {
    for (const [key, period] of s.periods)
      mergePeriod(getOrAdd(target.periods, key, emptyPeriod), period);
    mergeGroups(target.byService, s.byService);
    mergeGroups(target.byDepartment, s.byDepartment);
    mergeGroups(target.byHall, s.byHall);
    for (const [name, r] of s.returnReasons) {
      const t = getOrAdd(target.returnReasons, name, () => ({ journeys: 0, instances: 0 }));
      t.journeys += r.journeys;
      t.instances += r.instances;
    }
    for (const [key, n] of s.channelSequences) {
      target.channelSequences.set(key, (target.channelSequences.get(key) ?? 0) + n);
    }
    for (const [key, d] of s.queueByHall) getOrAdd(target.queueByHall, key, distribution).merge(d);
    for (const [key, d] of s.queueHeat) getOrAdd(target.queueHeat, key, distribution).merge(d);
    target.queueUncalled += s.queueUncalled;
    for (const [key, d] of s.backOffice) getOrAdd(target.backOffice, key, distribution).merge(d);
    for (const [key, e] of s.edges) {
      const t = getOrAdd(target.edges, key, () => ({
        wait: emptyBins(),
        duration: emptyBins(),
        samples: [],
        journeys: 0,
      }));
      t.journeys += e.journeys;
      addBins(t.wait, e.wait);
      addBins(t.duration, e.duration);
      mergeSamples(t.samples, e.samples, k);
    }
    for (const [key, a] of s.activities) {
      const t = getOrAdd(target.activities, key, () => ({
        service: emptyBins(),
        samples: [],
        journeys: 0,
        channels: new Map<string, number>(),
        sourceSystems: new Map<string, number>(),
      }));
      t.journeys += a.journeys;
      addBins(t.service, a.service);
      addCounts(t.channels, a.channels);
      addCounts(t.sourceSystems, a.sourceSystems);
      mergeSamples(t.samples, a.samples, k);
    }
    for (const [key, d] of s.variantLeadTimes) {
      getOrAdd(target.variantLeadTimes, key, distribution).merge(d);
    }
  }
  return target;
}

function mergeGroup(target: TripGroup, source: TripGroup): void {
  target.journeys += source.journeys;
  target.trips += source.trips;
  target.atMostOne += source.atMostOne;
  target.zeroTrip += source.zeroTrip;
}

function mergeGroups(target: Map<string, TripGroup>, source: Map<string, TripGroup>): void {
  for (const [key, g] of source) mergeGroup(getOrAdd(target, key, emptyTripGroup), g);
}

function mergePeriod(target: PeriodPartial, source: PeriodPartial): void {
  mergeGroup(target, source);
  target.rework += source.rework;
  target.leadTime.merge(source.leadTime);
  target.queueWait.merge(source.queueWait);
  target.citizenWait += source.citizenWait;
  target.governmentWait += source.governmentWait;
}

function addCounts(target: Map<string, number>, source: Map<string, number>): void {
  for (const [key, n] of source) target.set(key, (target.get(key) ?? 0) + n);
}
