import { figureText, smallCountText } from './small-counts';
import type { Bottleneck, BottlenecksBySide } from '@onetrip/contracts';
import { barsChart, type BarRow } from '../charts/bars';
import { el } from './dom';
import { chartTableCard } from './export';
import type { DashboardView, ViewContext } from './view-context';

/** Rows the bottleneck table shows; the CSV export has them all. */
const BOTTLENECK_ROWS = 20;

function bottleneckName(b: Bottleneck): string {
  return b.kind === 'edge' ? `${b.from ?? ''} → ${b.to ?? ''}` : (b.activity ?? '');
}

interface Ranking {
  title: string;
  caption: string;
  /** The card id; the table's test id is `${id}-table`. */
  id: string;
  list: readonly Bottleneck[];
  /** The share of all waiting this ranking covers: 1, or a side's part of it. */
  whole: number;
}

/** The rows of one kind, largest total first. */
function ofKind(list: readonly Bottleneck[], kind: Bottleneck['kind']): Bottleneck[] {
  return list
    .filter((b) => b.kind === kind)
    .sort((a, b) => b.totalWaitSeconds - a.totalWaitSeconds);
}

/**
 * The share of all waiting that `shown` leaves out (the rows past the table, or past the mining
 * limit): what makes the table's shares add up to the ranking's whole. 0 when nothing is left.
 */
export function remainingShare(whole: number, shown: readonly Bottleneck[]): number {
  const rest = whole - shown.reduce((sum, b) => sum + b.share, 0);
  return rest > 1e-9 ? rest : 0;
}

function bottleneckTable(
  ctx: ViewContext,
  testId: string,
  rows: readonly Bottleneck[],
  rest: number,
): HTMLElement {
  const { tr, result } = ctx;
  const fig = (b: Bottleneck, text: () => string) => figureText(tr, result, b, text);
  const header = [
    tr.t('bottlenecks.col.where'),
    tr.t('bottlenecks.col.total'),
    tr.t('bottlenecks.col.share'),
    tr.t('bottlenecks.col.mean'),
    tr.t('bottlenecks.col.median'),
    tr.t('bottlenecks.col.p90'),
    tr.t('bottlenecks.col.count'),
  ];
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'data-table', 'data-testid': testId },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          header.map((h, i) => el('th', { scope: 'col', class: i >= 1 ? 'num' : null }, h)),
          el('th', {}, ''),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((b) =>
          el(
            'tr',
            {},
            el('td', {}, bottleneckName(b)),
            el(
              'td',
              { class: 'num' },
              fig(b, () => tr.duration(b.totalWaitSeconds)),
            ),
            el(
              'td',
              { class: 'num' },
              fig(b, () => tr.percent(b.share)),
            ),
            el(
              'td',
              { class: 'num' },
              fig(b, () => tr.duration(b.meanSeconds)),
            ),
            el(
              'td',
              { class: 'num' },
              fig(b, () => (b.medianSeconds === undefined ? '–' : tr.duration(b.medianSeconds))),
            ),
            el(
              'td',
              { class: 'num' },
              fig(b, () => tr.duration(b.p90Seconds)),
            ),
            el(
              'td',
              { class: 'num' },
              fig(b, () => (b.count === undefined ? '–' : tr.number(b.count))),
            ),
            el(
              'td',
              {},
              el(
                'button',
                {
                  type: 'button',
                  class: 'link-button show-on-map',
                  onclick: () =>
                    ctx.navigate({
                      view: 'map',
                      selected:
                        b.kind === 'edge'
                          ? { kind: 'edge', from: b.from ?? '', to: b.to ?? '' }
                          : { kind: 'activity', activity: b.activity ?? '' },
                    }),
                },
                tr.t('bottlenecks.showOnMap'),
              ),
            ),
          ),
        ),
      ),
      rest > 0
        ? el(
            'tfoot',
            {},
            el(
              'tr',
              { class: 'muted', 'data-testid': `${testId}-rest` },
              el('td', {}, tr.t('bottlenecks.rest')),
              el('td', {}, ''),
              el('td', { class: 'num' }, tr.percent(rest)),
              el('td', { colspan: '5' }, ''),
            ),
          )
        : null,
    ),
  );
}

/**
 * One ranking. Every wait is a hand-off (the time between one step and the next), so the
 * hand-offs are the ranking: their shares of `whole` add up to it. The steps waited for are a view
 * of the same waits, grouped by the step that follows: their shares add up to the same whole, so
 * they are shown beside it (folded), never in one list with the hand-offs, which would count each
 * wait twice.
 */
