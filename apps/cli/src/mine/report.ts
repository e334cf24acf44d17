import type { Bottleneck, MiningResult } from '@onetrip/mining';

/** The short human-readable report printed without --json. */
export function formatReport(result: MiningResult): string {
  const s = result.summary;
  const lines = [
    `events ${s.events}  cases ${s.cases}  journeys ${s.journeys}  activities ${s.activities}` +
      (s.rejected ? `  rejected ${s.rejected}` : ''),
    `lead time: mean ${days(result.leadTimeSeconds.mean)}, median ${days(result.leadTimeSeconds.median)}, p90 ${days(result.leadTimeSeconds.p90)}`,
  ];
  if (result.trips) {
    const t = result.trips;
    lines.push(
      `trips: ${t.perJourneyMean.toFixed(2)} per journey, ${(t.atMostOneRate * 100).toFixed(1)}% of journeys with at most one`,
    );
  }
  lines.push('', `most frequent variants (of ${s.variants ?? result.variants.length}):`);
  for (const v of result.variants.slice(0, 5))
    lines.push(`  ${v.count}× ${v.activities.join(' → ')}`);
  const insights = result.insights;
  if (insights) {
    const causes = insights.returnCauses;
    if (causes.causes.length > 0) {
      lines.push('', 'why citizens come back (cause: the step before a return trip; journeys):');
      for (const c of causes.causes.slice(0, 5)) {
        lines.push(`  ${c.journeys}  ${c.activity}${c.department ? ` (${c.department})` : ''}`);
      }
      lines.push('what they come back for (first step after the queue; journeys):');
      for (const p of causes.purposes.slice(0, 5)) {
        lines.push(`  ${p.journeys}  ${p.activity ?? '(queue steps only)'}`);
      }
    }
    bottleneckLines(lines, 'waiting on the government', insights.bottlenecks.government);
    bottleneckLines(lines, 'waiting on the citizen', insights.bottlenecks.citizen);
  } else bottleneckLines(lines, 'bottlenecks', result.bottlenecks);
  return `${lines.join('\n')}\n`;
}

function bottleneckLines(lines: string[], title: string, list: readonly Bottleneck[]): void {
  lines.push('', `${title} (total wait, share of all waiting):`);
  for (const b of list.slice(0, 5)) {
    const what =
      b.kind === 'edge' ? `${b.from ?? ''} → ${b.to ?? ''}` : `before ${b.activity ?? ''}`;
    lines.push(`  ${(b.share * 100).toFixed(1)}%  ${what}  (mean ${days(b.meanSeconds)})`);
  }
}

function days(seconds: number): string {
  if (seconds >= 86400) return `${(seconds / 86400).toFixed(1)} d`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds)} s`;
}
