import type { Bottleneck, TripBreakdownRow, WaitRow } from '@onetrip/contracts';
import { barsChart, type BarRow } from '../charts/bars';
import { columnsChart } from '../charts/columns';
import { heatmap } from '../charts/heatmap';
import { icicleChart } from '../charts/icicle';
import { variantsChart } from '../charts/variants';
import { heatmapOptions, icicleOptions, variantsOptions } from './chart-options';
import { el } from './dom';
import { chartCard, chartExport, tableExport } from './export';
import { variantFromToken, variantToken } from './route';
import { unavailable, type ViewContext } from './view-context';

/** Rows the bottleneck table shows; the CSV export has them all. */
const BOTTLENECK_ROWS = 20;

function bottleneckName(b: Bottleneck): string {
  return b.kind === 'edge' ? `${b.from ?? ''} → ${b.to ?? ''}` : (b.activity ?? '');
}

/** Bottlenecks: ranked table and bar chart; each row links to the map, highlighted. */
export function renderBottlenecks(ctx: ViewContext): HTMLElement {
  const { tr, result } = ctx;
  const list = [...result.bottlenecks].sort((a, b) => b.totalWaitSeconds - a.totalWaitSeconds);
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
    ariaLabel: tr.t('bottlenecks.title'),
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
      { class: 'data-table', 'data-testid': 'bottlenecks-table' },
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
  return el(
    'div',
    { class: 'view view-bottlenecks' },
    chartCard(
      {
        title: tr.t('bottlenecks.title'),
        caption: tr.t('bottlenecks.caption'),
        id: 'bottlenecks',
        wide: true,
        actions: [
          chartExport(tr, tr.t('bottlenecks.title'), 'bottlenecks', () => chart),
          tableExport(tr, tr.t('bottlenecks.title'), 'bottlenecks', () => ({
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
          })),
        ],
      },
      el('div', { class: 'chart-scroll' }, chart),
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
    ),
  );
}

