import type { Insights, ReturnCauses, TripBreakdownRow } from '@onetrip/contracts';
import { barsChart, type BarRow } from '../charts/bars';
import { columnsChart } from '../charts/columns';
import { icicleChart } from '../charts/icicle';
import { icicleOptions } from './chart-options';
import { el } from './dom';
import { chartTableCard } from './export';
import { csvFigure, figureText, smallCountText } from './small-counts';
import {
  noInPersonEvents,
  unavailable,
  type DashboardView,
  type ViewContext,
} from './view-context';

function rateCard(
  ctx: ViewContext,
  title: string,
  id: string,
  rows: readonly TripBreakdownRow[],
  caption?: string,
): HTMLElement {
  const { tr, result } = ctx;
  const sorted = [...rows].sort((a, b) => b.journeys - a.journeys);
  const small = smallCountText(tr, result);
  const csv = (r: TripBreakdownRow, value: number) => csvFigure(tr, result, r, value);
  const chart = barsChart(
    sorted.map((r) => ({
      key: r.value ?? '',
      label: r.value ?? '–',
      value: r.atMostOneTripRate,
      ...(r.suppressed ? { valueText: small } : {}),
      note: tr.t('trips.journeys', {
        count: figureText(tr, result, r, () => tr.number(r.journeys)),
      }),
    })),
    {
      width: 560,
      labelWidth: 170,
      max: 1,
      formatValue: (v) => tr.percent(v),
      ariaLabel: title,
      emptyLabel: tr.t('state.noJourneys'),
    },
  );
  return chartTableCard(tr, { title, caption, id }, chart, () => ({
    header: ['value', 'journeys', 'trips', 'tripsPerJourney', 'atMostOneTripRate', 'zeroTripRate'],
    rows: sorted.map((r) => [
      r.value ?? '',
      csv(r, r.journeys),
      csv(r, r.trips),
      csv(r, r.tripsPerJourney),
      csv(r, r.atMostOneTripRate),
      csv(r, r.zeroTripRate),
    ]),
  }));
}

/**
 * The trips each department is responsible for (a first trip: the office the citizen came to; a
 * return trip: the department whose step sent the citizen back). Null for results mined before
 * they were counted.
 */
function tripsCausedCard(ctx: ViewContext, rows: readonly TripBreakdownRow[]): HTMLElement | null {
  const { tr } = ctx;
  if (!rows.some((r) => r.tripsCaused !== undefined)) return null;
  const sorted = rows
    .filter((r) => (r.tripsCaused ?? 0) > 0)
    .sort((a, b) => (b.tripsCaused ?? 0) - (a.tripsCaused ?? 0));
  return barCard(
    ctx,
    {
      title: tr.t('trips.caused'),
      caption: tr.t('trips.caused.caption'),
      id: 'trips-caused-by-department',
    },
    sorted.map((r) => ({
      key: r.value ?? '',
      label: r.value ?? '–',
      value: r.tripsCaused ?? 0,
      note: tr.t('trips.returns', { count: tr.number(r.returnTripsCaused ?? 0) }),
    })),
    () => ({
      header: ['department', 'tripsCaused', 'returnTripsCaused', 'journeys'],
      rows: sorted.map((r) => [
        r.value ?? '',
        r.tripsCaused ?? 0,
        r.returnTripsCaused ?? 0,
        csvFigure(ctx.tr, ctx.result, r, r.journeys),
      ]),
    }),
  );
}

function barCard(
  ctx: ViewContext,
  card: { title: string; caption: string; id: string },
  rows: BarRow[],
  csv: () => { header: string[]; rows: (string | number)[][] },
): HTMLElement {
  const { tr } = ctx;
  const chart = barsChart(rows, {
    width: 560,
    labelWidth: 170,
    formatValue: (v) => tr.number(v),
    ariaLabel: card.title,
    emptyLabel: tr.t('trips.noReturns'),
  });
  return chartTableCard(tr, card, chart, csv);
}

/** Why citizens come back: the cause of each return trip (with its department) and its purpose. */
function returnCauseCards(ctx: ViewContext, causes: ReturnCauses): HTMLElement[] {
  const { tr, result } = ctx;
  const returns = (r: { returns: number; suppressed?: true }) =>
    tr.t('trips.returns', { count: figureText(tr, result, r, () => tr.number(r.returns)) });
  const hidden = (r: { suppressed?: true }) =>
    r.suppressed ? { valueText: smallCountText(tr, result) } : {};
  const csv = (r: { suppressed?: true }, value: number) => csvFigure(tr, result, r, value);
  return [
    barCard(
      ctx,
      {
        title: tr.t('trips.returnCauses'),
        caption: tr.t('trips.returnCauses.caption'),
        id: 'return-causes',
      },
      causes.causes.map((c, i) => ({
        key: String(i),
        label: c.activity,
        value: c.journeys,
        ...hidden(c),
        note: `${c.department ?? tr.t('trips.noDepartment')} · ${returns(c)}`,
      })),
      () => ({
        header: ['activity', 'department', 'journeys', 'returns'],
        rows: causes.causes.map((c) => [
          c.activity,
          c.department ?? '',
          csv(c, c.journeys),
          csv(c, c.returns),
        ]),
      }),
    ),
    barCard(
      ctx,
      {
        title: tr.t('trips.returnPurposes'),
        caption: tr.t('trips.returnPurposes.caption'),
        id: 'return-purposes',
      },
      causes.purposes.map((p, i) => ({
        key: String(i),
        label: p.activity ?? tr.t('trips.queueOnly'),
        value: p.journeys,
        ...hidden(p),
        note: returns(p),
      })),
      () => ({
        header: ['activity', 'journeys', 'returns'],
        rows: causes.purposes.map((p) => [p.activity ?? '', csv(p, p.journeys), csv(p, p.returns)]),
      }),
    ),
  ];
}

