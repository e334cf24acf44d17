import type { KpiPeriod, Kpis } from '@onetrip/contracts';
import { barsChart } from '../charts/bars';
import { sparkline } from '../charts/sparkline';
import type { MessageKey } from '../i18n/i18n';
import { el } from './dom';
import { chartTableCard } from './export';
import { smallCountText } from './small-counts';
import { noInPersonEvents, type DashboardView, type ViewContext } from './view-context';

interface Card {
  key: string;
  label: MessageKey;
  value: (k: Kpis) => number | null;
  format: (v: number) => string;
  missing: MessageKey;
  /** A share (0–1): its trend is drawn on 0–100% and its change told in percentage points. */
  share?: boolean;
}

export interface PeriodChange {
  period: string;
  previous: string;
  /** Share KPIs: difference (percentage points / 100); others: relative change (0.1 = +10%). */
  change: number;
}

/**
 * The latest period against the one before it (monthly periods, so the comparison period has the
 * same length). null when either has no figure, or a relative change from 0.
 */
export function periodChange(
  points: readonly { label: string; value: number | null }[],
  share: boolean,
): PeriodChange | null {
  if (points.length < 2) return null;
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  if (last.value === null || before.value === null) return null;
  if (share)
    return { period: last.label, previous: before.label, change: last.value - before.value };
  if (before.value === 0) return null;
  return {
    period: last.label,
    previous: before.label,
    change: (last.value - before.value) / before.value,
  };
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
  // Tickets without a single call to pair them with: say that the calls are what is missing.
  const queueMissing: MessageKey =
    (insights?.queueWaits.tickets ?? 0) > 0 ? 'kpi.noCalls' : 'kpi.noQueue';
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
      share: true,
    },
    {
      key: 'zero-trip',
      label: 'kpi.zeroTrip',
      value: trip((k) => k.zeroTripRate),
      format: (v) => tr.percent(v),
      missing: tripMissing,
      share: true,
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
      missing: queueMissing,
    },
    {
      key: 'rework',
      label: 'kpi.rework',
      value: (k) => k.reworkRate,
      format: (v) => tr.percent(v),
      missing: 'kpi.noChannel',
      share: true,
    },
  ];
  const grid = el(
    'div',
    { class: 'kpi-grid', 'data-testid': 'kpi-cards' },
    cards.map((card) => {
      const value = card.value(kpis);
      // Months of fewer than k journeys are hidden for this reader: a gap in the trend.
      const points = trend.map((p) => ({
        label: p.period,
        value: p.suppressed ? null : card.value(p),
      }));
      // All journeys together are fewer than k: every figure reads "< k".
      const hidden = kpis.suppressed === true && value !== null;
      return el(
        'div',
        { class: value === null ? 'kpi-card kpi-missing' : 'kpi-card', 'data-kpi': card.key },
        el('div', { class: 'kpi-label' }, tr.t(card.label)),
        el(
          'div',
          {
            class: 'kpi-value',
            ...(hidden
              ? { title: tr.t('suppressed.title', { k: result.suppression?.k ?? 0 }) }
              : {}),
          },
          value === null ? '–' : hidden ? smallCountText(tr, result) : card.format(value),
        ),
        hidden
          ? null
          : value === null
            ? el('div', { class: 'kpi-note muted' }, tr.t(card.missing))
            : points.length > 1
              ? el(
                  'div',
                  { class: 'kpi-trend' },
                  sparkline(points, {
                    domain: card.share ? [0, 1] : null,
                    formatValue: card.format,
                    ariaLabel: `${tr.t(card.label)}: ${points.map((p) => `${p.label} ${p.value === null ? '–' : card.format(p.value)}`).join(', ')}`,
                  }),
                  changeNote(ctx, card, points),
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

function changeNote(
  ctx: ViewContext,
  card: Card,
  points: readonly { label: string; value: number | null }[],
): HTMLElement {
  const { tr } = ctx;
  const change = periodChange(points, card.share === true);
  if (change === null) return el('div', { class: 'kpi-change muted' }, tr.t('kpi.changeNone'));
  const sign = change.change > 0 ? '+' : change.change < 0 ? '−' : '±';
  const size = Math.abs(change.change);
  const amount = card.share
    ? tr.t('kpi.points', { value: tr.number(size * 100, { maximumFractionDigits: 1 }) })
    : tr.percent(size);
  return el(
    'div',
    {
      // No colour: whether up is good depends on the KPI (rework up is bad, at most one trip up is good).
      class: 'kpi-change',
      'data-testid': 'kpi-change',
    },
    tr.t('kpi.change', {
      change: `${sign}${amount}`,
      period: change.period,
      previous: change.previous,
    }),
  );
}

export const overviewView: DashboardView = {
  id: 'overview',
  labelKey: 'view.overview',
  needsJourneys: true,
  render: renderOverview,
};
