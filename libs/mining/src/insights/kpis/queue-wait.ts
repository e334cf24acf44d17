/** KPI: hall queue wait, ticket → called (kpis/kpis.ts; the pairs: measures/queue-waits.ts). */
import { Distribution, type DistributionJson } from '../../distribution';
import { quantiles } from '../../figures';
import type { Kpis } from '../../insights-types';
import { kpiMeasure } from '../measure';
import { queueWait } from '../measures/queue-waits';

export interface QueueWait {
  queueWait: Distribution;
}

export const queueWaitKpi = kpiMeasure<
  QueueWait,
  { queueWait: DistributionJson },
  Pick<Kpis, 'queueWaitSeconds'>
>({
  empty: () => ({ queueWait: new Distribution() }),
  addJourney: (p, journey) => {
    for (const [ticket, call] of journey.queuePairs) {
      p.queueWait.add(queueWait(journey.facts.buf, ticket, call));
    }
  },
  merge: (target, source) => target.queueWait.merge(source.queueWait),
  toJson: (p) => ({ queueWait: p.queueWait.toJSON() }),
  fromJson: (json) => ({ queueWait: Distribution.fromJSON(json.queueWait) }),
  finalize: (p) => ({
    queueWaitSeconds: p.queueWait.count > 0 ? quantiles(p.queueWait) : null,
  }),
});
