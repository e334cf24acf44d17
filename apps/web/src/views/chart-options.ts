import type { ProcessMapOptions } from '../charts/process-map';
import type { VariantsOptions } from '../charts/variants';
import type { Translator } from '../i18n/i18n';

/** Localized labels and number formats for the process map. */
export function processMapOptions(tr: Translator): Partial<ProcessMapOptions> {
  return {
    formatCount: (count) => tr.number(count),
    formatDuration: (seconds) => tr.duration(seconds),
    startLabel: tr.t('map.start'),
    endLabel: tr.t('map.end'),
    emptyLabel: tr.t('map.empty'),
    ariaLabel: (activities, edges) => tr.t('map.aria', { activities, edges }),
    activityTitle: (activity, count) => tr.t('map.activityTitle', { activity, count }),
    edgeTitle: (from, to, count, duration) =>
      duration === null
        ? tr.t('map.terminalEdgeTitle', { from, to, count })
        : tr.t('map.edgeTitle', { from, to, count, duration }),
  };
}

/** Localized labels and number formats for the variants chart. */
export function variantsOptions(tr: Translator): Partial<VariantsOptions> {
  return {
    formatCount: (count) => tr.number(count),
    formatShare: (share) => tr.percent(share),
    ariaLabel: (shown, total) =>
      tr.t('variants.aria', { shown: tr.number(shown), total: tr.number(total) }),
    emptyLabel: tr.t('variants.empty'),
  };
}
