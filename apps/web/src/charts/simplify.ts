import type { DfgEdge } from '@onetrip/contracts';
import type { ProcessMapData } from './process-map';

type ActivityCount = ProcessMapData['startActivities'][number];

export interface SimplifyOptions {
  /**
   * Most transitions to draw; `auto` allows one and a half per activity (at least 20, at most
   * 150). Beyond that a map turns into a hairball, and dagre's layout time grows quickly.
   */
  maxEdges: number | 'auto';
  /**
   * With more than `maxTerminalEdges` start (or end) activities, links are drawn for the most
   * common ones up to this share of cases, at most `maxTerminalEdges` of them, plus those needed
   * to reach (or leave) an activity that has no other way in (or out).
   */
  terminalCoverage: number;
  maxTerminalEdges: number;
}

export const SIMPLIFY_DEFAULTS: SimplifyOptions = {
  maxEdges: 'auto',
  terminalCoverage: 0.9,
  maxTerminalEdges: 8,
};

export interface Simplified {
  data: ProcessMapData;
  shownEdges: number;
  totalEdges: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCount(a: DfgEdge, b: DfgEdge): number {
  return b.count - a.count || compareText(a.from, b.from) || compareText(a.to, b.to);
}

export function autoMaxEdges(activities: number): number {
  return Math.min(150, Math.max(20, Math.round(1.5 * activities)));
}

/** The most common start (or end) activities up to `coverage`, plus those in `needed`. */
function keepTerminals(
  terminals: readonly ActivityCount[],
  needed: ReadonlySet<string>,
  options: SimplifyOptions,
): ActivityCount[] {
  if (terminals.length <= options.maxTerminalEdges) return [...terminals];
  const total = terminals.reduce((sum, t) => sum + t.count, 0);
  const sorted = [...terminals].sort(
    (a, b) => b.count - a.count || compareText(a.activity, b.activity),
  );
  const keep = new Set<ActivityCount>();
  let covered = 0;
  for (const terminal of sorted) {
    if (covered >= options.terminalCoverage * total || keep.size >= options.maxTerminalEdges) break;
    keep.add(terminal);
    covered += terminal.count;
  }
  for (const terminal of sorted) if (needed.has(terminal.activity)) keep.add(terminal);
  return terminals.filter((t) => keep.has(t));
}

/**
 * Keeps every activity but only the most frequent transitions, so that a log with hundreds of
 * distinct hand-offs still gives a readable map that lays out quickly. Each activity keeps its
 * most frequent way in and way out (through a transition, or a start/end link when it has none),
 * so nothing is left floating; the remaining room goes to the most frequent transitions overall.
 * Pure: kept edges and terminals stay in their original order.
 */
export function simplifyProcessMap(
  data: ProcessMapData,
  options: Partial<SimplifyOptions> = {},
): Simplified {
  const o: SimplifyOptions = { ...SIMPLIFY_DEFAULTS, ...options };
  const maxEdges = o.maxEdges === 'auto' ? autoMaxEdges(data.activities.length) : o.maxEdges;
  if (!(maxEdges >= 0)) {
    throw new Error(`simplifyProcessMap: maxEdges must be ≥ 0, got ${maxEdges}`);
  }
  const total = data.dfg.length;

  let dfg = data.dfg;
  if (total > maxEdges) {
    const sorted = [...data.dfg].sort(byCount);
    const keep = new Set<DfgEdge>();
    const hasIn = new Set<string>();
    const hasOut = new Set<string>();
    for (const edge of sorted) {
      if (edge.from === edge.to) continue;
      if (!hasOut.has(edge.from)) {
        hasOut.add(edge.from);
        keep.add(edge);
      }
      if (!hasIn.has(edge.to)) {
        hasIn.add(edge.to);
        keep.add(edge);
      }
    }
    for (const edge of sorted) {
      if (keep.size >= maxEdges) break;
      keep.add(edge);
    }
    dfg = data.dfg.filter((edge) => keep.has(edge));
  }

  const withIn = new Set(dfg.filter((e) => e.from !== e.to).map((e) => e.to));
  const withOut = new Set(dfg.filter((e) => e.from !== e.to).map((e) => e.from));
  const activities = data.activities.map((a) => a.activity);
  const startActivities = keepTerminals(
    data.startActivities,
    new Set(activities.filter((a) => !withIn.has(a))),
    o,
  );
  const endActivities = keepTerminals(
    data.endActivities,
    new Set(activities.filter((a) => !withOut.has(a))),
    o,
  );
  const unchanged =
    dfg === data.dfg &&
    startActivities.length === data.startActivities.length &&
    endActivities.length === data.endActivities.length;
  return {
    data: unchanged ? data : { ...data, dfg, startActivities, endActivities },
    shownEdges: dfg.length,
    totalEdges: total,
  };
}
