/**
 * Suggested queue activities (docs/ingest.md#queue-activities): which of a column's values take a
 * hall queue ticket, call it, or close it uncalled. Known names are the mining defaults (the
 * simulator's names first) plus common names of queue systems in Chinese and English; the user
 * confirms them in the upload dialog, nothing here is final.
 */
import type { QueueActivities, QueueRole } from '@onetrip/contracts';
import { DEFAULT_INSIGHTS_OPTIONS } from '@onetrip/mining';

/** Names the mining defaults do not have (compared after normalizeName). */
const MORE: Record<QueueRole, readonly string[]> = {
  ticket: ['ticket', 'take ticket', 'queue ticket', 'issue ticket', '领号', '排号', '取票'],
  call: ['call', 'called', 'call ticket', 'ticket call', '呼叫', '呼号', '叫号办理'],
  abandon: ['no show', 'noshow', 'expired', 'skipped', 'missed', '过号作废', '未到场', '弃号离开'],
};

function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const ROLE_OF = new Map<string, QueueRole>();
for (const [role, defaults] of [
  ['ticket', DEFAULT_INSIGHTS_OPTIONS.queueStartActivities],
  ['call', DEFAULT_INSIGHTS_OPTIONS.queueEndActivities],
  ['abandon', DEFAULT_INSIGHTS_OPTIONS.queueAbandonActivities],
] as const) {
  for (const name of [...defaults, ...MORE[role]]) ROLE_OF.set(normalizeName(name), role);
}

/** The queue role of one activity name, or null when it is not a known queue step. */
export function queueRoleOf(activity: string): QueueRole | null {
  return ROLE_OF.get(normalizeName(activity)) ?? null;
}

/**
 * The known queue activities among `values` (as they appear in the file, sorted), or null unless
 * some take and some call a ticket: a column without both holds no queue.
 */
export function suggestQueueActivities(values: Iterable<string>): QueueActivities | null {
  const out: Record<QueueRole, string[]> = { ticket: [], call: [], abandon: [] };
  const seen = new Set<string>();
  for (const value of values) {
    const name = value.trim();
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    const role = queueRoleOf(name);
    if (role !== null) out[role].push(name);
  }
  if (out.ticket.length === 0 || out.call.length === 0) return null;
  for (const list of Object.values(out)) list.sort();
  return out;
}
