import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_PROMISED_ATTRIBUTES,
  EventLogFormatSchema,
  UploadLayoutSchema,
  type ColumnMapping,
  type EventLogFormat,
  type UploadLayout,
} from '@onetrip/contracts';
import { IngestError, readLimitTable } from '@onetrip/ingest';
import type { InsightsOptions, MiningOptions } from '@onetrip/mining';
import { parseDuration, UsageError } from './duration';

export const MINE_USAGE = `Usage: onetrip mine FILE [FILE …] [options]

Mines one or more event logs (CSV, NDJSON, XES, .gz) together and prints one JSON document.

Columns (CSV header or XES attribute names; defaults case_id, activity, timestamp for CSV and
NDJSON; concept:name, time:timestamp, lifecycle:transition, org:resource for XES):
  --case COL  --activity COL  --timestamp COL  --start-timestamp COL
  --lifecycle COL|none  --resource COL  --citizen COL  --service COL
  --channel COL  --location COL  --department COL
  --instance ATTR       lifecycle instance id to pair start/complete by (default concept:instance)
  --ticket-rows         CSV with one row per hall queue ticket (票号, 取号时间, 叫号时间, 开始服务时间,
                        完成时间, 窗口, or English names): each row becomes ticket, call, service
  --layout L|auto       how each file's rows read: events, ticket-rows, gbt-case, gbt-process,
                        gbt-special-procedure, work-order-12345 (government tables joined by
                        办件编号, docs/ingest.md); auto: per file, as its header looks
Mining:
  --journey case|citizen|citizen+service   (default case)
  --journey-gap 30d     inactivity that splits a citizen's journeys
  --in-person hall[,…]  channel values that are in-person visits
  --trip-gap 4h         longest gap within one trip
Insights (the dashboard's breakdowns, in the --tz zone; on unless --no-insights):
  --queue-ticket A[,…]  activities that issue a hall queue ticket   (defaults: the simulator's
  --queue-call A[,…]    activities that call a ticket to a window    and common Chinese and
  --queue-abandon A[,…] activities that close a ticket uncalled      English names)
  --insights            accepted for older scripts: insights are on by default
  --limits FILE         the per-service time-limit table (CSV: 事项名称/事项编码, 承诺时限, 法定时限,
                        单位) for insights.deadlines; reads the cases' own limits as well
  --promised A[,…]      event attributes holding a case's own limit (default with --limits:
                        承诺办结时间,承诺时限)
Input:
  --format csv|ndjson|xes|xlsx   --tz ZONE (default UTC)   --encoding ENC   --delimiter CHAR
  --sheet NAME|N        .xlsx: the sheet by name or 1-based number (default: first non-empty)
  --skip-invalid        count bad rows in summary.rejected instead of failing
Output:
  --json                the JSON document (the stable interface); without it, a short report
  --variants N|all      list the N most frequent variants (default 100; summary.variants
                        counts them all), or all of them
  --no-insights         leave out the dashboard's breakdowns (insights: return causes, waits by
                        side, …), which cost about three times the mining on large logs
  --timings             parse/mine timings and peak RSS on stderr
`;

const FIELD_OPTIONS = {
  case: 'caseId',
  activity: 'activity',
  timestamp: 'timestamp',
  'start-timestamp': 'startTimestamp',
  resource: 'resource',
  citizen: 'citizen',
  service: 'service',
  channel: 'channel',
  location: 'location',
  department: 'department',
} as const satisfies Record<string, keyof ColumnMapping>;

const QUEUE_OPTIONS = {
  'queue-ticket': 'queueStartActivities',
  'queue-call': 'queueEndActivities',
  'queue-abandon': 'queueAbandonActivities',
} as const satisfies Record<string, keyof InsightsOptions>;

export interface MineArgs {
  files: string[];
  mapping: Partial<ColumnMapping>;
  /** Attribute holding the lifecycle instance id, or null to pair by (case, activity) only. */
  instance: string | null;
  mining: Partial<MiningOptions>;
  format?: EventLogFormat;
  timezone: string;
  encoding?: string;
  delimiter?: string;
  /** .xlsx only: the sheet (name or 1-based number). */
  sheet?: string;
  skipInvalid: boolean;
  json: boolean;
  /** Variants listed (the most frequent first), or null for all of them (--variants all). */
  variants: number | null;
  /** Compute the dashboard's insights (in mining.insights; off with --no-insights). */
  insights: boolean;
  /** CSV with one row per queue ticket (ingest ReadOptions.ticketRows). */
  ticketRows: boolean;
  /** The layout of every file, or 'auto' to detect it per file (undefined: events). */
  layout?: UploadLayout | 'auto';
  /** Event attributes read as each case's own time limit (MiningEvent.promised), or null. */
  promised: readonly string[] | null;
  /** Report read/mine timings and peak RSS on stderr (used by the benchmark). */
  timings: boolean;
  help: boolean;
}

