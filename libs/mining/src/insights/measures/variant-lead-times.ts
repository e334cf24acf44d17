/** Insights.variants: lead time per variant, in the order of MiningResult.variants. */
import { Distribution, type DistributionJson } from '../../distribution';
import { quantiles } from '../../figures';
import type { VariantLeadTime } from '../../insights-types';
import { getOrAdd } from '../../maps';
import { codeWidth, decodeKey } from '../../variant-keys';
import {
  distributionsFromJson,
  distributionsToJson,
  insightMeasure,
  mergeDistributions,
} from '../measure';

const SEP = '\u0000';

export interface VariantLeadTimesPartial {
  /** Activity names joined by NUL → lead times of the journeys with that variant. */
  variantLeadTimes: Map<string, Distribution>;
}

export interface VariantLeadTimesJson {
  variantLeadTimes: [string[], DistributionJson][];
}

export const variantLeadTimes = insightMeasure<VariantLeadTimesPartial, VariantLeadTimesJson>({
  empty: () => ({ variantLeadTimes: new Map() }),
  tally: (target, { store }) => {
    /** By the journeys' variant keys (variant-keys.ts); names resolved on finish. */
    const byKey = new Map<string, Distribution>();
    return {
      addJourney: ({ facts }) => {
        getOrAdd(byKey, facts.variant, () => new Distribution()).add(facts.leadTime);
      },
      finish: () => {
        const width = codeWidth(store.activities.size);
        for (const [key, d] of byKey) {
          const names = decodeKey(key, width).map((code) => store.activities.decode(code));
          target.variantLeadTimes.set(names.join(SEP), d);
        }
      },
    };
  },
  merge: (target, source) => mergeDistributions(target.variantLeadTimes, source.variantLeadTimes),
  toJson: (p) => ({
    variantLeadTimes: distributionsToJson(p.variantLeadTimes).map(([k, d]) => [k.split(SEP), d]),
  }),
  fromJson: (json) => ({
    variantLeadTimes: distributionsFromJson(
      json.variantLeadTimes.map(([k, d]): [string, DistributionJson] => [k.join(SEP), d]),
    ),
  }),
  finalize: (p, { variants }) => ({
    variants: variants.map((v): VariantLeadTime => {
      const d = p.variantLeadTimes.get(v.activities.join(SEP)) ?? new Distribution();
      return { activities: v.activities, count: v.count, leadTimeSeconds: quantiles(d) };
    }),
  }),
});
