/** KPI: the share of journeys with an activity occurring more than once (kpis/kpis.ts). */
import { ratio } from '../../figures';
import type { Kpis } from '../../insights-types';
import { kpiMeasure } from '../measure';

export interface Rework {
  /** Journeys with rework. */
  rework: number;
}

export const reworkKpi = kpiMeasure<Rework, Rework, Pick<Kpis, 'reworkRate'>>({
  empty: () => ({ rework: 0 }),
  addJourney: (p, journey) => {
    if (journey.facts.reworked) p.rework += 1;
  },
  merge: (target, source) => {
    target.rework += source.rework;
  },
  toJson: (p) => ({ rework: p.rework }),
  fromJson: (json) => ({ rework: json.rework }),
  finalize: (p) => ({ reworkRate: ratio(p.rework, p.journeys) }),
});
