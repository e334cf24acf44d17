/**
 * Newline-delimited JSON: one object per line; keys are the columns. Numbers and booleans are
 * turned into strings, nested values into their JSON text, null means absent. A line that is
 * not a JSON object is a rejected row; so is a missing required field (there is no header to
 * check up front).
 */
import type { ColumnMapping } from '@onetrip/contracts';
import {
  CachedTimestamp,
  implausibleTime,
  citizenValue,
  fieldTooLong,
  quote,
  rejected,
  withRaw,
  setAttribute,
  reportProgress,
  type ParseContext,
} from './context';
import { IngestError } from './errors';
import { isIdentifierName } from './identifiers';
import { CSV_DEFAULT_MAPPING, CSV_FALLBACK_MAPPING } from './mapping';
import type { IngestRecord, NormalizedEvent } from './types';

/** `\u0000` as a JSON escape: not preceded by an odd number of backslashes ($1 keeps the even run). */
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

export function asString(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export async function* parseNdjson(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<IngestRecord[]> {
  const given = ctx.mapping;
  const m: Partial<ColumnMapping> & ColumnMapping = { ...CSV_DEFAULT_MAPPING };
  for (const [k, v] of Object.entries(given)) {
    if (typeof v === 'string') (m as Record<string, string>)[k] = v;
  }
  const required = ['caseId', 'activity', 'timestamp'] as const;
  const mapped = new Set(Object.values(m));
  for (const f of required) if (given[f] === undefined) mapped.add(CSV_FALLBACK_MAPPING[f]);
  const ts = new CachedTimestamp(ctx.timezone);
  const startTs = new CachedTimestamp(ctx.timezone);
  const maxField = ctx.state.limits.maxFieldLength;
  let line = 1;
  let buf = '';
  let records = 0;

  /** The citizen (and identifier-named) values of a rejected line, when it is a JSON object. */
  const ndjsonCitizen = (raw: string): string[] => {
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch {
      return [];
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return [];
    const obj = o as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => k === m.citizen || isIdentifierName(k));
    return keys.map((k) => asString(obj[k]) ?? '').filter((v) => v !== '');
  };

  const pick = (
    o: Record<string, unknown>,
    f: (typeof required)[number],
  ): [string, string | undefined] => {
    const v = asString(o[m[f]]);
    if (v === undefined && given[f] === undefined) {
      const alt = CSV_FALLBACK_MAPPING[f];
      const w = asString(o[alt]);
      if (w !== undefined) return [alt, w];
    }
    return [m[f], v];
  };
  const opt = (o: Record<string, unknown>, name: string | undefined): string | null => {
    if (name === undefined) return null;
    const v = asString(o[name]);
    return v === undefined || v === '' ? null : v;
  };

  /** Consecutive blank lines so far. */
  let blankRun = 0;
  /** One line; a rejection keeps the line as it is in the file. */
  const one = (raw: string, at: number, out: IngestRecord[]): void => {
    const before = out.length;
    readLine(raw, at, out);
    for (let r = before; r < out.length; r++) withRaw(out[r], raw, ctx, ndjsonCitizen(raw));
  };
  const readLine = (raw: string, at: number, out: IngestRecord[]): void => {
    if (raw.length > maxField) throw fieldTooLong(ctx, at, null, raw.length);
    const trimmed = raw.trim();
    if (trimmed === '') {
      if (++blankRun > ctx.state.limits.maxBlankLines) {
        throw new IngestError({
          file: ctx.file,
          line: at,
          reason: `${blankRun} blank lines in a row, more than the limit of ${ctx.state.limits.maxBlankLines}`,
          code: 'empty-line-flood',
        });
      }
      return;
    }
    blankRun = 0;
    records++;
    if (trimmed.indexOf('\uFFFD') !== -1) {
      out.push(rejected(at, null, 'undecodable-bytes', { encoding: ctx.state.encoding }));
      return;
    }
    let o: unknown;
    try {
      // A \u0000 escape (after an even number of backslashes) would put a NUL into a value:
      // dropped like raw NUL characters (readText), since PostgreSQL cannot store it.
      o = JSON.parse(trimmed.includes('\\u0000') ? trimmed.replace(NUL_ESCAPE, '$1') : trimmed);
    } catch (err) {
      out.push(
        rejected(at, null, 'invalid-json', {
          detail: err instanceof Error ? err.message : String(err),
        }),
      );
      return;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      out.push(rejected(at, null, 'not-an-object'));
      return;
    }
    const obj = o as Record<string, unknown>;
    const [caseCol, caseId] = pick(obj, 'caseId');
    if (caseId === undefined || caseId.trim() === '') {
      out.push(rejected(at, caseCol, 'missing-case-id'));
      return;
    }
    const [actCol, activity] = pick(obj, 'activity');
    if (activity === undefined || activity.trim() === '') {
      out.push(rejected(at, actCol, 'missing-activity'));
      return;
    }
    const [tsCol, rawTs] = pick(obj, 'timestamp');
    if (rawTs === undefined || rawTs.trim() === '') {
      out.push(rejected(at, tsCol, 'missing-timestamp'));
      return;
    }
    const timestamp = ts.parse(rawTs);
    if (timestamp === null) {
      out.push(rejected(at, tsCol, 'unparseable-timestamp', { value: quote(rawTs) }));
      return;
    }
    const implausible = implausibleTime(ctx, at, tsCol, rawTs, timestamp);
    if (implausible !== null) {
      out.push(implausible);
      return;
    }
    let startTimestamp: number | null = null;
    const rawStart = opt(obj, m.startTimestamp);
    if (rawStart !== null) {
      startTimestamp = startTs.parse(rawStart);
      if (startTimestamp === null) {
        out.push(
          rejected(at, m.startTimestamp ?? null, 'unparseable-timestamp', {
            value: quote(rawStart),
          }),
        );
        return;
      }
      const late = implausibleTime(ctx, at, m.startTimestamp ?? null, rawStart, startTimestamp);
      if (late !== null) {
        out.push(late);
        return;
      }
    }
    const attributes: Record<string, string> = {};
    if (ctx.keepAttributes) {
      for (const k of Object.keys(obj)) {
        if (mapped.has(k)) continue;
        const v = asString(obj[k]);
        if (v !== undefined && v !== '') setAttribute(attributes, k, v);
      }
    }
    const event: NormalizedEvent = {
      caseId,
      activity,
      timestamp,
      startTimestamp,
      lifecycle: opt(obj, m.lifecycle),
      resource: opt(obj, m.resource),
      citizen: citizenValue(ctx, opt(obj, m.citizen)),
      service: opt(obj, m.service),
      channel: opt(obj, m.channel),
      location: opt(obj, m.location),
      department: opt(obj, m.department),
      sourceSystem: opt(obj, m.sourceSystem),
      attributes,
    };
    out.push({ kind: 'event', line: at, event });
  };

  for await (const chunk of text) {
    buf = buf.length === 0 ? chunk : buf + chunk;
    const out: IngestRecord[] = [];
    let i = 0;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n', i)) {
      one(buf.slice(i, nl), line, out);
      line++;
      i = nl + 1;
    }
    buf = buf.slice(i);
    if (buf.length > maxField) throw fieldTooLong(ctx, line, null, buf.length);
    reportProgress(ctx, out);
    if (out.length > 0) yield out;
  }
  const out: IngestRecord[] = [];
  if (buf.length > 0) one(buf, line, out);
  if (records === 0) {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: 'the file has no records',
      code: 'empty-file',
    });
  }
  reportProgress(ctx, out);
  if (out.length > 0) yield out;
}
