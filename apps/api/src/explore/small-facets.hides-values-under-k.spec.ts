/** Facet counts under k are hidden for viewers and managers; names and the total stay. */
import type { FacetsDto } from '@onetrip/contracts';
import { suppressSmallFacets } from './small-facets';

const facets: FacetsDto = {
  datasetId: '00000000-0000-4000-8000-000000000001',
  datasetVersion: 3,
  events: 27,
  timeSpan: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-30T00:00:00.000Z' },
  months: [
    { period: '2026-03', events: 23 },
    { period: '2026-04', events: 4 },
  ],
  services: [
    { value: 'Tax filing', events: 12 },
    { value: 'Visa', events: 5 },
    { value: 'Residence', events: 4 },
  ],
  departments: [{ value: 'tax', events: 1 }],
  locations: [],
  channels: [{ value: 'hall', events: 10 }],
};

describe('suppressSmallFacets (k = 5)', () => {
  const out = suppressSmallFacets(facets, 5);

  it('hides counts under 5, keeps 5 and more, and keeps the total', () => {
    expect(out.events).toBe(27);
    expect(out.months).toEqual([
      { period: '2026-03', events: 23 },
      { period: '2026-04', events: 0, suppressed: true },
    ]);
    expect(out.services).toEqual([
      { value: 'Tax filing', events: 12 },
      { value: 'Visa', events: 5 },
      { value: 'Residence', events: 0, suppressed: true },
    ]);
    expect(out.departments).toEqual([{ value: 'tax', events: 0, suppressed: true }]);
    expect(out.channels).toEqual([{ value: 'hall', events: 10 }]);
  });

  it('leaves its input unchanged', () => {
    expect(facets.services[2]).toEqual({ value: 'Residence', events: 4 });
  });
});
