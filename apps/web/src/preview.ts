import './styles.css';
import { barsChart } from './charts/bars';
import { columnsChart } from './charts/columns';
import { FIXTURES } from './charts/fixtures';
import { bigMap } from './charts/fixtures/big-map';
import {
  BAR_FIXTURES,
  COLUMN_FIXTURES,
  HEATMAP_FIXTURES,
  ICICLE_FIXTURES,
  SPARKLINE_FIXTURES,
  GOAL_TRAJECTORY_FIXTURES,
  TIMELINE_FIXTURES,
} from './charts/fixtures/dashboard';
import { heatmap } from './charts/heatmap';
import { icicleChart } from './charts/icicle';
import { journeyTimeline } from './charts/journey-timeline';
import { processMap } from './charts/process-map';
import { sparkline } from './charts/sparkline';
import { goalTrajectory } from './charts/goal-trajectory';
import { variantsChart } from './charts/variants';
import { createTranslator } from './i18n/i18n';
import {
  heatmapOptions,
  icicleOptions,
  journeyTimelineOptions,
  processMapOptions,
  variantsOptions,
} from './views/chart-options';
import { el } from './views/dom';
import { renderProcessMapView } from './views/process-map-view';
import { sliceMap } from './views/map-view';
import { DASHBOARD_VIEWS } from './views/registry';
import { EMPTY_ROUTE } from './views/route';
import type { MapLayout } from './charts/process-map';
import { demoResult } from './charts/fixtures/demo';

