import { Inject, Injectable } from '@nestjs/common';
import type { FacetValue, RunFilter } from '@onetrip/contracts';
import type { JourneyKey, MiningEvent } from '@onetrip/mining';
import { Client, escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppConfig, CONFIG } from '../config/config';
import { copyRows } from './copy-text';
import { EVENT_COLUMNS, rowToEvent } from './event-row';
import { assertUuid } from './uuid';

/** At most this many events per journey key in a timeline. */
export const TIMELINE_LIMIT = 100_000;

/** At most this many values per facet (most events first). */
export const FACET_LIMIT = 500;

export interface Facets {
  events: number;
  from: Date | null;
  to: Date | null;
  months: { period: string; events: number }[];
  services: FacetValue[];
  departments: FacetValue[];
  locations: FacetValue[];
  channels: FacetValue[];
}

/**
 * Every read of events: the mining stream (all of a dataset, or the journeys a filter can keep),
 * facets and journey timelines. Events are read in one way, a COPY … TO STDOUT of EVENT_COLUMNS
 * in mining order (eventCopySql), streamed and decoded row by row. The event writes (uploads)
 * live in EventRepository; this file only reads.
 */
@Injectable()
export class EventQueryRepository {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

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
  ): AsyncGenerator<MiningEvent> {
    return this.copyEvents(miningCopySql(datasetId, filter, journey));
  }

  /** Streams the events a COPY … TO STDOUT of EVENT_COLUMNS reads, on a connection of its own. */
  private async *copyEvents(sql: string): AsyncGenerator<MiningEvent> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'onetrip-copy',
    });
    await client.connect();
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

  /** Distinct services, departments, locations and channels with counts; time span; months. */
  async facets(datasetId: string, timeZone: string): Promise<Facets> {
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> =>
      this.dataSource.query<T[]>(sql, params);
    const facet = async (column: string): Promise<FacetValue[]> => {
      const rows = await q<{ value: string; events: string }>(
        `SELECT ${column} AS value, count(*) AS events FROM event
         WHERE dataset_id = $1 AND ${column} IS NOT NULL AND ${column} <> ''
         GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT ${FACET_LIMIT}`,
        [datasetId],
      );
      return rows.map((r) => ({ value: r.value, events: Number(r.events) }));
    };
    const [span] = await q<{ events: string; from: Date | null; to: Date | null }>(
      `SELECT count(*) AS events, min(ts) AS "from", max(ts) AS "to" FROM event
       WHERE dataset_id = $1`,
      [datasetId],
    );
    const months = await q<{ period: string; events: string }>(
      `SELECT to_char(ts AT TIME ZONE $2, 'YYYY-MM') AS period, count(*) AS events FROM event
       WHERE dataset_id = $1 GROUP BY 1 ORDER BY 1`,
      [datasetId, timeZone],
    );
    return {
      events: Number(span?.events ?? 0),
      from: span?.from ?? null,
      to: span?.to ?? null,
      months: months.map((m) => ({ period: m.period, events: Number(m.events) })),
      services: await facet('service'),
      departments: await facet('department'),
      locations: await facet('location'),
      channels: await facet('channel'),
    };
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
    const events: MiningEvent[] = [];
    for await (const e of this.copyEvents(journeyCopySql(datasetId, journey, key, service))) {
      events.push(e);
    }
    return events;
  }
}

/**
 * The one query events are read with: `COPY (SELECT EVENT_COLUMNS …) TO STDOUT` of a dataset's
 * events that meet every condition, in mining order. COPY takes no bind parameters: the dataset
 * id is checked to be a uuid, and conditions must inline their values with escapeLiteral.
 */
export function eventCopySql(datasetId: string, conditions: string[] = [], limit?: number): string {
  const where = [`dataset_id = '${assertUuid(datasetId)}'`, ...conditions].join(' AND ');
  return `COPY (SELECT ${EVENT_COLUMNS} FROM event WHERE ${where}
    ORDER BY case_id, ts, line, identity${limit === undefined ? '' : ` LIMIT ${limit}`}) TO STDOUT`;
}

/**
 * The mining read: every event of the dataset, or, with a filter, the events of every journey
 * key that can pass it. A key (case id, or citizen key for citizen journeys) is kept when, for
 * each filter field, one of its events matches: a superset of the journeys the filter keeps.
 */
export function miningCopySql(datasetId: string, filter: RunFilter, journey: JourneyKey): string {
  const dataset = `dataset_id = '${assertUuid(datasetId)}'`;
  const key = journey === 'case' ? 'case_id' : 'citizen_key';
  const keep = keyConditions(filter).map(
    (condition) => `${key} IN (SELECT ${key} FROM event WHERE ${dataset} AND (${condition}))`,
  );
  return eventCopySql(datasetId, keep);
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
