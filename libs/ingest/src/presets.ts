/**
 * Presets for the tables a government service platform exports (GB/T 39046-2020 政务服务平台基础
 * 数据规范) and for 12345 hotline work orders: each row of such a table becomes the events the
 * mining reads, and the case id (办件编号) joins the tables of one upload after another into the
 * same journeys (ReadOptions.preset; docs/ingest.md#government-tables). The hall queue export,
 * the fifth table, is the ticket-rows layout (ticket-rows.ts).
 *
 * One home for every preset: its columns (found by their Chinese or English header names, or by
 * the mapping), which are required, and what a row becomes. Columns no preset reads and no
 * mapped field uses are kept as attributes under their own header (承诺办结时间, 办件类型, 是否快递
 * …), on every event of the row.
 */
import type { EventField, TablePreset } from '@onetrip/contracts';
import {
  BLANK,
  CachedTimestamp,
  citizenValue,
  implausibleTime,
  quote,
  recordShape,
  rejected,
  setAttribute,
  type ParseContext,
} from './context';
import { IngestError } from './errors';
import { normalizeHeader } from './mapping';
import { ticketRowQueueActivities } from './ticket-rows';
import type { IngestRecord, NormalizedEvent } from './types';

/** A column a preset reads: its header names (most specific first), and how it is used. */
interface ColumnSpec {
  names: readonly string[];
  required?: boolean;
  /** A time column: parsed (rejecting the row when bad); otherwise the value is text. */
  time?: boolean;
  /** The mapped field that names this column instead, when the mapping has it. */
  field?: PlainField;
  /** Read (a time is still checked) but also kept as an attribute under its header. */
  keep?: boolean;
}

/** Fields of an event a preset row may take from a column (the mapping may name it). */
type PlainField = Extract<
  EventField,
  'caseId' | 'citizen' | 'service' | 'channel' | 'location' | 'department' | 'resource'
>;

const CASE_ID = [
  '办件编号',
  '办件号',
  '办件流水号',
  '申办流水号',
  '受理编号',
  '业务编号',
  'case_id',
  'case id',
  'case number',
  'case_no',
  'application id',
];
const CITIZEN = [
  '申请人证件号码',
  '证件号码',
  '身份证号',
  '统一社会信用代码',
  'citizen_id',
  'citizen',
  'applicant id',
];
const SERVICE = ['事项名称', '服务事项', '办理事项', 'service_name', 'service name', 'service'];

/** The activity names a preset's rows become, in Chinese and in English. */
type Names = Readonly<Record<string, string>>;

interface PresetSpec<K extends string> {
  columns: Readonly<Record<K, ColumnSpec>>;
  /**
   * Columns whose header, found by name, says a file is this table (all of them must be found);
   * the preview suggests the preset then (`detectLayout`).
   */
  signature: readonly (readonly string[])[];
  /** The column whose header's language (Chinese or not) picks the activity names. */
  languageOf: K;
  names: { zh: Names; en: Names };
  /** The events of one row (its values checked and parsed), in time order. */
  events(row: PresetRow<K>, names: Names): PresetEvent[];
  /** Pairs of time columns that must be in this order (earlier, later), when both are given. */
  order: readonly (readonly [K, K])[];
}

/** One row's values: text (null when blank) and times (epoch ms, null when blank). */
export interface PresetRow<K extends string> {
  text(key: K): string | null;
  time(key: K): number | null;
  /** The header of a column (for attributes named as the table has them). */
  header(key: K): string | null;
}

type PresetEvent = Pick<NormalizedEvent, 'activity' | 'timestamp'> &
  Partial<Omit<NormalizedEvent, 'activity' | 'timestamp' | 'caseId' | 'attributes'>> & {
    /** Attributes of this event only, besides the row's. */
    extra?: Record<string, string>;
  };

type CaseKey =
  | 'caseId'
  | 'service'
  | 'channel'
  | 'appliedAt'
  | 'acceptedAt'
  | 'completedAt'
  | 'promisedAt'
  | 'department'
  | 'location'
  | 'citizen';

