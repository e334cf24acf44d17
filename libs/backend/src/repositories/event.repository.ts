import { Inject, Injectable } from '@nestjs/common';
import type { ChannelRoles, ColumnMapping, QueueActivities } from '@onetrip/contracts';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig, CONFIG } from '../config/config';
import { connectPg } from '../database/pg-connection';
import { BatchHasher } from './batch-hasher';
import {
  BatchEncoder,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  EVENT_COPY_COLUMNS,
  IDENTITY_BYTES,
  IdentityFilter,
  type EventToStore,
  type SealedBatch,
} from './event-copy';
import { assertUuid } from './uuid';

export interface MergeReport {
  inserted: number;
  duplicates: number;
  datasetVersion: number;
}

/** Counts the ingest writes into the upload row when it commits. */
export interface IngestTotals {
  bytes: number;
  rowsRead: number;
  rowsRejected: number;
}

/**
 * Rows per COPY: large enough for runs of neighbouring key inserts, small enough to overlap.
 * Also bounded in bytes: three batches' memory is alive at once (one stored, one waiting, one
 * being encoded), and the api's RSS target is 300 MB.
 */
const BATCH_ROWS = 100_000;
const BATCH_BYTES = 16 << 20;

/** The advisory lock a live ingest holds on its upload (two int4 keys). */
export const UPLOAD_LOCK_SQL = `hashtext('onetrip.upload'), hashtext(%ID%::text)`;

/**
 * One upload (or pushed batch) written into a dataset inside a single transaction on a dedicated
 * connection. Events are encoded for binary COPY in batches of BATCH_ROWS (event-copy.ts); each
 * batch is sorted by identity and rid of repeats within itself, the rows that may already be
 * stored are looked up, and the rest are COPYed straight into `event` while the caller parses the
 * next batch. Nothing is visible until `commit`; `rollback`, a crash, or a dropped connection
 * leaves the dataset exactly as it was.
 *
 * "May already be stored": every row when the dataset had events before this ingest began;
 * otherwise only rows the ingest's own identity filter has (probably) seen in an earlier batch.
 * A first upload into an empty dataset therefore asks the database almost nothing.
 *
 * The transaction holds the dataset row (FOR NO KEY UPDATE) from the start: ingests into one
 * dataset run one after the other, so "new identity" is decided without races.
 */
export class EventIngest {
  private encoder: BatchEncoder;
  private inflight: Promise<void> = Promise.resolve();
  private inserted = 0;
  private began = false;
  private finished = false;
  /** Whether the dataset held events when the transaction began. */
  private hadEvents = true;
  /** Identities of the earlier batches, created when a second batch comes. */
  private seen: IdentityFilter | null = null;
  private batches = 0;
  /** The hashing thread, started by the first of several batches. */
  private hasher: BatchHasher | null = null;
  /** Whether the temporary table of identities to look up exists. */
  private probeTable = false;
  /** Events handed in so far (before dedupe). */
  events = 0;

  private constructor(
    private readonly client: Client,
    private readonly datasetId: string,
    private readonly uploadId: string,
  ) {
    this.encoder = new BatchEncoder(datasetId, uploadId);
  }

  /** Takes the upload's advisory lock (held until `release`); `begin` starts the transaction. */
  static async open(client: Client, datasetId: string, uploadId: string): Promise<EventIngest> {
    await client.query(`SELECT pg_advisory_lock(${UPLOAD_LOCK_SQL.replace('%ID%', '$1::uuid')})`, [
      assertUuid(uploadId),
    ]);
    return new EventIngest(client, assertUuid(datasetId), uploadId);
  }

