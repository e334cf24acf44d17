/**
 * Insights.waitAttribution: who is waited on, in all and per period. Its figures are measured per
 * period (kpis/wait-split.ts); this measure owns no partial fields and only finishes them.
 */
import { seconds, ratio } from '../../figures';
import { sortedPeriods } from '../kpis/kpis';
import type { WaitSplit } from '../kpis/wait-split';
import { insightMeasure } from '../measure';

type Nothing = Record<never, never>;

export const waitAttribution = insightMeasure<
  Nothing,
  Nothing,
  { periods: Map<string, WaitSplit> }
>({
  empty: () => ({}),
  tally: () => ({ addJourney: () => undefined, finish: () => undefined }),
  merge: () => undefined,
  toJson: () => ({}),
  fromJson: () => ({}),
  finalize: (p) => {
    const periods = sortedPeriods(p.periods);
    let citizen = 0;
    let government = 0;
    for (const [, v] of periods) {
      citizen += v.citizenWait;
      government += v.governmentWait;
    }
    return {
      waitAttribution: {
        citizenSeconds: seconds(citizen),
        governmentSeconds: seconds(government),
        citizenShare: ratio(citizen, citizen + government),
        byPeriod: periods.map(([period, v]) => ({
          period,
          citizenSeconds: seconds(v.citizenWait),
          governmentSeconds: seconds(v.governmentWait),
        })),
      },
    };
  },
});
