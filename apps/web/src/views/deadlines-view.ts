/**
 * The Deadlines view (办结时限): journeys completed within their promised time limit, per
 * service, department and hall; how far over the overdue ones went; the most overdue journeys,
 * each a link to its timeline; and the dataset's limit table to edit or upload
 * (docs/mining.md#deadlines, docs/user-guide.md#deadlines).
 */
import type { DeadlineRow, Deadlines, OverdueJourney } from '@onetrip/contracts';
import { barsChart } from '../charts/bars';
import { renderLimitsEditor, UNIT_KEYS } from './deadline-limits-editor';
import { el } from './dom';
import { chartTableCard } from './export';
import { unavailable, type DashboardContext, type DashboardView } from './view-context';

function summary(ctx: DashboardContext, d: Deadlines): HTMLElement {
  const { tr } = ctx;
  const cards: [string, string, string | null][] = [
    [
      'on-time',
      tr.t('deadlines.onTimeRate'),
      d.totals.onTimeRate === null ? null : tr.percent(d.totals.onTimeRate),
    ],
    ['overdue', tr.t('deadlines.overdue'), tr.number(d.totals.overdue)],
    ['with-limit', tr.t('deadlines.withLimit'), tr.number(d.totals.withLimit)],
    ['without-limit', tr.t('deadlines.withoutLimit'), tr.number(d.withoutLimit)],
  ];
  const notes = [
    d.withoutLimit > 0
      ? tr.t('deadlines.withoutLimit.note', { count: tr.number(d.withoutLimit) })
      : null,
    d.withoutAcceptance > 0
      ? tr.t('deadlines.withoutAcceptance.note', { count: tr.number(d.withoutAcceptance) })
      : null,
    d.totals.withLegal > 0
      ? tr.t('deadlines.legal.note', {
          within: tr.number(d.totals.withinLegal),
          count: tr.number(d.totals.withLegal),
        })
      : null,
  ].filter((n): n is string => n !== null);
  return el(
    'section',
    { class: 'card', 'data-testid': 'deadline-summary' },
    el(
      'div',
      { class: 'kpi-grid' },
      cards.map(([key, label, value]) =>
        el(
          'div',
          { class: value === null ? 'kpi-card kpi-missing' : 'kpi-card', 'data-kpi': key },
          el('div', { class: 'kpi-label' }, label),
          el('div', { class: 'kpi-value' }, value ?? '–'),
        ),
      ),
    ),
    ...notes.map((n) => el('p', { class: 'muted', 'data-testid': 'deadline-note' }, n)),
  );
}

function rateCard(
  ctx: DashboardContext,
  title: string,
  id: string,
  rows: readonly DeadlineRow[],
): HTMLElement {
  const { tr } = ctx;
  const known = rows.filter((r) => r.withLimit > 0);
  const chart = barsChart(
    known.map((r) => ({
      key: r.name,
      label: r.name || '–',
      value: r.onTimeRate ?? 0,
      note: tr.t('deadlines.rowNote', {
        overdue: tr.number(r.overdue),
        count: tr.number(r.withLimit),
      }),
    })),
    {
      width: 560,
      labelWidth: 170,
      max: 1,
      formatValue: (v) => tr.percent(v),
      ariaLabel: title,
      emptyLabel: tr.t('deadlines.noLimits'),
    },
  );
  return chartTableCard(tr, { title, id }, chart, () => ({
    header: [
      'name',
      'journeys',
      'withLimit',
      'onTime',
      'overdue',
      'onTimeRate',
      'withLegal',
      'withinLegal',
    ],
    rows: rows.map((r) => [
      r.name,
      r.journeys,
      r.withLimit,
      r.onTime,
      r.overdue,
      r.onTimeRate ?? '',
      r.withLegal,
      r.withinLegal,
    ]),
  }));
}

function overByCard(ctx: DashboardContext, d: Deadlines): HTMLElement {
  const { tr } = ctx;
  const title = tr.t('deadlines.overBy');
  const chart = barsChart(
    d.overBy.map((b) => ({
      key: `${b.unit}-${b.over}`,
      label: tr.t('deadlines.overBy.label', {
        over: tr.number(b.over),
        unit: tr.t(UNIT_KEYS[b.unit]),
      }),
      value: b.journeys,
    })),
    {
      width: 560,
      labelWidth: 170,
      formatValue: (v) => tr.number(v),
      ariaLabel: title,
      emptyLabel: tr.t('deadlines.noneOverdue'),
    },
  );
  return chartTableCard(
    tr,
    { title, id: 'deadline-over-by', caption: tr.t('deadlines.overBy.caption') },
    chart,
    () => ({
      header: ['unit', 'over', 'journeys'],
      rows: d.overBy.map((b) => [b.unit, b.over, b.journeys]),
    }),
  );
}

