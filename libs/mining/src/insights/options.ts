import { MiningInputError } from '../errors';
import type { DeadlineOptions, InsightsOptions } from '../insights-types';
import { LIMIT_UNITS } from './deadline-clock';
import { normalizeChannel } from '../options';

export type ResolvedDeadlineOptions = Required<DeadlineOptions>;
export type ResolvedInsightsOptions = Required<Omit<InsightsOptions, 'deadlines'>> & {
  deadlines: ResolvedDeadlineOptions;
};

/**
 * Defaults of the deadline figures (docs/mining.md#deadlines): acceptance, completion, 补正 and
 * special procedures by their usual Chinese names and English ones, and the simulator's.
 */
export const DEFAULT_DEADLINE_OPTIONS: ResolvedDeadlineOptions = {
  acceptActivities: [
    '受理',
    '受理申请',
    '窗口受理',
    '网上受理',
    '办件受理',
    'Accept',
    'Accept application',
    'Application accepted',
  ],
  completeActivities: [
    '办结',
    '办结归档',
    '审批办结',
    '办件办结',
    'Complete',
    'Case completed',
    'Case closed',
  ],
  suspensions: [
    {
      kind: 'correction',
      start: [
        '告知补正材料',
        '补正告知',
        '一次性告知补正',
        '补齐补正',
        'Request supplementary materials',
        'Request missing materials',
      ],
      end: [
        '补正材料提交',
        '收到补正材料',
        '补正材料收到',
        '网上补正材料',
        '窗口补交材料',
        'Missing materials received',
        'Upload supplementary materials online',
        'Submit supplementary materials at counter',
      ],
    },
    {
      kind: 'special',
      start: ['特别程序开始', '特别程序申请', 'Special procedure started'],
      end: ['特别程序结束', '特别程序完成', 'Special procedure ended'],
    },
  ],
  specialActivities: [
    '延长审批',
    '听证',
    '检验检测',
    '检验',
    '检测',
    '鉴定',
    '专家评审',
    '招标',
    '拍卖',
    '公示',
    'Extension approval',
    'Hearing',
    'Inspection and testing',
    'Expert review',
  ],
  limits: [],
};

/** DEFAULT_DEADLINE_OPTIONS with the given fields instead; the limits checked. */
export function resolveDeadlineOptions(
  given: DeadlineOptions | undefined,
): ResolvedDeadlineOptions {
  const resolved: ResolvedDeadlineOptions = { ...DEFAULT_DEADLINE_OPTIONS };
  for (const [name, v] of Object.entries(given ?? {}) as [keyof DeadlineOptions, unknown][]) {
    if (v !== undefined) (resolved as Record<string, unknown>)[name] = v;
  }
  resolved.limits.forEach((limit, i) => {
    if (!LIMIT_UNITS.includes(limit.unit)) {
      throw new MiningInputError(
        `deadline limit ${i + 1} (${limit.service}): unit must be workdays, days or hours, got '${String(limit.unit)}'`,
      );
    }
    for (const field of ['promised', 'legal'] as const) {
      const n = limit[field];
      if (n !== null && !(Number.isFinite(n) && n >= 0)) {
        throw new MiningInputError(
          `deadline limit ${i + 1} (${limit.service}): ${field} must be a number ≥ 0 or null, got ${String(n)}`,
        );
      }
    }
  });
  for (const rule of resolved.suspensions) {
    if (rule.kind !== 'correction' && rule.kind !== 'special') {
      throw new MiningInputError(
        `deadline suspension kind must be correction or special, got '${String(rule.kind)}'`,
      );
    }
  }
  return resolved;
}

/**
 * Every default of the insights pass, in one place. Queue activities: the simulator's names in
 * both languages first, then common names of hall queue systems (exact names, not patterns).
 */
export const DEFAULT_INSIGHTS_OPTIONS: ResolvedInsightsOptions = {
  timeZone: 'UTC',
  queueStartActivities: ['Take queue ticket', '取号', 'Take ticket', 'Ticket issued', '排队取号'],
  queueEndActivities: ['Called to window', '叫号', 'Ticket called', '窗口叫号'],
  queueAbandonActivities: [
    'Not called before closing',
    '闭厅未叫号',
    'Ticket expired',
    'No show',
    'No-show',
    'Abandoned',
    '过号',
    '弃号',
    '票号作废',
    '未到',
  ],
  citizenChannels: ['online', 'hotline', 'chatbot'],
  citizenActivities: [],
  backOfficeChannels: ['back_office'],
  sampleSize: 5,
  channelSequenceLimit: 20,
  workingCalendar: 'auto',
  workingDayStart: '09:00',
  workingDayEnd: '17:00',
  deadlines: DEFAULT_DEADLINE_OPTIONS,
};

/** Minutes after midnight of 'HH:MM' (00:00–24:00), or null. */
export function parseClock(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

/** Null when insights are off (undefined or false). */
export function resolveInsightsOptions(
  value: boolean | InsightsOptions | undefined,
): ResolvedInsightsOptions | null {
  if (value === undefined || value === false) return null;
  const given = value === true ? {} : value;
  const resolved: ResolvedInsightsOptions = { ...DEFAULT_INSIGHTS_OPTIONS };
  for (const [name, v] of Object.entries(given) as [keyof InsightsOptions, unknown][]) {
    if (v !== undefined) (resolved as Record<string, unknown>)[name] = v;
  }
  for (const name of ['sampleSize', 'channelSequenceLimit'] as const) {
    const n = resolved[name];
    if (!Number.isInteger(n) || n < 0) {
      throw new MiningInputError(`insights option ${name} must be an integer ≥ 0, got ${n}`);
    }
  }
  if (!['auto', 'cn', 'none'].includes(resolved.workingCalendar)) {
    throw new MiningInputError(
      `insights option workingCalendar must be auto, cn or none, got '${String(resolved.workingCalendar)}'`,
    );
  }
  const start = parseClock(resolved.workingDayStart);
  const end = parseClock(resolved.workingDayEnd);
  if (start === null || end === null || end <= start) {
    throw new MiningInputError(
      `insights options workingDayStart and workingDayEnd must be 'HH:MM' with start before end, got '${resolved.workingDayStart}' and '${resolved.workingDayEnd}'`,
    );
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: resolved.timeZone });
  } catch {
    throw new MiningInputError(
      `insights option timeZone must be an IANA time zone, got '${resolved.timeZone}'`,
    );
  }
  return {
    ...resolved,
    deadlines: resolveDeadlineOptions(given.deadlines),
    citizenChannels: resolved.citizenChannels.map(normalizeChannel),
    backOfficeChannels: resolved.backOfficeChannels.map(normalizeChannel),
  };
}
