/**
 * `onetrip import FILE --dataset NAME`: uploads an event log through the api (creating the
 * dataset when there is none of that name), with a progress bar on stderr and the upload report
 * as JSON on stdout. The api does the parsing, pseudonymization and the atomic merge. With no
 * mapping given and none saved with the dataset, the columns are mapped as @onetrip/ingest
 * suggests from the file's header and first rows (so `onetrip simulate` output maps whole, its
 * citizen_id becoming the pseudonymized citizen key).
 */
import {
  EVENT_FIELDS,
  UploadLayoutSchema,
  isTablePreset,
  type UploadLayout,
  type DatasetDto,
  type EventField,
  type IdentifierChoices,
} from '@onetrip/contracts';
import { detectLayout, inspectFile } from '@onetrip/ingest';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

const HELP = `Usage: onetrip import FILE --dataset NAME [options]

Uploads an event log (CSV, NDJSON, XES, .gz, .xlsx) through the onetrip api into the dataset NAME,
creating it when it does not exist. Prints the upload report as JSON on stdout.

Options:
  --api URL                  the api (default $ONETRIP_API_URL, else http://127.0.0.1:3000)
  --token TOKEN              a session token from POST /api/v1/auth/login (default
                             $ONETRIP_TOKEN); the api refuses requests without one
  --mapping JSON             column mapping, e.g. '{"caseId":"办件编号","activity":"环节名称"}'
  --case COL, --activity COL, --timestamp COL, --start-timestamp COL, --lifecycle COL,
  --resource COL, --citizen COL, --service COL, --channel COL, --location COL,
  --department COL, --source-system COL
                             map one field (combined with --mapping; default: the dataset's
                             saved mapping, else as suggested from the file's columns)
  --identifiers JSON         per unmapped column: keep, pseudonymize or drop, e.g.
                             '{"手机号":"drop","ticket_no":"keep"}' (default: columns that look
                             like citizen identifiers are pseudonymized)
  --timezone TZ              time zone of a new dataset (default Asia/Shanghai)
  --encoding ENC             utf-8, gbk, gb18030, … (default: detected)
  --sheet NAME|N             .xlsx: the sheet by name or 1-based number (default: the first
                             sheet with a value)
  --layout L|auto            how rows read: events (default), ticket-rows (hall queue export,
                             one row per ticket), gbt-case, gbt-process, gbt-special-procedure,
                             work-order-12345 (government tables, docs/ingest.md); auto: as the
                             file's header looks (what the upload dialog suggests)
  --on-error skip|fail       skip rejected rows (default) or fail on the first
  --max-rejected-ratio R     with skip, fail above this share of rejected rows (default 0.05)
  --quiet                    no progress bar
`;

