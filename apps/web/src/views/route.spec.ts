import {
  EMPTY_ROUTE,
  MAP_DEFAULTS,
  canonicalFilter,
  filterKey,
  formatRoute,
  parseRoute,
} from './route';

describe('the route in the URL', () => {
  it('round-trips a whole view: dataset, view, filters, map settings, selection and journey', () => {
    const route = {
      dataset: 'd1',
      view: 'map' as const,
      filter: {
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-04-01T00:00:00.000Z',
        service: ['不动产登记', 'Business licence'],
        location: ['Hall A'],
        variants: [['Submit', 'Review & approve'], ['Submit']],
      },
      map: { ...MAP_DEFAULTS, overlay: 'time' as const, stat: 'p90' as const, paths: 55 },
      selected: { kind: 'edge' as const, from: 'Submit', to: 'Review & approve' },
      journey: { key: 'c-42', service: '不动产登记' },
    };
    const hash = formatRoute(route);
    expect(parseRoute(hash)).toEqual({ ...route, filter: canonicalFilter(route.filter) });
    expect(hash).toContain('view=map');
    expect(hash).toContain('overlay=time');
    expect(hash).not.toContain('lanes='); // defaults stay out of links
  });

  it('reads an old-style link and falls back to defaults for anything unknown', () => {
    expect(parseRoute('#dataset=abc')).toEqual({ ...EMPTY_ROUTE, dataset: 'abc' });
    const odd = parseRoute('#dataset=abc&view=nope&overlay=x&acts=400&paths=-3');
    expect(odd.view).toBe('overview');
    expect(odd.map.overlay).toBe('frequency');
    expect([odd.map.activities, odd.map.paths]).toEqual([100, 0]);
  });

  it('keeps the automatic activity share out of links, and a chosen one in, even 100%', () => {
    expect(EMPTY_ROUTE.map.activities).toBe('auto');
    expect(formatRoute({ ...EMPTY_ROUTE, dataset: 'abc' })).not.toContain('acts=');
    const all = { ...EMPTY_ROUTE, dataset: 'abc', map: { ...MAP_DEFAULTS, activities: 100 } };
    expect(formatRoute(all)).toContain('acts=100');
    expect(parseRoute(formatRoute(all)).map.activities).toBe(100);
    expect(parseRoute('#dataset=abc&acts=').map.activities).toBe('auto');
    expect(parseRoute('#dataset=abc&acts=x').map.activities).toBe('auto');
    expect(parseRoute('#dataset=abc&acts=7').map.activities).toBe(7);
  });

  it('gives equal filters equal keys, whatever the order or empty fields', () => {
    expect(filterKey({ service: ['b', 'a'], channel: [] })).toBe(
      filterKey({ service: ['a', 'b', 'a'] }),
    );
    expect(filterKey({ variant: ['x', 'y'] })).toBe(filterKey({ variants: [['x', 'y']] }));
    expect(filterKey({})).toBe('{}');
  });
});
