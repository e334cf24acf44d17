/** KPI: lead time (first event → last event) of the journeys (kpis/kpis.ts). */
import type { Distribution } from '../../distribution';
import { quantiles } from '../../figures';
import type { Kpis } from '../../insights-types';
import { distributionField, kpiMeasure } from '../measure';

export interface LeadTime {
  leadTime: Distribution;
}

export const leadTimeKpi = kpiMeasure({
  ...distributionField('leadTime'),
  addJourney: (p: LeadTime, journey) => p.leadTime.add(journey.facts.leadTime),
  finalize: (p): Pick<Kpis, 'leadTimeSeconds'> => ({ leadTimeSeconds: quantiles(p.leadTime) }),
});
