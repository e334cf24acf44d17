import { Inject, Injectable } from '@nestjs/common';
import type { FacetValue, RunFilter } from '@onetrip/contracts';
import type { JourneyKey, MiningEvent } from '@onetrip/mining';
import { escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AppConfig, CONFIG } from '../config/config';
import { connectPg } from '../database/pg-connection';
import { copyRows } from './copy-text';
import { EVENT_COLUMNS, rowToEvent } from './event-row';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

function asText(v: string | number | null): string | null {
  return v === null ? null : String(v);
}

/**
 * Reads for filtered runs, facets and journey timelines. The event writes (uploads) live in
 * EventRepository; this file only reads.
 */
@Injectable()
export class EventQueryRepository {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The events of every journey key that can pass the filter, in mining order (case, time,
   * line). The SQL keeps a key (case id, or citizen key for citizen journeys) when, for each
   * filter field, one of its events matches: a superset of the journeys the filter keeps; the
   * miner's journey filter then decides per journey (docs/api.md#filtered-runs).
   */
  async *streamFiltered(
    datasetId: string,
    filter: RunFilter,
    journey: JourneyKey,
  ): AsyncGenerator<MiningEvent> {
    if (!UUID.test(datasetId)) throw new Error(`not a uuid: ${JSON.stringify(datasetId)}`);
    const dataset = `dataset_id = '${datasetId}'`;
    const key = journey === 'case' ? 'case_id' : 'citizen_key';
    const keep = keyConditions(filter).map(
      (condition) => `${key} IN (SELECT ${key} FROM event WHERE ${dataset} AND (${condition}))`,
    );
    const where = [dataset, ...keep].join(' AND ');
    const sql = `COPY (SELECT ${EVENT_COLUMNS} FROM event WHERE ${where}
      ORDER BY case_id, ts, line, identity) TO STDOUT`;
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
    const conditions =
      journey === 'case'
        ? 'case_id = $2::text'
        : journey === 'citizen'
          ? 'citizen_key = $2::text'
          : `citizen_key = $2::text AND coalesce(service, '') = coalesce($3::text, '')`;
    const params: unknown[] = [datasetId, key];
    if (journey === 'citizen+service') params.push(service);
    const rows = await this.dataSource.query<{ row: string }[]>(
      `SELECT json_build_array(${EVENT_COLUMNS})::text AS row FROM event
       WHERE dataset_id = $1 AND ${conditions}
       ORDER BY case_id, ts, line, identity LIMIT ${TIMELINE_LIMIT}`,
      params,
    );
    return rows.map((r) =>
      rowToEvent((JSON.parse(r.row) as (string | number | null)[]).map(asText)),
    );
  }
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
