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
}

/** One ranking: bar chart and table; each row links to the map, highlighted. */
function rankingCard(ctx: ViewContext, ranking: Ranking): HTMLElement {
  const { tr } = ctx;
  const list = [...ranking.list].sort((a, b) => b.totalWaitSeconds - a.totalWaitSeconds);
  const rows: BarRow[] = list.slice(0, 15).map((b, i) => ({
    key: String(i),
    label: bottleneckName(b),
    value: b.totalWaitSeconds,
    note: tr.percent(b.share),
  }));
  const chart = barsChart(rows, {
    width: 900,
    labelWidth: 320,
    formatValue: (v) => tr.duration(v),
    ariaLabel: ranking.title,
    emptyLabel: tr.t('bottlenecks.empty'),
  });
  const header = [
    tr.t('bottlenecks.col.where'),
    tr.t('bottlenecks.col.kind'),
    tr.t('bottlenecks.col.total'),
    tr.t('bottlenecks.col.share'),
    tr.t('bottlenecks.col.mean'),
    tr.t('bottlenecks.col.median'),
    tr.t('bottlenecks.col.p90'),
    tr.t('bottlenecks.col.count'),
  ];
  const kind = (b: Bottleneck): string =>
    tr.t(b.kind === 'edge' ? 'bottlenecks.kind.edge' : 'bottlenecks.kind.activity');
  const table = el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'data-table', 'data-testid': `${ranking.id}-table` },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          header.map((h, i) => el('th', { scope: 'col', class: i >= 2 ? 'num' : null }, h)),
          el('th', {}, ''),
        ),
      ),
      el(
        'tbody',
        {},
        list.slice(0, BOTTLENECK_ROWS).map((b) =>
          el(
            'tr',
            {},
            el('td', {}, bottleneckName(b)),
            el('td', {}, kind(b)),
            el('td', { class: 'num' }, tr.duration(b.totalWaitSeconds)),
            el('td', { class: 'num' }, tr.percent(b.share)),
            el('td', { class: 'num' }, tr.duration(b.meanSeconds)),
            el(
              'td',
              { class: 'num' },
              b.medianSeconds === undefined ? '–' : tr.duration(b.medianSeconds),
            ),
            el('td', { class: 'num' }, tr.duration(b.p90Seconds)),
            el('td', { class: 'num' }, b.count === undefined ? '–' : tr.number(b.count)),
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
    ),
  );
  return chartTableCard(
    tr,
    { title: ranking.title, caption: ranking.caption, id: ranking.id, wide: true },
    chart,
    () => ({
      header,
      rows: list.map((b) => [
        bottleneckName(b),
        kind(b),
        Math.round(b.totalWaitSeconds),
        Math.round(b.share * 10000) / 10000,
        Math.round(b.meanSeconds),
        b.medianSeconds === undefined ? '' : Math.round(b.medianSeconds),
        Math.round(b.p90Seconds),
        b.count ?? '',
      ]),
    }),
    table,
    list.length > BOTTLENECK_ROWS
      ? el(
          'p',
          { class: 'muted' },
          tr.t('bottlenecks.more', {
            shown: tr.number(BOTTLENECK_ROWS),
            total: tr.number(list.length),
          }),
        )
      : null,
  );
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
        },
        {
          title: tr.t('bottlenecks.citizen.title'),
          caption: tr.t('bottlenecks.citizen.caption'),
          id: 'bottlenecks-citizen',
          list: sides.citizen,
        },
      ]
    : [
        {
          title: tr.t('bottlenecks.title'),
          caption: tr.t('bottlenecks.caption'),
          id: 'bottlenecks',
          list: result.bottlenecks,
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
