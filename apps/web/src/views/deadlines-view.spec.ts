/**
 * Issue 12, part 3: the Deadlines view (办结时限) shows the on-time rate per service, department
 * and hall, says how many journeys have no known limit, lists the overdue journeys as links to
 * their timelines, and edits or uploads the dataset's limit table, then mines again.
 */
import '../charts/testing/jsdom-polyfills';
import type { Deadlines, MiningResult, ServiceLimit } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import { deadlinesView } from './deadlines-view';
import { limitFileText, type DeadlineActions } from './deadline-limits-editor';
import { datasetDto } from './testing/fake-api';
import { viewContext } from './testing/view-context';
import type { Route } from './route';

const row = (name: string, journeys: number, withLimit: number, onTime: number) => ({
  name,
  journeys,
  withLimit,
  onTime,
  overdue: withLimit - onTime,
  onTimeRate: withLimit > 0 ? onTime / withLimit : null,
  withLegal: 0,
  withinLegal: 0,
});

/** Five journeys: two services with limits, one without. */
const deadlines: Deadlines = {
  totals: { ...row('', 5, 4, 2), withLegal: 2, withinLegal: 2 },
  withoutLimit: 1,
  withoutAcceptance: 1,
  limitSources: { due: 1, amount: 1, table: 2 },
  byService: [row('不动产登记', 2, 2, 1), row('社保卡', 2, 1, 0), row('营业执照', 1, 1, 1)],
  byDepartment: [row('自然资源局', 2, 2, 1), row('人社局', 3, 2, 1)],
  byHall: [row('区政务大厅', 3, 2, 1), row('市民中心', 2, 2, 1)],
  overBy: [
    { unit: 'workdays', over: 2, journeys: 1 },
    { unit: 'days', over: 2, journeys: 1 },
  ],
  overdueJourneys: [
    {
      ref: { key: 'A', start: Date.UTC(2025, 0, 23, 1) },
      service: '不动产登记',
      department: '自然资源局',
      hall: '市民中心',
      unit: 'workdays',
      limit: 5,
      used: 7,
      over: 2,
    },
    {
      ref: { key: 'E', service: '社保卡', start: Date.UTC(2025, 1, 7, 2) },
      service: '社保卡',
      department: '人社局',
      hall: '区政务大厅',
      unit: 'days',
      limit: 1,
      used: 3,
      over: 2,
    },
  ],
  overdueListLimit: 100,
};

const withDeadlines: MiningResult = {
  ...demoResult,
  insights: { ...demoResult.insights!, deadlines },
};

const limits: ServiceLimit[] = [
  { service: '不动产登记', code: 'BDC001', promised: 5, legal: 30, unit: 'workdays' },
];

function render(result: MiningResult, locale: 'en' | 'zh-CN', actions?: Partial<DeadlineActions>) {
  const navigations: Partial<Route>[] = [];
  const calls = { saved: [] as ServiceLimit[][], uploaded: [] as string[], remined: 0 };
  const dataset = { ...datasetDto('d1', '办件', 8), deadlines: { limits } };
  const node = deadlinesView.render({
    ...viewContext(result, locale),
    navigate: (patch) => navigations.push(patch),
    timeline: null,
    goals: null,
    facets: null,
    saveGoal: () => Promise.resolve(null),
    dataset,
    deadlineActions: {
      save: (l) => {
        calls.saved.push(l);
        return Promise.resolve(true);
      },
      upload: (csv) => {
        calls.uploaded.push(csv);
        return Promise.resolve(null);
      },
      remine: () => {
        calls.remined += 1;
      },
      ...actions,
    },
  });
  document.body.replaceChildren(node);
  return { node, navigations, calls };
}

const text = (node: Element, selector: string) =>
  [...node.querySelectorAll(selector)].map((n) => n.textContent?.trim());