  /**
   * Starts the transaction and takes the dataset row; waits while another ingest into the same
   * dataset holds it. Throws when the dataset no longer exists.
   */
  async begin(): Promise<void> {
    const c = this.client;
    await c.query('BEGIN');
    const locked = await c.query(`SELECT 1 FROM dataset WHERE id = $1 FOR NO KEY UPDATE`, [
      this.datasetId,
    ]);
    if (locked.rowCount === 0) throw new Error(`dataset ${this.datasetId} disappeared`);
    // A statement of its own, after the lock: under READ COMMITTED it gets a fresh snapshot and
    // so sees the events of an ingest that held the lock until a moment ago. Asked in the locking
    // statement, it saw the snapshot from before the wait, took the dataset for empty and COPYed
    // rows that were just committed (duplicate key on the primary key).
    const existing = await c.query<{ has_events: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM event WHERE dataset_id = $1) AS has_events`,
      [this.datasetId],
    );
    this.hadEvents = existing.rows[0]?.has_events ?? true;
    this.began = true;
  }

  /**
   * Adds events (citizens already pseudonymized). Resolves at once unless a full batch is
   * waiting for the previous one to be stored: awaiting it is the backpressure that keeps memory
   * flat.
   */
  async add(events: readonly EventToStore[]): Promise<void> {
    for (const e of events) this.encoder.add(e);
    this.events += events.length;
    if (this.encoder.rows >= BATCH_ROWS || this.encoder.bytes >= BATCH_BYTES) {
      await this.startFlush(false);
    }
  }

  /** Stores what is left, bumps the dataset version when anything was added, completes the upload. */
  async commit(options: {
    totals: IngestTotals;
    mapping: Partial<ColumnMapping> | null;
    /** Replaces the dataset's channel roles; null or absent keeps them. */
    channelRoles?: ChannelRoles | null;
    /** Replaces the dataset's queue activities; null or absent keeps them. */
    queueActivities?: QueueActivities | null;
  }): Promise<MergeReport> {
    await this.startFlush(true);
    await this.inflight;
    const c = this.client;
    const dataset = await c.query<{ version: number }>(
      `UPDATE dataset SET version = version + CASE WHEN $2::bigint > 0 THEN 1 ELSE 0 END,
         event_count = event_count + $2::bigint,
         mapping = COALESCE($3::jsonb, mapping),
         channel_roles = COALESCE($4::jsonb, channel_roles),
         queue_activities = COALESCE($5::jsonb, queue_activities), updated_at = now()
       WHERE id = $1 RETURNING version`,
      [
        this.datasetId,
        this.inserted,
        options.mapping === null ? null : JSON.stringify(options.mapping),
        options.channelRoles ? JSON.stringify(options.channelRoles) : null,
        options.queueActivities ? JSON.stringify(options.queueActivities) : null,
      ],
    );
    const version = dataset.rows[0]?.version;
    if (version === undefined) throw new Error(`dataset ${this.datasetId} disappeared`);
    const duplicates = this.events - this.inserted;
    const { bytes, rowsRead, rowsRejected } = options.totals;
    await c.query(
      `UPDATE upload SET status = 'completed', bytes = $2, rows_read = $3, rows_accepted = $4,
         rows_rejected = $5, rows_duplicate = $6, finished_at = now() WHERE id = $1`,
      [this.uploadId, bytes, rowsRead, this.inserted, rowsRejected, duplicates],
    );
    await c.query('COMMIT');
    this.finished = true;
    return { inserted: this.inserted, duplicates, datasetVersion: version };
  }

  /** Undoes everything this ingest wrote. Safe to call after a failed statement. */
  async rollback(): Promise<void> {
    if (this.finished || !this.began) return;
    this.finished = true;
    await this.inflight.catch(() => undefined);
    await this.client.query('ROLLBACK');
  }

  /** Ends the session (and with it the advisory lock); rolls back when not committed. */
  async release(): Promise<void> {
    await this.inflight.catch(() => undefined);
    await this.hasher?.close();
    await this.client.end().catch(() => undefined);
  }

  private async startFlush(last: boolean): Promise<void> {
    if (this.encoder.rows === 0) return;
    let sealed: Promise<SealedBatch>;
    if (last && this.hasher === null) {
      // A single batch (a push, a small file): not worth a thread.
      sealed = Promise.resolve(this.encoder.seal());
    } else {
      this.hasher ??= new BatchHasher();
      sealed = this.hasher.seal(this.encoder.take());
    }
    sealed.catch(() => undefined);
    // One batch at a time on the connection; the next one is written (and hashed) meanwhile.
    await this.inflight;
    this.inflight = (async () => {
      const batch = await sealed;
      await this.store(batch, this.suspects(batch, last));
    })();
    // A failure is raised by the next await of `inflight`, not as an unhandled rejection.
    this.inflight.catch(() => undefined);
  }

  /** The rows of `batch` that may already be stored; records the batch in the identity filter. */
  private suspects(batch: SealedBatch, last: boolean): number[] {
    const suspects: number[] = [];
    if (this.hadEvents) {
      for (let i = 0; i < batch.rows; i++) suspects.push(i);
      return suspects;
    }
    const first = this.batches === 0;
    this.batches += 1;
    // A batch that is both the first and the last (a push, a small file) needs no filter.
    if (first && last) return suspects;
    const seen = (this.seen ??= new IdentityFilter());
    for (let i = 0; i < batch.rows; i++) {
      if (seen.check(batch, i, !last) && !first) suspects.push(i);
    }
    return suspects;
  }

  private async store(batch: SealedBatch, suspects: readonly number[]): Promise<void> {
    const stored = suspects.length === 0 ? null : await this.stored(batch, suspects);
    const skipped = stored?.count ?? 0;
    if (skipped < batch.rows) {
      const copy = this.client.query(
        copyFrom(`COPY event (${EVENT_COPY_COLUMNS}) FROM STDIN (FORMAT binary)`),
      );
      await pipeline(Readable.from(batch.copyData(stored?.rows ?? null)), copy);
      this.inserted += batch.rows - skipped;
    }
    this.encoder.recycle(batch);
  }

  /**
   * Which of the `suspects` rows of `batch` are already in the dataset (earlier batches
   * included): a mask over the batch's rows, and how many it marks.
   */
  private async stored(
    batch: SealedBatch,
    suspects: readonly number[],
  ): Promise<{ rows: Uint8Array; count: number }> {
    const c = this.client;
    if (!this.probeTable) {
      await c.query(
        `CREATE TEMP TABLE probe_identity (row integer, identity bytea) ON COMMIT DROP`,
      );
      this.probeTable = true;
    }
    await pipeline(
      Readable.from(probeCopyData(batch, suspects)),
      c.query(copyFrom('COPY probe_identity FROM STDIN (FORMAT binary)')),
    );
    // LATERAL … LIMIT 1 makes it one primary-key lookup per identity (in identity order, so
    // neighbouring lookups share pages). Left to itself the planner, with no statistics on the
    // fresh temporary table, hashed it against a scan of the whole event table.
    const found = await c.query<[number]>({
      text: `SELECT p.row FROM probe_identity p
       CROSS JOIN LATERAL (SELECT 1 FROM event e
         WHERE e.dataset_id = $1 AND e.identity = p.identity LIMIT 1) hit`,
      values: [this.datasetId],
      rowMode: 'array',
    });
    await c.query('TRUNCATE probe_identity');
    const rows = new Uint8Array(batch.rows);
    for (const [i] of found.rows) rows[i] = 1;
    return { rows, count: found.rows.length };
  }
}

/** Rows `rows` of `batch` as a binary COPY stream of (row number, identity). */
function* probeCopyData(batch: SealedBatch, rows: readonly number[]): Generator<Buffer> {
  const per = 2 + 4 + 4 + 4 + IDENTITY_BYTES;
  const most = Math.floor((65_536 - COPY_BINARY_HEADER.length) / per);
  for (let from = 0; from < rows.length; from += most) {
    const part = rows.slice(from, from + most);
    const head = from === 0 ? COPY_BINARY_HEADER.length : 0;
    const chunk = Buffer.allocUnsafe(head + part.length * per);
    let at = head === 0 ? 0 : COPY_BINARY_HEADER.copy(chunk, 0);
    for (const i of part) {
      at = chunk.writeInt16BE(2, at);
      at = chunk.writeInt32BE(4, at);
      at = chunk.writeInt32BE(i, at);
      at = chunk.writeInt32BE(IDENTITY_BYTES, at);
      at += batch.identity(i).copy(chunk, at);
    }
    yield chunk;
  }
  if (rows.length === 0) yield COPY_BINARY_HEADER;
  yield COPY_BINARY_TRAILER;
}

@Injectable()
export class EventRepository {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  /**
   * Opens an ingest into a dataset for an upload row that does not exist yet: the advisory lock
   * is taken before the row is created, so `UploadRepository.failInterrupted` can never mistake a
   * starting upload for one whose api died.
   */
  async openIngest(datasetId: string, uploadId: string): Promise<EventIngest> {
    const client = await this.connect();
    try {
      return await EventIngest.open(client, datasetId, uploadId);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private connect(): Promise<Client> {
    return connectPg(this.config.databaseUrl, 'onetrip-copy');
  }
}