const CASE: PresetSpec<CaseKey> = {
  columns: {
    caseId: { names: CASE_ID, required: true, field: 'caseId' },
    service: { names: SERVICE, field: 'service' },
    channel: {
      names: [
        '申报来源',
        '办理形式',
        '申报方式',
        '申请方式',
        '办理渠道',
        '申办渠道',
        'channel',
        'source',
        'application channel',
      ],
      field: 'channel',
    },
    appliedAt: {
      names: ['申请时间', '申报时间', '提交时间', 'applied_at', 'application time', 'submitted_at'],
      required: true,
      time: true,
    },
    acceptedAt: {
      names: ['受理时间', 'accepted_at', 'acceptance time', 'accepted'],
      time: true,
    },
    completedAt: {
      names: ['办结时间', '完成时间', 'completed_at', 'completion time', 'closed_at'],
      time: true,
    },
    // Kept as the table has it: the promised time limit is the case's attribute (checked here).
    promisedAt: {
      names: ['承诺办结时间', '承诺时间', 'promised_at', 'promised completion', 'due_at'],
      time: true,
      keep: true,
    },
    department: {
      names: ['受理部门', '实施机构', '实施主体', '办理部门', 'department', 'agency'],
      field: 'department',
    },
    location: {
      names: ['受理地点', '办理地点', '大厅', '办事大厅', 'location', 'hall'],
      field: 'location',
    },
    citizen: { names: CITIZEN, field: 'citizen' },
  },
  signature: [CASE_ID, ['申请时间', '申报时间', 'applied_at', 'application time']],
  languageOf: 'appliedAt',
  names: {
    zh: { applied: '申请', accepted: '受理', completed: '办结' },
    en: { applied: 'Apply', accepted: 'Accept', completed: 'Complete' },
  },
  order: [
    ['appliedAt', 'acceptedAt'],
    ['acceptedAt', 'completedAt'],
    ['appliedAt', 'completedAt'],
  ],
  events(row, names) {
    const out: PresetEvent[] = [];
    const applied = row.time('appliedAt');
    if (applied !== null) {
      // The channel is the application's (申报来源): where the citizen turned up, or not.
      out.push({ activity: names.applied, timestamp: applied, channel: row.text('channel') });
    }
    const accepted = row.time('acceptedAt');
    if (accepted !== null) out.push({ activity: names.accepted, timestamp: accepted });
    const completed = row.time('completedAt');
    if (completed !== null) out.push({ activity: names.completed, timestamp: completed });
    return out;
  },
};

type ProcessKey =
  | 'caseId'
  | 'step'
  | 'action'
  | 'start'
  | 'end'
  | 'resource'
  | 'department'
  | 'service'
  | 'citizen';

const STEP = ['环节名称', '办理环节', '环节', '节点名称', 'step_name', 'step name', 'step'];
const ACTION = ['业务动作', '办理动作', '审批动作', '处理动作', 'business action', 'action'];

/** 业务动作 values that send the case back (to the applicant or an earlier step). */
const RETURN_ACTIONS = new Set([
  '退回',
  '回退',
  '驳回',
  '退件',
  '补正',
  '不通过',
  'return',
  'returned',
  'reject',
  'rejected',
  'send back',
]);

/** Whether a 业务动作 value is a return (退回 and its synonyms, compared trimmed, any case). */
export function isReturnAction(value: string | null): boolean {
  return value !== null && RETURN_ACTIONS.has(value.normalize('NFKC').trim().toLowerCase());
}