describe('the Deadlines view', () => {
  it.each([
    ['zh-CN', '按时办结率', '1 个旅程的时限未知', '超出 2 个工作日', '7 个工作日'],
    [
      'en',
      'Completed on time',
      '1 journeys have no known time limit',
      '2 working days over',
      '7 working days',
    ],
  ] as const)(
    'shows the on-time figures and who has no limit (%s)',
    (locale, label, note, over, used) => {
      const { node } = render(withDeadlines, locale);
      const onTime = node.querySelector('[data-kpi="on-time"]');
      expect(onTime?.textContent).toContain(label);
      expect(onTime?.querySelector('.kpi-value')?.textContent).toBe('50%');
      expect(node.querySelector('[data-kpi="without-limit"] .kpi-value')?.textContent).toBe('1');
      expect(text(node, '[data-testid="deadline-note"]').join(' ')).toContain(note);
      // One bar per service with a limit, in the order given.
      const services = node.querySelector('[data-card="deadline-by-service"]');
      expect(
        [...(services?.querySelectorAll('[data-key]') ?? [])].map((n) =>
          n.getAttribute('data-key'),
        ),
      ).toEqual(['不动产登记', '社保卡', '营业执照']);
      expect(node.querySelector('[data-card="deadline-over-by"]')?.textContent).toContain(over);
      const first = node.querySelector('[data-testid="overdue-journeys"] tbody tr');
      expect(first?.getAttribute('data-key')).toBe('A');
      expect(first?.textContent).toContain(used);
    },
  );

  it('opens an overdue journey’s timeline', () => {
    const { node, navigations } = render(withDeadlines, 'en');
    const buttons = node.querySelectorAll<HTMLButtonElement>('button.overdue-journey');
    buttons[1].click();
    expect(navigations).toEqual([{ view: 'timeline', journey: { key: 'E', service: '社保卡' } }]);
  });

  it('edits the limit table, saves it and mines again', async () => {
    const { node, calls } = render(withDeadlines, 'zh-CN');
    const rows = node.querySelectorAll('[data-testid="limits-editor"] tbody tr');
    // The saved row and an empty one to fill in.
    expect(rows).toHaveLength(2);
    const set = (tr: Element, field: string, value: string) => {
      const input = tr.querySelector<HTMLInputElement | HTMLSelectElement>(
        `[data-field="${field}"]`,
      )!;
      input.value = value;
    };
    set(rows[1], 'service', '营业执照');
    set(rows[1], 'promised', '2');
    set(rows[1], 'unit', 'hours');
    node.querySelector<HTMLButtonElement>('#limits-save')!.click();
    await Promise.resolve();
    await Promise.resolve();
    expect(calls.saved).toEqual([
      [...limits, { service: '营业执照', code: null, promised: 2, legal: null, unit: 'hours' }],
    ]);
    expect(calls.remined).toBe(1);
    expect(node.querySelector('[data-testid="limits-status"]')?.textContent).toBe(
      '已保存，正在按新时限重新分析…',
    );
  });

  it('refuses a limit that is not a number, naming the row, and saves nothing', () => {
    const { node, calls } = render(withDeadlines, 'en');
    const rows = node.querySelectorAll('[data-testid="limits-editor"] tbody tr');
    rows[0].querySelector<HTMLInputElement>('[data-field="legal"]')!.value = 'thirty';
    node.querySelector<HTMLButtonElement>('#limits-save')!.click();
    expect(calls.saved).toEqual([]);
    expect(node.querySelector('[data-testid="limits-status"]')?.textContent).toBe(
      'Row 1: a limit must be a number of days or hours (or empty).',
    );
  });

  it('uploads a chosen CSV and mines again', async () => {
    const { node, calls } = render(withDeadlines, 'en');
    const input = node.querySelector<HTMLInputElement>('#limits-file')!;
    const csv = '事项名称,承诺时限,单位\n不动产登记,5,工作日\n';
    Object.defineProperty(input, 'files', { value: [new Blob([csv])] });
    input.dispatchEvent(new Event('change'));
    for (let i = 0; i < 10 && calls.remined === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(calls.uploaded).toEqual([csv]);
    expect(calls.remined).toBe(1);
  });

  it('reads a GBK-encoded table (a Chinese government export) as well as UTF-8', async () => {
    // '事项名称,承诺时限\n不动产登记,5\n' in GBK.
    const gbk = Uint8Array.from([
      202, 194, 207, 238, 195, 251, 179, 198, 44, 179, 208, 197, 181, 202, 177, 207, 222, 10, 178,
      187, 182, 175, 178, 250, 181, 199, 188, 199, 44, 53, 10,
    ]);
    expect(await limitFileText(new Blob([gbk]))).toBe('事项名称,承诺时限\n不动产登记,5\n');
    expect(await limitFileText(new Blob(['事项名称\n']))).toBe('事项名称\n');
  });

  it('says when the result has no deadline figures, and still offers the table', () => {
    const { node } = render({ ...demoResult, insights: { ...demoResult.insights! } }, 'zh-CN');
    expect(node.querySelector('[data-testid="unavailable"]')?.textContent).toContain(
      '该结果没有办结时限数据',
    );
    expect(node.querySelector('[data-testid="limits-editor"]')).not.toBeNull();
  });

  it('asks for limits when no journey has one', () => {
    const none: Deadlines = {
      ...deadlines,
      totals: row('', 5, 0, 0),
      withoutLimit: 5,
      byService: [row('不动产登记', 5, 0, 0)],
      overBy: [],
      overdueJourneys: [],
    };
    const { node } = render(
      { ...demoResult, insights: { ...demoResult.insights!, deadlines: none } },
      'en',
    );
    expect(node.querySelector('[data-testid="deadlines-no-limits"]')?.textContent).toContain(
      'Upload the per-service limit table below',
    );
    expect(node.querySelector('[data-kpi="on-time"] .kpi-value')?.textContent).toBe('–');
  });
});