function overdueList(ctx: DashboardContext, d: Deadlines): HTMLElement {
  const { tr } = ctx;
  const amount = (value: number, j: OverdueJourney) =>
    `${tr.number(Math.round(value * 100) / 100)} ${tr.t(UNIT_KEYS[j.unit])}`;
  const listed = d.overdueJourneys;
  return el(
    'section',
    { class: 'card', 'data-card': 'overdue-journeys', 'aria-labelledby': 'overdue-journeys-title' },
    el('h3', { id: 'overdue-journeys-title' }, tr.t('deadlines.overdueList')),
    el(
      'p',
      { class: 'muted' },
      d.totals.overdue > listed.length
        ? tr.t('deadlines.overdueList.capped', {
            shown: tr.number(listed.length),
            count: tr.number(d.totals.overdue),
          })
        : tr.t('deadlines.overdueList.caption'),
    ),
    listed.length === 0
      ? el('p', {}, tr.t('deadlines.noneOverdue'))
      : el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'data-table', 'data-testid': 'overdue-journeys' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                [
                  'deadlines.col.journey',
                  'deadlines.col.service',
                  'deadlines.col.department',
                  'deadlines.col.hall',
                  'deadlines.col.used',
                  'deadlines.col.limit',
                  'deadlines.col.over',
                ].map((k) => el('th', {}, tr.t(k as Parameters<typeof tr.t>[0]))),
              ),
            ),
            el(
              'tbody',
              {},
              listed.map((j) =>
                el(
                  'tr',
                  { 'data-key': j.ref.key },
                  el(
                    'td',
                    {},
                    el(
                      'button',
                      {
                        type: 'button',
                        class: 'link-button overdue-journey',
                        'aria-label': tr.t('panel.openTimeline', { key: j.ref.key.slice(0, 12) }),
                        onclick: () =>
                          ctx.navigate({
                            view: 'timeline',
                            journey: { key: j.ref.key, service: j.ref.service ?? null },
                          }),
                      },
                      j.ref.key.length > 16 ? `${j.ref.key.slice(0, 16)}…` : j.ref.key,
                    ),
                    el('span', { class: 'muted' }, ` ${tr.dateTime(j.ref.start, ctx.timeZone)}`),
                  ),
                  el('td', {}, j.service || '–'),
                  el('td', {}, j.department || '–'),
                  el('td', {}, j.hall || '–'),
                  el('td', {}, amount(j.used, j)),
                  el('td', {}, amount(j.limit, j)),
                  el('td', { class: 'overdue-by' }, amount(j.over, j)),
                ),
              ),
            ),
          ),
        ),
  );
}

export const deadlinesView: DashboardView = {
  id: 'deadlines',
  labelKey: 'view.deadlines',
  needsJourneys: true,
  render: (ctx) => {
    const { tr } = ctx;
    const d = ctx.result.insights?.deadlines;
    const editor =
      ctx.dataset && ctx.deadlineActions
        ? renderLimitsEditor(ctx.dataset, tr, ctx.deadlineActions)
        : null;
    if (!d) {
      return el(
        'div',
        { class: 'view view-deadlines' },
        unavailable(tr.t('deadlines.unavailable')),
        editor,
      );
    }
    return el(
      'div',
      { class: 'view view-deadlines', 'data-testid': 'deadlines-view' },
      summary(ctx, d),
      d.totals.withLimit === 0
        ? unavailable(tr.t('deadlines.noLimits.hint'), 'deadlines-no-limits')
        : null,
      el(
        'div',
        { class: 'chart-grid' },
        rateCard(ctx, tr.t('deadlines.byService'), 'deadline-by-service', d.byService),
        rateCard(ctx, tr.t('deadlines.byDepartment'), 'deadline-by-department', d.byDepartment),
        rateCard(ctx, tr.t('deadlines.byHall'), 'deadline-by-hall', d.byHall),
        overByCard(ctx, d),
      ),
      overdueList(ctx, d),
      editor,
    );
  },
};
