import './testing/jsdom-polyfills';
import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { processMapOptions } from '../views/chart-options';
import { FIXTURES } from './fixtures';
import { buildingPermit } from './fixtures/building-permit';
import { layoutProcessMap, processMap, type ProcessMapOptions } from './process-map';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

function render(name: string): SVGSVGElement {
  const fixture = FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return processMap(fixture.result, processMapOptions(createTranslator(fixture.locale)));
}

describe('processMap snapshots', () => {
  it.each(FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    expect(() => expectSvgSnapshot(SNAPSHOTS, `process-map.${name}`, render(name))).not.toThrow();
  });
});

describe('processMap', () => {
  it('draws one box per activity, labelled with its name and count', () => {
    const svg = render('building-permit');
    const boxes = [...svg.querySelectorAll('.pm-node-activity')];
    expect(boxes.map((b) => b.getAttribute('data-activity')).sort()).toEqual(
      buildingPermit.activities.map((a) => a.activity).sort(),
    );
    const review = svg.querySelector('[data-activity="Review plans"]');
    expect(review?.textContent).toContain('Review plans');
    expect(review?.querySelector('.pm-node-count')?.textContent).toBe('115');
  });

  it('labels transitions with their count and human-friendly mean duration', () => {
    const svg = render('building-permit');
    const labels = [...svg.querySelectorAll('.pm-edge-label')].map((l) =>
      [...l.querySelectorAll('tspan')].map((t) => t.textContent).join(' | '),
    );
    expect(labels).toContain('30 | 6 d 4 h');
    expect(labels).toContain('15 | 28 min');
  });

  it('marks the start and the end, linked to start and end activities', () => {
    const svg = render('building-permit');
    expect(svg.querySelectorAll('.pm-node-start')).toHaveLength(1);
    expect(svg.querySelectorAll('.pm-node-end')).toHaveLength(1);
    // 1 start activity + 12 transitions + 3 end activities
    expect(svg.querySelectorAll('.pm-edge')).toHaveLength(16);
    expect(svg.querySelectorAll('.pm-edge-terminal')).toHaveLength(4);
  });

  it('wraps long Chinese activity names and formats durations in Chinese', () => {
    const svg = render('property-registration');
    const node = svg.querySelector('[data-activity="申请人窗口领取不动产权证书"]');
    expect(node?.querySelectorAll('tspan:not(.pm-node-count)').length).toBe(2);
    const text = svg.querySelector('.pm-edges')?.textContent ?? '';
    expect(text).toContain('补正材料 → 窗口受理：40 次，平均 8 天 2 小时');
  });

  it('gives the map an accessible name', () => {
    const svg = render('building-permit');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Process map with 9 activities and 12 transitions');
  });

  it('is deterministic', () => {
    const first = render('property-registration').outerHTML.replace(/pm-arrow(-[a-z]+)?-\d+/g, '');
    const second = render('property-registration').outerHTML.replace(/pm-arrow(-[a-z]+)?-\d+/g, '');
    expect(second).toBe(first);
  });

  it('shows a message instead of a graph when there are no activities', () => {
    const svg = render('empty');
    expect(svg.textContent).toBe('No activities to show.');
    expect(svg.querySelectorAll('.pm-node')).toHaveLength(0);
  });

  it('rejects edges between unknown activities with a precise message', () => {
    const broken = {
      ...buildingPermit,
      dfg: [{ ...buildingPermit.dfg[0], to: 'Nowhere' }],
    };
    expect(() => processMap(broken)).toThrow(
      'processMap: edge Submit application → Nowhere names unknown activity Nowhere',
    );
  });
});