const PROCESS: PresetSpec<ProcessKey> = {
  columns: {
    caseId: { names: CASE_ID, required: true, field: 'caseId' },
    step: { names: STEP, required: true },
    action: { names: ACTION, keep: true },
    start: {
      names: [
        '环节开始时间',
        '开始时间',
        '接收时间',
        'step_start',
        'step start',
        'start',
        'started_at',
      ],
      time: true,
    },
    end: {
      names: [
        '环节结束时间',
        '结束时间',
        '完成时间',
        '办理时间',
        'step_end',
        'step end',
        'end',
        'ended_at',
      ],
      required: true,
      time: true,
    },
    resource: {
      names: ['处理人', '办理人', '经办人', '处理人员', 'handler', 'resource'],
      field: 'resource',
    },
    department: {
      names: ['处理部门', '办理部门', '承办部门', 'department'],
      field: 'department',
    },
    service: { names: SERVICE, field: 'service' },
    citizen: { names: CITIZEN, field: 'citizen' },
  },
  signature: [CASE_ID, STEP, ACTION],
  languageOf: 'step',
  names: { zh: { returned: '退回' }, en: { returned: 'Returned' } },
  order: [['start', 'end']],
  events(row, names) {
    const step = row.text('step') ?? '';
    const end = row.time('end') ?? 0;
    const resource = row.text('resource');
    const department = row.text('department');
    const out: PresetEvent[] = [
      { activity: step, timestamp: end, startTimestamp: row.time('start'), resource, department },
    ];
    // A return is an event of its own right after the step: the step repeats afterwards (rework)
    // and the return is the cause a return trip is credited to (insights return causes).
    if (isReturnAction(row.text('action'))) {
      const stepHeader = row.header('step') ?? 'step';
      out.push({
        activity: names.returned,
        timestamp: end,
        resource,
        department,
        extra: { [stepHeader]: step },
      });
    }
    return out;
  },
};

type SpecialKey = 'caseId' | 'kind' | 'start' | 'end' | 'department' | 'service';
const SPECIAL_KIND = [
  '特别程序种类',
  '特别程序类型',
  '特别程序名称',
  '特别程序',
  '程序种类',
  'special procedure',
  'special_procedure',
  'procedure',
  'kind',
];

const SPECIAL: PresetSpec<SpecialKey> = {
  columns: {
    caseId: { names: CASE_ID, required: true, field: 'caseId' },
    // Kept too: the activity is the kind, and the attribute tells a special procedure apart.
    kind: { names: SPECIAL_KIND, required: true, keep: true },
    start: {
      names: ['特别程序开始时间', '开始时间', '启动时间', 'start', 'started_at', 'start time'],
      required: true,
      time: true,
    },
    end: {
      names: ['特别程序结束时间', '结束时间', '完成时间', 'end', 'ended_at', 'end time'],
      time: true,
    },
    department: {
      names: ['处理部门', '办理部门', '承办部门', 'department'],
      field: 'department',
    },
    service: { names: SERVICE, field: 'service' },
  },
  signature: [CASE_ID, SPECIAL_KIND.slice(0, 7)],
  languageOf: 'start',
  names: { zh: {}, en: {} },
  order: [['start', 'end']],
  events(row) {
    const kind = row.text('kind') ?? '';
    const start = row.time('start') ?? 0;
    const department = row.text('department');
    const out: PresetEvent[] = [
      { activity: kind, timestamp: start, lifecycle: 'start', department },
    ];
    const end = row.time('end');
    if (end !== null)
      out.push({ activity: kind, timestamp: end, lifecycle: 'complete', department });
    return out;
  },
};

type OrderKey =
  | 'caseId'
  | 'acceptedAt'
  | 'dispatchedAt'
  | 'closedAt'
  | 'visitedAt'
  | 'department'
  | 'service'
  | 'citizen'
  | 'channel';
const ORDER_ID = [
  '工单编号',
  '工单号',
  '工单流水号',
  'work_order_id',
  'work order id',
  'work order',
];

