import dagre from '@dagrejs/dagre';
import * as d3 from 'd3';
import type { ActivityStats, DfgEdge, MiningResult } from '@onetrip/contracts';
import { FONT_FAMILY, WAIT_RAMP } from './palette';
import { textWidth, wrapText } from './text';
import { uid } from './uid';

/** What the process map needs from a mining result. */
export type ProcessMapData = Pick<
  MiningResult,
  'activities' | 'dfg' | 'startActivities' | 'endActivities'
>;

/** A node or an edge of the map, as the side panel and the highlight name it. */
export type MapElement =
  { kind: 'activity'; activity: string } | { kind: 'edge'; from: string; to: string };

/** Swimlanes: each activity's lane (channel or source system) and the lanes' order. */
export interface MapLanes {
  order: readonly string[];
  of: ReadonlyMap<string, string>;
  /** Display names of lanes (e.g. translated channel codes); a lane without one shows as is. */
  labels?: ReadonlyMap<string, string>;
}

/** Where every node sits, and the routes of the edges the layout itself placed. */
export interface MapLayout {
  width: number;
  height: number;
  nodes: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>;
  /** Keyed by `edgeKey(from, to)` of node ids. */
  edges: ReadonlyMap<string, readonly { x: number; y: number }[]>;
}

export interface ProcessMapOptions {
  formatCount: (count: number) => string;
  /** Mean duration of a transition, in seconds, as people read it (`3 d 4 h`). */
  formatDuration: (seconds: number) => string;
  /** The figure under an activity's name (default: its count). */
  nodeFigure: ((activity: ActivityStats) => string) | null;
  /** The label lines of a transition (default: count and mean duration). */
  edgeFigures: ((edge: DfgEdge) => string[]) | null;
  /** Seconds waited in front of each activity: when given, nodes are coloured by it. */
  nodeHeat: ReadonlyMap<string, number> | null;
  /** Drawn emphasised; everything else dims. */
  highlight: MapElement | null;
  lanes: MapLanes | null;
  /** A layout to reuse (from `layoutProcessMap`), so that nodes stay where they were. */
  layout: MapLayout | null;
  startLabel: string;
  endLabel: string;
  emptyLabel: string;
  /** Accessible name of the whole map. */
  ariaLabel: (activities: number, edges: number) => string;
  activityTitle: (activity: string, count: string) => string;
  /** `duration` is null for the links from the start and to the end marker. */
  edgeTitle: (from: string, to: string, count: string, duration: string | null) => string;
  fontFamily: string;
  fontSize: number;
  /** Longest line of an activity name before it wraps, in px. */
  maxLabelWidth: number;
  maxLabelLines: number;
  nodePaddingX: number;
  nodePaddingY: number;
  minNodeWidth: number;
  rankSep: number;
  nodeSep: number;
  edgeSep: number;
  margin: number;
  terminalRadius: number;
  /** Gap between an arrow and its label. */
  edgeLabelOffset: number;
  /** Edge stroke width range, from the rarest to the most frequent transition. */
  edgeWidth: readonly [number, number];
  /** Node fill ramp (colour-blind safe sequential blues), from the rarest to the most frequent. */
  nodeFill: readonly [string, string];
  nodeStroke: string;
  edgeColor: string;
  highlightColor: string;
  terminalEdgeColor: string;
  terminalFill: string;
  labelColor: string;
  mutedColor: string;
  laneFill: readonly [string, string];
}

