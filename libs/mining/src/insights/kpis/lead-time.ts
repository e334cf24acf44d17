/** KPI: lead time (first event → last event) of the journeys (kpis/kpis.ts). */
import { Distribution, type DistributionJson } from '../../distribution';
import { quantiles } from '../../figures';
import type { Kpis } from '../../insights-types';
import { kpiMeasure } from '../measure';

export interface LeadTime {
  leadTime: Distribution;
}

export const leadTimeKpi = kpiMeasure<
  LeadTime,
  { leadTime: DistributionJson },
  Pick<Kpis, 'leadTimeSeconds'>
>({
  empty: () => ({ leadTime: new Distribution() }),
  addJourney: (p, journey) => p.leadTime.add(journey.facts.leadTime),
  merge: (target, source) => target.leadTime.merge(source.leadTime),
  toJson: (p) => ({ leadTime: p.leadTime.toJSON() }),
  fromJson: (json) => ({ leadTime: Distribution.fromJSON(json.leadTime) }),
  finalize: (p) => ({ leadTimeSeconds: quantiles(p.leadTime) }),
});
