import { MiningInputError } from '../errors';
import type { InsightsOptions } from '../insights-types';
import { normalizeChannel } from '../options';

export type ResolvedInsightsOptions = Required<InsightsOptions>;

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
    citizenChannels: resolved.citizenChannels.map(normalizeChannel),
    backOfficeChannels: resolved.backOfficeChannels.map(normalizeChannel),
  };
}