export const PROCESS_MAP_DEFAULTS: ProcessMapOptions = {
  formatCount: (count) => String(count),
  formatDuration: (seconds) => `${Math.round(seconds)} s`,
  nodeFigure: null,
  edgeFigures: null,
  nodeHeat: null,
  highlight: null,
  lanes: null,
  layout: null,
  startLabel: 'Start',
  endLabel: 'End',
  emptyLabel: 'No activities to show.',
  ariaLabel: (activities, edges) =>
    `Process map with ${activities} activities and ${edges} transitions`,
  activityTitle: (activity, count) => `${activity}: ${count} times`,
  edgeTitle: (from, to, count, duration) =>
    `${from} → ${to}: ${count} times` + (duration === null ? '' : `, mean ${duration}`),
  fontFamily: FONT_FAMILY,
  fontSize: 13,
  maxLabelWidth: 150,
  maxLabelLines: 2,
  nodePaddingX: 14,
  nodePaddingY: 9,
  minNodeWidth: 96,
  rankSep: 56,
  nodeSep: 40,
  edgeSep: 18,
  margin: 16,
  terminalRadius: 15,
  edgeLabelOffset: 5,
  edgeWidth: [1.25, 7],
  nodeFill: ['#deebf7', '#2b6cb0'],
  nodeStroke: '#1e3a5f',
  edgeColor: '#5b6b7f',
  highlightColor: '#d55e00',
  terminalEdgeColor: '#9aa5b1',
  terminalFill: '#243447',
  labelColor: '#1a202c',
  mutedColor: '#4a5568',
  laneFill: ['#f4f7fb', '#eaf0f7'],
};

const BOLD_WIDTH_FACTOR = 1.1;
const START = '\u0000start';
const END = '\u0000end';
/** Room every node keeps for its figure, so that switching overlays never moves a node. */
const FIGURE_CHARS = 11;

export function edgeKey(from: string, to: string): string {
  return `${from}\u0001${to}`;
}

interface NodeBox {
  id: string;
  kind: 'activity' | 'start' | 'end';
  activity: string;
  stats: ActivityStats | null;
  lines: string[];
  width: number;
  height: number;
}

interface EdgeItem {
  from: string;
  to: string;
  count: number;
  meanSeconds: number | null;
  terminal: boolean;
  label: string[];
  labelWidth: number;
  labelHeight: number;
}