export function parseMineArgs(argv: string[]): MineArgs {
  const parsed = parseArgsOrUsage(argv);
  const positionals = parsed.positionals;
  const values: Record<string, string | boolean | undefined> = parsed.values;
  const mapping: Partial<ColumnMapping> = {};
  for (const [option, field] of Object.entries(FIELD_OPTIONS)) {
    const column = values[option];
    if (typeof column === 'string') mapping[field] = requireName(option, column);
  }
  const mining: Partial<MiningOptions> = {};
  const lifecycle = values.lifecycle;
  if (lifecycle === 'none') mining.lifecycle = 'none';
  else if (typeof lifecycle === 'string') mapping.lifecycle = requireName('lifecycle', lifecycle);
  if (typeof values.journey === 'string') mining.journey = journeyKey(values.journey);
  if (typeof values['journey-gap'] === 'string') {
    mining.journeyGapMs = parseDuration(values['journey-gap'], '--journey-gap');
  }
  if (typeof values['trip-gap'] === 'string') {
    mining.tripGapMs = parseDuration(values['trip-gap'], '--trip-gap');
  }
  if (typeof values['in-person'] === 'string') mining.inPerson = channelList(values['in-person']);
  const timezone = typeof values.tz === 'string' ? values.tz : 'UTC';
  const queue: InsightsOptions = {};
  for (const [option, key] of Object.entries(QUEUE_OPTIONS)) {
    const names = values[option];
    if (typeof names === 'string') queue[key] = nameList(option, names);
  }
  if (mining.journey !== undefined && mining.journey !== 'case' && mapping.citizen === undefined) {
    throw new UsageError(`--journey ${mining.journey} needs --citizen COLUMN`);
  }
  // The dashboard's breakdowns, in the dataset's zone as the worker mines them: on unless
  // --no-insights (which the queue options contradict).
  const insights = values['no-insights'] !== true;
  if (!insights && Object.keys(queue).length > 0) {
    throw new UsageError('--queue-ticket, --queue-call and --queue-abandon need the insights');
  }
  const limitsFile =
    typeof values.limits === 'string' ? requireName('limits', values.limits) : null;
  const promised =
    typeof values.promised === 'string'
      ? nameList('promised', values.promised)
      : limitsFile === null
        ? null
        : DEFAULT_PROMISED_ATTRIBUTES;
  if (!insights && (limitsFile !== null || promised !== null)) {
    throw new UsageError('--limits and --promised need the insights');
  }
  if (insights) {
    mining.insights = {
      timeZone: timezone,
      ...queue,
      ...(limitsFile === null ? {} : { deadlines: { limits: limitTable(limitsFile) } }),
    };
  }
  const help = values.help === true;
  if (!help && positionals.length === 0) throw new UsageError('mine needs at least one FILE');
  return {
    files: positionals,
    mapping,
    instance: typeof values.instance === 'string' ? values.instance || null : 'concept:instance',
    mining,
    format: values.format === undefined ? undefined : format(String(values.format)),
    timezone,
    encoding: typeof values.encoding === 'string' ? values.encoding : undefined,
    delimiter: typeof values.delimiter === 'string' ? values.delimiter : undefined,
    sheet: typeof values.sheet === 'string' ? requireName('sheet', values.sheet) : undefined,
    skipInvalid: values['skip-invalid'] === true,
    ticketRows: values['ticket-rows'] === true,
    ...(typeof values.layout === 'string' ? { layout: layoutOption(values.layout) } : {}),
    promised,
    json: values.json === true,
    variants: variantLimit(values.variants),
    insights,
    timings: values.timings === true,
    help,
  };
}

function layoutOption(value: string): UploadLayout | 'auto' {
  if (value === 'auto') return value;
  const parsed = UploadLayoutSchema.safeParse(value);
  if (!parsed.success) {
    throw new UsageError(
      `--layout is auto or one of ${UploadLayoutSchema.options.join(', ')}, not '${value}'`,
    );
  }
  return parsed.data;
}

function parseArgsOrUsage(argv: string[]) {
  const text = { type: 'string' } as const;
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(FIELD_OPTIONS).map((o) => [o, text])),
        lifecycle: text,
        instance: text,
        journey: text,
        'journey-gap': text,
        'in-person': text,
        'trip-gap': text,
        insights: { type: 'boolean' },
        limits: text,
        promised: text,
        ...Object.fromEntries(Object.keys(QUEUE_OPTIONS).map((o) => [o, text])),
        format: text,
        tz: text,
        encoding: text,
        delimiter: text,
        sheet: text,
        'skip-invalid': { type: 'boolean' },
        'ticket-rows': { type: 'boolean' },
        layout: text,
        json: { type: 'boolean' },
        'no-insights': { type: 'boolean' },
        variants: text,
        timings: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Variants a result lists by default: a user wants the top, not 92,965 of a 1M-event log. */
export const DEFAULT_VARIANT_LIMIT = 100;

function variantLimit(value: string | boolean | undefined): number | null {
  if (value === undefined) return DEFAULT_VARIANT_LIMIT;
  if (value === 'all') return null;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--variants expects a whole number or 'all', got '${String(value)}'`);
  }
  return Number(text);
}

/** The limit table of --limits; its errors (file, line, column) as usage errors. */
function limitTable(file: string) {
  try {
    return readLimitTable(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if (error instanceof IngestError) throw new UsageError(`--limits: ${error.message}`);
    throw new UsageError(`--limits: cannot read ${file}: ${(error as Error).message}`);
  }
}

function requireName(option: string, column: string): string {
  if (column.trim() === '') throw new UsageError(`--${option} needs a column name`);
  return column;
}

function journeyKey(value: string): MiningOptions['journey'] {
  if (value === 'case' || value === 'citizen' || value === 'citizen+service') return value;
  throw new UsageError(`--journey must be case, citizen or citizen+service, got '${value}'`);
}

function format(value: string): EventLogFormat {
  const parsed = EventLogFormatSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const names = EventLogFormatSchema.options;
  throw new UsageError(
    `--format must be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}, got '${value}'`,
  );
}

function channelList(value: string): string[] {
  const channels = value
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (channels.length === 0) throw new UsageError('--in-person needs at least one channel value');
  return channels;
}

function nameList(option: string, value: string): string[] {
  const names = value
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (names.length === 0) throw new UsageError(`--${option} needs at least one activity name`);
  return names;
}
