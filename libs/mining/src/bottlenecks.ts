/**
 * The bottleneck ranking (MiningResult.bottlenecks, and Insights.bottlenecks per side): edges and
 * the activities they lead into, ranked by the total waiting they cause (frequency × mean wait).
 */
import { compareStrings } from './compare';
import { Distribution } from './distribution';
import { ratio, seconds } from './figures';
import type { Bottleneck } from './types';

/** One hand-off and its waits: [from, to, waits]. */
export type WaitsOnEdge = [string, string, Distribution];

/**
 * Up to `limit` edges and as many activities with a positive total, merged into one list by total
 * wait (at equal totals edges first, then by name). `allWaiting` (ms) is the denominator of
 * `share`; `side`, when given, is set on every row.
 */
export function rankBottlenecks(
  edges: readonly WaitsOnEdge[],
  allWaiting: number,
  limit: number,
  side?: Bottleneck['side'],
): Bottleneck[] {
  const entry = (d: Distribution) => ({
    totalWaitSeconds: seconds(d.sum),
    share: ratio(d.sum, allWaiting),
    meanSeconds: seconds(d.mean),
    medianSeconds: seconds(d.quantile(0.5)),
    p90Seconds: seconds(d.quantile(0.9)),
    count: d.count,
    ...(side ? { side } : {}),
  });
  const edgeRows: Bottleneck[] = edges
    .filter(([, , d]) => d.sum > 0)
    .map(([from, to, d]) => ({ kind: 'edge' as const, from, to, ...entry(d) }))
    .sort(
      (a, b) =>
        b.totalWaitSeconds - a.totalWaitSeconds ||
        compareStrings(a.from ?? '', b.from ?? '') ||
        compareStrings(a.to ?? '', b.to ?? ''),
    )
    .slice(0, limit);
  const activities: Bottleneck[] = [...waitsBefore(edges)]
    .filter(([, d]) => d.sum > 0)
    .map(([activity, d]) => ({ kind: 'activity' as const, activity, ...entry(d) }))
    .sort(
      (a, b) =>
        b.totalWaitSeconds - a.totalWaitSeconds ||
        compareStrings(a.activity ?? '', b.activity ?? ''),
    )
    .slice(0, limit);
  // Stable sort: at equal totals edges come before activities, each in its own order.
  return [...edgeRows, ...activities].sort((a, b) => b.totalWaitSeconds - a.totalWaitSeconds);
}

/** The waiting an activity causes: the waits of every edge into it, merged. */
function waitsBefore(edges: readonly WaitsOnEdge[]): Map<string, Distribution> {
  const waits = new Map<string, Distribution>();
  for (const [, to, wait] of edges) {
    let d = waits.get(to);
    if (!d) {
      d = new Distribution();
      waits.set(to, d);
    }
    d.merge(wait);
  }
  return waits;
}
