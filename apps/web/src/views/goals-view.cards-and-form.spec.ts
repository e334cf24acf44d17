/** Issue 13: goal cards show baseline → target → now with status, and the form sends a goal. */
import type { CreateGoalRequest, GoalDto } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import { goalsView } from './goals-view';
import { goalDto, typeInto, until } from './testing/fake-api';
import { viewContext } from './testing/view-context';
import type { DashboardContext } from './view-context';

const body: CreateGoalRequest = {
  kpi: 'tripsPerJourney',
  scope: { kind: 'all' },
  baseline: { kind: 'period', period: '2025-01' },
  target: { kind: 'relative', percent: -60 },
  deadline: '2025-12-31',
  owner: '市政务服务办',
};
const measured: GoalDto = {
  ...goalDto('g1', 'd1', body),
  progress: {
    ...goalDto('g1', 'd1', body).progress,
    datasetVersion: 1,
    runId: '00000000-0000-4000-8000-000000000001',
    reason: null,
    message: null,
    baselineValue: 2,
    targetValue: 0.8,
    status: 'on-track',
    currentPeriod: '2025-04',
    current: 1.4,
    progress: 0.5,
    projectedShare: 1.1,
    actual: [
      { period: '2025-01', at: '2025-02-01T00:00:00.000Z', value: 2 },
      { period: '2025-04', at: '2025-05-01T00:00:00.000Z', value: 1.4 },
    ],
    plan: [
      { at: '2025-02-01T00:00:00.000Z', value: 2 },
      { at: '2026-01-01T00:00:00.000Z', value: 0.8 },
    ],
    projection: [],
  },
};
const satisfaction: GoalDto = {
  ...goalDto('g2', 'd1', { ...body, kpi: 'satisfaction', target: { kind: 'absolute', value: 85 } }),
  progress: { ...goalDto('g2', 'd1', body).progress, reason: 'no-ratings' },
};

function context(locale: 'en' | 'zh-CN', saved: CreateGoalRequest[] = []): DashboardContext {
  return {
    ...viewContext(demoResult, locale),
    timeline: null,
    goals: { status: 'done', value: [measured, satisfaction] },
    facets: null,
    saveGoal: (_id, goal) => {
      saved.push(goal);
      return Promise.resolve(null);
    },
  };
}

describe('the goals view', () => {
  it('shows each goal as baseline → target → now with its status, in Chinese', () => {
    const root = goalsView.render(context('zh-CN'));
    const cards = [...root.querySelectorAll('[data-testid="goal-card"]')];
    expect(cards).toHaveLength(2);
    expect(cards[0].querySelector('h3')?.textContent).toBe('人均跑动次数');
    expect(cards[0].querySelector('[data-testid="goal-status"]')?.textContent).toBe('进展正常');
    const figures = [...cards[0].querySelectorAll('.goal-figures dd')].map((d) => d.textContent);
    expect(figures).toEqual(['2 2025-01', '0.8 截至 2025-12-31', '1.4 2025-04']);
    expect(cards[0].querySelector('.goal-progress-bar')?.getAttribute('aria-valuenow')).toBe('50');
    expect(cards[0].querySelector('svg.goal-trajectory')).not.toBeNull();
    expect(cards[1].querySelector('[data-testid="goal-reason"]')?.textContent).toBe(
      '暂时无法计算：数据中没有满意度评价。',
    );
  });

  it('and in English', () => {
    const root = goalsView.render(context('en'));
    const first = root.querySelector('[data-testid="goal-card"]');
    expect(first?.querySelector('[data-testid="goal-status"]')?.textContent).toBe('On track');
    expect(root.querySelectorAll('[data-testid="goal-reason"]')[0]?.textContent).toBe(
      'Cannot be computed yet: the data has no satisfaction ratings.',
    );
  });

  it('sends the goal the form describes', async () => {
    const saved: CreateGoalRequest[] = [];
    const root = goalsView.render(context('en', saved));
    document.body.append(root);
    typeInto(root, '[data-testid="goal-baselinePeriod"]', '2025-01');
    typeInto(root, '[data-testid="goal-targetValue"]', '-40');
    typeInto(root, '[data-testid="goal-deadline"]', '2025-12-31');
    typeInto(root, '[data-testid="goal-owner"]', 'Hall office');
    const kpi = root.querySelector<HTMLSelectElement>('[data-testid="goal-kpi"]');
    if (!kpi) throw new Error('no KPI select');
    kpi.value = 'leadTimeMedianSeconds';
    kpi.dispatchEvent(new Event('change'));
    root.querySelector<HTMLFormElement>('[data-testid="goal-form"]')?.requestSubmit();
    await until(() => saved.length === 1, 'the goal to be saved');
    expect(saved[0]).toEqual({
      kpi: 'leadTimeMedianSeconds',
      scope: { kind: 'all' },
      baseline: { kind: 'period', period: '2025-01' },
      target: { kind: 'relative', percent: -40 },
      deadline: '2025-12-31',
      owner: 'Hall office',
    });
    root.remove();
  });
});