describe('processMap dashboard options', () => {
  const tr = createTranslator('en');
  const heat = new Map<string, number>();
  for (const e of buildingPermit.dfg) {
    heat.set(e.to, (heat.get(e.to) ?? 0) + e.waitSeconds.total / Math.max(1, e.count));
  }
  const lanes = {
    order: ['online', 'hall', 'back_office'],
    of: new Map([
      ['Submit application', 'online'],
      ['Request documents', 'online'],
      ['Check completeness', 'hall'],
      ['Site inspection', 'hall'],
      ['Issue permit', 'hall'],
      ['Review plans', 'back_office'],
      ['Approve', 'back_office'],
      ['Reject', 'back_office'],
      ['Notify rejection', 'back_office'],
    ]),
  };

  function render(extra: Partial<ProcessMapOptions>): SVGSVGElement {
    return processMap(buildingPermit, {
      ...processMapOptions(tr),
      nodeHeat: heat,
      nodeFigure: (a) => tr.duration(heat.get(a.activity) ?? 0),
      edgeFigures: (e) => [tr.duration(e.waitSeconds.p90), `${e.count}×`],
      highlight: { kind: 'edge', from: 'Review plans', to: 'Site inspection' },
      ...extra,
    });
  }

  it('renders waits, a highlighted hand-off and swimlanes as committed', () => {
    expect(() =>
      expectSvgSnapshot(SNAPSHOTS, 'process-map.building-permit-time', render({})),
    ).not.toThrow();
    expect(() =>
      expectSvgSnapshot(SNAPSHOTS, 'process-map.building-permit-lanes', render({ lanes })),
    ).not.toThrow();
  });

  it('colours nodes by wait, labels arrows with the chosen figures and dims all but the highlight', () => {
    const svg = render({});
    expect(svg.classList.contains('pm-has-highlight')).toBe(true);
    const lit = svg.querySelectorAll('.pm-edge.pm-highlight');
    expect(lit).toHaveLength(1);
    expect(lit[0].getAttribute('data-from')).toBe('Review plans');
    const fills = [...svg.querySelectorAll('.pm-node-activity > rect')].map((r) =>
      r.getAttribute('fill'),
    );
    expect(new Set(fills).size).toBeGreaterThan(3);
    const labels = [...svg.querySelectorAll('.pm-edge-label')].map((l) => l.textContent);
    expect(labels).toContain('10 d 2 h60×');
  });

  it('puts each lane in its own band, its activities inside it', () => {
    const svg = render({ lanes });
    const bands = [...svg.querySelectorAll('.pm-lanes rect')].map((r) => ({
      x: Number(r.getAttribute('x')),
      width: Number(r.getAttribute('width')),
    }));
    expect([...svg.querySelectorAll('.pm-lane-label')].map((l) => l.textContent)).toEqual([
      'online',
      'hall',
      'back_office',
    ]);
    for (const [activity, lane] of lanes.of) {
      const node = svg.querySelector(`.pm-node-activity[data-activity="${activity}"]`);
      const x = Number(/translate\(([-\d.]+)/.exec(node?.getAttribute('transform') ?? '')?.[1]);
      const band = bands[lanes.order.indexOf(lane)];
      expect([activity, x > band.x && x < band.x + band.width]).toEqual([activity, true]);
    }
  });

  it('names lanes by their display labels when given, else by their values', () => {
    const labels = new Map([
      ['online', '网上'],
      ['hall', '大厅'],
    ]);
    const svg = render({ lanes: { ...lanes, labels } });
    expect([...svg.querySelectorAll('.pm-lane-label')].map((l) => l.textContent)).toEqual([
      '网上',
      '大厅',
      'back_office',
    ]);
  });

  it('reuses a given layout, so nodes stay where they were', () => {
    const layout = layoutProcessMap(buildingPermit, processMapOptions(tr));
    const fewer = { ...buildingPermit, dfg: buildingPermit.dfg.slice(0, 4) };
    const a = processMap(buildingPermit, { ...processMapOptions(tr), layout });
    const b = processMap(fewer, { ...processMapOptions(tr), layout });
    const where = (svg: SVGSVGElement): (string | null)[] =>
      [...svg.querySelectorAll('.pm-node-activity')].map((n) => n.getAttribute('transform'));
    expect(where(b)).toEqual(where(a));
  });
});
