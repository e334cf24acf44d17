import type { DfgEdge } from '@onetrip/contracts';
import { buildingPermit } from './fixtures/building-permit';
import { autoMaxEdges, simplifyProcessMap } from './simplify';

const names = (edges: DfgEdge[]): string[] => edges.map((e) => `${e.from}→${e.to} ${e.count}`);

describe('simplifyProcessMap', () => {
  it('leaves a map that is small enough alone', () => {
    const result = simplifyProcessMap(buildingPermit, { maxEdges: 12 });
    expect(result.data).toBe(buildingPermit);
    expect([result.shownEdges, result.totalEdges]).toEqual([12, 12]);
  });

  it('keeps the most frequent transitions and a way in and out of every activity', () => {
    const result = simplifyProcessMap(buildingPermit, { maxEdges: 10 });
    expect([result.shownEdges, result.totalEdges]).toEqual([10, 12]);
    // Dropped: the two rarest (Site inspection→Reject 5, the self-loop 8) — Reject keeps
    // Review plans→Reject 10 as its most frequent way in.
    expect(names(result.data.dfg)).toEqual(
      names(
        buildingPermit.dfg.filter(
          (e) => !(e.from === 'Site inspection' && ['Reject', 'Site inspection'].includes(e.to)),
        ),
      ),
    );
  });

  it('keeps connecting transitions even beyond the limit', () => {
    const result = simplifyProcessMap(buildingPermit, { maxEdges: 0 });
    const kept = result.data.dfg;
    for (const activity of buildingPermit.activities.map((a) => a.activity)) {
      const connected = kept.some((e) => e.from === activity || e.to === activity);
      expect([activity, connected]).toEqual([activity, true]);
    }
    expect(kept.length).toBeLessThan(12);
    expect(result.data.activities).toBe(buildingPermit.activities);
  });

  it('allows one and a half transitions per activity by default', () => {
    expect(simplifyProcessMap(buildingPermit).data).toBe(buildingPermit); // 12 ≤ 14
    expect([autoMaxEdges(4), autoMaxEdges(40), autoMaxEdges(400)]).toEqual([20, 60, 150]);
  });

  it('links only the most common of many start activities, and those nothing else reaches', () => {
    // Every activity starts some cases; Submit application, the rarest start, has no way in.
    const startActivities = buildingPermit.activities.map((a, i) => ({
      activity: a.activity,
      count: i === 0 ? 1 : 100 - i,
    }));
    const data = { ...buildingPermit, startActivities };
    const kept = simplifyProcessMap(data, { maxTerminalEdges: 3, terminalCoverage: 0.5 }).data;
    expect(kept.startActivities.map((s) => `${s.activity} ${s.count}`)).toEqual([
      'Submit application 1',
      'Check completeness 99',
      'Request documents 98',
      'Review plans 97',
    ]);
    expect(kept.endActivities).toEqual(buildingPermit.endActivities); // only 3 of them
  });

  it('rejects a limit that is not a number of edges', () => {
    expect(() => simplifyProcessMap(buildingPermit, { maxEdges: Number.NaN })).toThrow(
      'simplifyProcessMap: maxEdges must be ≥ 0, got NaN',
    );
  });
});