interface Positioned {
  x: number;
  y: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fails fast on data that cannot be drawn, naming what is wrong. */
function validate(data: ProcessMapData): void {
  const known = new Set(data.activities.map((a) => a.activity));
  for (const edge of data.dfg) {
    for (const end of [edge.from, edge.to]) {
      if (!known.has(end)) {
        throw new Error(`processMap: edge ${edge.from} → ${edge.to} names unknown activity ${end}`);
      }
    }
  }
}

function nodeBoxes(data: ProcessMapData, o: ProcessMapOptions): NodeBox[] {
  // Stable order in, stable layout out: most frequent activities first, then by name.
  const activities = [...data.activities].sort(
    (a, b) => b.count - a.count || compareText(a.activity, b.activity),
  );
  const lineHeight = Math.round(o.fontSize * 1.3);
  const countSize = o.fontSize - 2;
  const boldSize = o.fontSize * BOLD_WIDTH_FACTOR;
  const figureWidth = FIGURE_CHARS * 0.6 * countSize;
  const nodes: NodeBox[] = activities.map((a) => {
    // Names are set in bold, which runs about a tenth wider than the regular estimate.
    const lines = wrapText(a.activity, o.maxLabelWidth, boldSize, o.maxLabelLines);
    const contentWidth = Math.max(...lines.map((line) => textWidth(line, boldSize)), figureWidth);
    return {
      id: `a:${a.activity}`,
      kind: 'activity',
      activity: a.activity,
      stats: a,
      lines,
      width: Math.max(o.minNodeWidth, Math.ceil(contentWidth + 2 * o.nodePaddingX)),
      height: lines.length * lineHeight + countSize + 4 + 2 * o.nodePaddingY,
    };
  });
  const size = 2 * o.terminalRadius;
  if (data.startActivities.length > 0) {
    nodes.push({
      id: START,
      kind: 'start',
      activity: o.startLabel,
      stats: null,
      lines: [],
      width: size,
      height: size,
    });
  }
  if (data.endActivities.length > 0) {
    nodes.push({
      id: END,
      kind: 'end',
      activity: o.endLabel,
      stats: null,
      lines: [],
      width: size,
      height: size,
    });
  }
  return nodes;
}

function sortedTerminals(
  list: ProcessMapData['startActivities'],
): ProcessMapData['startActivities'] {
  return [...list].sort((a, b) => compareText(a.activity, b.activity));
}

/**
 * The edges dagre lays out. dagre's crossing reduction grows steeply with edges (random graphs
 * of 100 nodes: ~50 ms with 100 edges, ~700 ms with 150), so a big map is laid out on a
 * backbone — each activity's most frequent way in and out, then the most frequent others up to
 * a budget — and the remaining edges are drawn as curves between the placed nodes.
 */
function backbone(data: ProcessMapData): { dfg: DfgEdge[]; start: Set<string>; end: Set<string> } {
  const n = data.activities.length;
  const budget = Math.max(30, n + 10);
  const sorted = [...data.dfg]
    .filter((e) => e.from !== e.to)
    .sort((a, b) => b.count - a.count || compareText(a.from, b.from) || compareText(a.to, b.to));
  let dfg: DfgEdge[];
  if (sorted.length <= budget) dfg = sorted;
  else {
    const keep = new Set<DfgEdge>();
    const hasIn = new Set<string>();
    for (const edge of sorted) {
      if (!hasIn.has(edge.to)) {
        hasIn.add(edge.to);
        keep.add(edge);
      }
    }
    for (const edge of sorted) {
      if (keep.size >= budget) break;
      keep.add(edge);
    }
    dfg = sorted.filter((e) => keep.has(e));
  }
  const withIn = new Set(dfg.map((e) => e.to));
  const withOut = new Set(dfg.map((e) => e.from));
  const top = (list: ProcessMapData['startActivities'], linked: Set<string>): Set<string> => {
    const byCount = [...list].sort(
      (a, b) => b.count - a.count || compareText(a.activity, b.activity),
    );
    return new Set(
      byCount.filter((t, i) => i < 3 || !linked.has(t.activity)).map((t) => t.activity),
    );
  };
  return { dfg, start: top(data.startActivities, withIn), end: top(data.endActivities, withOut) };
}

/**
 * Lays the map out top to bottom with dagre. Pure and deterministic; the view keeps the result
 * and passes it back as `options.layout`, so that filters and sliders do not move nodes.
 */
export function layoutProcessMap(
  data: ProcessMapData,
  options: Partial<ProcessMapOptions> = {},
): MapLayout {
  const o: ProcessMapOptions = { ...PROCESS_MAP_DEFAULTS, ...options };
  validate(data);
  const nodes = nodeBoxes(data, o);
  const labelSize = o.fontSize - 2;
  const spine = backbone(data);
  const graph = new dagre.graphlib.Graph<
    Record<string, unknown>,
    { width: number; height: number; x?: number; y?: number },
    {
      width: number;
      height: number;
      labelpos: 'r';
      labeloffset: number;
      weight: number;
      minlen: number;
      x?: number;
      y?: number;
      points?: Positioned[];
    }
  >({ multigraph: false });
  graph.setGraph({
    rankdir: 'TB',
    ranksep: o.rankSep,
    nodesep: o.nodeSep,
    edgesep: o.edgeSep,
    marginx: o.margin,
    // Room for the Start and End labels above and below the graph.
    marginy: o.margin + o.fontSize + 4,
    ranker: 'network-simplex',
  });
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  const labelWidth = Math.ceil(FIGURE_CHARS * 0.6 * labelSize + 8);
  const add = (from: string, to: string, count: number, lines: number): void => {
    graph.setEdge(from, to, {
      width: labelWidth,
      height: lines * (labelSize + 3) + 2,
      // Beside the arrow rather than on it, so the label never hides the line.
      labelpos: 'r',
      labeloffset: o.edgeLabelOffset,
      // Frequent transitions pull harder towards straight vertical lines.
      weight: Math.max(1, Math.round(Math.log2(count + 1))),
      minlen: 1,
    });
  };
  for (const s of sortedTerminals(data.startActivities)) {
    if (spine.start.has(s.activity)) add(START, `a:${s.activity}`, s.count, 1);
  }
  for (const e of [...spine.dfg].sort(
    (a, b) => compareText(a.from, b.from) || compareText(a.to, b.to),
  )) {
    add(`a:${e.from}`, `a:${e.to}`, e.count, 2);
  }
  for (const s of sortedTerminals(data.endActivities)) {
    if (spine.end.has(s.activity)) add(`a:${s.activity}`, END, s.count, 1);
  }
  dagre.layout(graph);
  const label = graph.graph() as { width?: number; height?: number };
  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const node of nodes) {
    const p = graph.node(node.id);
    placed.set(node.id, { x: p.x ?? 0, y: p.y ?? 0, width: node.width, height: node.height });
  }
  const routes = new Map<string, Positioned[]>();
  for (const e of graph.edges()) {
    const laid = graph.edge(e);
    if (laid.points)
      routes.set(
        edgeKey(e.v, e.w),
        laid.points.map((p) => ({ x: p.x, y: p.y })),
      );
  }
  return {
    width: Math.ceil(label.width ?? 0),
    height: Math.ceil(label.height ?? 0),
    nodes: placed,
    edges: routes,
  };
}

