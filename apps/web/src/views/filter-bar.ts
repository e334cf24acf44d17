import * as d3 from 'd3';
import type { DatasetDto, FacetsDto } from '@onetrip/contracts';
import { columnsChart } from '../charts/columns';
import type { Translator } from '../i18n/i18n';
import type { Loadable } from '../store/state';
import { channelName } from './chart-options';
import { el } from './dom';
import { isEmptyFilter, type Route } from './route';
import { monthStartIso } from './zoned-time';

type Navigate = (patch: Partial<Route>, replace?: boolean) => void;

/**
 * A facet filter: a button that opens a list of checkboxes, one per value, applied together
 * (one run for the whole choice, not one per click); several values mean any of them.
 */
function facetSelect(
  navigate: Navigate,
  id: string,
  label: string,
  field: 'service' | 'department' | 'location' | 'channel',
  values: string[],
  route: Route,
  tr: Translator,
): HTMLElement {
  const current = route.filter[field] ?? [];
  const chosen = new Set(current);
  const name = (v: string): string => (field === 'channel' ? channelName(tr, v) : v);
  const apply = (next: string[]): void =>
    navigate({ filter: { ...route.filter, [field]: next }, selected: null });
  const summary =
    current.length === 0
      ? tr.t('filter.all')
      : current.length === 1
        ? name(current[0] ?? '')
        : tr.t('filter.chosen', { count: tr.number(current.length) });
  const menu = el(
    'details',
    {
      class: 'facet-select',
      id: `${id}-menu`,
      ontoggle: () => {
        // Closing without applying forgets the unapplied ticks.
        if (!menu.open) {
          chosen.clear();
          for (const v of current) chosen.add(v);
          for (const box of menu.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
            box.checked = chosen.has(box.value);
          }
        }
      },
    },
    el(
      'summary',
      {
        id,
        'data-focus': id,
        'aria-label': `${label}: ${summary}`,
        class: values.length === 0 ? 'disabled' : '',
      },
      summary,
    ),
    el(
      'fieldset',
      { class: 'facet-options' },
      el('legend', { class: 'visually-hidden' }, label),
      values.map((v) =>
        el(
          'label',
          { class: 'facet-option' },
          el('input', {
            type: 'checkbox',
            value: v,
            checked: chosen.has(v),
            onchange: (event: Event) => {
              const box = event.target as HTMLInputElement;
              if (box.checked) chosen.add(v);
              else chosen.delete(v);
            },
          }),
          name(v),
        ),
      ),
      el(
        'div',
        { class: 'facet-actions' },
        el(
          'button',
          {
            type: 'button',
            class: 'button-primary',
            id: `${id}-apply`,
            onclick: () => apply(values.filter((v) => chosen.has(v))),
          },
          tr.t('filter.apply'),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'button-quiet',
            id: `${id}-all`,
            onclick: () => apply([]),
          },
          tr.t('filter.all'),
        ),
      ),
    ),
  );
  if (values.length === 0) menu.addEventListener('click', (e) => e.preventDefault());
  return el(
    'div',
    { class: 'control filter-control' },
    el('span', { class: 'control-label' }, label),
    menu,
  );
}

