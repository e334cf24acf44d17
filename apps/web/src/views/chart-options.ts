import type { ProcessMapOptions } from '../charts/process-map';
import type { VariantsOptions } from '../charts/variants';
import type { HeatmapOptions } from '../charts/heatmap';
import type { IcicleOptions } from '../charts/icicle';
import type { JourneyTimelineOptions } from '../charts/journey-timeline';
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

/** A channel's display name: the catalogue's when it has one, else the raw value. */
export function channelName(tr: Translator, channel: string | null): string {
  if (channel === null || channel === '' || channel === '(none)') return tr.t('timeline.noChannel');
  const key = `channel.${channel.trim().toLowerCase()}`;
  return tr.has(key) ? tr.t(key) : channel;
}

export function weekdayLabels(tr: Translator): string[] {
  return (
    [
      'weekday.1',
      'weekday.2',
      'weekday.3',
      'weekday.4',
      'weekday.5',
      'weekday.6',
      'weekday.7',
    ] as const
  ).map((key) => tr.t(key));
}

export function heatmapOptions(tr: Translator): Partial<HeatmapOptions> {
  return {
    rowLabels: weekdayLabels(tr),
    columnLabels: Array.from({ length: 24 }, (_, h) => `${h}`),
    formatValue: (seconds) => tr.duration(seconds),
    cellTitle: (row, column, value, count) =>
      `${row} ${column}:00 · ${value} · ${tr.t('waits.count', { count: tr.number(count) })}`,
    legendLabel: tr.t('waits.heatmap.legend'),
    emptyLabel: tr.t('waits.noQueue'),
  };
}

export function icicleOptions(tr: Translator): Partial<IcicleOptions> {
  return {
    formatCount: (count) => tr.number(count),
    formatShare: (share) => tr.percent(share),
    stepLabel: (n) => tr.t('trips.step', { n }),
    stepName: (step) => channelName(tr, step),
    ariaLabel: tr.t('trips.sequences'),
  };
}

export function journeyTimelineOptions(
  tr: Translator,
  timeZone: string,
): Partial<JourneyTimelineOptions> {
  const time = new Intl.DateTimeFormat(tr.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const tick = new Intl.DateTimeFormat(tr.locale, { month: 'numeric', day: 'numeric', timeZone });
  return {
    formatTime: (ms) => time.format(ms),
    formatTick: (ms) => tick.format(ms),
    channelName: (channel) => channelName(tr, channel),
    tripLabel: (trip, location) =>
      `${tr.t('timeline.trip', { n: trip })}${location ? ` · ${location}` : ''}`,
    emptyLabel: tr.t('timeline.empty'),
  };
}
