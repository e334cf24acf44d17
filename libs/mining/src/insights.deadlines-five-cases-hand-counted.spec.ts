import { mine, type MiningEvent, type ServiceLimit } from './index';

/**
 * Five cases around Spring Festival 2025 (holiday Jan 28 – Feb 4; make-up working days Sun
 * Jan 26 and Sat Feb 8), Beijing time, each figure counted by hand in the comments.
 */
const bj = (m: number, d: number, h = 10, min = 0) => Date.UTC(2025, m - 1, d, h - 8, min);
const at = (
  caseId: string,
  activity: string,
  timestamp: number,
  extra: Partial<MiningEvent> = {},
): MiningEvent => ({ caseId, activity, timestamp, ...extra });

const land = {
  service: '不动产登记',
  department: '自然资源局',
  location: '市民中心',
  channel: 'hall',
};
const social = { service: '社保卡', department: '人社局', location: '区政务大厅', channel: 'hall' };

const events: MiningEvent[] = [
  // A: table limit 5 working days. Accepted Fri Jan 24, done Mon Feb 10: Jan 26, 27, Feb 5, 6,
  // 7, 8, 10 = 7 used, 2 over; legal limit 10: within it.
  at('A', '网上提交申请', bj(1, 23, 9), { service: '不动产登记', channel: 'online' }),
  at('A', '受理', bj(1, 24), land),
  at('A', '办结', bj(2, 10, 16), land),
  // B: the record's due date Fri Feb 21 leaves 9 working days (Feb 11–14, 17–21) and wins over
  // the table. 补正 from Wed Feb 12 to Mon Feb 17 stops Feb 13, 14, 17: 6 used, on time.
  at('B', '受理', bj(2, 10, 9), { ...land, promised: '2025-02-21' }),
  at('B', '告知补正材料', bj(2, 12, 15), land),
  at('B', '收到补正材料', bj(2, 17), land),
  at('B', '办结', bj(2, 21, 16), land),
  // C: 即办件 by service code, 2 hours. 09:00 → 12:00 less 专家评审 09:30–10:30: 2 h, on time.
  at('C', '受理', bj(2, 10, 9), {
    service: 'YYZZ002',
    department: '市场监管局',
    location: '区政务大厅',
  }),
  at('C', '专家评审', bj(2, 10, 10, 30), {
    service: 'YYZZ002',
    department: '市场监管局',
    startTimestamp: bj(2, 10, 9, 30),
  }),
  at('C', '办结', bj(2, 10, 12), { service: 'YYZZ002', department: '市场监管局' }),
  // D: no limit anywhere, and no acceptance.
  at('D', '窗口提交申请', bj(2, 10), social),
  at('D', '办结', bj(2, 11), social),
  // E: the record says 1 calendar day. Accepted Fri Feb 7, done Mon Feb 10: Feb 8, 9, 10 = 3
  // used, 2 over.
  at('E', '受理', bj(2, 7), { ...social, promised: '1天' }),
  at('E', '办结', bj(2, 10), social),
];

const limits: ServiceLimit[] = [
  { service: '不动产登记', code: 'BDC001', promised: 5, legal: 10, unit: 'workdays' },
  { service: '营业执照办理', code: 'YYZZ002', promised: 2, legal: null, unit: 'hours' },
];

const deadlines = mine(events, {
  insights: { timeZone: 'Asia/Shanghai', deadlines: { limits } },
}).insights?.deadlines;

describe('deadlines of five hand-counted cases', () => {
  it('count on time, overdue and unknown limits apart', () => {
    expect(deadlines?.totals).toEqual({
      name: '',
      journeys: 5,
      withLimit: 4,
      onTime: 2,
      overdue: 2,
      onTimeRate: 0.5,
      withLegal: 2,
      withinLegal: 2,
    });
    expect(deadlines?.withoutLimit).toBe(1);
    expect(deadlines?.withoutAcceptance).toBe(1);
    expect(deadlines?.limitSources).toEqual({ due: 1, amount: 1, table: 2 });
  });

  it('break them down by service (name or code), by the department and hall of acceptance', () => {
    const brief = (rows: { name: string; journeys: number; withLimit: number; onTime: number }[]) =>
      rows.map((r) => [r.name, r.journeys, r.withLimit, r.onTime]);
    expect(brief(deadlines?.byService ?? [])).toEqual([
      ['不动产登记', 2, 2, 1],
      ['社保卡', 2, 1, 0],
      ['YYZZ002', 1, 1, 1],
    ]);
    expect(brief(deadlines?.byDepartment ?? [])).toEqual([
      ['自然资源局', 2, 2, 1],
      ['人社局', 2, 1, 0],
      ['市场监管局', 1, 1, 1],
    ]);
    expect(brief(deadlines?.byHall ?? [])).toEqual([
      ['区政务大厅', 3, 2, 1],
      ['市民中心', 2, 2, 1],
    ]);
    expect(deadlines?.byService[1].onTimeRate).toBe(0);
  });

  it('list the overdue journeys, most over first, with their keys, and how far over', () => {
    expect(deadlines?.overBy).toEqual([
      { unit: 'workdays', over: 2, journeys: 1 },
      { unit: 'days', over: 2, journeys: 1 },
    ]);
    expect(deadlines?.overdueJourneys).toEqual([
      {
        ref: { key: 'A', start: bj(1, 23, 9) },
        service: '不动产登记',
        department: '自然资源局',
        hall: '市民中心',
        unit: 'workdays',
        limit: 5,
        used: 7,
        over: 2,
      },
      {
        ref: { key: 'E', start: bj(2, 7) },
        service: '社保卡',
        department: '人社局',
        hall: '区政务大厅',
        unit: 'days',
        limit: 1,
        used: 3,
        over: 2,
      },
    ]);
  });

  it('read acceptance, completion and 补正 from the activities the options name', () => {
    const english: MiningEvent[] = [
      at('X', 'Intake', bj(2, 10, 9), { promised: '2' }),
      at('X', 'Ask for documents', bj(2, 11, 9)),
      at('X', 'Documents in', bj(2, 13, 9)),
      at('X', 'Decision', bj(2, 14, 9)),
      at('X', 'Archive', bj(2, 20, 9)),
    ];
    const d = mine(english, {
      insights: {
        timeZone: 'Asia/Shanghai',
        deadlines: {
          acceptActivities: ['Intake'],
          completeActivities: ['Decision'],
          suspensions: [
            { kind: 'correction', start: ['Ask for documents'], end: ['Documents in'] },
          ],
        },
      },
    }).insights?.deadlines;
    // Feb 11 counts, Feb 12 and 13 are stopped, Feb 14 counts: 2 working days of 2.
    expect(d?.totals.onTime).toBe(1);
    expect(d?.overdueJourneys).toEqual([]);
    // With the default names none of these is acceptance or completion: Feb 10 → 20 (the
    // journey's end) is 8 working days, 6 over.
    const plain = mine(english, { insights: { timeZone: 'Asia/Shanghai' } }).insights?.deadlines;
    expect(plain?.withoutAcceptance).toBe(1);
    expect(plain?.overdueJourneys.map((j) => [j.used, j.over])).toEqual([[8, 6]]);
  });

  it('reject a limit with an unknown unit, saying which', () => {
    expect(() =>
      mine(events, {
        insights: {
          deadlines: {
            limits: [{ service: 'S', promised: 1, legal: null, unit: 'weeks' as 'days' }],
          },
        },
      }),
    ).toThrow("deadline limit 1 (S): unit must be workdays, days or hours, got 'weeks'");
  });
});
