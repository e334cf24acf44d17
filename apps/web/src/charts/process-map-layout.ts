import dagre from '@dagrejs/dagre';
import * as d3 from 'd3';
import type { ActivityStats, DfgEdge, MiningResult } from '@onetrip/contracts';
import { textWidth, wrapText } from './text';

// The process map's geometry: node boxes, the dagre layout, swimlane bands, the edges with their
// label sizes and the path of every edge. Numbers and path strings only, no DOM: `process-map.ts`
// draws what this module places.

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

/** What the geometry depends on (the drawing options add colours, formatters and titles). */
export interface MapLayoutOptions {
  startLabel: string;
  endLabel: string;
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
}

export const MAP_LAYOUT_DEFAULTS: MapLayoutOptions = {
  startLabel: 'Start',
  endLabel: 'End',
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
};

const BOLD_WIDTH_FACTOR = 1.1;
const START = '\u0000start';
const END = '\u0000end';
/** Room every node keeps for its figure, so that switching overlays never moves a node. */
const FIGURE_CHARS = 11;

export function edgeKey(from: string, to: string): string {
  return `${from}\u0001${to}`;
}

export interface NodeBox {
  id: string;
  kind: 'activity' | 'start' | 'end';
  activity: string;
  stats: ActivityStats | null;
  lines: string[];
  width: number;
  height: number;
}

export interface EdgeItem {
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
export function validate(data: ProcessMapData): void {
  const known = new Set(data.activities.map((a) => a.activity));
  for (const edge of data.dfg) {
    for (const end of [edge.from, edge.to]) {
      if (!known.has(end)) {
        throw new Error(`processMap: edge ${edge.from} → ${edge.to} names unknown activity ${end}`);
      }
    }
  }
}

function nodeBoxes(data: ProcessMapData, o: MapLayoutOptions): NodeBox[] {
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
  options: Partial<MapLayoutOptions> = {},
): MapLayout {
  const o: MapLayoutOptions = { ...MAP_LAYOUT_DEFAULTS, ...options };
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
  o: MapLayoutOptions,
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

/** A placed node (its box centre and size) in chart coordinates. */
export type PlacedNode = { x: number; y: number; width: number; height: number };

/**
 * Everything the drawing needs: the boxes, the layout (reused when it still covers every box,
 * then moved into swimlanes when asked), the lane bands and the edges in drawing order.
 */
export interface MapPlacement {
  nodes: NodeBox[];
  layout: MapLayout;
  bands: { lane: string; x: number; width: number }[];
  edges: EdgeItem[];
}

export function placeMap(
  data: ProcessMapData,
  o: MapLayoutOptions,
  reuse: MapLayout | null,
  lanes: MapLanes | null,
  labels: { edge: (edge: DfgEdge) => string[]; terminal: (count: number) => string[] },
): MapPlacement {
  const nodes = nodeBoxes(data, o);
  let layout = reuse && covers(reuse, nodes) ? reuse : layoutProcessMap(data, o);
  let bands: { lane: string; x: number; width: number }[] = [];
  if (lanes) ({ layout, bands } = withLanes(layout, nodes, lanes, o));
  const labelSize = o.fontSize - 2;
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
      makeEdge(START, `a:${s.activity}`, s.count, null, labels.terminal(s.count)),
    ),
    ...[...data.dfg]
      .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to))
      .map((e) =>
        makeEdge(`a:${e.from}`, `a:${e.to}`, e.count, e.durationSeconds.mean, labels.edge(e)),
      ),
    ...sortedTerminals(data.endActivities).map((s) =>
      makeEdge(`a:${s.activity}`, END, s.count, null, labels.terminal(s.count)),
    ),
  ];
  return { nodes, layout, bands, edges };
}

const line = d3
  .line<Positioned>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(d3.curveBasis);

/**
 * An edge's path and the centre of its label: a loop on the node's right side, the route dagre
 * gave it, else a curve between the placed nodes.
 */
export function edgePath(
  edge: EdgeItem,
  layout: MapLayout,
  o: Pick<MapLayoutOptions, 'edgeLabelOffset'>,
): { d: string; labelX: number; labelY: number } {
  const position = (id: string): PlacedNode =>
    layout.nodes.get(id) ?? { x: 0, y: 0, width: 0, height: 0 };
  const a = position(edge.from);
  const b = position(edge.to);
  const route = layout.edges.get(edgeKey(edge.from, edge.to));
  if (edge.from === edge.to) {
    // A loop (rework): a bow on the node's right side, label beyond it.
    const x0 = a.x + a.width / 2;
    const reach = 26;
    return {
      d: `M ${x0} ${a.y - a.height / 4} C ${x0 + reach} ${a.y - a.height / 2 - 6} ${x0 + reach} ${a.y + a.height / 2 + 6} ${x0 + 1} ${a.y + a.height / 4}`,
      labelX: x0 + reach + 2 + edge.labelWidth / 2,
      labelY: a.y,
    };
  }
  if (route) {
    const middle = route[Math.floor(route.length / 2)];
    return {
      d: line(route as Positioned[]) ?? '',
      labelX: middle.x + o.edgeLabelOffset + edge.labelWidth / 2,
      labelY: middle.y,
    };
  }
  const c = curve(a, b);
  return {
    d: c.d,
    labelX: c.label.x + o.edgeLabelOffset + edge.labelWidth / 2,
    labelY: c.label.y,
  };
}
