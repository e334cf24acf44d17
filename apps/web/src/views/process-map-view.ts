import * as d3 from 'd3';
import type { MiningResult } from '@onetrip/contracts';
import {
  processMap,
  type MapElement,
  type ProcessMapData,
  type ProcessMapOptions,
} from '../charts/process-map';
import { simplifyProcessMap } from '../charts/simplify';
import { textWidth, wrapText } from '../charts/text';
import type { Translator } from '../i18n/i18n';
import { processMapOptions } from './chart-options';
import { el } from './dom';
import { renderMapTables } from './tables';

const ZOOM_EXTENT: [number, number] = [0.2, 4];
/** Below this scale, node labels get too small to read on a first look. */
const MIN_READABLE_SCALE = 0.8;
/** The map's text size (px at scale 1) and the smallest size worth drawing on screen. */
const MAP_FONT_PX = 11;
const MIN_SCREEN_FONT_PX = 9;
/** Activity names are drawn at the chart's font size (13 px at scale 1) and kept at least this big. */
const NODE_FONT_PX = 13;
const MIN_SCREEN_NODE_FONT_PX = 10;

/**
 * What text the map shows at an on-screen scale (viewBox fit × zoom): below MIN_SCREEN_FONT_PX
 * the transition labels are hidden rather than drawn as specks, and the swimlane headers are
 * drawn larger in map units so that they stay MAP_FONT_PX on screen. Pure.
 */
export function mapTextAt(scale: number): {
  hideEdgeLabels: boolean;
  laneFontPx: number;
  /** Null while activity names read at their own size; else the size (map units) to draw them. */
  nodeFontPx: number | null;
} {
  const safe = scale > 0 && Number.isFinite(scale) ? scale : 1;
  return {
    hideEdgeLabels: MAP_FONT_PX * safe < MIN_SCREEN_FONT_PX,
    laneFontPx: safe < 1 ? MAP_FONT_PX / safe : MAP_FONT_PX,
    nodeFontPx:
      NODE_FONT_PX * safe < MIN_SCREEN_NODE_FONT_PX ? MIN_SCREEN_NODE_FONT_PX / safe : null,
  };
}

/** A compact name: its lines and size, and whether it floats over the map (no room in its box). */
export interface CompactLabel {
  lines: string[];
  fontPx: number;
  floating: boolean;
}

const LABEL_PADDING = 6;
const LABEL_LINE_HEIGHT = 1.2;
/** A floating name is cut after about this many ems (8 Chinese characters, 13 Latin letters). */
const FLOATING_LABEL_EMS = 8;

/**
 * An activity's name as a map shown small draws it (the counts left out), at `fontPx` map units:
 * inside the node's box when the whole name fits there, else as one line of at most
 * FLOATING_LABEL_EMS (cut with an ellipsis) that floats over the map, centred on the node (the
 * whole name stays in the node's tooltip). Pure.
 */
export function compactNodeLabel(
  name: string,
  box: { width: number; height: number },
  fontPx: number,
): CompactLabel {
  const room = box.height - LABEL_PADDING;
  if (fontPx * LABEL_LINE_HEIGHT <= room) {
    const maxLines = Math.floor(room / (fontPx * LABEL_LINE_HEIGHT));
    const lines = wrapText(name, Math.max(1, box.width - 2 * LABEL_PADDING), fontPx, maxLines);
    if (!lines[lines.length - 1]?.endsWith('…')) return { lines, fontPx, floating: false };
  }
  return { lines: wrapText(name, FLOATING_LABEL_EMS * fontPx, fontPx, 1), fontPx, floating: true };
}

/** A label's place: its centre and size in map units. */
export interface LabelBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher first (the activity's frequency). */
  priority: number;
}

/**
 * The labels that can be drawn without overlapping, most important first (greedy, as map
 * labelling does): a label that would overlap one already placed, or one of the `fixed` ones
 * (names drawn inside their boxes), is left out. Pure.
 */
export function placeLabels(
  boxes: readonly LabelBox[],
  fixed: readonly LabelBox[] = [],
): Set<string> {
  const placed: LabelBox[] = [...fixed];
  const overlaps = (a: LabelBox, b: LabelBox): boolean =>
    Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
  const ordered = [...boxes].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const shown = new Set<string>();
  for (const box of ordered) {
    if (placed.some((p) => overlaps(p, box))) continue;
    placed.push(box);
    shown.add(box.id);
  }
  return shown;
}