function brush(
  navigate: Navigate,
  f: FacetsDto,
  route: Route,
  tr: Translator,
  timeZone: string,
): HTMLElement {
  const months = f.months;
  const width = 560;
  const svg = columnsChart(
    months.map((m) => ({ key: m.period, label: m.period, value: m.events })),
    {
      width,
      height: 64,
      showValues: false,
      fontSize: 10,
      formatValue: (v) => tr.number(v),
      ariaLabel: tr.t('filter.time'),
      emptyLabel: tr.t('state.noJourneys'),
    },
  );
  const plot = svg.querySelector<SVGGElement>('.columns-plot');
  const selection = d3.select(svg);
  if (plot && months.length > 0) {
    const x0 = Number(plot.getAttribute('data-x0'));
    const x1 = Number(plot.getAttribute('data-x1'));
    const step = (x1 - x0) / months.length;
    const monthStart = (p: string): string => monthStartIso(p, timeZone);
    const monthEnd = (p: string): string => monthStartIso(p, timeZone, 1);
    const b = d3
      .brushX<unknown>()
      .extent([
        [x0, 0],
        [x1, 64 - 20],
      ])
      .on('end', (event: d3.D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) return;
        const s = event.selection as [number, number] | null;
        if (!s) {
          navigate({ filter: { ...route.filter, from: undefined, to: undefined } });
          return;
        }
        const i0 = Math.max(0, Math.min(months.length - 1, Math.round((s[0] - x0) / step)));
        const i1 = Math.max(i0, Math.min(months.length - 1, Math.round((s[1] - x0) / step) - 1));
        navigate({
          filter: {
            ...route.filter,
            from: monthStart(months[i0].period),
            to: monthEnd(months[i1].period),
          },
        });
      });
    const g = selection.append('g').attr('class', 'time-brush').call(b);
    if (route.filter.from || route.filter.to) {
      const i0 = route.filter.from
        ? months.findIndex((m) => monthStart(m.period) >= (route.filter.from ?? ''))
        : 0;
      const toIndex = route.filter.to
        ? months.findIndex((m) => monthEnd(m.period) >= (route.filter.to ?? ''))
        : -1;
      const i1 = toIndex < 0 ? months.length - 1 : toIndex;
      if (i0 >= 0) b.move(g, [x0 + i0 * step, x0 + (i1 + 1) * step]);
    }
  }
  // Months as the brush shows them; `to` is exclusive, so the last month is the one before it.
  const month = new Intl.DateTimeFormat(tr.locale, { year: 'numeric', month: 'short', timeZone });
  const { from, to } = route.filter;
  const range =
    from || to
      ? `${from ? month.format(Date.parse(from)) : '…'} – ${to ? month.format(Date.parse(to) - 1) : '…'}`
      : tr.t('filter.timeAll');
  return el(
    'div',
    { class: 'filter-time' },
    el(
      'div',
      { class: 'control-label' },
      tr.t('filter.time'),
      el('span', { class: 'muted filter-range' }, ` · ${range}`),
    ),
    el('div', { class: 'brush-frame', title: tr.t('filter.timeHint') }, svg),
  );
}

/** The facet filters: control id, label, filter field, and the facets' list of values. */
const FACETS = [
  ['filter-service', 'filter.service', 'service', 'services'],
  ['filter-department', 'filter.department', 'department', 'departments'],
  ['filter-hall', 'filter.hall', 'location', 'locations'],
  ['filter-channel', 'filter.channel', 'channel', 'channels'],
] as const;

/** The filter bar: months brushed on the dataset's events per month, facets, variants, clear. */
export function renderFilterBar(
  dataset: DatasetDto,
  facets: Loadable<FacetsDto> | undefined,
  route: Route,
  tr: Translator,
  navigate: Navigate,
): HTMLElement {
  const ready = facets?.status === 'done' ? facets.value : null;
  const values = (list: { value: string }[] | undefined): string[] =>
    (list ?? []).map((v) => v.value);
  const variantCount = route.filter.variants?.length ?? 0;
  return el(
    'section',
    { class: 'card filter-bar', 'aria-label': tr.t('filter.title'), 'data-testid': 'filter-bar' },
    ready ? brush(navigate, ready, route, tr, dataset.timezone) : null,
    el(
      'div',
      { class: 'filter-controls' },
      FACETS.map(([id, label, field, list]) =>
        facetSelect(navigate, id, tr.t(label), field, values(ready?.[list]), route, tr),
      ),
      el(
        'div',
        { class: 'control filter-control' },
        el('span', { class: 'control-label' }, tr.t('filter.variant')),
        el(
          'button',
          {
            type: 'button',
            class: 'button-quiet',
            id: 'filter-variant',
            onclick: () => navigate({ view: 'variants' }),
          },
          variantCount > 0 ? tr.t('filter.variants', { count: variantCount }) : tr.t('filter.all'),
        ),
      ),
      isEmptyFilter(route.filter)
        ? null
        : el(
            'button',
            {
              type: 'button',
              class: 'button-quiet filter-clear',
              id: 'filter-clear',
              onclick: () => navigate({ filter: {}, selected: null }),
            },
            tr.t('filter.clear'),
          ),
    ),
  );
}
