import { csvFigure, smallCountText } from './small-counts';
import { variantsChart } from '../charts/variants';
import { variantsOptions } from './chart-options';
import { el } from './dom';
import { chartCard, chartExport, tableExport } from './export';
import { variantFromToken, variantToken } from './route';
import type { DashboardView, ViewContext } from './view-context';

/** Variants: count, coverage, cumulative coverage, median lead time; selection filters all views. */
export function renderVariants(ctx: ViewContext): HTMLElement {
  const { tr, result, route } = ctx;
  const total = Math.max(1, result.summary.journeys);
  const small = smallCountText(tr, result);
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
          el('td', { class: 'num' }, r.v.suppressed ? small : tr.number(r.v.count)),
          el('td', { class: 'num' }, r.v.suppressed ? small : tr.percent(r.coverage)),
          el(
            'td',
            { class: 'num' },
            el(
              'span',
              { class: 'cumulative', style: `--share:${Math.round(r.cumulative * 100)}%` },
              tr.percent(r.cumulative),
            ),
          ),
          el(
            'td',
            { class: 'num' },
            r.v.suppressed ? small : lead.has(r.token) ? tr.duration(lead.get(r.token) ?? 0) : '–',
          ),
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
              csvFigure(tr, result, r.v, r.v.count),
              csvFigure(tr, result, r.v, r.coverage),
              r.cumulative,
              r.v.suppressed ? small : (lead.get(r.token) ?? ''),
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

export const variantsView: DashboardView = {
  id: 'variants',
  labelKey: 'view.variants',
  needsJourneys: true,
  render: renderVariants,
};