/**
 * The process map in a pannable, zoomable frame (d3-zoom on the chart's `g.pm-viewport`), with
 * keyboard-reachable zoom buttons and a legend. The first view fits the whole map.
 */
export interface ProcessMapViewOptions {
  /** What to draw (default: the result, simplified to its most frequent transitions). */
  data: ProcessMapData;
  chart: Partial<ProcessMapOptions>;
  /** Replaces the simplification notice. */
  notice: string | null;
  /** Extra controls in the toolbar (overlay, sliders …). */
  controls: HTMLElement | null;
  legend: HTMLElement[] | null;
  onSelect: (element: MapElement) => void;
  /** Tables under the map (default on). */
  tables: boolean;
  /** Where the first view centres (the selected element), in chart coordinates. */
  focus: { x: number; y: number } | null;
}

export function renderProcessMapView(
  result: MiningResult,
  tr: Translator,
  view: Partial<ProcessMapViewOptions> = {},
): HTMLElement {
  const simplified = view.data
    ? { data: view.data, shownEdges: view.data.dfg.length, totalEdges: view.data.dfg.length }
    : simplifyProcessMap(result);
  const svg = processMap(simplified.data, { ...processMapOptions(tr), ...view.chart });
  if (view.onSelect) {
    const onSelect = view.onSelect;
    svg.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const edge = target?.closest('.pm-edge:not(.pm-edge-terminal)');
      const node = target?.closest('.pm-node-activity');
      if (edge) {
        onSelect({
          kind: 'edge',
          from: edge.getAttribute('data-from') ?? '',
          to: edge.getAttribute('data-to') ?? '',
        });
      } else if (node) {
        onSelect({ kind: 'activity', activity: node.getAttribute('data-activity') ?? '' });
      }
    });
  }
  const frame = el('div', { class: 'map-frame', 'data-testid': 'process-map' });
  frame.append(svg);
  const card = el('section', { class: 'card map-card', 'aria-labelledby': 'map-heading' });
  if (result.activities.length === 0) {
    card.append(
      el('h3', { id: 'map-heading' }, tr.t('run.title')),
      el('p', { class: 'empty-state', 'data-testid': 'process-map-empty' }, tr.t('map.empty')),
    );
    return card;
  }

  const chartWidth = Number(svg.getAttribute('width'));
  const chartHeight = Number(svg.getAttribute('height'));
  // The frame decides the size; the chart's own size becomes the content being zoomed.
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const viewport = d3.select(svg).select<SVGGElement>('g.pm-viewport');
  const selection = d3.select(svg);
  // Once the user has panned or zoomed, a resize of the frame keeps their view.
  let moved = false;
  let refitting = false;
  // The viewBox's fit scale and the zoom's, whose product is what the eye sees.
  let fitScale = 1;
  let zoomScale = 1;
  let compactFontPx: number | null = null;
  const counts = new Map(simplified.data.activities.map((a) => [a.activity, a.count]));
  const applyTextScale = (): void => {
    const text = mapTextAt(fitScale * zoomScale);
    svg.classList.toggle('pm-tiny-text', text.hideEdgeLabels);
    viewport.selectAll('.pm-lane-label').attr('font-size', text.laneFontPx);
    svg.classList.toggle('pm-compact-nodes', text.nodeFontPx !== null);
    if (text.nodeFontPx === null || text.nodeFontPx === compactFontPx) return;
    compactFontPx = text.nodeFontPx;
    drawCompactNodeLabels(viewport, text.nodeFontPx, counts);
  };
  const zoom = d3
    .zoom<SVGSVGElement, unknown>()
    .scaleExtent(ZOOM_EXTENT)
    .on('start', () => {
      // Any transform change other than a refit (pointer, wheel, buttons, keys) is the user's.
      if (!refitting) moved = true;
    })
    .on('zoom', (event: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
      viewport.attr('transform', event.transform.toString());
      zoomScale = event.transform.k;
      applyTextScale();
    });
  selection.call(zoom);
  // The frame is as tall as the map, up to most of the window; the map never grows past 1:1.
  frame.style.height = `min(80vh, ${Math.max(chartHeight + 24, 320)}px)`;
  /**
   * Shows the map at `scale` in the frame, centred across and from the top down, by sizing the
   * viewBox to the frame (so d3-zoom starts from the identity transform).
   */
  const show = (scale: number, width: number, height: number): void => {
    fitScale = scale;
    const viewWidth = width / scale;
    const viewHeight = height / scale;
    svg.setAttribute(
      'viewBox',
      `${(chartWidth - viewWidth) / 2} ${Math.min(0, (chartHeight - viewHeight) / 2)} ${viewWidth} ${viewHeight}`,
    );
    refitting = true;
    zoom.transform(selection, d3.zoomIdentity);
    refitting = false;
  };
  const frameSize = (): [number, number] => {
    const box = frame.getBoundingClientRect();
    return [box.width || chartWidth, box.height || chartHeight];
  };
  /** The whole map, however small that makes it. */
  const fitAll = (): void => {
    moved = false;
    const [width, height] = frameSize();
    show(Math.min(1, width / chartWidth, height / chartHeight), width, height);
  };
  /**
   * The first view: centred on the selected element when there is one; else whole when that
   * stays readable, else full width and panned from the top.
   */
  const fitReadable = (): void => {
    const [width, height] = frameSize();
    const whole = Math.min(1, width / chartWidth, height / chartHeight);
    const focus = view.focus;
    if (focus) {
      // A selected element: readable, and in the middle of the frame.
      const scale = Math.max(whole, MIN_READABLE_SCALE);
      fitScale = scale;
      const viewWidth = width / scale;
      const viewHeight = height / scale;
      svg.setAttribute(
        'viewBox',
        `${focus.x - viewWidth / 2} ${focus.y - viewHeight / 2} ${viewWidth} ${viewHeight}`,
      );
      refitting = true;
      zoom.transform(selection, d3.zoomIdentity);
      refitting = false;
      return;
    }
    show(Math.max(whole, Math.min(1, width / chartWidth, MIN_READABLE_SCALE)), width, height);
  };
  const button = (
    label: string,
    symbol: string,
    onClick: () => void,
    focusKey: string,
  ): HTMLButtonElement =>
    el(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': label,
        title: label,
        'data-focus': focusKey,
        onclick: onClick,
      },
      el('span', { 'aria-hidden': 'true' }, symbol),
    );
  const toolbar = el(
    'div',
    { class: 'map-toolbar', role: 'toolbar', 'aria-label': tr.t('run.title') },
    button(
      tr.t('map.zoomIn'),
      '+',
      () => zoom.scaleBy(selection.transition().duration(200), 1.4),
      'zoom-in',
    ),
    button(
      tr.t('map.zoomOut'),
      '−',
      () => zoom.scaleBy(selection.transition().duration(200), 1 / 1.4),
      'zoom-out',
    ),
    button(tr.t('map.zoomReset'), '⤢', fitAll, 'zoom-reset'),
  );
  // Keyboard: the frame is focusable; arrows pan, + and − zoom, 0 fits the whole map.
  frame.tabIndex = 0;
  frame.setAttribute('aria-label', `${svg.getAttribute('aria-label') ?? ''}. ${tr.t('map.keys')}`);
  frame.addEventListener('keydown', (event: KeyboardEvent) => {
    const step = 60;
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const pan = pans[event.key];
    if (pan) zoom.translateBy(selection, pan[0], pan[1]);
    else if (event.key === '+' || event.key === '=') zoom.scaleBy(selection, 1.25);
    else if (event.key === '-' || event.key === '_') zoom.scaleBy(selection, 0.8);
    else if (event.key === '0') fitAll();
    else return;
    event.preventDefault();
  });
  const legend = el(
    'div',
    { class: 'map-legend' },
    el(
      'span',
      { class: 'legend-item' },
      el('span', { class: 'legend-node', 'aria-hidden': 'true' }),
      tr.t('map.legend.node'),
    ),
    el(
      'span',
      { class: 'legend-item' },
      el('span', { class: 'legend-edge', 'aria-hidden': 'true' }),
      tr.t('map.legend.edge'),
    ),
    el('span', { class: 'legend-item muted' }, tr.t('map.hint')),
  );
  if (view.legend) legend.replaceChildren(...view.legend);
  const notice =
    view.notice !== undefined
      ? view.notice
        ? [el('p', { class: 'muted map-notice', role: 'note' }, view.notice)]
        : []
      : null;
  card.append(
    el(
      'div',
      { class: 'map-header' },
      el('h3', { id: 'map-heading' }, view.data ? tr.t('view.map') : tr.t('run.title')),
      toolbar,
    ),
    ...(view.controls ? [view.controls] : []),
    ...(notice ??
      (simplified.shownEdges < simplified.totalEdges
        ? [
            el(
              'p',
              { class: 'notice', role: 'note' },
              tr.t('map.simplified', {
                shown: tr.number(simplified.shownEdges),
                total: tr.number(simplified.totalEdges),
              }),
            ),
          ]
        : [])),
    frame,
    legend,
    ...(view.tables === false ? [] : [renderMapTables(result, tr)]),
  );
  // Fit once the frame is in the document and has a size, and again when that size changes.
  requestAnimationFrame(fitReadable);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      if (!moved) fitReadable();
    }).observe(frame);
  }
  return card;
}

