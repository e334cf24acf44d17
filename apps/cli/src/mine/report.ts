import type { MiningResult } from '@onetrip/mining';

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
  lines.push('', 'most frequent variants:');
  for (const v of result.variants.slice(0, 5))
    lines.push(`  ${v.count}× ${v.activities.join(' → ')}`);
  lines.push('', 'bottlenecks (total wait):');
  for (const b of result.bottlenecks.slice(0, 5)) {
    const what =
      b.kind === 'edge' ? `${b.from ?? ''} → ${b.to ?? ''}` : `before ${b.activity ?? ''}`;
    lines.push(`  ${(b.share * 100).toFixed(1)}%  ${what}  (mean ${days(b.meanSeconds)})`);
  }
  return `${lines.join('\n')}\n`;
}

function days(seconds: number): string {
  if (seconds >= 86400) return `${(seconds / 86400).toFixed(1)} d`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds)} s`;
}
