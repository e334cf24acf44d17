import { Inject, Injectable } from '@nestjs/common';
import type { FacetValue, RunFilter } from '@onetrip/contracts';
import type { JourneyKey, MiningEvent } from '@onetrip/mining';
import { escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ConcurrencyLimit } from '../cache/concurrency-limit';
import { AppConfig, CONFIG } from '../config/config';
import { connectPg } from '../database/pg-connection';
import { shardCondition, shardKeyColumn } from '../runs/shards';
import { copyRows } from './copy-text';
import { eventColumns, rowToEvent } from './event-row';
import { assertUuid } from './uuid';

/** At most this many events per journey key in a timeline. */
export const TIMELINE_LIMIT = 100_000;

/** At most this many values per facet (most events first). */
export const FACET_LIMIT = 500;

export interface Facets {
  /** The dataset version the figures describe. */
  version: number;
  events: number;
  from: Date | null;
  to: Date | null;
  months: { period: string; events: number }[];
  services: FacetValue[];
  departments: FacetValue[];
  locations: FacetValue[];
  channels: FacetValue[];
}

/** The facet columns, in the order of the grouping sets. */
type FacetColumn = 'service' | 'department' | 'location' | 'channel';

interface FacetRow {
  facet: FacetColumn | 'month' | 'all';
  value: string | null;
  events: string;
  from: Date | null;
  to: Date | null;
}

/**
 * One pass over a dataset's events, grouped by each facet column, by month in the dataset's
 * zone ($2), and all together (count and time span). Per facet column: empty values dropped,
 * most events first then by value, at most FACET_LIMIT.
 */
const FACETS_SQL = `
  WITH grouped AS (
    SELECT
      CASE
        WHEN grouping(service) = 0 THEN 'service'
        WHEN grouping(department) = 0 THEN 'department'
        WHEN grouping(location) = 0 THEN 'location'
        WHEN grouping(channel) = 0 THEN 'channel'
        WHEN grouping(month) = 0 THEN 'month'
        ELSE 'all'
      END AS facet,
      coalesce(service, department, location, channel, month) AS value,
      count(*) AS events, min(ts) AS "from", max(ts) AS "to"
    FROM (
      SELECT service, department, location, channel, ts,
             to_char(ts AT TIME ZONE $2, 'YYYY-MM') AS month
      FROM event WHERE dataset_id = $1
    ) e
    GROUP BY GROUPING SETS ((service), (department), (location), (channel), (month), ())
  ), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY facet ORDER BY events DESC, value) AS rank
    FROM grouped
    WHERE facet IN ('month', 'all') OR (value IS NOT NULL AND value <> '')
  )
  SELECT facet, value, events, "from", "to" FROM ranked
  WHERE facet IN ('month', 'all') OR rank <= ${FACET_LIMIT}
  ORDER BY facet, rank`;

function facetsFromRows(version: number, rows: readonly FacetRow[]): Facets {
  const all = rows.find((r) => r.facet === 'all');
  const values = (facet: FacetColumn): FacetValue[] =>
    rows
      .filter((r) => r.facet === facet && r.value !== null)
      .map((r) => ({ value: r.value as string, events: Number(r.events) }));
  return {
    version,
    events: Number(all?.events ?? 0),
    from: all?.from ?? null,
    to: all?.to ?? null,
    months: rows
      .filter((r) => r.facet === 'month' && r.value !== null)
      .map((r) => ({ period: r.value as string, events: Number(r.events) }))
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
    services: values('service'),
    departments: values('department'),
    locations: values('location'),
    channels: values('channel'),
  };
}

/**
 * Every read of events: the mining stream (all of a dataset, or the journeys a filter can keep),
 * facets and journey timelines. Events are read in one way, a COPY … TO STDOUT of EVENT_COLUMNS
 * in mining order (eventCopySql), streamed and decoded row by row. The event writes (uploads)
 * live in EventRepository; this file only reads.
 */