/** The activities of return trips: what a result mined before return causes can show. */
function returnReasonsCard(ctx: ViewContext, insights: Insights): HTMLElement {
  const { tr, result } = ctx;
  const reasons = insights.returnReasons;
  const csv = (r: { suppressed?: true }, value: number) => csvFigure(tr, result, r, value);
  return barCard(
    ctx,
    {
      title: tr.t('trips.returnReasons'),
      caption: tr.t('trips.returnReasons.caption'),
      id: 'return-reasons',
    },
    reasons.map((r) => ({
      key: r.activity,
      label: r.activity,
      value: r.journeys,
      ...(r.suppressed ? { valueText: smallCountText(tr, result) } : {}),
    })),
    () => ({
      header: ['activity', 'journeys', 'instances'],
      rows: reasons.map((r) => [r.activity, csv(r, r.journeys), csv(r, r.instances)]),
    }),
  );
}

/** Trips: distribution, at-most-one rates, return causes and purposes, channel sequences. */
export function renderTrips(ctx: ViewContext): HTMLElement {
  const { tr, result } = ctx;
  if (!result.trips)
    return el(
      'div',
      { class: 'view view-trips' },
      unavailable(tr.t('trips.noChannels'), 'trips-unavailable'),
    );
  const distribution = Object.entries(result.trips.distribution)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  const distChart = columnsChart(
    distribution.map(([k, v]) => ({
      key: String(k),
      label: String(k),
      value: v,
      highlight: k >= 2,
    })),
    {
      width: 480,
      height: 200,
      formatValue: (v) => tr.number(v),
      ariaLabel: tr.t('trips.distribution'),
    },
  );
  const insights = result.insights;
  const noInPerson = noInPersonEvents(result);
  const cards: HTMLElement[] = noInPerson
    ? [unavailable(tr.t('trips.noInPerson'), 'trips-no-in-person')]
    : [
        chartTableCard(
          tr,
          {
            title: tr.t('trips.distribution'),
            caption: tr.t('trips.distribution.caption'),
            id: 'trips-distribution',
            bare: true,
          },
          distChart,
          () => ({ header: ['trips', 'journeys'], rows: distribution.map(([k, v]) => [k, v]) }),
        ),
      ];
  if (insights?.trips && !noInPerson) {
    cards.push(
      rateCard(ctx, tr.t('trips.byService'), 'trips-by-service', insights.trips.byService),
      rateCard(
        ctx,
        tr.t('trips.byDepartment'),
        'trips-by-department',
        insights.trips.byDepartment,
        tr.t('trips.byDepartment.caption'),
      ),
      rateCard(ctx, tr.t('trips.byHall'), 'trips-by-hall', insights.trips.byHall),
    );
    const caused = tripsCausedCard(ctx, insights.trips.byDepartment);
    if (caused) cards.push(caused);
  }
  if (insights) {
    // Results stored before return causes existed have only the activities of return trips.
    const causes = insights.returnCauses as ReturnCauses | undefined;
    cards.push(...(causes ? returnCauseCards(ctx, causes) : [returnReasonsCard(ctx, insights)]));
    const sequences = insights.channelSequences;
    if (sequences) {
      const icicle = icicleChart(
        sequences.top.map((s) => ({ steps: s.channels, count: s.journeys })),
        {
          ...icicleOptions(tr),
          width: 1100,
          height: 360,
          // Hidden sequences (fewer than k journeys each) read 0: the journeys in all stay the whole.
          total: Math.max(
            sequences.top.reduce((sum, s) => sum + s.journeys, 0) + sequences.otherJourneys,
            result.suppression ? result.summary.journeys : 0,
          ),
        },
      );
      cards.push(
        chartTableCard(
          tr,
          {
            title: tr.t('trips.sequences'),
            caption: tr.t('trips.sequences.caption'),
            id: 'channel-sequences',
            wide: true,
          },
          icicle,
          () => ({
            header: ['channels', 'journeys'],
            rows: sequences.top.map((s) => [
              s.channels.join(' > '),
              csvFigure(tr, result, s, s.journeys),
            ]),
          }),
        ),
      );
    }
  }
  return el('div', { class: 'view view-trips chart-grid' }, ...cards);
}

export const tripsView: DashboardView = {
  id: 'trips',
  labelKey: 'view.trips',
  needsJourneys: true,
  render: renderTrips,
};
