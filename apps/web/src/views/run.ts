import type { DatasetDto, MiningResult, RunParams } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el, progressBar } from './dom';
import { errorBox } from './errors';
import { variantsChart } from '../charts/variants';
import { variantsOptions } from './chart-options';
import { renderProcessMapView } from './process-map-view';
import type { RunState } from './state';

export function renderRunControls(
  dataset: DatasetDto,
  state: RunState,
  tr: Translator,
  start: (params: RunParams) => void,
): HTMLElement[] {
  const busy =
    state.status === 'starting' || state.status === 'watching' || state.status === 'loadingResult';
  const nodes: HTMLElement[] = [el('p', { class: 'muted' }, tr.t('run.hint'))];
  if (dataset.eventCount === 0) {
    nodes.push(el('p', { class: 'empty-state' }, tr.t('run.noEvents')));
  }
  // Journeys follow citizens when the dataset has a citizen column, else one per case.
  const initial: NonNullable<RunParams['journey']> = dataset.mapping?.citizen
    ? dataset.mapping.service
      ? 'citizen+service'
      : 'citizen'
    : 'case';
  const journey = el(
    'select',
    { id: 'run-journey', 'data-focus': 'run-journey' },
    (['case', 'citizen', 'citizen+service'] as const).map((value) =>
      el('option', { value, selected: value === initial }, tr.t(`run.journey.${value}`)),
    ),
  );
  nodes.push(
    el(
      'label',
      { class: 'control', for: 'run-journey' },
      el('span', { class: 'control-label' }, tr.t('run.journey')),
      journey,
    ),
  );
  nodes.push(
    el(
      'button',
      {
        type: 'button',
        class: 'button-primary',
        id: 'run-start',
        'data-focus': 'run-start',
        disabled: busy || dataset.eventCount === 0,
        onclick: () => start({ journey: journey.value as NonNullable<RunParams['journey']> }),
      },
      state.status === 'done' ? tr.t('run.rerun') : tr.t('run.start'),
    ),
  );
  switch (state.status) {
    case 'starting':
      nodes.push(progressBar(tr.t('run.queued'), null));
      break;
    case 'watching':
      nodes.push(
        state.run.status === 'queued'
          ? progressBar(tr.t('run.queued'), null)
          : progressBar(
              tr.t('run.running', { percent: tr.percent(state.run.progress) }),
              state.run.progress,
            ),
      );
      break;
    case 'loadingResult':
      nodes.push(progressBar(tr.t('run.loadingResult'), 1));
      break;
    case 'error':
      nodes.push(errorBox(state.error, tr, tr.t('run.failed')));
      break;
    case 'done':
      if (state.run.datasetVersion !== dataset.version) {
        nodes.push(el('p', { class: 'notice', role: 'status' }, tr.t('run.stale')));
      }
      nodes.push(
        el(
          'p',
          { class: 'muted run-meta', role: 'status' },
          tr.t('run.finished', { date: tr.dateTime(state.run.finishedAt ?? state.run.createdAt) }),
          state.run.cached ? ` · ${tr.t('run.cached')}` : '',
        ),
      );
      break;
    case 'idle':
      break;
  }
  return nodes;
}

export function renderSummary(result: MiningResult, tr: Translator): HTMLElement {
  const figure = (label: string, value: string, key: string) =>
    el('div', { class: 'kpi', 'data-kpi': key }, el('dt', {}, label), el('dd', {}, value));
  return el(
    'dl',
    { class: 'kpis', 'data-testid': 'summary' },
    figure(tr.t('summary.events'), tr.number(result.summary.events), 'events'),
    figure(tr.t('summary.cases'), tr.number(result.summary.cases), 'cases'),
    figure(tr.t('summary.activities'), tr.number(result.summary.activities), 'activities'),
    figure(tr.t('summary.variants'), tr.number(result.variants.length), 'variants'),
    figure(tr.t('summary.leadTime'), tr.duration(result.leadTimeSeconds.median), 'lead-time'),
  );
}

export function renderVariants(result: MiningResult, tr: Translator): HTMLElement {
  const chart = variantsChart(
    { variants: result.variants, total: result.summary.cases },
    { ...variantsOptions(tr), width: 960 },
  );
  return el(
    'section',
    { class: 'card variants-card', 'aria-labelledby': 'variants-heading' },
    el('h3', { id: 'variants-heading' }, tr.t('variants.title')),
    el('p', { class: 'muted' }, tr.t('variants.caption')),
    el('div', { class: 'chart-scroll' }, chart),
  );
}

export function renderResult(result: MiningResult, tr: Translator): HTMLElement {
  return el(
    'div',
    { class: 'result' },
    renderSummary(result, tr),
    renderProcessMapView(result, tr),
    renderVariants(result, tr),
  );
}