const WORK_ORDER: PresetSpec<OrderKey> = {
  columns: {
    caseId: { names: ORDER_ID, required: true, field: 'caseId' },
    acceptedAt: {
      names: ['受理时间', '来电时间', '登记时间', 'accepted_at', 'acceptance time', 'received_at'],
      required: true,
      time: true,
    },
    dispatchedAt: {
      names: ['派遣时间', '派单时间', '转办时间', 'dispatched_at', 'dispatch time'],
      time: true,
    },
    closedAt: {
      names: ['办结时间', '完成时间', 'closed_at', 'completed_at', 'completion time'],
      time: true,
    },
    visitedAt: {
      names: ['回访时间', 'follow_up_at', 'follow-up time', 'callback_at', 'visited_at'],
      time: true,
    },
    department: {
      names: ['主办单位', '承办单位', '办理单位', '承办部门', 'handling unit', 'department'],
      field: 'department',
    },
    service: { names: ['诉求事项', '事项名称', 'service', 'subject'], field: 'service' },
    citizen: { names: ['来电人证件号码', ...CITIZEN], field: 'citizen' },
    channel: { names: ['来源渠道', '渠道', 'channel'], field: 'channel' },
  },
  signature: [ORDER_ID, ['受理时间', '来电时间', 'accepted_at', 'received_at']],
  languageOf: 'acceptedAt',
  names: {
    zh: {
      accepted: '12345受理',
      dispatched: '12345派遣',
      closed: '12345办结',
      visited: '12345回访',
      channel: '12345热线',
    },
    en: {
      accepted: 'Hotline order accepted',
      dispatched: 'Hotline order dispatched',
      closed: 'Hotline order closed',
      visited: 'Hotline follow-up call',
      channel: 'hotline',
    },
  },
  order: [
    ['acceptedAt', 'dispatchedAt'],
    ['dispatchedAt', 'closedAt'],
    ['acceptedAt', 'closedAt'],
    ['closedAt', 'visitedAt'],
  ],
  events(row, names) {
    // The citizen calls and is called back: those two are on the phone; the rest is the unit's.
    const phone = row.text('channel') ?? names.channel;
    const department = row.text('department');
    const out: PresetEvent[] = [
      {
        activity: names.accepted,
        timestamp: row.time('acceptedAt') ?? 0,
        channel: phone,
        department: null,
      },
    ];
    const dispatched = row.time('dispatchedAt');
    if (dispatched !== null) {
      out.push({ activity: names.dispatched, timestamp: dispatched, department });
    }
    const closed = row.time('closedAt');
    if (closed !== null) out.push({ activity: names.closed, timestamp: closed, department });
    const visited = row.time('visitedAt');
    if (visited !== null) {
      out.push({ activity: names.visited, timestamp: visited, channel: phone, department: null });
    }
    return out;
  },
};

// The specs differ in their column keys; the mapper reads any of them through string keys.
const PRESETS: Record<TablePreset, PresetSpec<string>> = {
  'gbt-case': CASE,
  'gbt-process': PROCESS,
  'gbt-special-procedure': SPECIAL,
  'work-order-12345': WORK_ORDER,
};

function findHeader(normalized: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const k = normalized.indexOf(normalizeHeader(name));
    if (k >= 0) return k;
  }
  return -1;
}

/** Presets tried by detectLayout, most distinctive first (a work order has 受理时间 too). */
const DETECTION_ORDER: readonly TablePreset[] = [
  'work-order-12345',
  'gbt-process',
  'gbt-special-procedure',
  'gbt-case',
];

/**
 * The layout a header looks like: `ticket-rows` for a hall queue export, a table preset when
 * all of its signature columns are found by name (办件编号 + 申请时间: a case table; + 环节名称 +
 * 业务动作: a process table; + 特别程序种类: special procedures; 工单编号 + 受理时间: a 12345 work
 * order), else `events`.
 */
export function detectLayout(header: readonly string[]): 'events' | 'ticket-rows' | TablePreset {
  if (ticketRowQueueActivities(header) !== null) return 'ticket-rows';
  const normalized = header.map(normalizeHeader);
  for (const preset of DETECTION_ORDER) {
    if (PRESETS[preset].signature.every((names) => findHeader(normalized, names) >= 0)) {
      return preset;
    }
  }
  return 'events';
}

