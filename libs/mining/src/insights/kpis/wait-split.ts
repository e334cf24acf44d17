/**
 * Per period, the waiting before citizen actions and before everything else: not a KPI of its
 * own (no Kpis field), it feeds waitAttribution (measures/wait-attribution.ts).
 */
import { isCitizenAction } from '../citizen-action';
import { kpiMeasure } from '../measure';

export interface WaitSplit {
  /** ms of waiting before citizen actions / before everything else. */
  citizenWait: number;
  governmentWait: number;
}

export const waitSplit = kpiMeasure<WaitSplit, WaitSplit, Record<never, never>>({
  empty: () => ({ citizenWait: 0, governmentWait: 0 }),
  addJourney: (p, { facts: { buf, lo, hi } }, context) => {
    for (let k = lo + 1; k < hi; k += 1) {
      const i = buf.sorted[k];
      const wait = Math.max(0, buf.startAt[i] - buf.completeAt[buf.sorted[k - 1]]);
      if (isCitizenAction(buf, i, context)) p.citizenWait += wait;
      else p.governmentWait += wait;
    }
  },
  merge: (target, source) => {
    target.citizenWait += source.citizenWait;
    target.governmentWait += source.governmentWait;
  },
  toJson: (p) => ({ citizenWait: p.citizenWait, governmentWait: p.governmentWait }),
  fromJson: (json) => ({ citizenWait: json.citizenWait, governmentWait: json.governmentWait }),
  finalize: () => ({}),
});