function rankingCard(ctx: ViewContext, ranking: Ranking): HTMLElement {
  const { tr } = ctx;
  const edges = ofKind(ranking.list, 'edge');
  const activities = ofKind(ranking.list, 'activity');
  const rows: BarRow[] = edges.slice(0, 15).map((b, i) => ({
    key: String(i),
    label: bottleneckName(b),
    value: b.totalWaitSeconds,
    ...(b.suppressed ? { valueText: smallCountText(tr, ctx.result) } : {}),
    note: figureText(tr, ctx.result, b, () => tr.percent(b.share)),
  }));
  const chart = barsChart(rows, {
    width: 900,
    labelWidth: 320,
    formatValue: (v) => tr.duration(v),
    ariaLabel: ranking.title,
    emptyLabel: tr.t('bottlenecks.empty'),
  });
  const shownEdges = edges.slice(0, BOTTLENECK_ROWS);
  const shownActivities = activities.slice(0, BOTTLENECK_ROWS);
  const kind = (b: Bottleneck): string =>
    tr.t(b.kind === 'edge' ? 'bottlenecks.kind.edge' : 'bottlenecks.kind.activity');
  const csvHeader = [
    tr.t('bottlenecks.col.where'),
    tr.t('bottlenecks.col.kind'),
    tr.t('bottlenecks.col.total'),
    tr.t('bottlenecks.col.share'),
    tr.t('bottlenecks.col.mean'),
    tr.t('bottlenecks.col.median'),
    tr.t('bottlenecks.col.p90'),
    tr.t('bottlenecks.col.count'),
  ];
  return chartTableCard(
    tr,
    { title: ranking.title, caption: ranking.caption, id: ranking.id, wide: true },
    chart,
    () => ({
      header: csvHeader,
      // Hand-offs first, then the same waits by step: each group's shares add up on its own.
      rows: [...edges, ...activities].map((b) =>
        b.suppressed
          ? [bottleneckName(b), kind(b), ...Array<string>(6).fill(smallCountText(tr, ctx.result))]
          : [
              bottleneckName(b),
              kind(b),
              Math.round(b.totalWaitSeconds),
              Math.round(b.share * 10000) / 10000,
              Math.round(b.meanSeconds),
              b.medianSeconds === undefined ? '' : Math.round(b.medianSeconds),
              Math.round(b.p90Seconds),
              b.count ?? '',
            ],
      ),
    }),
    bottleneckTable(
      ctx,
      `${ranking.id}-table`,
      shownEdges,
      remainingShare(ranking.whole, shownEdges),
    ),
    edges.length > BOTTLENECK_ROWS
      ? el(
          'p',
          { class: 'muted' },
          tr.t('bottlenecks.more', {
            shown: tr.number(BOTTLENECK_ROWS),
            total: tr.number(edges.length),
          }),
        )
      : null,
    activities.length > 0
      ? el(
          'details',
          { class: 'bottlenecks-by-step', 'data-testid': `${ranking.id}-by-step` },
          el('summary', {}, tr.t('bottlenecks.byStep')),
          el('p', { class: 'muted' }, tr.t('bottlenecks.byStep.caption')),
          bottleneckTable(
            ctx,
            `${ranking.id}-by-step-table`,
            shownActivities,
            remainingShare(ranking.whole, shownActivities),
          ),
        )
      : null,
  );
}

/** A side's share of all waiting; results stored before `shares` give the listed edges' sum. */
function sideWhole(list: readonly Bottleneck[], share: number | undefined): number {
  return share ?? ofKind(list, 'edge').reduce((sum, b) => sum + b.share, 0);
}

/**
 * Bottlenecks. With insights, two rankings: waiting on the government first (the reform team's
 * list), then waiting on the citizen (the time before a ticket, an upload, the next visit), as
 * docs/mining.md defines the sides. A result mined without insights has the single ranking.
 */
export function renderBottlenecks(ctx: ViewContext): HTMLElement {
  const { tr, result } = ctx;
  // Results stored before the split have insights without `bottlenecks`.
  const sides: BottlenecksBySide | undefined = result.insights?.bottlenecks;
  const rankings: Ranking[] = sides
    ? [
        {
          title: tr.t('bottlenecks.government.title'),
          caption: tr.t('bottlenecks.government.caption'),
          id: 'bottlenecks-government',
          list: sides.government,
          whole: sideWhole(sides.government, sides.shares?.government),
        },
        {
          title: tr.t('bottlenecks.citizen.title'),
          caption: tr.t('bottlenecks.citizen.caption'),
          id: 'bottlenecks-citizen',
          list: sides.citizen,
          whole: sideWhole(sides.citizen, sides.shares?.citizen),
        },
      ]
    : [
        {
          title: tr.t('bottlenecks.title'),
          caption: tr.t('bottlenecks.caption'),
          id: 'bottlenecks',
          list: result.bottlenecks,
          whole: result.bottlenecks.some((b) => b.kind === 'edge') ? 1 : 0,
        },
      ];
  return el(
    'div',
    { class: 'view view-bottlenecks' },
    rankings.map((r) => rankingCard(ctx, r)),
  );
}

export const bottlenecksView: DashboardView = {
  id: 'bottlenecks',
  labelKey: 'view.bottlenecks',
  needsJourneys: true,
  render: renderBottlenecks,
};