/**
 * Swimlanes: nodes keep their rows (dagre's ranks) but move into one column band per lane, in
 * their left-to-right order within the row. Edges are then drawn as curves.
 */
function withLanes(
  layout: MapLayout,
  nodes: readonly NodeBox[],
  lanes: MapLanes,
  o: ProcessMapOptions,
): { layout: MapLayout; bands: { lane: string; x: number; width: number }[] } {
  const laneOf = (node: NodeBox): string =>
    node.kind === 'activity' ? (lanes.of.get(node.activity) ?? '') : '';
  const order = [...lanes.order];
  if (nodes.some((n) => n.kind === 'activity' && !lanes.of.has(n.activity))) order.push('');
  const rows = new Map<number, NodeBox[]>();
  for (const node of nodes) {
    if (node.kind !== 'activity') continue;
    const y = Math.round(layout.nodes.get(node.id)?.y ?? 0);
    rows.set(y, [...(rows.get(y) ?? []), node]);
  }
  const laneWidth = new Map<string, number>(order.map((l) => [l, o.minNodeWidth]));
  for (const row of rows.values()) {
    for (const lane of order) {
      const inLane = row.filter((n) => laneOf(n) === lane);
      const w =
        inLane.reduce((s, n) => s + n.width, 0) + Math.max(0, inLane.length - 1) * o.nodeSep;
      laneWidth.set(lane, Math.max(laneWidth.get(lane) ?? 0, w));
    }
  }
  const bands: { lane: string; x: number; width: number }[] = [];
  let x = o.margin;
  const pad = 24;
  for (const lane of order) {
    const width = (laneWidth.get(lane) ?? 0) + 2 * pad;
    bands.push({ lane, x, width });
    x += width + 8;
  }
  const total = x - 8 + o.margin;
  const placed = new Map(layout.nodes);
  for (const row of rows.values()) {
    for (const band of bands) {
      const inLane = row
        .filter((n) => laneOf(n) === band.lane)
        .sort((a, b) => (layout.nodes.get(a.id)?.x ?? 0) - (layout.nodes.get(b.id)?.x ?? 0));
      const w =
        inLane.reduce((s, n) => s + n.width, 0) + Math.max(0, inLane.length - 1) * o.nodeSep;
      let left = band.x + (band.width - w) / 2;
      for (const node of inLane) {
        const p = layout.nodes.get(node.id);
        if (p) placed.set(node.id, { ...p, x: left + node.width / 2 });
        left += node.width + o.nodeSep;
      }
    }
  }
  for (const id of [START, END]) {
    const p = layout.nodes.get(id);
    if (p) placed.set(id, { ...p, x: total / 2 });
  }
  return {
    layout: {
      width: Math.ceil(total),
      height: layout.height + 24,
      nodes: placed,
      edges: new Map(),
    },
    bands,
  };
}

