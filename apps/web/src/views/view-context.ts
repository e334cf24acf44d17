import type { Histogram, MiningResult } from '@onetrip/contracts';
import type { Column } from '../charts/columns';
import type { MapLayout } from '../charts/process-map';
import type { Translator } from '../i18n/i18n';
import { el } from './dom';
import type { Route } from './route';

/** What every dashboard view renders from. */
export interface ViewContext {
  tr: Translator;
  result: MiningResult;
  route: Route;
  /** Changes the route (a history entry unless `replace`). */
  navigate: (patch: Partial<Route>, replace?: boolean) => void;
  timeZone: string;
  /** Layouts kept across filters so that nodes stay put (per dataset). */
  layouts: Map<string, MapLayout>;
  datasetId: string;
}

/** A notice standing in for a view (or a card) whose data the dataset lacks. */
export function unavailable(text: string, testId = 'unavailable'): HTMLElement {
  return el(
    'div',
    { class: 'card unavailable', role: 'note', 'data-testid': testId },
    el('p', {}, text),
  );
}

/** Histogram bins as columns, labelled by their lower edge. */
export function histogramColumns(histogram: Histogram, tr: Translator): Column[] {
  return histogram.counts.map((count, i) => {
    const lo = histogram.edgesSeconds[i];
    const hi = histogram.edgesSeconds[i + 1];
    const label = tr.duration(lo);
    return {
      key: String(i),
      label,
      value: count,
      title: `${label} – ${Number.isFinite(hi) ? tr.duration(hi) : '∞'}: ${tr.number(count)}`,
    };
  });
}
