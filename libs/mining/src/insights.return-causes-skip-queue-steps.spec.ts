import { mine, type MiningEvent } from './index';
import { isQueueStep } from './insights/queue-steps';
import { DAY, HOUR, MINUTE, T0, ev } from './test-events';

// Four journeys at hall H1, hand-measured (every hall visit takes 取号 then 叫号):
// A: trip 1 (取号, 叫号, 受理 by 市场监管局); 告知补正材料 in the back office (市场监管局);
//    trip 2 on day 2 (取号, 叫号, 提交补正材料); 审批通过 in the back office (住建局);
//    trip 3 on day 4 (取号, 叫号, 领取证照).
// B: trip 1 (取号, 叫号, 受理); 告知补正材料 (市场监管局); trip 2 (取号, 叫号, 提交补正材料);
//    告知补正材料 again (市场监管局); trip 3 (取号, 叫号, 提交补正材料).
// C: trip 1 (取号, 叫号, 受理 with no department); trip 2 next day: 取号 only (never called).
// D: one trip (取号, 叫号, 受理): no return.
// Causes (last instance before trips 2, 3): 告知补正材料/市场监管局 in A once and B twice →
// 2 journeys, 3 returns; 审批通过/住建局 (A) and 受理/none (C) 1 and 1 each.
// Purposes (first non-queue activity of trips 2, 3): 提交补正材料 in A once and B twice → 2, 3;
// 领取证照 (A) 1, 1; C's second trip has queue steps only → null, 1, 1.
const hall = (department?: string): Partial<MiningEvent> => ({
  channel: 'hall',
  location: 'H1',
  ...(department ? { department } : {}),
});
const office = (department: string): Partial<MiningEvent> => ({
  channel: 'back_office',
  department,
});
const MARKET = '市场监管局';
const HOUSING = '住建局';

function visit(caseId: string, day: number, last: string[], department?: string): MiningEvent[] {
  const at = T0 + day * DAY + 9 * HOUR;
  return [
    ev(caseId, '取号', at, hall(department)),
    ...(last.length > 0 ? [ev(caseId, '叫号', at + 10 * MINUTE, hall(department))] : []),
    ...last.map((activity, n) => ev(caseId, activity, at + (20 + n) * MINUTE, hall(department))),
  ];
}
const backOffice = (caseId: string, day: number, activity: string, department: string) =>
  ev(caseId, activity, T0 + day * DAY + 15 * HOUR, office(department));

const events: MiningEvent[] = [
  ...visit('A', 0, ['受理'], MARKET),
  backOffice('A', 0, '告知补正材料', MARKET),
  ...visit('A', 2, ['提交补正材料'], MARKET),
  backOffice('A', 3, '审批通过', HOUSING),
  ...visit('A', 4, ['领取证照'], HOUSING),
  ...visit('B', 0, ['受理'], MARKET),
  backOffice('B', 0, '告知补正材料', MARKET),
  ...visit('B', 1, ['提交补正材料'], MARKET),
  backOffice('B', 1, '告知补正材料', MARKET),
  ...visit('B', 2, ['提交补正材料'], MARKET),
  ...visit('C', 0, ['受理']),
  ...visit('C', 1, []),
  ...visit('D', 0, ['受理'], MARKET),
];

function insightsOf(log: MiningEvent[], queue?: { start: string[]; end: string[] }) {
  const result = mine(log, {
    insights: {
      timeZone: 'UTC',
      ...(queue ? { queueStartActivities: queue.start, queueEndActivities: queue.end } : {}),
    },
  });
  if (!result.insights) throw new Error('no insights');
  return result.insights;
}

describe('return causes: what preceded a return trip and what it was for', () => {
  it('ranks the causes by journeys, with the department of the causing instance', () => {
    expect(insightsOf(events).returnCauses.causes).toEqual([
      { activity: '告知补正材料', department: MARKET, journeys: 2, returns: 3 },
      { activity: '受理', department: null, journeys: 1, returns: 1 },
      { activity: '审批通过', department: HOUSING, journeys: 1, returns: 1 },
    ]);
  });

  it('takes the first activity after the queue steps as the purpose (queue-only trips last)', () => {
    expect(insightsOf(events).returnCauses.purposes).toEqual([
      { activity: '提交补正材料', journeys: 2, returns: 3 },
      { activity: '领取证照', journeys: 1, returns: 1 },
      { activity: null, journeys: 1, returns: 1 },
    ]);
  });

  it('unlike the activities of return trips, which every trip starts with 取号 and 叫号', () => {
    const reasons = insightsOf(events).returnReasons.map((r) => r.activity);
    expect(reasons.slice(0, 2)).toEqual(['取号', '叫号']);
  });

  it('reads the queue steps from the insights options', () => {
    const { purposes } = insightsOf(events, { start: ['Ticket'], end: ['Call'] }).returnCauses;
    expect(purposes.map((p) => [p.activity, p.journeys])).toEqual([['取号', 3]]);
    expect(isQueueStep('取号')).toBe(true);
    expect(isQueueStep('Called to window')).toBe(true);
    expect(isQueueStep('取号', { queueStartActivities: ['Ticket'], queueEndActivities: [] })).toBe(
      false,
    );
  });

  it('is empty for journeys of one trip', () => {
    expect(insightsOf(visit('D', 0, ['受理'])).returnCauses).toEqual({ causes: [], purposes: [] });
  });
});
