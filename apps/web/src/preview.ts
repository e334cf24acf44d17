import './styles.css';
import { processMap } from './charts/process-map';
import { FIXTURES } from './charts/fixtures';
import { createTranslator } from './i18n/i18n';
import { variantsChart } from './charts/variants';
import { processMapOptions, variantsOptions } from './views/chart-options';
import { el } from './views/dom';
import { renderProcessMapView } from './views/process-map-view';

// Every chart fixture, rendered as the snapshot tests render it (static SVG), and once more in
// the app's interactive frame, so a chart change can be reviewed by eye before its snapshot.
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
for (const fixture of FIXTURES) {
  const tr = createTranslator(fixture.locale);
  const svg = processMap(fixture.result, processMapOptions(tr));
  const variants = variantsChart(
    { variants: fixture.result.variants, total: fixture.result.summary.cases },
    variantsOptions(tr),
  );
  main.append(
    el(
      'section',
      { class: 'card preview-item', id: `process-map.${fixture.name}` },
      el('h2', {}, `process-map.${fixture.name}`),
      el('p', { class: 'muted' }, `${fixture.description} · ${fixture.locale}`),
      el(
        'div',
        { class: 'preview-grid' },
        el('div', { class: 'preview-static' }, svg),
        renderProcessMapView(fixture.result, tr),
      ),
    ),
    el(
      'section',
      { class: 'card preview-item', id: `variants.${fixture.name}` },
      el('h2', {}, `variants.${fixture.name}`),
      el('div', { class: 'preview-static chart-scroll' }, variants),
    ),
  );
}
