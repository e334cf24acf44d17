/**
 * Events encoded for `COPY event … FROM STDIN (FORMAT binary)`, a batch at a time, with the
 * identity of each event computed from the very bytes that are sent (docs/decisions/0004).
 *
 * A row is: field count, dataset id, upload id, line, identity, then the identity fields of
 * `writeIdentityFields` (@onetrip/ingest). The identity slot is filled with the first 16 bytes of
 * the SHA-256 of those fields once they are written, so an event is serialized once and its
 * UTF-8 conversion, which is most of the cost, happens once.
 *
 * A sealed batch is in identity order (runs of neighbouring primary-key inserts instead of one
 * random B-tree leaf per row) and free of repeats within itself; which of its rows already exist
 * in the database is for the caller to ask (`suspects`).
 */
import { identityFieldsMaxBytes, writeIdentityFields } from '@onetrip/ingest';
import type { NormalizedEvent } from '@onetrip/ingest';
import { hash } from 'node:crypto';
import { uuidBytes } from './uuid';

/** The columns of a row, in the order they are written. */
export const EVENT_COPY_COLUMNS =
  'dataset_id, upload_id, line, identity, case_id, activity, ts, start_ts, lifecycle, resource, ' +
  'citizen_key, service, channel, location, department, source_system, attributes';
const FIELD_COUNT = 17;

/** Signature, flags and header extension length of a binary COPY stream. */
export const COPY_BINARY_HEADER = Buffer.concat([
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  Buffer.alloc(8),
]);
/** The field count -1 that ends a binary COPY stream. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

// Not exported one by one: hashAndSeal's source text runs in the hashing thread, where these
// names must be plain local constants (an exported binding compiles to `exports.NAME`).
const IDENTITY_BYTES = 16;
/** field count (2) + dataset id (4 + 16) + upload id (4 + 16) + line (4 + 4) + identity length (4) */
const IDENTITY_AT = 2 + 20 + 20 + 8 + 4;
const FIELDS_AT = IDENTITY_AT + IDENTITY_BYTES;
/** Row indexes are packed below the identity's first 32 bits in one float64 sort key. */
const INDEX_BITS = 2 ** 21;
/** The row layout's constants, for the hashing thread (BatchHasher). */
export const ROW_LAYOUT = { IDENTITY_BYTES, IDENTITY_AT, FIELDS_AT, INDEX_BITS } as const;
export { IDENTITY_BYTES };

/** Bytes of COPY data per Buffer handed to the connection. */
const CHUNK_BYTES = 65_536;

/** An event to store: citizen already pseudonymized. */
export interface EventToStore {
  event: NormalizedEvent;
  /** Line (or record number) in the uploaded file. */
  line: number;
}

/** The rows of one batch, encoded, hashed, ordered and de-duplicated within the batch. */
export class SealedBatch {
  constructor(
    /** The rows' memory; `BatchEncoder.recycle` takes it back once the batch is stored. */
    readonly buf: Buffer,
    /** Row starts, in identity order, repeats removed; one past the last row's end at [rows]. */
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    /** Rows kept (of the batch's events). */
    readonly rows: number,
    /** Events that repeated an earlier event of the same batch. */
    readonly repeats: number,
  ) {}

  /** The stored identity of row `i` (a view, not a copy). */
  identity(i: number): Buffer {
    const at = this.starts[i] + IDENTITY_AT;
    return this.buf.subarray(at, at + IDENTITY_BYTES);
  }

  /** The identity's bytes 4·w … 4·w+3 as an unsigned integer (uniformly distributed). */
  identityWord(i: number, w: number): number {
    const b = this.buf;
    const at = this.starts[i] + IDENTITY_AT + 4 * w;
    return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  }