const FIELD_FLAGS: Record<string, EventField> = {
  '--case': 'caseId',
  '--case-id': 'caseId',
  ...Object.fromEntries(
    EVENT_FIELDS.map((f) => [`--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, f]),
  ),
};

export interface ImportArgs {
  file: string;
  dataset: string;
  api: string;
  /** Session token sent as `Authorization: Bearer`; null sends none (the api answers 401). */
  token: string | null;
  mapping: Partial<Record<EventField, string>> | null;
  identifiers: IdentifierChoices | null;
  timezone: string | null;
  encoding: string | null;
  sheet: string | null;
  onError: 'skip' | 'fail' | null;
  maxRejectedRatio: string | null;
  /** The upload layout, 'auto' to detect it from the header, null for the default (events). */
  layout: UploadLayout | 'auto' | null;
  quiet: boolean;
}

export class UsageError extends Error {}

export function parseImportArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): ImportArgs | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const files: string[] = [];
  const fields: Partial<Record<EventField, string>> = {};
  let given: Partial<Record<EventField, string>> = {};
  const out: Omit<ImportArgs, 'file' | 'mapping' | 'dataset'> & { dataset: string | null } = {
    dataset: null,
    identifiers: null,
    api: env.ONETRIP_API_URL ?? 'http://127.0.0.1:3000',
    token: env.ONETRIP_TOKEN ?? null,
    timezone: null,
    encoding: null,
    sheet: null,
    onError: null,
    maxRejectedRatio: null,
    layout: null,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      const v = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (!flag.startsWith('--')) files.push(raw);
    else if (flag === '--quiet') out.quiet = true;
    else if (flag === '--dataset') out.dataset = value();
    else if (flag === '--api') out.api = value().replace(/\/+$/, '');
    else if (flag === '--token') out.token = value();
    else if (flag === '--timezone') out.timezone = value();
    else if (flag === '--encoding') out.encoding = value();
    else if (flag === '--sheet') out.sheet = value();
    else if (flag === '--max-rejected-ratio') out.maxRejectedRatio = value();
    else if (flag === '--layout') {
      const v = value();
      const parsed = UploadLayoutSchema.safeParse(v);
      if (v !== 'auto' && !parsed.success) {
        throw new UsageError(
          `--layout is auto or one of ${UploadLayoutSchema.options.join(', ')}, not '${v}'`,
        );
      }
      out.layout = parsed.success ? parsed.data : 'auto';
    } else if (flag === '--on-error') {
      const v = value();
      if (v !== 'skip' && v !== 'fail') throw new UsageError('--on-error is skip or fail');
      out.onError = v;
    } else if (flag === '--mapping') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value());
      } catch {
        throw new UsageError('--mapping is not valid JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new UsageError('--mapping must be a JSON object of field → column');
      }
      given = parsed;
    } else if (flag === '--identifiers') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value());
      } catch {
        throw new UsageError('--identifiers is not valid JSON');
      }
      const actions = ['keep', 'pseudonymize', 'drop'];
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        Array.isArray(parsed) ||
        !Object.values(parsed).every((v) => actions.includes(v as string))
      ) {
        throw new UsageError(
          '--identifiers must be a JSON object of column → keep|pseudonymize|drop',
        );
      }
      out.identifiers = parsed as IdentifierChoices;
    } else {
      const field = FIELD_FLAGS[flag];
      if (!field) throw new UsageError(`unknown option ${flag}`);
      fields[field] = value();
    }
  }
  if (files.length !== 1) throw new UsageError('give exactly one FILE');
  if (!out.dataset) throw new UsageError('--dataset NAME is required');
  const mapping = { ...given, ...fields };
  return {
    ...out,
    file: files[0] ?? '',
    dataset: out.dataset,
    mapping: Object.keys(mapping).length > 0 ? mapping : null,
  };
}

export interface ImportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (the bar redraws in place) or a log (one line per 10%). */
  tty: boolean;
}

interface HttpAnswer {
  status: number;
  body: unknown;
}

function requestJson(
  url: string,
  token: string | null,
  method: string,
  body?: unknown,
): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return send(url, token, {
    method,
    headers: payload
      ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
      : {},
    write: (req) => req.end(payload),
  });
}

function send(
  url: string,
  token: string | null,
  options: {
    method: string;
    headers: Record<string, string>;
    write: (req: http.ClientRequest) => void;
  },
): Promise<HttpAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: options.method,
        headers: token ? { ...options.headers, authorization: `Bearer ${token}` } : options.headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            // Not JSON (a proxy's error page): keep the text.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    options.write(req);
  });
}

/** The dataset named NAME (the newest, when several are), created when there is none. */
async function findOrCreateDataset(args: ImportArgs, io: ImportIo): Promise<DatasetDto> {
  const list = await requestJson(`${args.api}/api/v1/datasets`, args.token, 'GET');
  if (list.status === 401) {
    throw new Error(
      `${args.api} needs a login: pass --token (or set ONETRIP_TOKEN) to a token from POST /api/v1/auth/login`,
    );
  }
  if (list.status !== 200 || !Array.isArray(list.body)) {
    throw new Error(`listing datasets at ${args.api} answered ${list.status}`);
  }
  const same = (list.body as DatasetDto[]).filter((d) => d.name === args.dataset);
  const existing = same.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (existing) {
    if (args.timezone && args.timezone !== existing.timezone) {
      io.stderr(
        `onetrip import: dataset "${existing.name}" reads times in ${existing.timezone}; --timezone ${args.timezone} is ignored\n`,
      );
    }
    return existing;
  }
  const created = await requestJson(`${args.api}/api/v1/datasets`, args.token, 'POST', {
    name: args.dataset,
    ...(args.timezone ? { timezone: args.timezone } : {}),
  });
  if (created.status !== 201) {
    throw new Error(`creating dataset "${args.dataset}": ${JSON.stringify(created.body)}`);
  }
  if (!args.quiet) io.stderr(`onetrip import: created dataset "${args.dataset}"\n`);
  return created.body as DatasetDto;
}

const mb = (n: number): string => (n / 1e6).toFixed(1);

/** A progress bar on stderr: redrawn at most every 100 ms on a terminal, every 10% in a log. */
function progressBar(total: number, io: ImportIo): { update(sent: number): void; done(): void } {
  let last = 0;
  let lastDecile = -1;
  const draw = (sent: number): string => {
    const share = total === 0 ? 1 : Math.min(1, sent / total);
    const width = 30;
    const full = Math.round(share * width);
    return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}% ${mb(sent)}/${mb(total)} MB`;
  };
  return {
    update(sent) {
      if (io.tty) {
        const now = Date.now();
        if (now - last < 100 && sent < total) return;
        last = now;
        io.stderr(`\r${draw(sent)}`);
      } else {
        const decile = Math.floor((total === 0 ? 1 : sent / total) * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        io.stderr(`${draw(sent)}\n`);
      }
    },
    done() {
      if (io.tty) io.stderr(`\r${draw(total)}\n`);
    },
  };
}

/** Streams FILE as multipart/form-data, the options as leading fields. */
function uploadFile(url: string, args: ImportArgs, io: ImportIo): Promise<HttpAnswer> {
  const size = statSync(args.file).size;
  const boundary = `----onetrip-import-${process.pid}-${Date.now()}`;
  const fields: [string, string][] = [];
  if (args.mapping) fields.push(['mapping', JSON.stringify(args.mapping)]);
  if (args.identifiers) fields.push(['identifiers', JSON.stringify(args.identifiers)]);
  if (args.onError) fields.push(['onError', args.onError]);
  if (args.maxRejectedRatio) fields.push(['maxRejectedRatio', args.maxRejectedRatio]);
  if (args.encoding) fields.push(['encoding', args.encoding]);
  if (args.sheet) fields.push(['sheet', args.sheet]);
  if (args.layout && args.layout !== 'auto') fields.push(['layout', args.layout]);
  let head = '';
  for (const [name, value] of fields) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  const fileName = path.basename(args.file).replace(/["\r\n]/g, '_');
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  const headBytes = Buffer.from(head, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const bar = args.quiet ? null : progressBar(size, io);
  return send(url, args.token, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(headBytes.length + size + tail.length),
    },
    write: (req) => {
      req.write(headBytes);
      let sent = 0;
      const file = createReadStream(args.file, { highWaterMark: 256 * 1024 });
      file.on('data', (chunk) => {
        sent += chunk.length;
        bar?.update(sent);
        if (!req.write(chunk)) {
          file.pause();
          req.once('drain', () => file.resume());
        }
      });
      file.on('end', () => {
        bar?.done();
        req.end(tail);
      });
      file.on('error', (error) => req.destroy(error));
    },
  });
}

/**
 * The mapping @onetrip/ingest suggests for a CSV or NDJSON file (XES names its fields by
 * standard), or null when it suggests nothing. Said on stderr, since it is saved with the dataset.
 */
async function suggestedMapping(
  args: ImportArgs,
  io: ImportIo,
): Promise<Partial<Record<EventField, string>> | null> {
  let inspection: Awaited<ReturnType<typeof inspectFile>>;
  try {
    inspection = await inspectFile(args.file, {
      file: args.file,
      ...(args.encoding ? { encoding: args.encoding } : {}),
      ...(args.sheet ? { sheet: args.sheet } : {}),
    });
  } catch {
    return null; // an unreadable file: the api's answer says why, as without a suggestion
  }
  if (inspection.format === 'xes') return null;
  const entries = Object.entries(inspection.suggested).filter(([, v]) => v);
  if (entries.length === 0) return null;
  if (!args.quiet) {
    io.stderr(
      `onetrip import: mapping ${entries.map(([f, c]) => `${f} ← ${String(c)}`).join(', ')}\n`,
    );
  }
  return Object.fromEntries(entries);
}

/** The layout a file's header looks like (detectLayout of @onetrip/ingest; events if unreadable). */
async function detectedLayout(args: ImportArgs): Promise<UploadLayout> {
  try {
    const inspection = await inspectFile(args.file, {
      file: args.file,
      ...(args.encoding ? { encoding: args.encoding } : {}),
      ...(args.sheet ? { sheet: args.sheet } : {}),
    });
    return inspection.format === 'csv' || inspection.format === 'xlsx'
      ? detectLayout(inspection.columns)
      : 'events';
  } catch {
    return 'events'; // the api's answer says what is wrong with the file
  }
}

export async function runImport(argv: readonly string[], io: ImportIo): Promise<number> {
  let args: ImportArgs | 'help';
  try {
    args = parseImportArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`onetrip import: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (args === 'help') {
    io.stdout(HELP);
    return 0;
  }
  try {
    statSync(args.file);
  } catch {
    io.stderr(`onetrip import: cannot read ${args.file}\n`);
    return 2;
  }
  try {
    if (args.layout === 'auto') {
      const layout = await detectedLayout(args);
      if (!args.quiet) io.stderr(`onetrip import: layout ${layout}\n`);
      args = { ...args, layout };
    }
    const dataset = await findOrCreateDataset(args, io);
    // A table preset finds its columns by their names: no suggested mapping to send.
    const preset = args.layout !== null && isTablePreset(args.layout);
    if (!args.mapping && !dataset.mapping && !preset) {
      args = { ...args, mapping: await suggestedMapping(args, io) };
    }
    const answer = await uploadFile(`${args.api}/api/v1/datasets/${dataset.id}/uploads`, args, io);
    io.stdout(`${JSON.stringify(answer.body, null, 2)}\n`);
    if (answer.status === 201) return 0;
    const problem = answer.body as { detail?: string; code?: string } | null;
    io.stderr(
      `onetrip import: ${problem?.code ?? answer.status}: ${problem?.detail ?? 'the upload failed'}\n`,
    );
    return 1;
  } catch (error) {
    io.stderr(`onetrip import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

export const importCommand = {
  summary: 'Upload an event log through the api into a dataset (created if missing)',
  run(argv: string[]): Promise<number> {
    return runImport(argv, {
      stdout: (t) => void process.stdout.write(t),
      stderr: (t) => void process.stderr.write(t),
      tty: process.stderr.isTTY,
    });
  },
};