function rateCard(
  ctx: ViewContext,
  title: string,
  id: string,
  rows: readonly TripBreakdownRow[],
): HTMLElement {
  const { tr } = ctx;
  const sorted = [...rows].sort((a, b) => b.journeys - a.journeys);
  const chart = barsChart(
    sorted.map((r) => ({
      key: r.value ?? '',
      label: r.value ?? '–',
      value: r.atMostOneTripRate,
      note: tr.t('trips.journeys', { count: tr.number(r.journeys) }),
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
  return chartCard(
    {
      title,
      id,
      actions: [
        chartExport(tr, title, id, () => chart),
        tableExport(tr, title, id, () => ({
          header: [
            'value',
            'journeys',
            'trips',
            'tripsPerJourney',
            'atMostOneTripRate',
            'zeroTripRate',
          ],
          rows: sorted.map((r) => [
            r.value ?? '',
            r.journeys,
            r.trips,
            r.tripsPerJourney,
            r.atMostOneTripRate,
            r.zeroTripRate,
          ]),
        })),
      ],
    },
    el('div', { class: 'chart-scroll' }, chart),
  );
}

/** Trips: distribution, at-most-one rates, return reasons and channel sequences. */
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
  const cards: HTMLElement[] = [
    chartCard(
      {
        title: tr.t('trips.distribution'),
        caption: tr.t('trips.distribution.caption'),
        id: 'trips-distribution',
        actions: [
          chartExport(tr, tr.t('trips.distribution'), 'trips-distribution', () => distChart),
          tableExport(tr, tr.t('trips.distribution'), 'trips-distribution', () => ({
            header: ['trips', 'journeys'],
            rows: distribution.map(([k, v]) => [k, v]),
          })),
        ],
      },
      distChart,
    ),
  ];
  if (insights?.trips) {
    cards.push(
      rateCard(ctx, tr.t('trips.byService'), 'trips-by-service', insights.trips.byService),
      rateCard(ctx, tr.t('trips.byDepartment'), 'trips-by-department', insights.trips.byDepartment),
      rateCard(ctx, tr.t('trips.byHall'), 'trips-by-hall', insights.trips.byHall),
    );
  }
  if (insights) {
    const reasons = insights.returnReasons;
    const reasonsChart = barsChart(
      reasons.map((r) => ({ key: r.activity, label: r.activity, value: r.journeys })),
      {
        width: 560,
        labelWidth: 170,
        formatValue: (v) => tr.number(v),
        ariaLabel: tr.t('trips.returnReasons'),
        emptyLabel: tr.t('trips.noReturns'),
      },
    );
    cards.push(
      chartCard(
        {
          title: tr.t('trips.returnReasons'),
          caption: tr.t('trips.returnReasons.caption'),
          id: 'return-reasons',
          actions: [
            chartExport(tr, tr.t('trips.returnReasons'), 'return-reasons', () => reasonsChart),
            tableExport(tr, tr.t('trips.returnReasons'), 'return-reasons', () => ({
              header: ['activity', 'journeys', 'instances'],
              rows: reasons.map((r) => [r.activity, r.journeys, r.instances]),
            })),
          ],
        },
        el('div', { class: 'chart-scroll' }, reasonsChart),
      ),
    );
    const sequences = insights.channelSequences;
    if (sequences) {
      const icicle = icicleChart(
        sequences.top.map((s) => ({ steps: s.channels, count: s.journeys })),
        {
          ...icicleOptions(tr),
          width: 1100,
          height: 360,
          total: sequences.top.reduce((sum, s) => sum + s.journeys, 0) + sequences.otherJourneys,
        },
      );
      cards.push(
        chartCard(
          {
            title: tr.t('trips.sequences'),
            caption: tr.t('trips.sequences.caption'),
            id: 'channel-sequences',
            wide: true,
            actions: [
              chartExport(tr, tr.t('trips.sequences'), 'channel-sequences', () => icicle),
              tableExport(tr, tr.t('trips.sequences'), 'channel-sequences', () => ({
                header: ['channels', 'journeys'],
                rows: sequences.top.map((s) => [s.channels.join(' > '), s.journeys]),
              })),
            ],
          },
          el('div', { class: 'chart-scroll' }, icicle),
        ),
      );
    }
  }
  return el('div', { class: 'view view-trips chart-grid' }, ...cards);
}

function waitBars(
  ctx: ViewContext,
  rows: readonly WaitRow[],
  title: string,
  id: string,
  empty: string,
): HTMLElement {
  const { tr } = ctx;
  const sorted = [...rows].sort((a, b) => b.seconds.median - a.seconds.median);
  const chart = barsChart(
    sorted.map((r) => ({
      key: r.value ?? '',
      label: r.value ?? '–',
      value: r.seconds.median,
      note: `p90 ${tr.duration(r.seconds.p90)} · ${tr.t('waits.count', { count: tr.number(r.count) })}`,
    })),
    {
      width: 620,
      labelWidth: 170,
      figureWidth: 230,
      formatValue: (v) => tr.duration(v),
      ariaLabel: title,
      emptyLabel: empty,
    },
  );
  return chartCard(
    {
      title,
      id,
      actions: [
        chartExport(tr, title, id, () => chart),
        tableExport(tr, title, id, () => ({
          header: ['value', 'count', 'mean', 'median', 'p90', 'total'],
          rows: sorted.map((r) => [
            r.value ?? '',
            r.count,
            r.seconds.mean,
            r.seconds.median,
            r.seconds.p90,
            r.seconds.total,
          ]),
        })),
      ],
    },
    el('div', { class: 'chart-scroll' }, chart),
  );
}

/** Waits: queue by hall, hour × weekday heatmap, back office by department, who is waited on. */
export function renderWaits(ctx: ViewContext): HTMLElement {
  const { tr, result } = ctx;
  const insights = result.insights;
  if (!insights)
    return el('div', { class: 'view view-waits' }, unavailable(tr.t('state.noInsights')));
  const cards: HTMLElement[] = [];
  const q = insights.queueWaits;
  if (q.count === 0) cards.push(unavailable(tr.t('waits.noQueue'), 'queue-unavailable'));
  else {
    cards.push(
      waitBars(ctx, q.byHall, tr.t('waits.queueByHall'), 'queue-by-hall', tr.t('waits.noQueue')),
    );
    const cells = q.byHourWeekday.map((c) => ({
      row: c.weekday - 1,
      column: c.hour,
      value: c.medianSeconds,
      count: c.count,
    }));
    const heat = heatmap(cells, { ...heatmapOptions(tr), ariaLabel: tr.t('waits.heatmap') });
    cards.push(
      chartCard(
        {
          title: tr.t('waits.heatmap'),
          id: 'queue-heatmap',
          actions: [
            chartExport(tr, tr.t('waits.heatmap'), 'queue-heatmap', () => heat),
            tableExport(tr, tr.t('waits.heatmap'), 'queue-heatmap', () => ({
              header: ['weekday', 'hour', 'count', 'meanSeconds', 'medianSeconds'],
              rows: q.byHourWeekday.map((c) => [
                c.weekday,
                c.hour,
                c.count,
                c.meanSeconds,
                c.medianSeconds,
              ]),
            })),
          ],
        },
        el('div', { class: 'chart-scroll' }, heat),
      ),
    );
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
    chartCard(
      {
        title: tr.t('waits.attribution'),
        caption: tr.t('waits.attribution.caption'),
        id: 'wait-attribution',
        actions: [
          chartExport(tr, tr.t('waits.attribution'), 'wait-attribution', () => split),
          tableExport(tr, tr.t('waits.attribution'), 'wait-attribution', () => ({
            header: ['period', 'citizenSeconds', 'governmentSeconds'],
            rows: a.byPeriod.map((p) => [p.period, p.citizenSeconds, p.governmentSeconds]),
          })),
        ],
      },
      el('div', { class: 'chart-scroll' }, split),
    ),
  );
  return el('div', { class: 'view view-waits chart-grid' }, ...cards);
}

/** Variants: count, coverage, cumulative coverage, median lead time; selection filters all views. */
export function renderVariants(ctx: ViewContext): HTMLElement {
  const { tr, result, route } = ctx;
  const total = Math.max(1, result.summary.journeys);
  const lead = new Map(
    (result.insights?.variants ?? []).map((v) => [
      variantToken(v.activities),
      v.leadTimeSeconds.median,
    ]),
  );
  const shown = result.variants.slice(0, 30);
  const chart = variantsChart(
    { variants: result.variants, total },
    { ...variantsOptions(tr), width: 1100 },
  );
  const selected = new Set((route.filter.variants ?? []).map(variantToken));
  const pending = new Set(selected);
  let cumulative = 0;
  const rows = shown.map((v, i) => {
    cumulative += v.count;
    return {
      v,
      rank: i + 1,
      coverage: v.count / total,
      cumulative: cumulative / total,
      token: variantToken(v.activities),
    };
  });
  const header = [
    '#',
    tr.t('variants.col.sequence'),
    tr.t('variants.col.count'),
    tr.t('variants.col.coverage'),
    tr.t('variants.col.cumulative'),
    tr.t('variants.col.leadTime'),
  ];
  const apply = el(
    'button',
    {
      type: 'button',
      class: 'button-primary',
      id: 'variants-apply',
      onclick: () =>
        ctx.navigate({ filter: { ...route.filter, variants: [...pending].map(variantFromToken) } }),
    },
    tr.t('variants.apply'),
  );
  const table = el(
    'table',
    { class: 'data-table variants-table', 'data-testid': 'variants-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, tr.t('variants.col.select')),
        header.map((h, i) => el('th', { scope: 'col', class: i >= 2 ? 'num' : null }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          { class: selected.has(r.token) ? 'selected' : null },
          el(
            'td',
            {},
            el('input', {
              type: 'checkbox',
              class: 'variant-select',
              'aria-label': tr.t('variants.selectRow', { rank: r.rank }),
              checked: selected.has(r.token),
              onchange: (e: Event) => {
                if ((e.target as HTMLInputElement).checked) pending.add(r.token);
                else pending.delete(r.token);
              },
            }),
          ),
          el('td', { class: 'num' }, String(r.rank)),
          el('td', { class: 'variant-path' }, r.v.activities.join(' → ')),
          el('td', { class: 'num' }, tr.number(r.v.count)),
          el('td', { class: 'num' }, tr.percent(r.coverage)),
          el(
            'td',
            { class: 'num' },
            el(
              'span',
              { class: 'cumulative', style: `--share:${Math.round(r.cumulative * 100)}%` },
              tr.percent(r.cumulative),
            ),
          ),
          el('td', { class: 'num' }, lead.has(r.token) ? tr.duration(lead.get(r.token) ?? 0) : '–'),
        ),
      ),
    ),
  );
  return el(
    'div',
    { class: 'view view-variants' },
    chartCard(
      {
        title: tr.t('view.variants'),
        caption: tr.t('variants.more', {
          shown: tr.number(shown.length),
          total: tr.number(result.variants.length),
        }),
        id: 'variants',
        wide: true,
        actions: [
          tableExport(tr, tr.t('view.variants'), 'variants', () => ({
            header,
            rows: rows.map((r) => [
              r.rank,
              r.v.activities.join(' > '),
              r.v.count,
              r.coverage,
              r.cumulative,
              lead.get(r.token) ?? '',
            ]),
          })),
        ],
      },
      el(
        'div',
        { class: 'variants-actions' },
        apply,
        selected.size > 0
          ? el(
              'button',
              {
                type: 'button',
                class: 'button-quiet',
                onclick: () => ctx.navigate({ filter: { ...route.filter, variants: [] } }),
              },
              tr.t('variants.clear'),
            )
          : null,
      ),
      el('div', { class: 'table-wrap' }, table),
    ),
    chartCard(
      {
        title: tr.t('variants.title'),
        caption: tr.t('variants.caption'),
        id: 'variants-chart',
        wide: true,
        actions: [chartExport(tr, tr.t('variants.title'), 'variants-chart', () => chart)],
      },
      el('div', { class: 'chart-scroll' }, chart),
    ),
  );
}
