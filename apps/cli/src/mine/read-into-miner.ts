import { isTablePreset, type UploadLayout } from '@onetrip/contracts';
import {
  detectLayout,
  formatFromName,
  inspectFile,
  readEventBatches,
  type NormalizedEvent,
} from '@onetrip/ingest';
import { MiningInputError, type Miner, type MiningEvent } from '@onetrip/mining';
import type { MineArgs } from './args';

/** A row the command could not use: where it is and why. */
export class RowError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | null,
    readonly reason: string,
  ) {
    super(`${file}:${line}${column ? ` (column "${column}")` : ''}: ${reason}`);
    this.name = 'RowError';
  }
}

export interface ReadCounts {
  events: number;
  rejected: number;
  /** Milliseconds spent inside miner.add (with --timings only), to report parsing and mining apart. */
  addMs: number;
  /** CPU milliseconds (user + system, all threads) spent inside miner.add. */
  addCpuMs: number;
}

/**
 * Streams one file through @onetrip/ingest into the miner. A rejected row, or an event the
 * miner refuses, throws RowError, or is counted when skipInvalid is set.
 */
/** A file's layout: --layout, or with --layout auto what its header looks like. */
async function fileLayout(file: string, args: MineArgs): Promise<UploadLayout> {
  if (args.layout !== 'auto') return args.layout ?? 'events';
  const info = await inspectFile(file, {
    file,
    ...(args.format === undefined ? {} : { format: args.format }),
    ...(args.encoding === undefined ? {} : { encoding: args.encoding }),
    ...(args.sheet === undefined ? {} : { sheet: args.sheet }),
  });
  return info.format === 'csv' || info.format === 'xlsx' ? detectLayout(info.columns) : 'events';
}

export async function readIntoMiner(
  file: string,
  args: MineArgs,
  miner: Miner,
  counts: ReadCounts,
): Promise<void> {
  const needAttributes = readsLifecycleInstances(file, args) || args.promised !== null;
  const layout = await fileLayout(file, args);
  const batches = readEventBatches(file, {
    file,
    format: args.format,
    mapping: Object.keys(args.mapping).length > 0 ? args.mapping : undefined,
    timezone: args.timezone,
    encoding: args.encoding,
    delimiter: args.delimiter,
    sheet: args.sheet,
    ticketRows: args.ticketRows || layout === 'ticket-rows' || undefined,
    ...(isTablePreset(layout) ? { preset: layout } : {}),
    attributes: needAttributes,
  });
  // Clock and CPU readings only for --timings: process.cpuUsage() per batch (about 1,100 batches
  // a 70 MB file) cost 3% of the whole command in a profile.
  const timed = args.timings;
  for await (const batch of batches) {
    const started = timed ? performance.now() : 0;
    const cpu = timed ? process.cpuUsage() : null;
    for (const record of batch) {
      if (record.kind === 'rejected') {
        reject(args, counts, new RowError(file, record.line, record.column, record.reason));
        continue;
      }
      try {
        miner.add(
          toMiningEvent(record.event, needAttributes ? args.instance : null, args.promised),
        );
        counts.events += 1;
      } catch (error) {
        if (!(error instanceof MiningInputError)) throw error;
        const reason = error.message.replace(/^event #\d+( \(case '[^']*'\))?: /, '');
        reject(args, counts, new RowError(file, record.line, error.field, reason));
      }
    }
    if (cpu === null) continue;
    counts.addMs += performance.now() - started;
    counts.addCpuMs += cpuMs(process.cpuUsage(cpu));
  }
}

export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/**
 * Whether events need their attributes for the lifecycle instance id: only when lifecycles are
 * read at all (a --lifecycle column, or XES, whose default mapping has one). Attributes cost
 * parsing time, so a CSV without a lifecycle column is read without them.
 */
function readsLifecycleInstances(file: string, args: MineArgs): boolean {
  if (args.instance === null || args.mining.lifecycle === 'none') return false;
  if (args.mapping.lifecycle !== undefined) return true;
  const format = args.format ?? formatFromName(file);
  return format !== 'csv' && format !== 'ndjson';
}

function reject(args: MineArgs, counts: ReadCounts, error: RowError): void {
  if (!args.skipInvalid) throw error;
  counts.rejected += 1;
}

/** NormalizedEvent is a MiningEvent plus attributes; the lifecycle instance id is one of them. */
function toMiningEvent(
  event: NormalizedEvent,
  instanceAttribute: string | null,
  promisedAttributes: readonly string[] | null,
): MiningEvent {
  let out: MiningEvent = event;
  if (instanceAttribute !== null) {
    const instance = event.attributes[instanceAttribute];
    if (instance !== undefined) out = { ...out, instance };
  }
  // A case's own time limit (承诺办结时间 / 承诺时限): the first non-empty attribute named.
  for (const name of promisedAttributes ?? []) {
    const value = Object.hasOwn(event.attributes, name) ? event.attributes[name] : undefined;
    if (value !== undefined && value !== '') return { ...out, promised: value };
  }
  return out;
}
