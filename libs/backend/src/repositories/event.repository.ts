import { Inject, Injectable } from '@nestjs/common';
import type { ColumnMapping } from '@onetrip/contracts';
import type { MiningEvent } from '@onetrip/mining';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig, CONFIG } from '../config/config';
import { copyRows, encodeCopyRow } from './copy-text';

/** An event ready to store: citizen already pseudonymized, identity already computed. */
export interface StagedEvent {
  identity: string;
  caseId: string;
  activity: string;
  /** epoch ms */
  timestamp: number;
  startTimestamp: number | null;
  lifecycle: string | null;
  resource: string | null;
  citizenKey: string | null;
  service: string | null;
  channel: string | null;
  location: string | null;
  department: string | null;
  sourceSystem: string | null;
  attributes: Record<string, string>;
  line: number;
}

export type StagedRow =
  | { kind: 'event'; event: StagedEvent }
  | { kind: 'rejected'; line: number; column: string | null; reason: string };

export interface StagingCounts {
  events: number;
  rejected: number;
  /** Line of the first rejected row, if any. */
  firstRejected: { line: number; column: string | null; reason: string } | null;
}

export interface MergeReport {
  inserted: number;
  duplicates: number;
  rejected: number;
  datasetVersion: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(id: string): string {
  // COPY takes no bind parameters: ids are inlined, so they must be exactly a uuid.
  if (!UUID.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return id;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** One staging_row line in COPY text format; counts events and rejected rows on the way. */
function encodeStagedRow(row: StagedRow, counts: StagingCounts): string {
  if (row.kind === 'event') {
    counts.events += 1;
    const e = row.event;
    return encodeCopyRow([
      'e',
      e.line,
      e.identity,
      e.caseId,
      e.activity,
      iso(e.timestamp),
      iso(e.startTimestamp),
      e.lifecycle,
      e.resource,
      e.citizenKey,
      e.service,
      e.channel,
      e.location,
      e.department,
      e.sourceSystem,
      JSON.stringify(e.attributes),
      null,
      null,
    ]);
  }
  counts.rejected += 1;
  counts.firstRejected ??= { line: row.line, column: row.column, reason: row.reason };
  const none = new Array<null>(14).fill(null);
  return encodeCopyRow(['r', row.line, ...none, row.column, row.reason]);
}

/**
 * An upload's rows staged in a temporary table on a dedicated connection. Nothing is visible in
 * the dataset until `merge` runs one transaction; `discard` (or a crash: the session ends and the
 * temporary table with it) leaves the dataset exactly as it was.
 */
export class EventStaging {
  constructor(
    private readonly client: Client,
    private readonly datasetId: string,
    private readonly uploadId: string,
    readonly counts: StagingCounts,
  ) {}

  /** Inserts new events (skipping identities already present), rejected rows, bumps the version. */
  async merge(options: { bytes: number; mapping: ColumnMapping | null }): Promise<MergeReport> {
    const c = this.client;
    await c.query('BEGIN');
    try {
      const inserted = await c.query<{ n: string }>(
        `WITH ins AS (
           INSERT INTO event (dataset_id, upload_id, identity, case_id, activity, ts, start_ts,
             lifecycle, resource, citizen_key, service, channel, location, department,
             source_system, attributes, line)
           SELECT $1, $2, identity, case_id, activity, ts, start_ts, lifecycle, resource,
             citizen_key, service, channel, location, department, source_system, attributes, line
           FROM staging_row WHERE kind = 'e' ORDER BY line
           ON CONFLICT (dataset_id, identity) DO NOTHING
           RETURNING 1)
         SELECT count(*) AS n FROM ins`,
        [this.datasetId, this.uploadId],
      );
      const n = Number(inserted.rows[0]?.n ?? 0);
      await this.insertRejected();
      const dataset = await c.query<{ version: number }>(
        `UPDATE dataset SET version = version + CASE WHEN $2::bigint > 0 THEN 1 ELSE 0 END,
           event_count = event_count + $2::bigint,
           mapping = COALESCE($3::jsonb, mapping), updated_at = now()
         WHERE id = $1 RETURNING version`,
        [this.datasetId, n, options.mapping === null ? null : JSON.stringify(options.mapping)],
      );
      const version = dataset.rows[0]?.version;
      if (version === undefined) throw new Error(`dataset ${this.datasetId} disappeared`);
      const duplicates = this.counts.events - n;
      await c.query(
        `UPDATE upload SET status = 'completed', bytes = $2, rows_read = $3, rows_accepted = $4,
           rows_rejected = $5, rows_duplicate = $6, finished_at = now() WHERE id = $1`,
        [
          this.uploadId,
          options.bytes,
          this.counts.events + this.counts.rejected,
          n,
          this.counts.rejected,
          duplicates,
        ],
      );
      await c.query('COMMIT');
      return { inserted: n, duplicates, rejected: this.counts.rejected, datasetVersion: version };
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
  }

  /** Records a failed upload with its rejected rows; the dataset's events stay untouched. */
  async fail(options: { bytes: number; code: string; message: string }): Promise<void> {
    const c = this.client;
    await c.query('BEGIN');
    try {
      await this.insertRejected();
      await c.query(
        `UPDATE upload SET status = 'failed', bytes = $2, rows_read = $3, rows_accepted = 0,
           rows_rejected = $4, error_code = $5, error = $6, finished_at = now() WHERE id = $1`,
        [
          this.uploadId,
          options.bytes,
          this.counts.events + this.counts.rejected,
          this.counts.rejected,
          options.code,
          options.message,
        ],
      );
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK');
      throw error;
    }
  }

  async release(): Promise<void> {
    await this.client.end();
  }

  private async insertRejected(): Promise<void> {
    await this.client.query(
      `INSERT INTO rejected_row (upload_id, line, "column", reason)
       SELECT $1, line, reject_column, reject_reason FROM staging_row WHERE kind = 'r' ORDER BY line`,
      [this.uploadId],
    );
  }
}

@Injectable()
export class EventRepository {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  /**
   * Streams rows into a temporary staging table with COPY (backpressure all the way to the
   * source). The caller decides with the counts whether to merge or fail, and must release.
   */
  async stage(
    datasetId: string,
    uploadId: string,
    rows: AsyncIterable<StagedRow>,
  ): Promise<EventStaging> {
    const client = await this.connect();
    const counts: StagingCounts = { events: 0, rejected: 0, firstRejected: null };
    try {
      await client.query(
        `CREATE TEMP TABLE staging_row (
           kind char(1) NOT NULL, line integer NOT NULL, identity text, case_id text,
           activity text, ts timestamptz, start_ts timestamptz, lifecycle text, resource text,
           citizen_key text, service text, channel text, location text, department text,
           source_system text, attributes jsonb, reject_column text, reject_reason text)`,
      );
      // Rows are joined into ~64 KiB chunks: one stream chunk per row would cost more in
      // stream bookkeeping than COPY itself.
      async function* encode(): AsyncGenerator<string> {
        let chunk = '';
        for await (const row of rows) {
          chunk += encodeStagedRow(row, counts);
          if (chunk.length >= 65536) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk !== '') yield chunk;
      }
      await pipeline(
        Readable.from(encode()),
        client.query(copyFrom('COPY staging_row FROM STDIN')),
      );
      return new EventStaging(client, datasetId, uploadId, counts);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /**
   * The dataset's events ordered by case and time, streamed with COPY … TO STDOUT and parsed
   * incrementally: memory stays flat whatever the dataset size. Stopping the iteration early
   * closes the connection.
   */
  async *streamForMining(datasetId: string): AsyncGenerator<MiningEvent> {
    const client = await this.connect();
    try {
      const sql = `COPY (SELECT case_id, activity, (extract(epoch FROM ts) * 1000)::bigint,
          (extract(epoch FROM start_ts) * 1000)::bigint, lifecycle, resource, citizen_key,
          service, channel, location, department, source_system
        FROM event WHERE dataset_id = '${assertUuid(datasetId)}'
        ORDER BY case_id, ts, id) TO STDOUT`;
      const stream = client.query(copyTo(sql));
      try {
        for await (const f of copyRows(stream as AsyncIterable<Buffer>)) {
          yield {
            caseId: f[0] ?? '',
            activity: f[1] ?? '',
            timestamp: Number(f[2]),
            startTimestamp: f[3] === null || f[3] === undefined ? null : Number(f[3]),
            lifecycle: f[4] ?? null,
            resource: f[5] ?? null,
            citizen: f[6] ?? null,
            service: f[7] ?? null,
            channel: f[8] ?? null,
            location: f[9] ?? null,
            department: f[10] ?? null,
            sourceSystem: f[11] ?? null,
          };
        }
      } finally {
        stream.destroy();
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'onetrip-copy',
    });
    await client.connect();
    return client;
  }
}
