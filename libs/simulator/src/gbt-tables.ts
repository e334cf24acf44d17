/**
 * The simulated journeys as a government service platform and its neighbours export them: the
 * GB/T 39046-2020 case (办件), process (办理环节) and special-procedure (特别程序) tables, the
 * hall queue export (one row per ticket) and 12345 work orders (docs/simulator.md#government-tables).
 * Opt-in (`onetrip simulate --gbt-tables DIR`): the event log and its truth are unchanged.
 *
 * Derived from each journey's events only; the few things the event log does not have (PC or
 * mobile application, special procedures inside long reviews, work-order follow-ups and their
 * satisfaction) are drawn from a hash of the case id, never from the simulation's PRNG, so the
 * default output stays byte for byte what it was.
 */
import { addWorkingDays, dayOf, formatDay, formatTimestamp, toBeijingSeconds } from './calendar';
import type { SimulatedEvent, SimulatedJourney } from './journey';
import { ACTIVITIES, SERVICES, type ActivityCode, type Lang } from './world';

export const GBT_TABLES = [
  'cases',
  'process',
  'special-procedures',
  'queue',
  'work-orders',
] as const;
export type GbtTable = (typeof GBT_TABLES)[number];

/** The columns of each table, in the GB/T (and platform) names. */
export const GBT_HEADERS: Readonly<Record<GbtTable, readonly string[]>> = {
  cases: [
    '办件编号',
    '事项编码',
    '事项名称',
    '办件类型',
    '申报来源',
    '申请人证件号码',
    '受理部门',
    '受理地点',
    '申请时间',
    '受理时间',
    '承诺办结时间',
    '办结时间',
    '办结结果',
    '是否快递',
  ],
  process: [
    '办件编号',
    '环节名称',
    '业务动作',
    '环节开始时间',
    '环节结束时间',
    '处理人',
    '处理部门',
  ],
  'special-procedures': [
    '办件编号',
    '特别程序种类',
    '特别程序开始时间',
    '特别程序结束时间',
    '处理部门',
  ],
  queue: [
    '票号',
    '办件编号',
    '事项名称',
    '大厅',
    '取号时间',
    '叫号时间',
    '开始服务时间',
    '完成时间',
    '窗口',
  ],
  'work-orders': [
    '工单编号',
    '工单类型',
    '关联办件编号',
    '诉求事项',
    '主办单位',
    '受理时间',
    '派遣时间',
    '办结时间',
    '回访时间',
    '回访满意度',
  ],
};

export type GbtRow = Readonly<Record<string, string>>;
export type GbtRows = Record<GbtTable, GbtRow[]>;

/** 事项编码 per service: made up, in the 12-digit shape of the national catalogue. */
const SERVICE_CODES: Readonly<Record<string, string>> = {
  business_licence: '000104001000',
  social_security_card: '000113002000',
  provident_fund_withdrawal: '000136003000',
  residence_permit: '000102004000',
  building_permit: '000125005000',
};

const WORDS = {
  'zh-CN': {
    committed: '承诺件',
    immediate: '即办件',
    yes: '是',
    no: '否',
    approved: '准予许可',
    terminated: '终止办理',
    pass: '通过',
    return: '退回',
    stop: '终止',
    inquiry: '咨询',
    status: '查询',
    hotline: '12345政务服务便民热线',
    special: ['延长审批', '听证', '检验检测', '专家评审'],
    satisfaction: ['非常满意', '满意', '基本满意', '不满意'],
  },
  en: {
    committed: 'committed',
    immediate: 'immediate',
    yes: 'yes',
    no: 'no',
    approved: 'approved',
    terminated: 'terminated',
    pass: 'pass',
    return: 'return',
    stop: 'stop',
    inquiry: 'inquiry',
    status: 'status enquiry',
    hotline: '12345 Government Service Hotline',
    special: ['Extended approval', 'Hearing', 'Inspection and testing', 'Expert review'],
    satisfaction: ['very satisfied', 'satisfied', 'fairly satisfied', 'dissatisfied'],
  },
} as const;

