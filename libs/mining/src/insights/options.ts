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
};

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