/** The columns a preset found in a header (key → header), for docs, tests and the preview. */
export function presetColumns(
  preset: TablePreset,
  header: readonly string[],
): Record<string, string> {
  const normalized = header.map(normalizeHeader);
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(PRESETS[preset].columns)) {
    const k = findHeader(normalized, spec.names);
    if (k >= 0) out[key] = header[k];
  }
  return out;
}

/**
 * The mapping a preset's columns stand for in a header (caseId, citizen, service, channel,
 * location, department, resource as the preset finds them): the preview suggests it for a file
 * that looks like the preset, so the dialog shows 申报来源 as the channel with its roles.
 */
export function presetMapping(
  preset: TablePreset,
  header: readonly string[],
): Partial<Record<EventField, string>> {
  const found = presetColumns(preset, header);
  const out: Partial<Record<EventField, string>> = {};
  for (const [key, spec] of Object.entries(PRESETS[preset].columns)) {
    if (spec.field !== undefined && found[key] !== undefined) out[spec.field] = found[key];
  }
  return out;
}

/** Reads the rows of a table preset (the RowMapper of csv.ts, for CSV and .xlsx). */
export class PresetRowMapper {
  private readonly ncol: number;
  private readonly keys: string[];
  /** Column index per key (-1 when absent). */
  private readonly col: Record<string, number>;
  private readonly attrIdx: number[];
  readonly need: Uint8Array;
  private readonly ts: Record<string, CachedTimestamp>;
  private readonly names: Names;
  private readonly spec: PresetSpec<string>;

  constructor(
    private readonly header: string[],
    private readonly ctx: ParseContext,
    preset: TablePreset,
  ) {
    this.spec = PRESETS[preset];
    this.ncol = header.length;
    const normalized = header.map(normalizeHeader);
    const missing = (key: string, name: string | null): never => {
      const names = this.spec.columns[key]?.names ?? [];
      throw new IngestError({
        file: ctx.file,
        line: 1,
        column: name,
        reason: `the ${preset} table needs a ${name === null ? `column named ${names.slice(0, 3).join(' / ')}` : `column "${name}"`}; the header has ${header
          .slice(0, 30)
          .map((h) => JSON.stringify(h))
          .join(', ')}`,
        code: 'missing-column',
      });
    };
    this.keys = Object.keys(this.spec.columns);
    this.col = {};
    const taken = new Set<number>();
    for (const key of this.keys) {
      const spec = this.spec.columns[key];
      const mapped = spec.field === undefined ? undefined : ctx.mapping[spec.field];
      let k: number;
      if (mapped !== undefined) {
        k = header.indexOf(mapped);
        if (k < 0) missing(key, mapped);
      } else {
        k = findHeader(normalized, spec.names);
        // One column serves one key (受理时间 and 办结时间 are found once each).
        if (k >= 0 && taken.has(k)) k = -1;
      }
      if (k < 0 && spec.required) missing(key, null);
      if (k >= 0) taken.add(k);
      this.col[key] = k;
    }
    // Columns another mapped field names (a mapped location on a process table, say) are read
    // too, and are not attributes.
    const used = new Set(
      this.keys.filter((key) => !this.spec.columns[key].keep).map((key) => this.col[key]),
    );
    for (const field of PLAIN_FROM_MAPPING) {
      const name = ctx.mapping[field];
      const k = name === undefined ? -1 : header.indexOf(name);
      if (k >= 0 && !this.keys.some((key) => this.spec.columns[key].field === field)) {
        used.add(k);
        taken.add(k);
      }
    }
    this.attrIdx = ctx.keepAttributes ? header.map((_, k) => k).filter((k) => !used.has(k)) : [];
    this.need = new Uint8Array(this.ncol);
    for (const k of taken) this.need[k] = 1;
    for (const k of this.attrIdx) this.need[k] = 1;
    this.ts = Object.fromEntries(
      this.keys
        .filter((key) => this.spec.columns[key].time)
        .map((key) => [key, new CachedTimestamp(ctx.timezone)]),
    );
    const languageColumn = this.col[this.spec.languageOf];
    const zh = languageColumn >= 0 && /[\u3400-\u9fff]/.test(header[languageColumn]);
    this.names = zh ? this.spec.names.zh : this.spec.names.en;
  }

