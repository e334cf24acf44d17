/** Tiny builders for hand-written logs in the specs (not exported from the library). */
import { createMiner } from './miner';
import type { PartialResult } from './partial-result';
import { partialFromJson, partialToJson, type PartialResultJson } from './partial-json';
import type { MiningEvent, MiningOptions } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 2024-03-04T00:00:00Z, a Monday: specs count from here. */
export const T0 = Date.UTC(2024, 2, 4);

export function ev(
  caseId: string,
  activity: string,
  timestamp: number,
  extra: Partial<MiningEvent> = {},
): MiningEvent {
  return { caseId, activity, timestamp, ...extra };
}

function journeyKeyOf(e: MiningEvent, options: Partial<MiningOptions>): string {
  if (options.journey === 'citizen') return e.citizen ?? '';
  if (options.journey === 'citizen+service') return `${e.citizen ?? ''}/${e.service ?? ''}`;
  return e.caseId;
}

/**
 * Splits a log by journey key into `shards` partial results (as the worker would shard by key
 * hash): `assign` maps a key to a shard number. For the merge property specs.
 */
export function partialsByJourneyKey(
  events: readonly MiningEvent[],
  options: Partial<MiningOptions>,
  assign: (key: string) => number,
  shards: number,
): PartialResult[] {
  const miners = Array.from({ length: shards }, () => createMiner(options));
  for (const e of events) miners[assign(journeyKeyOf(e, options)) % shards].add(e);
  return miners.map((m) => m.partial());
}

/**
 * partialsByJourneyKey, each partial stored as the worker stores it (JSON text) and read back:
 * the texts, for the specs to check, and the partials read from them.
 */
export function partialsThroughJson(
  events: readonly MiningEvent[],
  options: Partial<MiningOptions>,
  assign: (key: string) => number,
  shards: number,
): { texts: string[]; parts: PartialResult[] } {
  const texts = partialsByJourneyKey(events, options, assign, shards).map((p) =>
    JSON.stringify(partialToJson(p)),
  );
  return { texts, parts: texts.map((t) => partialFromJson(JSON.parse(t) as PartialResultJson)) };
}
