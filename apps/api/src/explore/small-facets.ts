import type { FacetsDto } from '@onetrip/contracts';

/**
 * The facets as a viewer or manager may read them (docs/security.md#small-counts): a value or
 * month carried by fewer than `k` events (so by fewer than k journeys) keeps its name, gets
 * `suppressed: true` and an event count of 0. The dataset's total stays. Pure.
 */
export function suppressSmallFacets(facets: FacetsDto, k: number): FacetsDto {
  const hide = <T extends { events: number }>(rows: readonly T[]): T[] =>
    rows.map((r) => (r.events < k ? { ...r, events: 0, suppressed: true as const } : r));
  return {
    ...facets,
    months: hide(facets.months),
    services: hide(facets.services),
    departments: hide(facets.departments),
    locations: hide(facets.locations),
    channels: hide(facets.channels),
  };
}
