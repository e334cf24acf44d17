/** Helpers for this library's specs (not exported from index.ts). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { IngestError } from './errors';
import { readEvents } from './read-events';
import type { IngestRecord, NormalizedEvent, ReadOptions } from './types';

/** The repository root: the nearest folder above this file holding nx.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root (nx.json) not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Path of an ingest fixture: fixture('ok', 'events.ndjson'). */
export function fixture(kind: 'ok' | 'not-ok', name: string): string {
  return path.join(repoRoot(), 'test', 'fixtures', kind, 'ingest', name);
}

export async function collect(
  source: string | NodeJS.ReadableStream,
  options: ReadOptions,
): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for await (const r of readEvents(source, options)) out.push(r);
  return out;
}

/** The IngestError a read throws (fails the test when it does not throw one). */
export async function readError(
  source: string | NodeJS.ReadableStream,
  options: ReadOptions,
): Promise<IngestError> {
  try {
    await collect(source, options);
  } catch (err) {
    if (err instanceof IngestError) return err;
    throw err;
  }
  throw new Error(`expected ${options.file} to fail with an IngestError`);
}

/** A stream delivering `parts` as separate chunks (to exercise chunk boundaries). */
export function streamOf(...parts: (string | Buffer)[]): Readable {
  return Readable.from(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}

/** An event with every optional field null, as parsers produce them. */
export function event(
  fields: Pick<NormalizedEvent, 'caseId' | 'activity' | 'timestamp'> & Partial<NormalizedEvent>,
): NormalizedEvent {
  return {
    startTimestamp: null,
    lifecycle: null,
    resource: null,
    citizen: null,
    service: null,
    channel: null,
    location: null,
    department: null,
    sourceSystem: null,
    attributes: {},
    ...fields,
  };
}

export function eventsOf(records: IngestRecord[]): NormalizedEvent[] {
  return records.flatMap((r) => (r.kind === 'event' ? [r.event] : []));
}
