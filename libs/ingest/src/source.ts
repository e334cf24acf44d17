/**
 * Bytes in, text out: opens a path or takes a stream, unwraps gzip (detected by its magic
 * bytes, whatever the file is called), enforces the decompression limits (absolute and as a ratio), and decodes to text
 * with the given or detected encoding. Never holds more than a chunk of the file.
 */
import { createReadStream } from 'node:fs';
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { IngestError } from './errors';
import type { IngestLimits } from './types';

/**
 * Read size. Small on purpose: each chunk becomes one batch of records, and batches of ~1000
 * rows die young; 1 MiB batches outlived V8's young generation and doubled GC time.
 */
const CHUNK = 64 * 1024;
/** Bytes looked at to tell UTF-8 from GB18030 when no encoding is given. */
const SNIFF = 64 * 1024;

export interface ReadState {
  file: string;
  limits: IngestLimits;
  /** Raw bytes read from the source so far. */
  bytes: number;
  gzip: boolean;
  /** The encoding used to decode, once known. */
  encoding: string;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  throw new TypeError('stream chunks must be Buffers, Uint8Arrays or strings');
}

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = err.code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Raw bytes of the source, decompressed when gzip. */
export async function* readBytes(
  source: string | NodeJS.ReadableStream,
  state: ReadState,
): AsyncGenerator<Buffer> {
  const own = typeof source === 'string';
  const input: NodeJS.ReadableStream = own
    ? createReadStream(source, { highWaterMark: CHUNK })
    : source;
  const it = (input as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const readFailed = (err: unknown): IngestError =>
    err instanceof IngestError
      ? err
      : new IngestError({
          file: state.file,
          line: null,
          reason: `cannot read the file (${errorCode(err) ?? errorMessage(err)})`,
          code: 'read-failed',
          cause: err,
        });
  const next = async (): Promise<Buffer | null> => {
    let r: IteratorResult<unknown>;
    try {
      r = await it.next();
    } catch (err) {
      throw readFailed(err);
    }
    if (r.done) return null;
    const b = toBuffer(r.value);
    state.bytes += b.length;
    return b;
  };
  try {
    // Enough bytes to recognise gzip.
    const head: Buffer[] = [];
    let headLen = 0;
    let ended = false;
    while (headLen < 2) {
      const b = await next();
      if (b === null) {
        ended = true;
        break;
      }
      head.push(b);
      headLen += b.length;
    }
    const first = head.length === 1 ? head[0] : Buffer.concat(head);
    state.gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
    if (!state.gzip) {
      if (first.length > 0) yield first;
      if (ended) return;
      for (let b = await next(); b !== null; b = await next()) yield b;
      return;
    }
    yield* gunzip(first, ended, next, state);
  } finally {
    if (own) (input as Readable).destroy();
  }
}

async function* gunzip(
  first: Buffer,
  ended: boolean,
  next: () => Promise<Buffer | null>,
  state: ReadState,
): AsyncGenerator<Buffer> {
  const compressed = Readable.from(
    (async function* () {
      yield first;
      if (ended) return;
      for (let b = await next(); b !== null; b = await next()) yield b;
    })(),
    { objectMode: false },
  );
  const z = createGunzip({ chunkSize: CHUNK });
  let sourceError: unknown = null;
  compressed.on('error', (err) => {
    sourceError = err;
    z.destroy(err);
  });
  compressed.pipe(z);
  let out = 0;
  try {
    for await (const chunk of z) {
      const b = chunk as Buffer;
      out += b.length;
      if (out > state.limits.maxDecompressedBytes) {
        throw new IngestError({
          file: state.file,
          line: null,
          reason: `the gzip data expands beyond the limit of ${state.limits.maxDecompressedBytes} bytes`,
          code: 'decompressed-too-large',
        });
      }
      // Relative to what was sent: text compresses 5 to 20 times, a bomb a thousand times, and
      // would keep the server busy for minutes before the absolute limit stopped it.
      if (
        out > state.limits.decompressionRatioFreeBytes &&
        out > state.limits.maxDecompressionRatio * state.bytes
      ) {
        throw new IngestError({
          file: state.file,
          line: null,
          reason:
            `the gzip data expands more than ${state.limits.maxDecompressionRatio} times ` +
            `(${state.bytes} compressed bytes gave ${out} bytes and counting)`,
          code: 'decompression-ratio',
        });
      }
      yield b;
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    if (sourceError !== null) {
      throw sourceError instanceof IngestError ? sourceError : err;
    }
    const code = errorCode(err);
    const truncated = code === 'Z_BUF_ERROR' || /unexpected end/i.test(errorMessage(err));
    throw new IngestError({
      file: state.file,
      line: null,
      reason: truncated
        ? 'the gzip data is truncated (the file ends before the compressed stream does)'
        : `the gzip data is corrupt (${errorMessage(err)})`,
      code: truncated ? 'gzip-truncated' : 'gzip-corrupt',
      cause: err,
    });
  } finally {
    compressed.destroy();
    z.destroy();
  }
}

/** True when `b` is valid UTF-8, allowing a sequence cut off at the very end. */
export function looksLikeUtf8(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return false;
    if (i + need >= n) {
      // Cut off at the end of the sample: check what is there.
      for (let k = i + 1; k < n; k++) if ((b[k] & 0xc0) !== 0x80) return false;
      return true;
    }
    for (let k = 1; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

/** Encoding named in an XML declaration, if any. */
function xmlDeclaredEncoding(b: Buffer): string | null {
  const head = b.subarray(0, 200).toString('latin1');
  const m = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? m[1] : null;
}

export function normalizeEncoding(name: string): string {
  const e = name.trim().toLowerCase().replace(/_/g, '-');
  if (e === 'utf8') return 'utf-8';
  return e;
}

interface TextDecoderLike {
  write(b: Buffer): string;
  end(): string;
}

/**
 * UTF-8 decoder that takes a fast path for all-ASCII chunks (latin1 decoding gives the same
 * text, several times faster, as a one-byte string that later scans faster too). A sequence cut
 * by a chunk boundary is carried to the next chunk; invalid bytes become U+FFFD.
 */
class Utf8Decoder implements TextDecoderLike {
  private carry: Buffer | null = null;

  write(chunk: Buffer): string {
    const b = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = null;
    const n = b.length;
    // Find where the last complete sequence ends.
    let cut = n;
    for (let k = n - 1; k >= 0 && k >= n - 4; k--) {
      const c = b[k];
      if (c < 0x80) break;
      if (c >= 0xc0) {
        const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        if (k + len > n) cut = k;
        break;
      }
    }
    if (cut < n) this.carry = Buffer.from(b.subarray(cut));
    const body = cut === n ? b : b.subarray(0, cut);
    return isAscii(body) ? body.toString('latin1') : body.toString('utf8');
  }

  end(): string {
    const c = this.carry;
    this.carry = null;
    return c === null ? '' : c.toString('utf8');
  }
}

const GB_FAMILY = new Set(['gbk', 'gb18030', 'gb2312', 'cp936', 'x-gbk', 'euc-cn']);

/**
 * The runtime's (ICU) GB18030 decoder, four to five times faster than iconv-lite's, or null when
 * Node was built without full ICU. GB18030 decodes every GBK and GB2312 byte sequence the same.
 */
function nativeGbDecoder(): TextDecoderLike | null {
  let d: TextDecoder;
  try {
    d = new TextDecoder('gb18030');
  } catch {
    return null;
  }
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

function decoderFor(encoding: string, file: string): TextDecoderLike {
  if (encoding === 'utf-8') return new Utf8Decoder();
  if (encoding === 'utf-16le' || encoding === 'ucs-2') return new StringDecoder('utf16le');
  if (GB_FAMILY.has(encoding)) {
    const native = nativeGbDecoder();
    if (native !== null) return native;
  }
  const known: boolean = iconv.encodingExists(encoding);
  if (!known) {
    throw new IngestError({
      file,
      line: null,
      reason: `unknown encoding "${encoding}"`,
      code: 'unknown-encoding',
    });
  }
  const d = iconv.getDecoder(encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/** Picks the encoding from the start of the file (see readText). */
function chooseEncoding(b: Buffer, given: string | undefined): string {
  if (given !== undefined) return normalizeEncoding(given);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  const declared = xmlDeclaredEncoding(b);
  if (declared !== null) return normalizeEncoding(declared);
  return looksLikeUtf8(b.subarray(0, SNIFF)) ? 'utf-8' : 'gb18030';
}

/**
 * Decoded text of the source. Encoding: the given one; else a byte-order mark; else (XML) the
 * declaration; else UTF-8 when the first 64 KiB are valid UTF-8, and GB18030 (a superset of
 * GBK) when they are not. A leading BOM is removed, and so is every NUL character.
 */
export async function* readText(
  source: string | NodeJS.ReadableStream,
  state: ReadState,
  encoding: string | undefined,
): AsyncGenerator<string> {
  let decoder: TextDecoderLike | null = null;
  let bomChecked = false;
  let head: Buffer[] = [];
  let headLength = 0;
  /**
   * Decodes `b`, removing a BOM from the very first text, and NUL characters anywhere: no text a
   * service system exports means them, and PostgreSQL cannot store them in text.
   */
  const decode = (b: Buffer): string => {
    let s = (decoder as TextDecoderLike).write(b);
    if (s.includes('\0')) s = s.replace(/\0/g, '');
    if (bomChecked || s.length === 0) return s;
    bomChecked = true;
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  };
  const start = (): string => {
    const b = head.length === 1 ? head[0] : Buffer.concat(head);
    head = [];
    state.encoding = chooseEncoding(b, encoding);
    decoder = decoderFor(state.encoding, state.file);
    return decode(b);
  };
  for await (const chunk of readBytes(source, state)) {
    if (decoder === null) {
      // Gather enough of the start of the file to recognise its encoding.
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < SNIFF && encoding === undefined) continue;
      const text = start();
      if (text.length > 0) yield text;
      continue;
    }
    const text = decode(chunk);
    if (text.length > 0) yield text;
  }
  if (decoder === null) {
    if (headLength === 0) return;
    const text = start();
    if (text.length > 0) yield text;
  }
  const tail = (decoder as TextDecoderLike | null)?.end() ?? '';
  if (tail.length > 0) yield tail;
}
