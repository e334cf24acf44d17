import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { journeyTimelineOptions } from '../views/chart-options';
import { TIMELINE_FIXTURES } from './fixtures/dashboard';
import { journeyTimeline } from './journey-timeline';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

function render(name: string): SVGSVGElement {
  const fixture = TIMELINE_FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return journeyTimeline(
    fixture.data,
    journeyTimelineOptions(createTranslator(fixture.locale), 'Asia/Shanghai'),
  );
}

describe('journeyTimeline', () => {
  it.each(TIMELINE_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    expect(() =>
      expectSvgSnapshot(SNAPSHOTS, `journey-timeline.${name}`, render(name)),
    ).not.toThrow();
  });

  it('draws every event in time order, coloured by channel, with its trips marked', () => {
    const svg = render('two-trips');
    expect(
      [...svg.querySelectorAll('.timeline-event')].map((e) => e.getAttribute('data-activity')),
    ).toEqual(['网上申报', '取号', '窗口受理', '部门审核', '补正材料', '审批决定', '领取证书']);
    expect([...svg.querySelectorAll('.timeline-trip text')].map((t) => t.textContent)).toEqual([
      '第 1 次跑动 · 市民中心',
      '第 2 次跑动 · 市民中心',
    ]);
    const hall = svg
      .querySelector('[data-activity="窗口受理"] path, [data-activity="窗口受理"] rect')
      ?.getAttribute('fill');
    const online = svg.querySelector('[data-activity="网上申报"] path')?.getAttribute('fill');
    expect(hall).toBe('#e69f00');
    expect(online).toBe('#0072b2');
    expect(svg.textContent).toContain('后台');
  });

  it('says so without events and rejects an event that ends before it starts', () => {
    expect(render('empty').textContent).toBe('No events for this journey.');
    expect(() =>
      journeyTimeline({
        events: [{ activity: 'X', start: 10, complete: 5, channel: null, trip: null }],
        trips: [],
      }),
    ).toThrow('journeyTimeline: event X has start 10 after complete 5');
  });
});
