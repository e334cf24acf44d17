import type { QueueWaits, WaitRow } from '@onetrip/contracts';
import { barsChart } from '../charts/bars';
import { heatmap } from '../charts/heatmap';
import { heatmapOptions } from './chart-options';
import { chartTableCard } from './export';
import { el } from './dom';
import { csvFigure, smallCountText } from './small-counts';
import { unavailable, type DashboardView, type ViewContext } from './view-context';

function waitBars(
  ctx: ViewContext,
  rows: readonly WaitRow[],
  title: string,
  id: string,
  empty: string,
  caption?: string,
): HTMLElement {
  const { tr, result } = ctx;
  const sorted = [...rows].sort((a, b) => b.seconds.median - a.seconds.median);
  const working = sorted.some((r) => r.workingSeconds !== undefined);
  const small = smallCountText(tr, result);
  const csv = (r: WaitRow, value: number | undefined) =>
    value === undefined ? '' : csvFigure(tr, result, r, value);
  const chart = barsChart(
    sorted.map((r) =>
      r.suppressed
        ? {
            key: r.value ?? '',
            label: r.value ?? '–',
            value: 0,
            valueText: small,
            note: tr.t('waits.count', { count: small }),
          }
        : {
            key: r.value ?? '',
            label: r.value ?? '–',
            value: r.seconds.median,
            note: [
              `p90 ${tr.duration(r.seconds.p90)}`,
              tr.t('waits.count', { count: tr.number(r.count) }),
              ...(r.workingSeconds
                ? [tr.t('waits.workingMedian', { duration: tr.duration(r.workingSeconds.median) })]
                : []),
            ].join(' · '),
          },
    ),
    {
      width: 620,
      labelWidth: 170,
      figureWidth: 230,
      formatValue: (v) => tr.duration(v),
      ariaLabel: title,
      emptyLabel: empty,
    },
  );
  return chartTableCard(tr, { title, caption, id }, chart, () => ({
    header: [
      'value',
      'count',
      'mean',
      'median',
      'p90',
      'total',
      ...(working ? ['workingMedian', 'workingP90', 'workingTotal'] : []),
    ],
    rows: sorted.map((r) => [
      r.value ?? '',
      csv(r, r.count),
      csv(r, r.seconds.mean),
      csv(r, r.seconds.median),
      csv(r, r.seconds.p90),
      csv(r, r.seconds.total),
      ...(working
        ? [
            csv(r, r.workingSeconds?.median),
            csv(r, r.workingSeconds?.p90),
            csv(r, r.workingSeconds?.total),
          ]
        : []),
    ]),
  }));
}

/** Which clock the back-office waits are in: the working calendar's name, or calendar time. */
function backOfficeCaption(ctx: ViewContext): string {
  const { tr, result } = ctx;
  const calendar = result.insights?.workingCalendar;
  return calendar
    ? tr.t('waits.workingCalendar.cn', {
        start: calendar.start,
        end: calendar.end,
        zone: calendar.timeZone,
      })
    : tr.t('waits.calendarTimeOnly', { zone: ctx.timeZone });
}

/** Abandoned tickets (not called in their visit) by hall: the rate, with the counts as a note. */
function abandonedBars(ctx: ViewContext, q: QueueWaits): HTMLElement {
  const { tr, result } = ctx;
  const title = tr.t('waits.abandonedByHall');
  const small = smallCountText(tr, result);
  const chart = barsChart(
    q.abandonedByHall.map((r) => ({
      key: r.value ?? '',
      label: r.value ?? '–',
      value: r.rate,
      ...(r.suppressed ? { valueText: small } : {}),
      note: tr.t('waits.abandoned.note', {
        abandoned: r.suppressed ? small : tr.number(r.abandoned),
        tickets: r.suppressed ? small : tr.number(r.tickets),
      }),
    })),
    {
      width: 620,
      labelWidth: 170,
      figureWidth: 230,
      formatValue: (v) => tr.percent(v),
      ariaLabel: title,
      emptyLabel: tr.t('waits.noQueue'),
    },
  );
  const caption = tr.t('waits.abandoned.caption', {
    abandoned: tr.number(q.abandoned),
    tickets: tr.number(q.tickets),
    rate: tr.percent(q.abandonedRate ?? 0),
    byEvent: tr.number(q.abandonedByEvent),
  });
  return chartTableCard(tr, { title, caption, id: 'queue-abandoned' }, chart, () => ({
    header: ['value', 'tickets', 'abandoned', 'rate'],
    rows: q.abandonedByHall.map((r) => [
      r.value ?? '',
      csvFigure(tr, result, r, r.tickets),
      csvFigure(tr, result, r, r.abandoned),
      csvFigure(tr, result, r, r.rate),
    ]),
  }));
}