  private value(f: string[], k: number): string | null {
    if (k < 0) return null;
    const v = f[k].trim();
    return v === '' ? null : v;
  }

  map(f: string[], count: number, line: number, out: IngestRecord[], checkEncoding: boolean): void {
    const shape = recordShape(f, count, line, this.ncol, this.header, this.ctx, checkEncoding);
    if (shape !== null) {
      if (shape !== BLANK) out.push(shape);
      return;
    }
    const { col, spec, header } = this;
    const text: Record<string, string | null> = {};
    const times: Record<string, number | null> = {};
    for (const key of this.keys) {
      const k = col[key];
      const raw = this.value(f, k);
      const column = spec.columns[key];
      if (raw === null && column.required) {
        const code =
          key === 'caseId'
            ? 'missing-case-id'
            : column.time
              ? 'missing-timestamp'
              : 'missing-activity';
        out.push(rejected(line, header[k], code));
        return;
      }
      text[key] = raw;
      if (column.time) {
        if (raw === null) {
          times[key] = null;
          continue;
        }
        const at = this.ts[key].parse(raw);
        if (at === null) {
          out.push(rejected(line, header[k], 'unparseable-timestamp', { value: quote(raw) }));
          return;
        }
        const odd = implausibleTime(this.ctx, line, header[k], raw, at);
        if (odd !== null) {
          out.push(odd);
          return;
        }
        times[key] = at;
      }
    }
    for (const [earlier, later] of spec.order) {
      const a = times[earlier];
      const b = times[later];
      if (a !== null && a !== undefined && b !== null && b !== undefined && b < a) {
        out.push(
          rejected(line, header[col[later]], 'times-out-of-order', {
            later: header[col[later]],
            value: quote(text[later] ?? ''),
            earlier: header[col[earlier]],
          }),
        );
        return;
      }
    }
    const attributes: Record<string, string> = {};
    for (const k of this.attrIdx) if (f[k] !== '') setAttribute(attributes, header[k], f[k]);
    const row: PresetRow<string> = {
      text: (key) => text[key] ?? null,
      time: (key) => times[key] ?? null,
      header: (key) => (col[key] >= 0 ? header[col[key]] : null),
    };
    const caseId = text.caseId ?? '';
    const base = {
      startTimestamp: null,
      lifecycle: null,
      resource: null,
      citizen: citizenValue(this.ctx, text.citizen ?? this.plain(f, 'citizen')),
      service: text.service ?? this.plain(f, 'service'),
      channel: null,
      location: text.location ?? this.plain(f, 'location'),
      department: text.department ?? this.plain(f, 'department'),
      sourceSystem: this.plain(f, 'sourceSystem'),
    };
    for (const e of spec.events(row, this.names)) {
      const { extra, activity, timestamp, ...fields } = e;
      const event: NormalizedEvent = {
        caseId,
        ...base,
        ...definedFields(fields),
        activity,
        timestamp,
        attributes: extra === undefined ? attributes : { ...attributes, ...extra },
      };
      out.push({ kind: 'event', line, event });
    }
  }

  /** A field the mapping names although the preset has no column for it. */
  private plain(f: string[], field: EventField): string | null {
    const name = this.ctx.mapping[field];
    if (name === undefined) return null;
    const k = this.header.indexOf(name);
    return k < 0 ? null : this.value(f, k);
  }
}

/** Fields a preset row takes from the mapping when the preset has no column of its own for them. */
const PLAIN_FROM_MAPPING: readonly EventField[] = [
  'citizen',
  'service',
  'location',
  'department',
  'sourceSystem',
];

/** Drops undefined fields, so an event's own fields override the row's only when given. */
function definedFields<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const [k, v] of Object.entries(o) as [keyof T, T[keyof T]][]) {
    if (v !== undefined) r[k] = v;
  }
  return r;
}
