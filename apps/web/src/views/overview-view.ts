import type { KpiPeriod, Kpis } from '@onetrip/contracts';
import { barsChart } from '../charts/bars';
import { sparkline } from '../charts/sparkline';
import type { MessageKey } from '../i18n/i18n';
import { el } from './dom';
import { chartTableCard } from './export';
import { noInPersonEvents, type DashboardView, type ViewContext } from './view-context';

interface Card {
  key: string;
  label: MessageKey;
  value: (k: Kpis) => number | null;
  format: (v: number) => string;
  missing: MessageKey;
}

/** KPI cards with their monthly trend, and the most frequent activities. */
export function renderOverview(ctx: ViewContext): HTMLElement {
  const { tr, result } = ctx;
  const insights = result.insights;
  const kpis: Kpis = insights?.kpis ?? {
    journeys: result.summary.journeys,
    tripsPerJourney: result.trips?.perJourneyMean ?? null,
    atMostOneTripRate: result.trips?.atMostOneRate ?? null,
    zeroTripRate: result.trips
      ? (result.trips.distribution['0'] ?? 0) / Math.max(1, result.summary.journeys)
      : null,
    leadTimeSeconds: result.leadTimeSeconds,
    queueWaitSeconds: null,
    reworkRate: result.rework?.rate ?? 0,
  };
  const trend: KpiPeriod[] = insights?.trend ?? [];
  // No in-person event: the trip figures say why instead of 0 trips / 100% at most one.
  const noInPerson = noInPersonEvents(result);
  const trip = (value: (k: Kpis) => number | null) => (k: Kpis) => (noInPerson ? null : value(k));
  const tripMissing: MessageKey = noInPerson ? 'kpi.noInPerson' : 'kpi.noChannel';
  const cards: Card[] = [
    {
      key: 'journeys',
      label: 'kpi.journeys',
      value: (k) => k.journeys,
      format: (v) => tr.number(v),
      missing: 'kpi.noChannel',
    },
    {
      key: 'trips',
      label: 'kpi.tripsPerJourney',
      value: trip((k) => k.tripsPerJourney),
      format: (v) => tr.number(v, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
      missing: tripMissing,
    },
    {
      key: 'at-most-one',
      label: 'kpi.atMostOne',
      value: trip((k) => k.atMostOneTripRate),
      format: (v) => tr.percent(v),
      missing: tripMissing,
    },
    {
      key: 'zero-trip',
      label: 'kpi.zeroTrip',
      value: trip((k) => k.zeroTripRate),
      format: (v) => tr.percent(v),
      missing: tripMissing,
    },
    {
      key: 'lead-median',
      label: 'kpi.leadMedian',
      value: (k) => k.leadTimeSeconds.median,
      format: (v) => tr.duration(v),
      missing: 'kpi.noChannel',
    },
    {
      key: 'lead-p90',
      label: 'kpi.leadP90',
      value: (k) => k.leadTimeSeconds.p90,
      format: (v) => tr.duration(v),
      missing: 'kpi.noChannel',
    },
    {
      key: 'queue',
      label: 'kpi.queueMedian',
      value: (k) => k.queueWaitSeconds?.median ?? null,
      format: (v) => tr.duration(v),
      missing: 'kpi.noQueue',
    },
    {
      key: 'rework',
      label: 'kpi.rework',
      value: (k) => k.reworkRate,
      format: (v) => tr.percent(v),
      missing: 'kpi.noChannel',
    },
  ];
  const grid = el(
    'div',
    { class: 'kpi-grid', 'data-testid': 'kpi-cards' },
    cards.map((card) => {
      const value = card.value(kpis);
      const points = trend.map((p) => ({ label: p.period, value: card.value(p) }));
      return el(
        'div',
        { class: value === null ? 'kpi-card kpi-missing' : 'kpi-card', 'data-kpi': card.key },
        el('div', { class: 'kpi-label' }, tr.t(card.label)),
        el('div', { class: 'kpi-value' }, value === null ? '–' : card.format(value)),
        value === null
          ? el('div', { class: 'kpi-note muted' }, tr.t(card.missing))
          : points.length > 1
            ? el(
                'div',
                { class: 'kpi-trend' },
                sparkline(points, {
                  ariaLabel: `${tr.t(card.label)}: ${points.map((p) => (p.value === null ? '–' : card.format(p.value))).join(', ')}`,
                }),
              )
            : null,
      );
    }),
  );
  const trendNote =
    trend.length > 1
      ? el(
          'p',
          { class: 'muted' },
          tr.t('kpi.trend', { first: trend[0].period, last: trend[trend.length - 1].period }),
        )
      : null;
  const activities = [...result.activities].sort((a, b) => b.count - a.count).slice(0, 12);
  const rows = activities.map((a) => ({ key: a.activity, label: a.activity, value: a.count }));
  const chart = barsChart(rows, {
    width: 760,
    formatValue: (v) => tr.number(v),
    ariaLabel: tr.t('overview.activities'),
    emptyLabel: tr.t('map.empty'),
  });
  return el(
    'div',
    { class: 'view view-overview' },
    el('p', { class: 'muted view-caption' }, tr.t('overview.caption')),
    grid,
    trendNote,
    chartTableCard(
      tr,
      { title: tr.t('overview.activities'), id: 'overview-activities', name: 'activities' },
      chart,
      () => ({
        header: [tr.t('map.table.activity'), tr.t('map.table.count')],
        rows: result.activities.map((a) => [a.activity, a.count]),
      }),
    ),
  );
}

export const overviewView: DashboardView = {
  id: 'overview',
  labelKey: 'view.overview',
  needsJourneys: true,
  render: renderOverview,
};
