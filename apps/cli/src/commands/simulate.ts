/**
 * `onetrip simulate`: writes a synthetic government-service event log (and optionally its ground
 * truth) with @onetrip/simulator, streaming with backpressure, progress on stderr.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SIMULATION,
  FORMATS,
  GBT_TABLES,
  gbtCsvHeader,
  gbtCsvLine,
  gbtTables,
  SOURCE_SYSTEMS,
  createTruth,
  encoderFor,
  journeyTruth,
  resolveOptions,
  simulateJourneys,
  type Encoder,
  type Format,
  type GbtTable,
  type SimulationOptions,
  type SourceSystem,
} from '@onetrip/simulator';

const HELP = `Usage: onetrip simulate --out FILE [options]
       onetrip simulate --gbt-tables DIR [options]

Writes a synthetic event log of citizens' journeys through government services
(portal, hall queues, counters, back offices, 12345 hotline, chatbot, post).

Options:
  --journeys N          journeys to generate (default ${DEFAULT_SIMULATION.journeys})
  --seed S              seed; the same seed gives the same bytes (default ${String(DEFAULT_SIMULATION.seed)})
  --out FILE            output file, or - for stdout (required)
  --format F            csv | ndjson | xes (default: from the file extension, else csv)
  --lang L              en | zh-CN: language of activity, service and hall names (default en)
  --split-by-system     one file per source system: FILE.portal.csv, FILE.queue.csv, …
  --truth FILE          write the ground truth: FILE (JSON) and FILE's .journeys.jsonl
  --gbt-tables DIR      also (or, without --out, only) write the journeys as government tables:
                        DIR/cases.csv (办件), process.csv (办理环节), special-procedures.csv
                        (特别程序), queue.csv (hall queue, one row per ticket), work-orders.csv
                        (12345); upload each with its preset (docs/ingest.md)
  --start YYYY-MM-DD    first day journeys may begin (default ${DEFAULT_SIMULATION.start})
  --days N              journeys begin within this many days (default ${DEFAULT_SIMULATION.days})
  --reform-date D       YYYY-MM-DD, or none (default ${String(DEFAULT_SIMULATION.reformDate)})
  --uptake-days N       days until the reform is fully taken up (default ${DEFAULT_SIMULATION.uptakeDays})
  --quiet               no progress on stderr

Mine the merged CSV with:
  onetrip mine FILE --citizen citizen_id --service service --channel channel \\
    --location location --start-timestamp start_timestamp --journey citizen+service
`;

interface Args {
  options: SimulationOptions;
  out: string;
  format: Format;
  split: boolean;
  truth: string | null;
  quiet: boolean;
  /** Directory for the government tables (GB/T 39046 shapes), or null. */
  gbtTables: string | null;
}

class UsageError extends Error {}

const EXTENSIONS: Record<string, Format> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.xes': 'xes',
};

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} expects a whole number, got '${value}'`);
  return Number(value);
}

export function parseSimulateArgs(argv: readonly string[]): Args | 'help' {
  const values = new Map<string, string>();
  let split = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--split-by-system') {
      split = true;
      continue;
    }
    if (arg === '--quiet') {
      quiet = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`unexpected argument '${arg}'`);
    const name = m[1];
    const known = [
      'journeys',
      'seed',
      'out',
      'format',
      'lang',
      'truth',
      'start',
      'days',
      'reform-date',
      'uptake-days',
      'gbt-tables',
    ];
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }
  const gbt = values.get('gbt-tables') ?? null;
  const out = values.get('out') ?? (gbt === null ? undefined : '');
  if (out === undefined || (out === '' && gbt === null)) {
    throw new UsageError('--out FILE is required (or --out - for stdout, or --gbt-tables DIR)');
  }
  const formatArg = values.get('format');
  let format: Format;
  if (formatArg !== undefined) {
    if (!(FORMATS as readonly string[]).includes(formatArg)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${formatArg}'`);
    }
    format = formatArg as Format;
  } else {
    format = EXTENSIONS[path.extname(out).toLowerCase()] ?? 'csv';
  }
  if (split && out === '') throw new UsageError('--split-by-system needs --out FILE');
  if (split && out === '-') throw new UsageError('--split-by-system needs a file name for --out');
  const lang = values.get('lang') ?? DEFAULT_SIMULATION.lang;
  if (lang !== 'en' && lang !== 'zh-CN') {
    throw new UsageError(`--lang must be en or zh-CN, got '${lang}'`);
  }
  const seedArg = values.get('seed');
  const reform = values.get('reform-date');
  const partial: Partial<SimulationOptions> = {
    lang,
    seed:
      seedArg === undefined
        ? DEFAULT_SIMULATION.seed
        : /^\d+$/.test(seedArg)
          ? Number(seedArg)
          : seedArg,
    reformDate:
      reform === undefined ? DEFAULT_SIMULATION.reformDate : reform === 'none' ? null : reform,
  };
  const journeys = values.get('journeys');
  if (journeys !== undefined) partial.journeys = wholeNumber('journeys', journeys);
  const days = values.get('days');
  if (days !== undefined) partial.days = wholeNumber('days', days);
  const uptake = values.get('uptake-days');
  if (uptake !== undefined) partial.uptakeDays = wholeNumber('uptake-days', uptake);
  const start = values.get('start');
  if (start !== undefined) partial.start = start;
  let options: SimulationOptions;
  try {
    options = resolveOptions(partial);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    options,
    out,
    format,
    split,
    truth: values.get('truth') ?? null,
    quiet,
    gbtTables: gbt,
  };
}