/** A curve between two placed nodes: down into the top of a lower node, else around the right. */
function curve(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): { d: string; label: Positioned } {
  const mid = (p0: Positioned, p1: Positioned, p2: Positioned, p3: Positioned): Positioned => ({
    x: (p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8,
    y: (p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8,
  });
  if (b.y - b.height / 2 > a.y + a.height / 2) {
    const p0 = { x: a.x, y: a.y + a.height / 2 };
    const p3 = { x: b.x, y: b.y - b.height / 2 };
    const bend = (p3.y - p0.y) / 2;
    const p1 = { x: p0.x, y: p0.y + bend };
    const p2 = { x: p3.x, y: p3.y - bend };
    return {
      d: `M ${p0.x} ${p0.y} C ${p1.x} ${p1.y} ${p2.x} ${p2.y} ${p3.x} ${p3.y}`,
      label: mid(p0, p1, p2, p3),
    };
  }
  const p0 = { x: a.x + a.width / 2, y: a.y };
  const p3 = { x: b.x + b.width / 2, y: b.y };
  const reach = 40 + Math.abs(p3.y - p0.y) * 0.25;
  const right = Math.max(p0.x, p3.x) + reach;
  const p1 = { x: right, y: p0.y };
  const p2 = { x: right, y: p3.y };
  return {
    d: `M ${p0.x} ${p0.y} C ${p1.x} ${p1.y} ${p2.x} ${p2.y} ${p3.x} ${p3.y}`,
    label: mid(p0, p1, p2, p3),
  };
}

function covers(layout: MapLayout, nodes: readonly NodeBox[]): boolean {
  return nodes.every((n) => {
    const p = layout.nodes.get(n.id);
    return p !== undefined && p.width === n.width && p.height === n.height;
  });
}

/**
 * The process map: activities as boxes with a figure (count by default), directly-follows
 * transitions as arrows (width by count) labelled with their figures, plus start and end
 * markers; laid out top to bottom by dagre. Pure: the same data and options give the same SVG.
 * Zoom and pan are attached by the view to the `g.pm-viewport` group; clicks are read from the
 * `data-activity` / `data-from` / `data-to` attributes.
 */
export function processMap(
  data: ProcessMapData,
  options: Partial<ProcessMapOptions> = {},
): SVGSVGElement {
  const o: ProcessMapOptions = { ...PROCESS_MAP_DEFAULTS, ...options };
  validate(data);

  const svg = d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', 'process-map')
    .attr('role', 'img')
    .attr('font-family', o.fontFamily)
    .attr('font-size', o.fontSize)
    .attr('aria-label', o.ariaLabel(data.activities.length, data.dfg.length));

  if (data.activities.length === 0) {
    const width = Math.max(240, textWidth(o.emptyLabel, o.fontSize) + 2 * o.margin);
    svg
      .attr('width', width)
      .attr('height', 60)
      .attr('viewBox', `0 0 ${width} 60`)
      .append('text')
      .attr('x', width / 2)
      .attr('y', 34)
      .attr('text-anchor', 'middle')
      .attr('fill', o.mutedColor)
      .text(o.emptyLabel);
    return svg.node() as SVGSVGElement;
  }

  const nodes = nodeBoxes(data, o);
  let layout = o.layout && covers(o.layout, nodes) ? o.layout : layoutProcessMap(data, o);
  let bands: { lane: string; x: number; width: number }[] = [];
  if (o.lanes) ({ layout, bands } = withLanes(layout, nodes, o.lanes, o));
  const lineHeight = Math.round(o.fontSize * 1.3);
  const countSize = o.fontSize - 2;
  const labelSize = o.fontSize - 2;

  const edgeLabel = (edge: DfgEdge): string[] =>
    o.edgeFigures
      ? o.edgeFigures(edge)
      : [o.formatCount(edge.count), o.formatDuration(edge.durationSeconds.mean)];
  const makeEdge = (
    from: string,
    to: string,
    count: number,
    meanSeconds: number | null,
    label: string[],
  ): EdgeItem => ({
    from,
    to,
    count,
    meanSeconds,
    terminal: meanSeconds === null,
    label,
    labelWidth: Math.ceil(Math.max(...label.map((l) => textWidth(l, labelSize))) + 8),
    labelHeight: label.length * (labelSize + 3) + 2,
  });
  const edges: EdgeItem[] = [
    ...sortedTerminals(data.startActivities).map((s) =>
      makeEdge(START, `a:${s.activity}`, s.count, null, [o.formatCount(s.count)]),
    ),
    ...[...data.dfg]
      .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to))
      .map((e) =>
        makeEdge(`a:${e.from}`, `a:${e.to}`, e.count, e.durationSeconds.mean, edgeLabel(e)),
      ),
    ...sortedTerminals(data.endActivities).map((s) =>
      makeEdge(`a:${s.activity}`, END, s.count, null, [o.formatCount(s.count)]),
    ),
  ];

  const { width, height } = layout;
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

  // Arrowheads in two sizes, so that the heaviest arrows do not end in a blunt stub.
  const markerId = uid('pm-arrow');
  const largeMarkerId = uid('pm-arrow-large');
  const terminalMarkerId = uid('pm-arrow-muted');
  const highlightMarkerId = uid('pm-arrow-highlight');
  const defs = svg.append('defs');
  for (const [id, color, size] of [
    [markerId, o.edgeColor, 9],
    [largeMarkerId, o.edgeColor, 14],
    [terminalMarkerId, o.terminalEdgeColor, 8],
    [highlightMarkerId, o.highlightColor, 12],
  ] as const) {
    defs
      .append('marker')
      .attr('id', id)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', size)
      .attr('markerHeight', size)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M 0 0 L 10 5 L 0 10 z')
      .attr('fill', color);
  }

  const viewport = svg.append('g').attr('class', 'pm-viewport');
  if (bands.length > 0) {
    const laneLayer = viewport.append('g').attr('class', 'pm-lanes');
    bands.forEach((band, i) => {
      laneLayer
        .append('rect')
        .attr('class', 'pm-lane')
        .attr('x', band.x)
        .attr('y', 4)
        .attr('width', band.width)
        .attr('height', height - 8)
        .attr('rx', 10)
        .attr('fill', o.laneFill[i % 2]);
      laneLayer
        .append('text')
        .attr('class', 'pm-lane-label')
        .attr('x', band.x + 10)
        .attr('y', 20)
        .attr('font-size', o.fontSize - 1)
        .attr('font-weight', 600)
        .attr('fill', o.mutedColor)
        .text((band.lane && o.lanes?.labels?.get(band.lane)) || band.lane || '–');
    });
  }
  const activities = nodes.filter((n) => n.kind === 'activity');
  const maxCount = Math.max(1, ...activities.map((a) => a.stats?.count ?? 0));
  const maxEdgeCount = Math.max(1, ...edges.map((e) => e.count));
  const fill = d3
    .scaleSequentialSqrt(d3.interpolateRgb(o.nodeFill[0], o.nodeFill[1]))
    .domain([0, maxCount]);
  const heat = o.nodeHeat;
  const maxHeat = heat ? Math.max(1, ...heat.values()) : 1;
  const heatFill = d3
    .scaleSequentialSqrt(d3.interpolateRgb(WAIT_RAMP[0], WAIT_RAMP[1]))
    .domain([0, maxHeat]);
  const strokeWidth = d3.scaleSqrt().domain([1, maxEdgeCount]).range(o.edgeWidth).clamp(true);
  const line = d3
    .line<Positioned>()
    .x((p) => p.x)
    .y((p) => p.y)
    .curve(d3.curveBasis);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const position = (id: string): { x: number; y: number; width: number; height: number } =>
    layout.nodes.get(id) ?? { x: 0, y: 0, width: 0, height: 0 };
  const hi = o.highlight;
  const edgeHighlighted = (from: string, to: string): boolean =>
    hi !== null &&
    ((hi.kind === 'edge' && hi.from === from && hi.to === to) ||
      (hi.kind === 'activity' && (hi.activity === from || hi.activity === to)));
  if (hi) svg.classed('pm-has-highlight', true);

  // Edges first, so that nodes cover their ends.
  const edgeLayer = viewport.append('g').attr('class', 'pm-edges');
  const labelLayer = viewport.append('g').attr('class', 'pm-edge-labels');
  for (const edge of edges) {
    const fromName = nodeById.get(edge.from)?.activity ?? '';
    const toName = nodeById.get(edge.to)?.activity ?? '';
    const lit = !edge.terminal && edgeHighlighted(fromName, toName);
    const group = edgeLayer
      .append('g')
      .attr(
        'class',
        `pm-edge${edge.terminal ? ' pm-edge-terminal' : ''}${lit ? ' pm-highlight' : ''}`,
      )
      .attr('data-from', fromName)
      .attr('data-to', toName);
    group
      .append('title')
      .text(
        o.edgeTitle(
          fromName,
          toName,
          o.formatCount(edge.count),
          edge.meanSeconds === null ? null : o.formatDuration(edge.meanSeconds),
        ),
      );
    let d: string;
    let labelX: number;
    let labelY: number;
    const a = position(edge.from);
    const b = position(edge.to);
    const route = layout.edges.get(edgeKey(edge.from, edge.to));
    if (edge.from === edge.to) {
      // A loop (rework): a bow on the node's right side, label beyond it.
      const x0 = a.x + a.width / 2;
      const reach = 26;
      d = `M ${x0} ${a.y - a.height / 4} C ${x0 + reach} ${a.y - a.height / 2 - 6} ${x0 + reach} ${a.y + a.height / 2 + 6} ${x0 + 1} ${a.y + a.height / 4}`;
      labelX = x0 + reach + 2 + edge.labelWidth / 2;
      labelY = a.y;
    } else if (route) {
      d = line(route as Positioned[]) ?? '';
      const middle = route[Math.floor(route.length / 2)];
      labelX = middle.x + o.edgeLabelOffset + edge.labelWidth / 2;
      labelY = middle.y;
    } else {
      const c = curve(a, b);
      d = c.d;
      labelX = c.label.x + o.edgeLabelOffset + edge.labelWidth / 2;
      labelY = c.label.y;
    }
    const width = edge.terminal ? 1.5 : strokeWidth(edge.count);
    const marker = lit
      ? highlightMarkerId
      : edge.terminal
        ? terminalMarkerId
        : width > 3.5
          ? largeMarkerId
          : markerId;
    if (!edge.terminal) {
      // A wide invisible twin: thin arrows are easy to click.
      group
        .append('path')
        .attr('class', 'pm-edge-hit')
        .attr('d', d)
        .attr('fill', 'none')
        .attr('stroke', 'transparent')
        .attr('stroke-width', 12);
    }
    group
      .append('path')
      .attr('class', 'pm-edge-line')
      .attr('d', d)
      .attr('fill', 'none')
      .attr('stroke', lit ? o.highlightColor : edge.terminal ? o.terminalEdgeColor : o.edgeColor)
      .attr('stroke-width', lit ? Math.max(3, width) : width)
      .attr('stroke-dasharray', edge.terminal ? '4 3' : null)
      .attr('stroke-linecap', 'round')
      .attr('marker-end', `url(#${marker})`);

    const labelLeft = labelX - edge.labelWidth / 2 + 4;
    const label = labelLayer
      .append('text')
      .attr('class', 'pm-edge-label')
      .attr('x', labelLeft)
      .attr('y', labelY - ((edge.label.length - 1) * (labelSize + 3)) / 2)
      .attr('text-anchor', 'start')
      .attr('dominant-baseline', 'central')
      .attr('font-size', labelSize)
      .attr('fill', o.labelColor)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 3.5)
      .attr('stroke-linejoin', 'round')
      .attr('paint-order', 'stroke')
      .attr('aria-hidden', 'true');
    edge.label.forEach((text, i) => {
      label
        .append('tspan')
        .attr('x', labelLeft)
        .attr('dy', i === 0 ? 0 : labelSize + 3)
        .attr('font-weight', i === 0 ? 600 : 400)
        .attr('fill', lit ? o.highlightColor : i === 0 ? o.labelColor : o.mutedColor)
        .text(text);
    });
  }

  const nodeLayer = viewport.append('g').attr('class', 'pm-nodes');
  for (const node of nodes) {
    const p = position(node.id);
    const lit = hi !== null && hi.kind === 'activity' && hi.activity === node.activity;
    const group = nodeLayer
      .append('g')
      .attr('class', `pm-node pm-node-${node.kind}${lit ? ' pm-highlight' : ''}`)
      .attr('data-activity', node.kind === 'activity' ? node.activity : null)
      .attr('transform', `translate(${p.x},${p.y})`);
    if (node.kind !== 'activity' || !node.stats) {
      group.append('title').text(node.activity);
      group
        .append('circle')
        .attr('r', o.terminalRadius)
        .attr('fill', node.kind === 'start' ? o.terminalFill : '#ffffff')
        .attr('stroke', o.terminalFill)
        .attr('stroke-width', node.kind === 'start' ? 0 : 3);
      if (node.kind === 'start') {
        group.append('path').attr('d', 'M -4 -6.5 L 7 0 L -4 6.5 z').attr('fill', '#ffffff');
      } else {
        group
          .append('rect')
          .attr('x', -5.5)
          .attr('y', -5.5)
          .attr('width', 11)
          .attr('height', 11)
          .attr('rx', 1.5)
          .attr('fill', o.terminalFill);
      }
      // Start's label above it, End's below: arrows leave Start downwards and reach End from above.
      group
        .append('text')
        .attr('x', 0)
        .attr('y', node.kind === 'start' ? -o.terminalRadius - 6 : o.terminalRadius + 6)
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', node.kind === 'start' ? 'auto' : 'hanging')
        .attr('font-size', o.fontSize - 1)
        .attr('font-weight', 600)
        .attr('fill', o.mutedColor)
        .text(node.activity);
      continue;
    }
    const stats = node.stats;
    const background = heat ? heatFill(heat.get(node.activity) ?? 0) : fill(stats.count);
    const dark = d3.hsl(background).l < 0.55;
    const figure = o.nodeFigure ? o.nodeFigure(stats) : o.formatCount(stats.count);
    group.append('title').text(o.activityTitle(node.activity, figure));
    group
      .append('rect')
      .attr('x', -node.width / 2)
      .attr('y', -node.height / 2)
      .attr('width', node.width)
      .attr('height', node.height)
      .attr('rx', 7)
      .attr('fill', background)
      .attr('stroke', lit ? o.highlightColor : o.nodeStroke)
      .attr('stroke-width', lit ? 3.5 : 1.25);
    const textTop = -node.height / 2 + o.nodePaddingY;
    const text = group
      .append('text')
      .attr('class', 'pm-node-label')
      .attr('text-anchor', 'middle')
      .attr('fill', dark ? '#ffffff' : o.labelColor);
    node.lines.forEach((lineText, i) => {
      text
        .append('tspan')
        .attr('x', 0)
        .attr('y', textTop + (i + 0.8) * lineHeight)
        .attr('font-weight', 600)
        .text(lineText);
    });
    text
      .append('tspan')
      .attr('class', 'pm-node-count')
      .attr('x', 0)
      .attr('y', textTop + node.lines.length * lineHeight + countSize + 1)
      .attr('font-size', countSize)
      .attr('fill', dark ? '#e2ecf7' : o.mutedColor)
      .text(figure);
  }

  return svg.node() as SVGSVGElement;
}
