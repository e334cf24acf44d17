import { createHmac, hash } from 'node:crypto';
import type { NormalizedEvent } from './types';

/**
 * Keyed hash of a citizen identifier: HMAC-SHA256, lower-case hex. The identifier is used
 * exactly as given (no trimming or case folding), so normalise before calling if your sources
 * disagree on format.
 */
export function pseudonymize(citizenId: string, key: string): string {
  if (key.length === 0) throw new RangeError('pseudonymize: the key must not be empty');
  return createHmac('sha256', key).update(citizenId, 'utf8').digest('hex');
}

/** Distinct identifiers whose pseudonyms one pseudonymizer remembers. */
const PSEUDONYM_CACHE = 65_536;

/**
 * pseudonymize(raw, key) with `prefix` in front, remembering the answers: a citizen has many
 * events, and an HMAC costs more than parsing the row. The memory is bounded (cleared when
 * full), so it stays flat whatever the file. The one way ingest pseudonymizes, for the citizen
 * field and for identifier-shaped attributes alike.
 */
export function createPseudonymizer(key: string, prefix = ''): (raw: string) => string {
  if (key.length === 0) throw new RangeError('pseudonymize: the key must not be empty');
  const cache = new Map<string, string>();
  return (raw) => {
    let p = cache.get(raw);
    if (p === undefined) {
      if (cache.size >= PSEUDONYM_CACHE) cache.clear();
      p = prefix + pseudonymize(raw, key);
      // `raw` may be a slice of the parser's 64 KiB input chunk: keyed as is, every cached value
      // would keep its whole chunk alive. Concatenating then slicing makes V8 copy it.
      cache.set((' ' + raw).slice(1), p);
    }
    return p;
  };
}

/** Milliseconds between the Unix epoch and PostgreSQL's (2000-01-01T00:00:00Z). */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;

type Utf8Write = (this: Buffer, s: string, offset: number) => number;
/**
 * Buffer's own UTF-8 writer (`buf.utf8Write(s, offset)`, which `buf.write` calls after checking
 * and normalizing its arguments: for the short strings of an event the checks cost about as
 * much as the conversion). Not in Node's documentation, so `write` stands in where a runtime
 * lacks it. The caller guarantees room, as for every writer here.
 */
const utf8Write: Utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write ??
  function (this: Buffer, s: string, offset: number): number {
    return this.write(s, offset, 'utf8');
  };

/** Characters a JSON string cannot carry as they are (and lone surrogates: see writeJsonString). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const JSON_SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NUL = /\0/g;

/**
 * Writes `s` as a JSON string (UTF-8). Most values need no escaping and are written as they
 * are; the others as JSON.stringify writes them, NUL dropped and lone surrogates replaced by
 * U+FFFD first, as in text fields (PostgreSQL's jsonb refuses both escaped).
 */
function writeJsonString(buf: Buffer, p: number, s: string): number {
  if (JSON_SPECIAL.test(s)) {
    const clean = s.replace(NUL, '').replace(LONE_SURROGATE, '\ufffd');
    return p + utf8Write.call(buf, JSON.stringify(clean), p);
  }
  buf[p] = 0x22;
  const n = utf8Write.call(buf, s, p + 1);
  buf[p + 1 + n] = 0x22;
  return p + n + 2;
}

/** The attributes' keys in sorted order (usually already so: columns keep their order). */
function sortedKeys(attributes: Record<string, string>): string[] {
  const keys = Object.keys(attributes);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort();
  return keys;
}

/**
 * Writes the attributes as a JSON object with its keys in sorted order (UTF-16 code units, as
 * `Array.prototype.sort`): the order of columns or of an NDJSON object's keys does not change an
 * event's identity.
 */
function writeAttributes(buf: Buffer, p: number, attributes: Record<string, string>): number {
  buf[p++] = 0x7b;
  let first = true;
  for (const k of sortedKeys(attributes)) {
    if (!first) buf[p++] = 0x2c;
    first = false;
    p = writeJsonString(buf, p, k);
    buf[p++] = 0x3a;
    p = writeJsonString(buf, p, attributes[k]);
  }
  buf[p++] = 0x7d;
  return p;
}

/**
 * Upper bound of the bytes `writeIdentityFields` writes: at most 3 UTF-8 bytes per UTF-16 code
 * unit, and 6 per attribute character once escaped for JSON.
 */