/**
 * Draws (or redraws) every activity's compact name, shown by CSS while `pm-compact-nodes` is set:
 * inside its box where it fits, else floating over the map where it overlaps no more frequent
 * activity's name.
 */
function drawCompactNodeLabels(
  viewport: d3.Selection<SVGGElement, unknown, null, undefined>,
  fontPx: number,
  counts: ReadonlyMap<string, number>,
): void {
  viewport.selectAll('.pm-node-compact').remove();
  const floating: { label: CompactLabel; box: LabelBox }[] = [];
  const inBoxes: LabelBox[] = [];
  viewport.selectAll<SVGGElement, unknown>('.pm-node-activity').each(function () {
    const group = d3.select(this);
    const rect = group.select('rect');
    const box = { width: Number(rect.attr('width')), height: Number(rect.attr('height')) };
    const activity = this.getAttribute('data-activity') ?? '';
    const label = compactNodeLabel(activity, box, fontPx);
    const at = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(this.getAttribute('transform') ?? '');
    // The text's extent, with room for its halo and for fonts wider than the estimate.
    const place: LabelBox = {
      id: activity,
      x: Number(at?.[1] ?? 0),
      y: Number(at?.[2] ?? 0),
      width: Math.max(...label.lines.map((line) => textWidth(line, fontPx))) * 1.1 + fontPx * 0.6,
      height: label.lines.length * fontPx * LABEL_LINE_HEIGHT,
      priority: counts.get(activity) ?? 0,
    };
    if (label.floating) {
      floating.push({ label, box: place });
      return;
    }
    inBoxes.push(place);
    appendLabel(group, label, String(group.select('.pm-node-label').attr('fill')), 0, 0);
  });
  if (floating.length === 0) return;
  const shown = placeLabels(
    floating.map((f) => f.box),
    inBoxes,
  );
  const layer = viewport.append('g').attr('class', 'pm-node-compact pm-floating-labels');
  for (const { label, box } of floating) {
    if (!shown.has(box.id)) continue;
    appendLabel(layer, label, '#1f2933', box.x, box.y)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', fontPx * 0.3)
      .attr('stroke-linejoin', 'round')
      .attr('paint-order', 'stroke')
      .attr('data-activity', box.id);
  }
}

function appendLabel(
  parent: d3.Selection<SVGGElement, unknown, null, undefined>,
  label: CompactLabel,
  fill: string,
  x: number,
  y: number,
): d3.Selection<SVGTextElement, unknown, null, undefined> {
  const text = parent
    .append('text')
    .attr('class', 'pm-node-compact')
    .attr('text-anchor', 'middle')
    .attr('font-size', label.fontPx)
    .attr('font-weight', 600)
    .attr('fill', fill);
  const top = y - ((label.lines.length - 1) * label.fontPx * LABEL_LINE_HEIGHT) / 2;
  label.lines.forEach((line, i) => {
    text
      .append('tspan')
      .attr('x', x)
      .attr('y', top + i * label.fontPx * LABEL_LINE_HEIGHT)
      .attr('dominant-baseline', 'central')
      .text(line);
  });
  return text;
}