/** A file (or stdout) written in large chunks, waiting for 'drain' when the OS is behind. */
class Sink {
  private buffer = '';

  constructor(private readonly stream: WriteStream | NodeJS.WriteStream) {}

  static open(file: string): Sink {
    return new Sink(file === '-' ? process.stdout : createWriteStream(file));
  }

  /** Buffers text; the caller awaits `flush` when `pending` grows large. */
  push(text: string): void {
    this.buffer += text;
  }

  get pending(): number {
    return this.buffer.length;
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.stream === process.stdout) return;
    const stream = this.stream as WriteStream;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
}

/** `events.csv` + `portal` → `events.portal.csv`. */
export function systemFile(out: string, system: SourceSystem): string {
  const ext = path.extname(out);
  return `${out.slice(0, out.length - ext.length)}.${system}${ext}`;
}

/** `truth.json` → `truth.journeys.jsonl`. */
export function journeysTruthFile(truth: string): string {
  const ext = path.extname(truth);
  return `${ext === '.json' ? truth.slice(0, -ext.length) : truth}.journeys.jsonl`;
}

const FLUSH_AT = 1 << 16;

async function write(args: Args): Promise<void> {
  const { options } = args;
  const outputs = new Map<SourceSystem | 'all', { sink: Sink; encoder: Encoder }>();
  if (args.split) {
    for (const system of SOURCE_SYSTEMS) {
      outputs.set(system, {
        sink: Sink.open(systemFile(args.out, system)),
        encoder: encoderFor(args.format),
      });
    }
  } else if (args.out !== '') {
    outputs.set('all', { sink: Sink.open(args.out), encoder: encoderFor(args.format) });
  }
  const tables = new Map<GbtTable, Sink>();
  if (args.gbtTables !== null) {
    mkdirSync(args.gbtTables, { recursive: true });
    for (const table of GBT_TABLES) {
      const sink = Sink.open(path.join(args.gbtTables, `${table}.csv`));
      sink.push(gbtCsvHeader(table));
      tables.set(table, sink);
    }
  }
  for (const { sink, encoder } of outputs.values()) sink.push(encoder.header());
  const truth = args.truth ? createTruth(options) : null;
  const journeyLines = args.truth ? Sink.open(journeysTruthFile(args.truth)) : null;

  const started = Date.now();
  let lastReport = started;
  let journeys = 0;
  let events = 0;
  const report = (final: boolean): void => {
    if (args.quiet) return;
    const seconds = (Date.now() - started) / 1000;
    const line = `simulate: ${journeys.toLocaleString('en')} / ${options.journeys.toLocaleString('en')} journeys, ${events.toLocaleString('en')} events, ${seconds.toFixed(1)} s`;
    process.stderr.write(final ? `${line}\n` : `${line}\r`);
  };

  const all = outputs.get('all');
  for (const journey of simulateJourneys(options)) {
    journeys++;
    events += journey.events.length;
    if (all) {
      for (const e of journey.events) all.sink.push(all.encoder.encode(e));
      if (all.sink.pending >= FLUSH_AT) await all.sink.flush();
    } else {
      for (const e of journey.events) {
        const o = outputs.get(e.sourceSystem);
        if (o) o.sink.push(o.encoder.encode(e));
      }
      for (const { sink } of outputs.values()) if (sink.pending >= FLUSH_AT) await sink.flush();
    }
    if (tables.size > 0) {
      const rows = gbtTables(journey, options.lang);
      for (const [table, sink] of tables) {
        for (const row of rows[table]) sink.push(gbtCsvLine(table, row));
        if (sink.pending >= FLUSH_AT) await sink.flush();
      }
    }
    if (truth && journeyLines) {
      truth.add(journey);
      journeyLines.push(`${JSON.stringify(journeyTruth(journey))}\n`);
      if (journeyLines.pending >= FLUSH_AT) await journeyLines.flush();
    }
    if ((journeys & 1023) === 0 && Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      report(false);
    }
  }
  for (const { sink, encoder } of outputs.values()) {
    sink.push(encoder.footer());
    await sink.close();
  }
  for (const sink of tables.values()) await sink.close();
  if (truth && journeyLines && args.truth) {
    await journeyLines.close();
    const file = Sink.open(args.truth);
    file.push(`${JSON.stringify(truth.result(), null, 2)}\n`);
    await file.close();
  }
  report(true);
}

export const simulate = {
  async run(argv: string[]): Promise<number> {
    let args: Args | 'help';
    try {
      args = parseSimulateArgs(argv);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`onetrip simulate: ${error.message}\n\n${HELP}`);
        return 2;
      }
      throw error;
    }
    if (args === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    try {
      await write(args);
    } catch (error) {
      // `onetrip simulate --out - | head`: the reader has had enough; that is not a failure.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      throw error;
    }
    return 0;
  },
};