export function identityFieldsMaxBytes(e: NormalizedEvent): number {
  let chars =
    e.caseId.length +
    e.activity.length +
    (e.lifecycle?.length ?? 0) +
    (e.resource?.length ?? 0) +
    (e.citizen?.length ?? 0) +
    (e.service?.length ?? 0) +
    (e.channel?.length ?? 0) +
    (e.location?.length ?? 0) +
    (e.department?.length ?? 0) +
    (e.sourceSystem?.length ?? 0);
  let json = 0;
  for (const k in e.attributes) json += k.length + e.attributes[k].length + 1;
  chars *= 3;
  return 13 * 4 + 2 * 8 + 3 + chars + 6 * json;
}

function writeText(buf: Buffer, at: number, s: string | null | undefined): number {
  if (s === null || s === undefined) {
    buf.writeInt32BE(-1, at);
    return at + 4;
  }
  // No NUL reaches here from a file: readText removes it from decoded text, the NDJSON reader
  // from \u0000 escapes, and saxes refuses &#0; in XES. (Checking every field cost a quarter of
  // the conversion.) Should one come through anyway, PostgreSQL refuses the row and the upload
  // fails whole, leaving the dataset as it was.
  const n = utf8Write.call(buf, s, at + 4);
  buf.writeInt32BE(n, at);
  return at + 4 + n;
}

function writeInstant(buf: Buffer, at: number, ms: number | null | undefined): number {
  if (ms === null || ms === undefined) {
    buf.writeInt32BE(-1, at);
    return at + 4;
  }
  // int64 microseconds since 2000-01-01 UTC, big-endian, as two 32-bit halves (exact below 2^53).
  const us = (Math.round(ms) - PG_EPOCH_MS) * 1000;
  const high = Math.floor(us / TWO_32);
  buf.writeInt32BE(8, at);
  buf.writeInt32BE(high, at + 4);
  buf.writeUInt32BE(us - high * TWO_32, at + 8);
  return at + 12;
}

/**
 * Writes the fields that make an event's identity, in order — case id, activity, timestamp,
 * the optional fields of OPTIONAL_FIELDS, attributes — each as PostgreSQL's binary COPY writes
 * a field: a 32-bit big-endian byte length (-1 for null) and the value: text as UTF-8 (a lone
 * surrogate as U+FFFD; no NUL, see writeText: PostgreSQL can store neither), timestamptz as
 * microseconds since 2000, jsonb as version byte 1 and the JSON text of the attributes with
 * their keys in sorted order (as JSON.stringify writes it). Length prefixes make the
 * serialization unambiguous. The same bytes are the event columns of the api's COPY into the
 * event table, so the api hashes them in place instead of serializing the event twice.
 *
 * The caller guarantees room: `identityFieldsMaxBytes` bytes from `at`. Returns the end offset.
 */
export function writeIdentityFields(buf: Buffer, at: number, e: NormalizedEvent): number {
  let p = writeText(buf, at, e.caseId);
  p = writeText(buf, p, e.activity);
  p = writeInstant(buf, p, e.timestamp);
  p = writeInstant(buf, p, e.startTimestamp);
  p = writeText(buf, p, e.lifecycle);
  p = writeText(buf, p, e.resource);
  p = writeText(buf, p, e.citizen);
  p = writeText(buf, p, e.service);
  p = writeText(buf, p, e.channel);
  p = writeText(buf, p, e.location);
  p = writeText(buf, p, e.department);
  p = writeText(buf, p, e.sourceSystem);
  buf[p + 4] = 1;
  const end = writeAttributes(buf, p + 5, e.attributes);
  buf.writeInt32BE(end - p - 4, p);
  return end;
}

/**
 * Stable identity of an event for de-duplication: SHA-256 (hex) of `writeIdentityFields`. Two
 * rows that mean the same event hash alike even when their timestamps were written differently
 * (the instant is hashed) or their columns were in another order. The citizen is hashed as
 * given: uploads pseudonymize it first, so the raw identifier never reaches the hash.
 */
export function eventIdentity(e: NormalizedEvent): string {
  const buf = Buffer.allocUnsafe(identityFieldsMaxBytes(e));
  const end = writeIdentityFields(buf, 0, e);
  return hash('sha256', buf.subarray(0, end), 'hex');
}