  /**
   * The binary COPY stream of the rows not marked in `skip` (by row number), in identity order,
   * as Buffers of about 64 KiB (a row larger than that goes alone).
   */
  *copyData(skip: Uint8Array | null = null): Generator<Buffer> {
    let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let used = COPY_BINARY_HEADER.copy(chunk, 0);
    for (let i = 0; i < this.rows; i++) {
      if (skip !== null && skip[i] === 1) continue;
      const start = this.starts[i];
      const length = this.ends[i] - start;
      if (used + length > chunk.length) {
        yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, length + COPY_BINARY_TRAILER.length));
        used = 0;
      }
      used += this.buf.copy(chunk, used, start, start + length);
    }
    if (used + COPY_BINARY_TRAILER.length > chunk.length) {
      yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(COPY_BINARY_TRAILER.length);
      used = 0;
    }
    used += COPY_BINARY_TRAILER.copy(chunk, used);
    yield chunk.subarray(0, used);
  }
}

/** The rows of one batch as written, identities not yet filled in. */
export interface WrittenRows {
  buf: Buffer;
  /** Where each row starts, in file order; `used` is where the last one ends. */
  starts: Int32Array;
  used: number;
}

/** Rows being written for one batch. */
export class BatchEncoder {
  private buf: Buffer;
  private used = 0;
  private starts: number[] = [];
  private readonly prefix: Buffer;
  private spare: Buffer | null = null;

  constructor(datasetId: string, uploadId: string, initialBytes = 17 << 20) {
    this.buf = ownBuffer(initialBytes);
    // The part of every row that does not change within an ingest.
    this.prefix = Buffer.alloc(2 + 20 + 20);
    this.prefix.writeInt16BE(FIELD_COUNT, 0);
    this.prefix.writeInt32BE(16, 2);
    uuidBytes(datasetId).copy(this.prefix, 6);
    this.prefix.writeInt32BE(16, 22);
    uuidBytes(uploadId).copy(this.prefix, 26);
  }

  /** Events written since the last seal. */
  get rows(): number {
    return this.starts.length;
  }

  /** Bytes written since the last seal. */
  get bytes(): number {
    return this.used;
  }

  /** Writes an event's row; its identity is filled in by `hashAndSeal`. */
  add(item: EventToStore): void {
    const e = item.event;
    const most = FIELDS_AT + identityFieldsMaxBytes(e);
    if (this.used + most > this.buf.length) this.grow(most);
    const buf = this.buf;
    const start = this.used;
    buf.set(this.prefix, start);
    buf.writeInt32BE(4, start + 42);
    buf.writeInt32BE(item.line, start + 46);
    buf.writeInt32BE(IDENTITY_BYTES, start + 50);
    this.used = writeIdentityFields(buf, start + FIELDS_AT, e);
    this.starts.push(start);
  }

  /**
   * Hands over the rows written so far (their memory with them) and starts a new batch in the
   * spare buffer, if one was recycled.
   */
  take(): WrittenRows {
    const n = this.starts.length;
    if (n >= INDEX_BITS) throw new RangeError(`a batch holds at most ${INDEX_BITS - 1} rows`);
    const rows: WrittenRows = {
      buf: this.buf,
      starts: Int32Array.from(this.starts),
      used: this.used,
    };
    const spare = this.spare;
    this.spare = null;
    this.buf =
      spare !== null && spare.length >= rows.buf.length ? spare : ownBuffer(rows.buf.length);
    this.used = 0;
    this.starts = [];
    return rows;
  }

  /** Hashes, orders and de-duplicates the rows written so far, on this thread (see take). */
  seal(): SealedBatch {
    const rows = this.take();
    return sealedBatch(rows.buf, hashAndSeal(rows.buf, rows.starts, rows.used, sha256Latin1));
  }

  /**
   * Gives a stored batch's memory back for the next batch but one: buffers take turns instead
   * of a new one of several MiB per batch (which also kept RSS higher between GCs).
   */
  recycle(batch: SealedBatch): void {
    if (batch.buf !== this.buf) this.spare = batch.buf;
  }