/** Waits: queue by hall, hour × weekday heatmap, back office by department, who is waited on. */
export function renderWaits(ctx: ViewContext): HTMLElement {
  const { tr, result } = ctx;
  const insights = result.insights;
  if (!insights)
    return el('div', { class: 'view view-waits' }, unavailable(tr.t('state.noInsights')));
  const cards: HTMLElement[] = [];
  const q = insights.queueWaits;
  if (q.count === 0 && !q.tickets)
    cards.push(unavailable(tr.t('waits.noQueue'), 'queue-unavailable'));
  else if (q.count === 0) {
    // Tickets were taken but none was called: name the missing step, not "no queue records".
    cards.push(
      unavailable(tr.t('waits.noCalls', { tickets: tr.number(q.tickets) }), 'queue-no-calls'),
    );
    if (q.abandonedByHall?.length > 0) cards.push(abandonedBars(ctx, q));
  } else {
    cards.push(
      waitBars(ctx, q.byHall, tr.t('waits.queueByHall'), 'queue-by-hall', tr.t('waits.noQueue')),
    );
    // A hidden cell (fewer than k waits) is left blank rather than drawn as a 0 s wait.
    const cells = q.byHourWeekday
      .filter((c) => !c.suppressed)
      .map((c) => ({
        row: c.weekday - 1,
        column: c.hour,
        value: c.medianSeconds,
        count: c.count,
      }));
    const heat = heatmap(cells, { ...heatmapOptions(tr), ariaLabel: tr.t('waits.heatmap') });
    cards.push(
      chartTableCard(tr, { title: tr.t('waits.heatmap'), id: 'queue-heatmap' }, heat, () => ({
        header: ['weekday', 'hour', 'count', 'meanSeconds', 'medianSeconds'],
        rows: q.byHourWeekday.map((c) => [
          c.weekday,
          c.hour,
          csvFigure(tr, result, c, c.count),
          csvFigure(tr, result, c, c.meanSeconds),
          csvFigure(tr, result, c, c.medianSeconds),
        ]),
      })),
    );
    // Results stored before abandonment was counted have no per-hall ticket counts.
    if (q.abandonedByHall?.length > 0) cards.push(abandonedBars(ctx, q));
  }
  if (insights.backOfficeWaits.length === 0)
    cards.push(unavailable(tr.t('waits.noDepartments'), 'departments-unavailable'));
  else
    cards.push(
      waitBars(
        ctx,
        insights.backOfficeWaits,
        tr.t('waits.byDepartment'),
        'waits-by-department',
        tr.t('waits.noDepartments'),
        backOfficeCaption(ctx),
      ),
    );
  const a = insights.waitAttribution;
  const split = barsChart(
    [
      {
        key: 'citizen',
        label: tr.t('waits.citizen'),
        value: a.citizenSeconds,
        note: tr.percent(a.citizenShare),
      },
      {
        key: 'government',
        label: tr.t('waits.government'),
        value: a.governmentSeconds,
        note: tr.percent(1 - a.citizenShare),
      },
    ],
    {
      width: 620,
      labelWidth: 190,
      formatValue: (v) => tr.duration(v),
      ariaLabel: tr.t('waits.attribution'),
    },
  );
  cards.push(
    chartTableCard(
      tr,
      {
        title: tr.t('waits.attribution'),
        caption: tr.t('waits.attribution.caption'),
        id: 'wait-attribution',
      },
      split,
      () => ({
        header: ['period', 'citizenSeconds', 'governmentSeconds'],
        rows: a.byPeriod.map((p) => [
          p.period,
          csvFigure(tr, result, p, p.citizenSeconds),
          csvFigure(tr, result, p, p.governmentSeconds),
        ]),
      }),
    ),
  );
  return el('div', { class: 'view view-waits chart-grid' }, ...cards);
}

export const waitsView: DashboardView = {
  id: 'waits',
  labelKey: 'view.waits',
  needsJourneys: true,
  render: renderWaits,
};
