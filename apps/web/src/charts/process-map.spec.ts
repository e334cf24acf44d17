import './testing/jsdom-polyfills';
import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { processMapOptions } from '../views/chart-options';
import { FIXTURES } from './fixtures';
import { buildingPermit } from './fixtures/building-permit';
import { processMap } from './process-map';
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