/** FNV-1a of a string, as a number in [0, 1): the tables' own deterministic draws. */
function draw(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/** `YYYY-MM-DD HH:mm:ss`, Beijing wall time: how Chinese platform exports write times. */
export function wallTime(epochMs: number): string {
  return formatTimestamp(epochMs).slice(0, 19).replace('T', ' ');
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function codesByLabel(): Map<string, ActivityCode> {
  const m = new Map<string, ActivityCode>();
  for (const [code, labels] of Object.entries(ACTIVITIES) as [
    ActivityCode,
    Record<Lang, string>,
  ][]) {
    m.set(labels.en, code);
    m.set(labels['zh-CN'], code);
  }
  return m;
}
const CODE_OF = codesByLabel();

/** The activity code of a simulated event. */
function codeOf(e: SimulatedEvent): ActivityCode | undefined {
  return CODE_OF.get(e.activity);
}

const COUNTER: ReadonlySet<ActivityCode> = new Set([
  'counter_submit',
  'counter_biometric',
  'counter_supplement',
  'counter_redirect',
  'counter_collect',
  'counter_issue',
]);

/** The rows one journey contributes to each table (empty arrays when it has no case). */
export function gbtTables(journey: SimulatedJourney, lang: Lang): GbtRows {
  const rows: GbtRows = {
    cases: [],
    process: [],
    'special-procedures': [],
    queue: [],
    'work-orders': [],
  };
  const w = WORDS[lang];
  const events = journey.events;
  const codes = events.map(codeOf);
  const find = (code: ActivityCode): number => codes.indexOf(code);
  const submit = codes.findIndex((c) => c === 'submit_online' || c === 'counter_submit');
  const backOffice = events.find((e) => e.sourceSystem === 'back_office');
  const issued = find('counter_issue');
  // The case id: the department's application number, or the counter's for one issued on the spot.
  const caseId = backOffice?.caseId ?? (issued >= 0 ? events[issued].caseId : null);
  if (submit >= 0 && caseId !== null) {
    const service = SERVICES.find((s) => s.code === journey.serviceCode);
    const submitted = events[submit];
    const online = codes[submit] === 'submit_online';
    // The pre-review that let the application through (not followed by a request for materials).
    let acceptedAt: number | null = null;
    codes.forEach((c, i) => {
      if (c === 'pre_review' && codes[i + 1] !== 'request_supplement') {
        acceptedAt ??= events[i].timestamp;
      }
    });
    if (issued >= 0) acceptedAt = submitted.timestamp;
    const approve = find('approve');
    const closed = find('close_no_response');
    const completed =
      issued >= 0
        ? events[issued]
        : approve >= 0
          ? events[approve]
          : closed >= 0
            ? events[closed]
            : null;
    const promisedDays = service
      ? Math.round(
          service.promisedWorkingDays.before +
            (service.promisedWorkingDays.after - service.promisedWorkingDays.before) *
              journey.uptake,
        )
      : 0;
    // Counting starts the day after acceptance; the limit is the end of the last working day.
    const promised =
      acceptedAt === null || issued >= 0
        ? ''
        : `${formatDay(addWorkingDays(dayOf(toBeijingSeconds(acceptedAt)) + 1, promisedDays - 1))} 23:59:59`;
    rows.cases.push({
      办件编号: caseId,
      事项编码: SERVICE_CODES[journey.serviceCode] ?? '',
      事项名称: journey.service,
      办件类型: issued >= 0 ? w.immediate : w.committed,
      // GB/T 39046 申报来源: 1 counter, 2 PC, 3 mobile (4 post is not simulated).
      申报来源: online ? (draw(`${caseId}:channel`) < 0.5 ? '2' : '3') : '1',
      申请人证件号码: journey.citizenId,
      受理部门: backOffice?.department ?? submitted.department,
      受理地点: submitted.location ?? '',
      申请时间: wallTime(submitted.timestamp),
      受理时间: acceptedAt === null ? '' : wallTime(acceptedAt),
      承诺办结时间: promised,
      办结时间: completed === null ? '' : wallTime(completed.timestamp),
      办结结果:
        completed === null
          ? ''
          : closed >= 0 && completed === events[closed]
            ? w.terminated
            : w.approved,
      是否快递: find('post_dispatch') >= 0 ? w.yes : w.no,
    });
    events.forEach((e, i) => {
      const c = codes[i];
      if (e.sourceSystem !== 'back_office' || c === 'request_supplement') return;
      const action =
        c === 'pre_review' && codes[i + 1] === 'request_supplement'
          ? w.return
          : c === 'close_no_response'
            ? w.stop
            : w.pass;
      rows.process.push({
        办件编号: caseId,
        环节名称: e.activity,
        业务动作: action,
        环节开始时间: wallTime(e.startTimestamp),
        环节结束时间: wallTime(e.timestamp),
        处理人: e.resource,
        处理部门: e.department,
      });
      // A special procedure inside some reviews of three days or more (not counted in the limit).
      if (c === 'review' && e.timestamp - e.startTimestamp >= 3 * DAY_MS) {
        const d = draw(`${caseId}:special`);
        if (d < 0.3) {
          const start = e.startTimestamp + DAY_MS;
          const end = Math.min(start + 2 * DAY_MS, e.timestamp - HOUR_MS);
          rows['special-procedures'].push({
            办件编号: caseId,
            特别程序种类: w.special[Math.floor((d / 0.3) * w.special.length)],
            特别程序开始时间: wallTime(start),
            特别程序结束时间: wallTime(end),
            处理部门: e.department,
          });
        }
      }
    });
    queueRows(journey, codes, caseId, rows.queue);
  }
  workOrders(journey, codes, caseId, lang, rows['work-orders']);
  return rows;
}

/** One row per ticket: taken, called, and the counter steps of that visit. */
function queueRows(
  journey: SimulatedJourney,
  codes: (ActivityCode | undefined)[],
  caseId: string,
  out: GbtRow[],
): void {
  const events = journey.events;
  for (let i = 0; i < events.length; i++) {
    if (codes[i] !== 'take_ticket') continue;
    const ticket = events[i];
    let called: SimulatedEvent | null = null;
    let first: SimulatedEvent | null = null;
    let last: SimulatedEvent | null = null;
    for (let j = i + 1; j < events.length; j++) {
      const c = codes[j];
      if (c === 'take_ticket') break;
      if (c === 'called' && events[j].caseId === ticket.caseId) called = events[j];
      else if (c !== undefined && COUNTER.has(c) && called !== null) {
        first ??= events[j];
        last = events[j];
      } else if (events[j].sourceSystem !== 'queue') break;
    }
    out.push({
      票号: ticket.caseId,
      办件编号: caseId,
      事项名称: journey.service,
      大厅: ticket.location ?? '',
      取号时间: wallTime(ticket.timestamp),
      叫号时间: called === null ? '' : wallTime(called.timestamp),
      开始服务时间: first === null ? '' : wallTime(first.startTimestamp),
      完成时间: last === null ? '' : wallTime(last.timestamp),
      窗口: called?.resource ?? '',
    });
  }
}

/** One work order per call to 12345: answered at once, or dispatched and followed up. */
function workOrders(
  journey: SimulatedJourney,
  codes: (ActivityCode | undefined)[],
  caseId: string | null,
  lang: Lang,
  out: GbtRow[],
): void {
  const w = WORDS[lang];
  const events = journey.events;
  const department = events.find((e) => e.sourceSystem === 'back_office')?.department ?? '';
  events.forEach((e, i) => {
    const c = codes[i];
    if (c !== 'hotline_inquiry' && c !== 'hotline_status') return;
    const status = c === 'hotline_status';
    const dispatched = status ? e.timestamp + 10 * 60_000 : null;
    const closed = dispatched === null ? e.timestamp : dispatched + 3 * HOUR_MS;
    const visited = closed + DAY_MS;
    const d = draw(`${e.caseId}:satisfaction`);
    out.push({
      工单编号: e.caseId,
      工单类型: status ? w.status : w.inquiry,
      关联办件编号: status && caseId !== null ? caseId : '',
      诉求事项: journey.service,
      主办单位: status && department !== '' ? department : w.hotline,
      受理时间: wallTime(e.startTimestamp),
      派遣时间: dispatched === null ? '' : wallTime(dispatched),
      办结时间: wallTime(closed),
      回访时间: wallTime(visited),
      回访满意度: w.satisfaction[d < 0.45 ? 0 : d < 0.8 ? 1 : d < 0.93 ? 2 : 3],
    });
  });
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV line of a table (RFC 4180, fields quoted when needed). */
export function gbtCsvLine(table: GbtTable, row: GbtRow): string {
  return `${GBT_HEADERS[table]
    .map((h) => {
      const v = row[h] ?? '';
      return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    })
    .join(',')}\n`;
}

export function gbtCsvHeader(table: GbtTable): string {
  return `${GBT_HEADERS[table].join(',')}\n`;
}
