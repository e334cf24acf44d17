import { mine, type MiningEvent } from './index';
import { HOUR, MINUTE, T0, ev, DAY } from './test-events';

// One journey, hand-measured: online application 08:00; at the hall, 取号 10:00 (2 h wait, the
// citizen's: taking a ticket is a citizen action), 叫号 10:30 (30 min, the government's), 受理
// 10:40 (10 min, government); the citizen uploads a supplement online the next day 10:40 (24 h,
// citizen); the back office approves at 12:40 (2 h, government). All waiting: 28 h 40 min.
const ALL = 103_200;
const events: MiningEvent[] = [
  ev('A', 'Apply online', T0 + 8 * HOUR, { channel: 'online' }),
  ev('A', '取号', T0 + 10 * HOUR, { channel: 'hall', location: 'H1' }),
  ev('A', '叫号', T0 + 10 * HOUR + 30 * MINUTE, { channel: 'hall', location: 'H1' }),
  ev('A', '受理', T0 + 10 * HOUR + 40 * MINUTE, { channel: 'hall', location: 'H1' }),
  ev('A', 'Upload supplement', T0 + DAY + 10 * HOUR + 40 * MINUTE, { channel: 'online' }),
  ev('A', 'Approve', T0 + DAY + 12 * HOUR + 40 * MINUTE, { channel: 'back_office' }),
];

const row = (name: string, total: number) => [name, total, total / ALL];
const named = (b: {
  kind: string;
  from?: string;
  to?: string;
  activity?: string;
  totalWaitSeconds: number;
  share: number;
}) => [b.kind === 'edge' ? `${b.from} → ${b.to}` : (b.activity ?? ''), b.totalWaitSeconds, b.share];

function bottlenecks(bottleneckLimit?: number) {
  const result = mine(events, { insights: { timeZone: 'UTC' }, bottleneckLimit });
  if (!result.insights) throw new Error('no insights');
  return { all: result.bottlenecks, sides: result.insights.bottlenecks };
}

describe('bottlenecks split into waiting on the government and on the citizen', () => {
  it('ranks the government side without the citizen time before the ticket', () => {
    const { government } = bottlenecks().sides;
    expect(government.map(named)).toEqual([
      row('Upload supplement → Approve', 7200),
      row('Approve', 7200),
      row('取号 → 叫号', 1800),
      row('叫号', 1800),
      row('叫号 → 受理', 600),
      row('受理', 600),
    ]);
    expect(government.every((b) => b.side === 'government')).toBe(true);
  });

  it('ranks the citizen side: the wait before 取号 and before the online upload', () => {
    const { citizen } = bottlenecks().sides;
    expect(citizen.map(named)).toEqual([
      row('受理 → Upload supplement', 86_400),
      row('Upload supplement', 86_400),
      row('Apply online → 取号', 7200),
      row('取号', 7200),
    ]);
    expect(citizen.every((b) => b.side === 'citizen')).toBe(true);
  });

  it('shares are of all waiting: both sides together equal the unsplit ranking', () => {
    const { all, sides } = bottlenecks();
    const edgeShares = [...sides.government, ...sides.citizen]
      .filter((b) => b.kind === 'edge')
      .reduce((sum, b) => sum + b.share, 0);
    expect(edgeShares).toBeCloseTo(1, 12);
    const sorted = (list: typeof all) =>
      list.map(named).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(sorted([...sides.government, ...sides.citizen])).toEqual(sorted(all));
    expect(all.find((b) => b.side !== undefined)).toBeUndefined();
  });

  it('lists at most bottleneckLimit edges and activities per side', () => {
    const { government, citizen } = bottlenecks(1).sides;
    expect(government.map(named)).toEqual([
      row('Upload supplement → Approve', 7200),
      row('Approve', 7200),
    ]);
    expect(citizen).toHaveLength(2);
  });
});