@Injectable()
export class EventQueryRepository {
  /**
   * Full scans of the event table (facets, timelines) run at most this many at once in this
   * process; the others queue, so the pool keeps connections for everything else.
   */
  private readonly heavyReads: ConcurrencyLimit;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.heavyReads = new ConcurrencyLimit(config.heavyReadConcurrency);
  }

  /**
   * The dataset's events in mining order (case, time, line), streamed: memory stays flat whatever
   * the dataset size, and stopping the iteration early closes the connection. With a filter, only
   * the events of the journey keys that can pass it (miningCopySql); the miner's journey filter
   * then decides per journey (docs/api.md#filtered-runs).
   */
  streamForMining(
    datasetId: string,
    filter: RunFilter = {},
    journey: JourneyKey = 'case',
    /** The attribute holding the queue ticket number (run param queueTicketAttribute). */
    ticketAttribute?: string,
    /** The attributes holding a case's own time limit (promisedAttributes of run-params.ts). */
    promisedAttributes: readonly string[] = [],
    /** Only the events of this shard of a sharded run (runs/shards.ts). */
    shard?: { index: number; count: number },
  ): AsyncGenerator<MiningEvent> {
    return this.copyEvents(
      miningCopySql(datasetId, filter, journey, ticketAttribute, promisedAttributes, shard),
    );
  }

  /** Streams the events a COPY … TO STDOUT of EVENT_COLUMNS reads, on a connection of its own. */
  protected async *copyEvents(sql: string): AsyncGenerator<MiningEvent> {
    const client = await connectPg(this.config.databaseUrl, 'onetrip-copy');
    try {
      const stream = client.query(copyTo(sql));
      try {
        for await (const f of copyRows(stream as AsyncIterable<Buffer>)) yield rowToEvent(f);
      } finally {
        stream.destroy();
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Distinct services, departments, locations and channels with counts; time span; months; and
   * the dataset version they describe. One scan of the dataset's events (grouping sets) and the
   * version read in the same REPEATABLE READ snapshot, so an upload committing meanwhile cannot
   * mix two versions. Waits for a heavy-read slot first.
   */
  facets(datasetId: string, timeZone: string): Promise<Facets> {
    return this.heavyReads.run(() =>
      this.dataSource.transaction('REPEATABLE READ', async (m) => {
        const [dataset] = await m.query<{ version: number }[]>(
          `SELECT version FROM dataset WHERE id = $1`,
          [datasetId],
        );
        const rows = await m.query<FacetRow[]>(FACETS_SQL, [datasetId, timeZone]);
        return facetsFromRows(dataset?.version ?? 0, rows);
      }),
    );
  }

  /**
   * The events of one journey key in mining order: a case id (journey 'case'), a citizen key
   * ('citizen'), or a citizen key and service ('citizen+service'; a null service matches events
   * without one).
   */
  async journeyEvents(
    datasetId: string,
    journey: JourneyKey,
    key: string,
    service: string | null,
  ): Promise<MiningEvent[]> {
    // No index on case or citizen (decision record 0003): a scan of the dataset, so it waits
    // for a heavy-read slot like facets.
    return this.heavyReads.run(async () => {
      const events: MiningEvent[] = [];
      for await (const e of this.copyEvents(journeyCopySql(datasetId, journey, key, service))) {
        events.push(e);
      }
      return events;
    });
  }
}

/**
 * The one query events are read with: `COPY (SELECT EVENT_COLUMNS …) TO STDOUT` of a dataset's
 * events that meet every condition, in mining order. COPY takes no bind parameters: the dataset
 * id is checked to be a uuid, and conditions must inline their values with escapeLiteral.
 */
export function eventCopySql(
  datasetId: string,
  conditions: string[] = [],
  limit?: number,
  ticketAttribute?: string,
  promisedAttributes: readonly string[] = [],
): string {
  const where = [`dataset_id = '${assertUuid(datasetId)}'`, ...conditions].join(' AND ');
  return `COPY (SELECT ${eventColumns(ticketAttribute, promisedAttributes)} FROM event WHERE ${where}
    ORDER BY case_id, ts, line, identity${limit === undefined ? '' : ` LIMIT ${limit}`}) TO STDOUT`;
}

/**
 * The mining read: every event of the dataset, or, with a filter, the events of every journey
 * key that can pass it. A key (case id, or citizen key for citizen journeys) is kept when, for
 * each filter field, one of its events matches: a superset of the journeys the filter keeps.
 */
export function miningCopySql(
  datasetId: string,
  filter: RunFilter,
  journey: JourneyKey,
  ticketAttribute?: string,
  promisedAttributes: readonly string[] = [],
  shard?: { index: number; count: number },
): string {
  const dataset = `dataset_id = '${assertUuid(datasetId)}'`;
  const key = shardKeyColumn(journey);
  const keep = keyConditions(filter).map(
    (condition) => `${key} IN (SELECT ${key} FROM event WHERE ${dataset} AND (${condition}))`,
  );
  // A shard is a range of the hash of the same key column: whole journeys (runs/shards.ts).
  if (shard && shard.count > 1) keep.push(shardCondition(journey, shard.index, shard.count));
  return eventCopySql(datasetId, keep, undefined, ticketAttribute, promisedAttributes);
}

/**
 * The timeline read: the events of one journey key, a case id (journey 'case'), a citizen key
 * ('citizen'), or a citizen key and service ('citizen+service'; a null service matches events
 * without one). At most TIMELINE_LIMIT events.
 */
export function journeyCopySql(
  datasetId: string,
  journey: JourneyKey,
  key: string,
  service: string | null,
): string {
  const k = escapeLiteral(key);
  const condition =
    journey === 'case'
      ? `case_id = ${k}`
      : journey === 'citizen'
        ? `citizen_key = ${k}`
        : `citizen_key = ${k} AND coalesce(service, '') = ` +
          `coalesce(${service === null ? 'NULL' : escapeLiteral(service)}::text, '')`;
  return eventCopySql(datasetId, [condition], TIMELINE_LIMIT);
}

/** One SQL condition per filter field (values inlined as escaped literals: COPY has no binds). */
function keyConditions(filter: RunFilter): string[] {
  const conditions: string[] = [];
  const inList = (column: string, values: string[] | undefined, normalize = false): void => {
    if (!values || values.length === 0) return;
    const literals = values.map((v) => escapeLiteral(normalize ? v.trim().toLowerCase() : v));
    const expr = normalize ? `lower(trim(${column}))` : column;
    conditions.push(`${expr} IN (${literals.join(', ')})`);
  };
  inList('service', filter.service);
  inList('department', filter.department);
  inList('location', filter.location);
  inList('channel', filter.channel, true);
  if (filter.from || filter.to) {
    const range = (column: string): string =>
      [
        filter.from ? `${column} >= ${escapeLiteral(filter.from)}::timestamptz` : null,
        filter.to ? `${column} < ${escapeLiteral(filter.to)}::timestamptz` : null,
      ]
        .filter((c) => c !== null)
        .join(' AND ');
    // A journey starts at an event's instant or at an explicit start: either lies in the range.
    conditions.push(`(${range('ts')}) OR (${range('start_ts')})`);
  }
  return conditions;
}
