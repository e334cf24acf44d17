/**
 * The public logs in ../shared/datasets/real (see SOURCES.md there). Expected counts come from
 * SOURCES.md, computed by an independent parser and checked against PM4Py and pm4js.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readEventBatches } from './read-events';
import { repoRoot } from './testing';
import type { NormalizedEvent, ReadOptions } from './types';

const realDir = path.resolve(repoRoot(), '..', 'shared', 'datasets', 'real');

function requireRealLogs(): void {
  if (!existsSync(realDir)) {
    throw new Error(
      `The shared real logs are missing: expected them in ${realDir} (../shared/datasets/real next to the repository). ` +
        'These tests cannot pass without them.',
    );
  }
}

interface Summary {
  events: number;
  rejected: number;
  cases: number;
  activities: number;
  lifecycles: Record<string, number>;
  withResource: number;
  resources: number;
  list: NormalizedEvent[] | null;
}

async function summarize(
  name: string,
  keep = false,
  options: Partial<ReadOptions> = {},
): Promise<Summary> {
  requireRealLogs();
  const cases = new Set<string>();
  const activities = new Set<string>();
  const resources = new Set<string>();
  const lifecycles: Record<string, number> = {};
  const list: NormalizedEvent[] = [];
  let events = 0;
  let rejected = 0;
  let withResource = 0;
  for await (const batch of readEventBatches(path.join(realDir, name), {
    file: name,
    attributes: keep,
    ...options,
  })) {
    for (const r of batch) {
      if (r.kind === 'rejected') {
        rejected++;
        continue;
      }
      const e = r.event;
      events++;
      cases.add(e.caseId);
      activities.add(e.activity);
      const lc = (e.lifecycle ?? 'none').toLowerCase();
      lifecycles[lc] = (lifecycles[lc] ?? 0) + 1;
      if (e.resource !== null && e.resource !== undefined) {
        withResource++;
        resources.add(e.resource);
      }
      if (keep) list.push(e);
    }
  }
  return {
    events,
    rejected,
    cases: cases.size,
    activities: activities.size,
    lifecycles,
    withResource,
    resources: resources.size,
    list: keep ? list : null,
  };
}

function key(e: NormalizedEvent): string {
  return JSON.stringify([e.caseId, e.activity, e.timestamp, e.lifecycle, e.resource]);
}

describe('the shared real logs', () => {
  it('has the folder of real logs next to the repository', () => {
    expect(() => requireRealLogs()).not.toThrow();
  });

  it('reads receipt.csv and the receipt XES to the same 8577 events', async () => {
    const receiptXes =
      'Receipt_phase_of_an_environmental_permit_application_process_WABO_CoSeLoG_project.xes.gz';
    const csv = await summarize('receipt.csv', true);
    const xes = await summarize(receiptXes, true);
    for (const s of [csv, xes]) {
      expect([s.events, s.rejected, s.cases, s.activities]).toEqual([8577, 0, 1434, 27]);
      expect(s.lifecycles).toEqual({ complete: 8577 });
      expect([s.withResource, s.resources]).toEqual([8577, 48]);
    }
    const a = (csv.list ?? []).map(key).sort();
    const b = (xes.list ?? []).map(key).sort();
    expect(a).toEqual(b);
    // The same attribute names too: CSV columns case:x are the XES trace attributes x.
    const names = (l: NormalizedEvent[] | null): string[] =>
      [...new Set((l ?? []).flatMap((e) => Object.keys(e.attributes)))].sort();
    expect(names(csv.list)).toEqual(names(xes.list));
    expect(names(csv.list)).toEqual([
      'case:channel',
      'case:deadline',
      'case:department',
      'case:enddate',
      'case:enddate_planned',
      'case:group',
      'case:responsible',
      'case:startdate',
      'concept:instance',
      'org:group',
    ]);
  });

  it('reads roadtraffic100traces.csv and .xes to the same 390 events', async () => {
    const csv = await summarize('roadtraffic100traces.csv', true);
    const xes = await summarize('roadtraffic100traces.xes', true);
    for (const s of [csv, xes]) {
      expect([s.events, s.rejected, s.cases, s.activities]).toEqual([390, 0, 100, 10]);
      expect(s.lifecycles).toEqual({ complete: 390 });
      expect([s.withResource, s.resources]).toEqual([100, 54]);
    }
    expect((csv.list ?? []).map(key).sort()).toEqual((xes.list ?? []).map(key).sort());
  });

  // [file, events, cases, activities, lifecycle counts, [events with org:resource, distinct resources]]
  it.each([
    ['BPIC15_1.xes.gz', 52217, 1199, 398, { complete: 52217 }, [52217, 23]],
    ['BPIC15_2.xes.gz', 44354, 832, 410, { complete: 44354 }, [44354, 11]],
    ['BPIC15_3.xes.gz', 59681, 1409, 383, { complete: 59681 }, [59681, 14]],
    ['BPIC15_4.xes.gz', 47293, 1053, 356, { complete: 47293 }, [47293, 10]],
    ['15_bpic2020_permit_log_1t_per_variant.xes.gz', 26028, 1478, 51, { none: 26028 }, [0, 0]],
    [
      'bpi_challenge_2012.xes.gz',
      262200,
      13087,
      24,
      { complete: 164506, schedule: 26318, start: 71376 },
      [244190, 68],
    ],
    ['CCC19.xes.gz', 1394, 20, 29, { start: 697, complete: 697 }, [1394, 10]],
    ['Hospital_log.xes.gz', 150291, 1143, 624, { complete: 150291 }, [0, 0]],
    [
      'Road_Traffic_Fine_Management_Process.xes.gz',
      561470,
      150370,
      11,
      { complete: 561470 },
      [150925, 148],
    ],
  ])(
    'reads %s: %i events in %i cases, %i activities',
    async (name, events, cases, activities, lifecycles, resources) => {
      const s = await summarize(name);
      expect([s.events, s.rejected, s.cases, s.activities]).toEqual([events, 0, cases, activities]);
      expect(s.lifecycles).toEqual(lifecycles);
      expect([s.withResource, s.resources]).toEqual(resources);
    },
    60_000,
  );
});
