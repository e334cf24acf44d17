/** KPI: hall queue wait, ticket → called (kpis/kpis.ts; the pairs: measures/queue-waits.ts). */
import type { Distribution } from '../../distribution';
import { quantiles } from '../../figures';
import type { Kpis } from '../../insights-types';
import { distributionField, kpiMeasure } from '../measure';
import { queueWait } from '../measures/queue-waits';

export interface QueueWait {
  queueWait: Distribution;
}

export const queueWaitKpi = kpiMeasure({
  ...distributionField('queueWait'),
  addJourney: (p: QueueWait, journey) => {
    for (const [ticket, call] of journey.queue.pairs) {
      p.queueWait.add(queueWait(journey.facts.buf, ticket, call));
    }
  },
  finalize: (p): Pick<Kpis, 'queueWaitSeconds'> => ({
    queueWaitSeconds: p.queueWait.count > 0 ? quantiles(p.queueWait) : null,
  }),
});