  private grow(most: number): void {
    const next = ownBuffer(Math.max(this.buf.length * 2, this.used + most));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}

/** A Buffer over an ArrayBuffer of its own (never Node's shared pool), so it can be transferred. */
function ownBuffer(bytes: number): Buffer {
  return Buffer.from(new ArrayBuffer(bytes));
}

/** `hash('sha256', data, 'binary')`: a latin1 string is the cheapest digest to get (a Buffer costs twice as much). */
function sha256Latin1(data: Uint8Array): string {
  return hash('sha256', data, 'binary');
}

/** What hashAndSeal finds: rows in identity order, repeats removed. */
export interface SealedRows {
  starts: Int32Array;
  ends: Int32Array;
  kept: number;
  repeats: number;
}

export function sealedBatch(buf: Buffer, sealed: SealedRows): SealedBatch {
  return new SealedBatch(buf, sealed.starts, sealed.ends, sealed.kept, sealed.repeats);
}

/**
 * Fills in each row's identity (the first 16 bytes of the SHA-256 of its fields, `digest`
 * returning the 32 bytes as a latin1 string), orders the rows by identity and drops the later
 * copies of an identity that repeats (the first in the file is kept: rows are in file order).
 *
 * Self-contained — only its arguments, the constants IDENTITY_AT, FIELDS_AT, IDENTITY_BYTES and
 * INDEX_BITS, and identityRepeats — because the hashing thread runs its source text
 * (BatchHasher).
 */
export function hashAndSeal(
  buf: Uint8Array,
  rowStarts: Int32Array,
  used: number,
  digest: (data: Uint8Array) => string,
): SealedRows {
  const n = rowStarts.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = rowStarts[i];
    const end = i + 1 < n ? rowStarts[i + 1] : used;
    const d = digest(buf.subarray(start + FIELDS_AT, end));
    const at = start + IDENTITY_AT;
    for (let b = 0; b < IDENTITY_BYTES; b++) buf[at + b] = d.charCodeAt(b);
    const word = ((buf[at] << 24) | (buf[at + 1] << 16) | (buf[at + 2] << 8) | buf[at + 3]) >>> 0;
    keys[i] = word * INDEX_BITS + i;
  }
  keys.sort();
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let kept = 0;
  // Kept rows whose identity starts with the same 32 bits as the current one begin here.
  let group = 0;
  let groupWord = -1;
  for (let k = 0; k < n; k++) {
    const key = keys[k];
    const i = key % INDEX_BITS;
    const word = (key - i) / INDEX_BITS;
    const start = rowStarts[i];
    if (word !== groupWord) {
      group = kept;
      groupWord = word;
    } else if (identityRepeats(buf, starts, group, kept, start)) {
      continue;
    }
    starts[kept] = start;
    ends[kept] = i + 1 < n ? rowStarts[i + 1] : used;
    kept++;
  }
  return { starts, ends, kept, repeats: n - kept };
}

/** Whether the row at `start` has the identity of one of the kept rows `from` … `to` - 1. */
export function identityRepeats(
  buf: Uint8Array,
  starts: Int32Array,
  from: number,
  to: number,
  start: number,
): boolean {
  const at = start + IDENTITY_AT;
  for (let j = from; j < to; j++) {
    const other = starts[j] + IDENTITY_AT;
    let same = true;
    for (let b = 0; b < IDENTITY_BYTES && same; b++) same = buf[other + b] === buf[at + b];
    if (same) return true;
  }
  return false;
}

/**
 * A Bloom filter over the identities an ingest has written (2^26 bits, 8 MiB, four probes taken
 * from the identity's own bytes, which are uniform): says "new" for certain and "maybe seen"
 * otherwise. At one million identities about one in 80,000 new rows is a false "maybe"; at ten
 * million one in 25; the caller asks the database about every "maybe", so a full filter costs
 * time, never correctness.
 */
export class IdentityFilter {
  private readonly bits = new Uint32Array(2 ** 21);

  /** Whether row `i` of `batch` may have been added before; adds it (when `add`). */
  check(batch: SealedBatch, i: number, add: boolean): boolean {
    const bits = this.bits;
    let maybe = true;
    for (let w = 0; w < 4; w++) {
      const bit = batch.identityWord(i, w) & 0x3ffffff;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((bits[word] & mask) === 0) {
        maybe = false;
        if (!add) return false;
        bits[word] = bits[word] | mask;
      }
    }
    return maybe;
  }
}
