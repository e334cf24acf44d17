/**
 * Column mappings: the defaults per format, and suggestions from headers (English and Chinese)
 * and a sample of values.
 */
import type { ColumnMapping, EventField } from '@onetrip/contracts';
import { parseTimestamp } from './timestamp';
import type { IngestFormat } from './types';

/** CSV / NDJSON defaults; the other fields are unmapped. */
export const CSV_DEFAULT_MAPPING: ColumnMapping = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
};

/**
 * When a required default column is absent from a CSV, the name PM4Py and XES exports use is
 * tried instead, so `case:concept:name,concept:name,time:timestamp` files load without a mapping.
 */
export const CSV_FALLBACK_MAPPING: ColumnMapping = {
  caseId: 'case:concept:name',
  activity: 'concept:name',
  timestamp: 'time:timestamp',
};

/** XES standard extensions. Trace attributes may be named with a `case:` prefix. */
export const XES_DEFAULT_MAPPING: ColumnMapping = {
  caseId: 'concept:name',
  activity: 'concept:name',
  timestamp: 'time:timestamp',
  lifecycle: 'lifecycle:transition',
  resource: 'org:resource',
};

export function defaultMapping(format: IngestFormat): ColumnMapping {
  return format === 'xes' ? XES_DEFAULT_MAPPING : CSV_DEFAULT_MAPPING;
}

/** Header names per field, most specific first. Compared after normalizeHeader. */
const SYNONYMS: Record<EventField, string[]> = {
  caseId: [
    'case_id',
    'caseid',
    'case',
    'case:concept:name',
    'case id',
    'application id',
    'application_id',
    'ticket id',
    'ticket_id',
    'request id',
    'order id',
    '办件编号',
    '办件号',
    '受理编号',
    '申请编号',
    '业务编号',
    '案件编号',
    '流水号',
    '办件流水号',
    '件号',
    '编号',
  ],
  activity: [
    'activity',
    'concept:name',
    'activity name',
    'activity_name',
    'task',
    'step',
    'event',
    'action',
    '环节名称',
    '环节',
    '活动',
    '活动名称',
    '办理环节',
    '步骤',
    '操作',
    '节点名称',
  ],
  timestamp: [
    'timestamp',
    'time:timestamp',
    'complete_timestamp',
    'end_timestamp',
    'end time',
    'end_time',
    'completed',
    'completion time',
    'time',
    'datetime',
    'date',
    '办理时间',
    '完成时间',
    '结束时间',
    '处理时间',
    '时间',
    '办结时间',
    '操作时间',
  ],
  startTimestamp: [
    'start_timestamp',
    'start timestamp',
    'start_time',
    'start time',
    'started',
    'start',
    '开始时间',
    '开始办理时间',
    '受理时间',
    '接收时间',
  ],
  lifecycle: ['lifecycle', 'lifecycle:transition', 'transition', 'status', '生命周期', '状态'],
  resource: [
    'resource',
    'org:resource',
    'user',
    'operator',
    'staff',
    'employee',
    'handler',
    '办理人',
    '经办人',
    '处理人',
    '操作人',
    '承办人',
    '工作人员',
  ],
  citizen: [
    'citizen',
    'citizen_id',
    'citizen id',
    'person_id',
    'id_number',
    'id number',
    'national_id',
    'applicant_id',
    '证件号码',
    '身份证号',
    '身份证号码',
    '申请人证件号码',
    '证件号',
    '统一社会信用代码',
  ],
  service: [
    'service',
    'service_name',
    'service name',
    'matter',
    'item',
    '事项名称',
    '事项',
    '服务事项',
    '办理事项',
    '业务名称',
    '业务类型',
  ],
  channel: [
    'channel',
    'case:channel',
    'source channel',
    '办理渠道',
    '渠道',
    '申办渠道',
    '受理渠道',
  ],
  location: [
    'location',
    'hall',
    'office',
    'site',
    'branch',
    'window',
    '大厅',
    '办事大厅',
    '服务大厅',
    '地点',
    '办理地点',
    '窗口',
    '网点',
  ],
  department: [
    'department',
    'case:department',
    'dept',
    'agency',
    'org:group',
    'unit',
    '部门',
    '办理部门',
    '承办部门',
    '受理部门',
    '单位',
  ],
  sourceSystem: [
    'source_system',
    'source system',
    'system',
    'source',
    '来源系统',
    '系统',
    '数据来源',
  ],
};

export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s\-_]+/g, ' ')
    .replace(/\s+/g, ' ');
}

const NORMALIZED_SYNONYMS: Record<EventField, string[]> = Object.fromEntries(
  Object.entries(SYNONYMS).map(([f, names]) => [f, names.map(normalizeHeader)]),
) as Record<EventField, string[]>;

const CHINESE_ID = /^\d{17}[\dXx]$/;

/** Share of non-empty sample values in column `col` that satisfy `test` (0 with no values). */
function sampleShare(
  sample: string[][] | undefined,
  col: number,
  test: (v: string) => boolean,
): number {
  if (!sample) return 0;
  let n = 0;
  let ok = 0;
  for (const row of sample) {
    const v = row[col];
    if (v === undefined || v.trim() === '') continue;
    n++;
    if (test(v)) ok++;
  }
  return n === 0 ? 0 : ok / n;
}

/**
 * Suggests a mapping from header names (exact synonym match first, then a synonym contained in
 * the header), checked against sample rows where given: a timestamp column must mostly parse as
 * timestamps; a column of 18-character Chinese ID numbers is suggested as the citizen. Each
 * column is used at most once; fields without a good candidate are left out.
 */
export function suggestMapping(headers: string[], sample?: string[][]): Partial<ColumnMapping> {
  const norm = headers.map(normalizeHeader);
  const used = new Set<number>();
  const result: Partial<Record<EventField, string>> = {};
  const isTime = (v: string): boolean => parseTimestamp(v, 'UTC') !== null;
  const acceptable = (field: EventField, col: number): boolean => {
    if (!sample || sample.length === 0) return true;
    if (field === 'timestamp' || field === 'startTimestamp')
      return sampleShare(sample, col, isTime) >= 0.8;
    return true;
  };
  // Order matters: start before timestamp would steal "start time"; exact before contains.
  const order: EventField[] = [
    'caseId',
    'startTimestamp',
    'timestamp',
    'activity',
    'lifecycle',
    'resource',
    'citizen',
    'service',
    'channel',
    'location',
    'department',
    'sourceSystem',
  ];
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of order) {
      if (result[field] !== undefined) continue;
      for (const syn of NORMALIZED_SYNONYMS[field]) {
        const col = norm.findIndex(
          (h, k) =>
            !used.has(k) &&
            (pass === 'exact' ? h === syn : syn.length >= 2 && h.includes(syn)) &&
            acceptable(field, k),
        );
        if (col >= 0) {
          result[field] = headers[col];
          used.add(col);
          break;
        }
      }
    }
  }
  if (sample && sample.length > 0) {
    if (result.timestamp === undefined) {
      const col = headers.findIndex(
        (_, k) => !used.has(k) && sampleShare(sample, k, isTime) >= 0.8,
      );
      if (col >= 0) {
        result.timestamp = headers[col];
        used.add(col);
      }
    }
    if (result.citizen === undefined) {
      const col = headers.findIndex(
        (_, k) => !used.has(k) && sampleShare(sample, k, (v) => CHINESE_ID.test(v.trim())) >= 0.8,
      );
      if (col >= 0) {
        result.citizen = headers[col];
        used.add(col);
      }
    }
  }
  return result;
}
