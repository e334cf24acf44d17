import type { DfgEdge } from '@onetrip/contracts';
import type { ProcessMapData } from './process-map';

export interface SimplifyOptions {
  /** Most transitions to keep; dagre's layout time grows quickly beyond a few hundred. */
  maxEdges: number;
}

export const SIMPLIFY_DEFAULTS: SimplifyOptions = { maxEdges: 150 };

export interface Simplified {
  data: ProcessMapData;
  shownEdges: number;
  totalEdges: number;
}

function byCount(a: DfgEdge, b: DfgEdge): number {
  return b.count - a.count || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1);
}

/**
 * Keeps every activity but only the most frequent transitions, so that a log with hundreds of
 * distinct hand-offs still gives a readable map that lays out quickly. Each activity keeps its
 * most frequent way in and way out, so nothing is left floating; the remaining room goes to the
 * most frequent transitions overall. Pure: edges keep their original order.
 */
export function simplifyProcessMap(
  data: ProcessMapData,
  options: Partial<SimplifyOptions> = {},
): Simplified {
  const { maxEdges } = { ...SIMPLIFY_DEFAULTS, ...options };
  if (!(maxEdges >= 0))
    throw new Error(`simplifyProcessMap: maxEdges must be ≥ 0, got ${maxEdges}`);
  const total = data.dfg.length;
  if (total <= maxEdges) return { data, shownEdges: total, totalEdges: total };

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
  const dfg = data.dfg.filter((edge) => keep.has(edge));
  return { data: { ...data, dfg }, shownEdges: dfg.length, totalEdges: total };
}
