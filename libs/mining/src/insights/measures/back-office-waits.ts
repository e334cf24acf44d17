/** Insights.backOfficeWaits: waits before back-office activities, by their department. */
import { Distribution, type DistributionJson } from '../../distribution';
import { NONE } from '../../event-store';
import { getOrAdd } from '../../maps';
import {
  distributionsFromJson,
  distributionsToJson,
  insightMeasure,
  mergeDistributions,
} from '../measure';
import { waitRows } from '../wait-rows';

export interface BackOfficePartial {
  /** Department ('' for none) → waits. */
  backOffice: Map<string, Distribution>;
}

export interface BackOfficeJson {
  backOffice: [string, DistributionJson][];
}

export const backOfficeWaits = insightMeasure<BackOfficePartial, BackOfficeJson>({
  empty: () => ({ backOffice: new Map() }),
  tally: (target, { columns, backOfficeChannel }) => ({
    addJourney: ({ facts: { buf, lo, hi } }) => {
      for (let k = lo + 1; k < hi; k += 1) {
        const i = buf.sorted[k];
        const channel = buf.channel[i];
        if (channel < 0 || backOfficeChannel[channel] !== 1) continue;
        const wait = Math.max(0, buf.startAt[i] - buf.completeAt[buf.sorted[k - 1]]);
        const dept = columns.departmentOf[buf.order[i]] ?? NONE;
        const name = dept === NONE ? '' : columns.departments.decode(dept);
        getOrAdd(target.backOffice, name, () => new Distribution()).add(wait);
      }
    },
    finish: () => undefined,
  }),
  merge: (target, source) => mergeDistributions(target.backOffice, source.backOffice),
  toJson: (p) => ({ backOffice: distributionsToJson(p.backOffice) }),
  fromJson: (json) => ({ backOffice: distributionsFromJson(json.backOffice) }),
  finalize: (p) => ({ backOfficeWaits: waitRows(p.backOffice) }),
});