// Every chart fixture, rendered as the snapshot tests render it (static SVG), and the maps once
// more in the app's interactive frame, so a chart change can be reviewed by eye before its
// snapshot. `?bench=map` instead times a map of 100 activities and 1,000 transitions
// (test/bench/map-render.bench.mjs reads window.__mapBench).
const root = document.getElementById('preview');
if (!root) throw new Error('preview.html has no #preview element');
root.append(
  el(
    'header',
    { class: 'app-header' },
    el(
      'div',
      { class: 'brand' },
      el('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      el('span', { class: 'brand-name' }, 'onetrip'),
      el('span', { class: 'brand-tagline' }, 'chart preview'),
    ),
  ),
);
const main = el('main', { class: 'preview' });
root.append(main);

declare global {
  interface Window {
    __mapBench?: { ms: number; activities: number; edges: number; drawnEdges: number };
  }
}

function bench(): void {
  const tr = createTranslator('en');
  const result = bigMap(100, 1000);
  const host = el('div', { class: 'card' });
  main.append(host);
  requestAnimationFrame(() => {
    const started = performance.now();
    // What the journey map does with every path shown: slice, lay out, draw, frame, paint.
    const data = sliceMap(result, 100, 100);
    const view = renderProcessMapView(result, tr, { data, tables: false, chart: {} });
    host.append(view);
    view.getBoundingClientRect();
    requestAnimationFrame(() => {
      window.__mapBench = {
        ms: Math.round(performance.now() - started),
        activities: data.activities.length,
        edges: data.dfg.length,
        drawnEdges: view.querySelectorAll('.pm-edge:not(.pm-edge-terminal)').length,
      };
      host.prepend(el('p', { id: 'bench-result' }, JSON.stringify(window.__mapBench)));
    });
  });
}

function section(id: string, description: string, ...content: Node[]): HTMLElement {
  return el(
    'section',
    { class: 'card preview-item', id },
    el('h2', {}, id),
    el('p', { class: 'muted' }, description),
    ...content,
  );
}

function gallery(): void {
  for (const fixture of FIXTURES) {
    const tr = createTranslator(fixture.locale);
    const svg = processMap(fixture.result, processMapOptions(tr));
    const variants = variantsChart(
      { variants: fixture.result.variants, total: fixture.result.summary.cases },
      variantsOptions(tr),
    );
    main.append(
      section(
        `process-map.${fixture.name}`,
        `${fixture.description} · ${fixture.locale}`,
        el(
          'div',
          { class: 'preview-grid' },
          el('div', { class: 'preview-static' }, svg),
          renderProcessMapView(fixture.result, tr),
        ),
      ),
      section(
        `variants.${fixture.name}`,
        fixture.description,
        el('div', { class: 'preview-static chart-scroll' }, variants),
      ),
    );
  }
  for (const f of BAR_FIXTURES) {
    const tr = createTranslator(f.locale);
    const svg = barsChart(f.data, {
      formatValue: f.name === 'rates' ? (v) => tr.percent(v) : (v) => tr.duration(v * 3600),
      max: f.name === 'rates' ? 1 : null,
    });
    main.append(
      section(`bars.${f.name}`, f.description, el('div', { class: 'preview-static' }, svg)),
    );
  }
  for (const f of COLUMN_FIXTURES) {
    const tr = createTranslator(f.locale);
    const svg = columnsChart(f.data, { formatValue: (v) => tr.number(v) });
    main.append(
      section(`columns.${f.name}`, f.description, el('div', { class: 'preview-static' }, svg)),
    );
  }
  for (const f of SPARKLINE_FIXTURES) {
    main.append(
      section(
        `sparkline.${f.name}`,
        f.description,
        el(
          'div',
          { class: 'preview-static' },
          sparkline(f.data, {
            domain: [0, 1],
            formatValue: (v) => createTranslator(f.locale).percent(v),
          }),
        ),
      ),
    );
  }
  for (const f of GOAL_TRAJECTORY_FIXTURES) {
    const svg = goalTrajectory(f.data, {
      formatValue: (v) => createTranslator(f.locale).number(v),
    });
    main.append(
      section(
        `goal-trajectory.${f.name}`,
        f.description,
        el('div', { class: 'preview-static' }, svg),
      ),
    );
  }
  for (const f of HEATMAP_FIXTURES) {
    const svg = heatmap(f.data, heatmapOptions(createTranslator(f.locale)));
    main.append(
      section(`heatmap.${f.name}`, f.description, el('div', { class: 'preview-static' }, svg)),
    );
  }
  for (const f of ICICLE_FIXTURES) {
    const svg = icicleChart(f.data, icicleOptions(createTranslator(f.locale)));
    main.append(
      section(`icicle.${f.name}`, f.description, el('div', { class: 'preview-static' }, svg)),
    );
  }
  for (const f of TIMELINE_FIXTURES) {
    const svg = journeyTimeline(
      f.data,
      journeyTimelineOptions(createTranslator(f.locale), 'Asia/Shanghai'),
    );
    main.append(
      section(
        `journey-timeline.${f.name}`,
        f.description,
        el('div', { class: 'preview-static chart-scroll' }, svg),
      ),
    );
  }
}

/** The dashboard's views on the demo fixture (Chinese), as the app shows them. */
function dashboardViews(): void {
  const layouts = new Map<string, MapLayout>();
  // The timeline needs a journey fetched by key (the chart gallery shows it above), the goals
  // their goals fetched from the api (the goal trajectory chart is in the gallery).
  for (const view of DASHBOARD_VIEWS.filter((v) => v.needsJourneys)) {
    const rendered = view.render({
      tr: createTranslator('zh-CN'),
      result: demoResult,
      route: { ...EMPTY_ROUTE, dataset: 'demo', view: view.id },
      navigate: () => undefined,
      timeZone: 'Asia/Shanghai',
      layouts,
      datasetId: 'demo',
      goals: null,
      facets: null,
      saveGoal: () => Promise.resolve(null),
      timeline: null,
    });
    main.append(section(`dashboard.${view.id}`, '150 simulated journeys, zh-CN', rendered));
  }
}

const mode = new URLSearchParams(location.search).get('bench');
if (mode === 'map') bench();
else {
  gallery();
  dashboardViews();
}
