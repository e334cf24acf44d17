/**
 * Issue 16: "show on map" (在地图中显示) pans to the transition itself. A back edge is routed far to
 * the side of its two ends; centring between the ends showed empty space.
 */
import '../charts/testing/jsdom-polyfills';
import { buildingPermit } from '../charts/fixtures/building-permit';
import { edgeKey, layoutProcessMap } from '../charts/process-map';
import { createTranslator } from '../i18n/i18n';
import { processMapOptions } from './chart-options';
import { focusOf } from './map-view';

describe('the focus of a selected transition', () => {
  const layout = layoutProcessMap(buildingPermit, processMapOptions(createTranslator('en')));

  it('is the middle of the route the layout drew for it', () => {
    const routeOf = (from: string, to: string) => layout.edges.get(edgeKey(`a:${from}`, `a:${to}`));
    // The transition whose route bows farthest from the middle of its two ends.
    const bow = (from: string, to: string): number => {
      const r = routeOf(from, to);
      const a = layout.nodes.get(`a:${from}`);
      const b = layout.nodes.get(`a:${to}`);
      if (!r || r.length === 0 || !a || !b) return -1;
      const m = r[Math.floor(r.length / 2)];
      return Math.hypot(m.x - (a.x + b.x) / 2, m.y - (a.y + b.y) / 2);
    };
    const routed = [...buildingPermit.dfg]
      .filter((e) => e.from !== e.to)
      .sort((p, q) => bow(q.from, q.to) - bow(p.from, p.to))[0];
    expect(bow(routed.from, routed.to)).toBeGreaterThan(30);
    const route = routed ? routeOf(routed.from, routed.to) : undefined;
    if (!routed || !route) throw new Error('no routed transition in the fixture');
    expect(focusOf(layout, { kind: 'edge', from: routed.from, to: routed.to }, false)).toEqual({
      x: route[Math.floor(route.length / 2)].x,
      y: route[Math.floor(route.length / 2)].y,
    });
  });

  it('is the node itself for an activity, and none with swimlanes', () => {
    const [first] = buildingPermit.activities;
    const node = layout.nodes.get(`a:${first.activity}`);
    expect(focusOf(layout, { kind: 'activity', activity: first.activity }, false)).toEqual({
      x: node?.x,
      y: node?.y,
    });
    expect(focusOf(layout, { kind: 'activity', activity: first.activity }, true)).toBeNull();
  });
});
