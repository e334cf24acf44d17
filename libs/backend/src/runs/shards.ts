/**
 * How a run is split into shards (docs/decisions/0026-sharded-runs-counter-merge.md). Pure
 * functions, shared by the worker (planning, reading a shard) and its tests.
 *
 * A shard is a range of the 32-bit `hashtext` of the column the run's journeys are grouped by:
 * the case id for case journeys, the citizen key for citizen and citizen+service journeys. Every
 * event of one key lands in the same shard, so a shard holds whole journeys: a citizen's journeys
 * are split by the gap inside that citizen's events, and all of them are in one shard.
 */
import type { JourneyKey } from '@onetrip/mining';

const HASH_SPACE = 2 ** 32;
const HASH_MIN = -(2 ** 31);

/** Shards of a run: one per `shardEvents` events of the dataset, at least 1, at most `maxShards`. */
export function shardCount(
  eventCount: number,
  limits: { shardEvents: number; maxShards: number },
): number {
  if (!Number.isFinite(eventCount) || eventCount <= limits.shardEvents) return 1;
  return Math.max(1, Math.min(limits.maxShards, Math.ceil(eventCount / limits.shardEvents)));
}

/** The half-open range [from, to) of hashtext values shard `index` of `count` covers. */
export function shardRange(index: number, count: number): [number, number] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`shard ${index} of ${count}`);
  }
  return [
    HASH_MIN + Math.floor((index * HASH_SPACE) / count),
    HASH_MIN + Math.floor(((index + 1) * HASH_SPACE) / count),
  ];
}

/** The event column a run's journeys are grouped by, and so the column its shards hash. */
export function shardKeyColumn(journey: JourneyKey): 'case_id' | 'citizen_key' {
  return journey === 'case' ? 'case_id' : 'citizen_key';
}

/**
 * The SQL condition selecting shard `index` of `count`. Events without a key (no citizen key)
 * hash to NULL and go to shard 0, so the miner sees them (and refuses them) as it would unsharded.
 */
export function shardCondition(journey: JourneyKey, index: number, count: number): string {
  const column = shardKeyColumn(journey);
  const [from, to] = shardRange(index, count);
  const hash = `hashtext(${column})`;
  const conditions: string[] = [];
  if (index > 0) conditions.push(`${hash} >= ${from}`);
  if (index < count - 1) conditions.push(`${hash} < ${to}`);
  if (conditions.length === 0) return 'TRUE';
  const inRange = conditions.join(' AND ');
  return index === 0 ? `(${column} IS NULL OR ${inRange})` : inRange;
}
