/**
 * Issue 16: a large real log opens at a readable default. BPIC15_1 (the public log; its activity
 * counts and directly-follows graph as the independent reference computed them) opened at 38 of
 * 289 activities with 190 paths. The default now keeps the AUTO_MAP_ACTIVITIES most frequent
 * activities and at most AUTO_MAP_PATHS of their transitions (the strongest way in and out of
 * each kept activity first, so nothing floats).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProcessMapData } from '../charts/process-map';
import { AUTO_MAP_ACTIVITIES, AUTO_MAP_PATHS, autoActivitiesPct, sliceMap } from './map-view';
import { MAP_DEFAULTS } from './route';

interface Reference {
  activity_counts: Record<string, number>;
  dfg: { source: string; target: string; frequency: number }[];
}

const reference = JSON.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../..',
      'shared/datasets/reference/BPIC15_1.xes.gz.pm4py.json',
    ),
    'utf8',
  ),
) as Reference;

const map = {
  activities: Object.entries(reference.activity_counts).map(([activity, count]) => ({
    activity,
    count,
  })),
  dfg: reference.dfg.map((e) => ({ from: e.source, to: e.target, count: e.frequency })),
  startActivities: [],
  endActivities: [],
} as unknown as ProcessMapData;

describe('the journey map of a large real log (BPIC15_1) at its default', () => {
  it('shows about twenty activities and a readable number of paths', () => {
    const pct = autoActivitiesPct(map.activities.length);
    const shown = sliceMap(map, pct, MAP_DEFAULTS.paths, AUTO_MAP_PATHS);
    expect(map.activities.length).toBeGreaterThan(250);
    expect(shown.activities.length).toBeLessThanOrEqual(AUTO_MAP_ACTIVITIES);
    expect(shown.activities.length).toBeGreaterThanOrEqual(AUTO_MAP_ACTIVITIES - 5);
    expect(shown.dfg.length).toBeLessThanOrEqual(AUTO_MAP_PATHS);
    // Every kept activity keeps a way in or out.
    const connected = new Set(shown.dfg.flatMap((e) => [e.from, e.to]));
    for (const a of shown.activities)
      expect([a.activity, connected.has(a.activity)]).toEqual([a.activity, true]);
  });
});
