import type { CreateGoalRequest, GoalDto } from '@onetrip/contracts';
import { goalTrajectory } from '../charts/goal-trajectory';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el } from './dom';
import { errorBox } from './errors';
import type { DashboardContext, DashboardView } from './view-context';

type Kpi = GoalDto['kpi'];

/** The KPIs a goal can be set on, in the form's order (GoalKpiSchema of the contracts). */
const KPIS: readonly Kpi[] = [
  'tripsPerJourney',
  'atMostOneTripRate',
  'zeroTripRate',
  'leadTimeMedianSeconds',
  'leadTimeP90Seconds',
  'queueWaitMedianSeconds',
  'abandonedTickets',
  'governmentWaitSeconds',
  'citizenWaitSeconds',
  'journeysStarted',
  'satisfaction',
];
const RATIOS = new Set<Kpi>(['atMostOneTripRate', 'zeroTripRate']);
const DURATIONS = new Set<Kpi>([
  'leadTimeMedianSeconds',
  'leadTimeP90Seconds',
  'queueWaitMedianSeconds',
  'governmentWaitSeconds',
  'citizenWaitSeconds',
]);

/** A KPI's value as a manager reads it: a share in %, a duration, else a number. */
export function formatKpi(kpi: Kpi, value: number, tr: Translator): string {
  if (RATIOS.has(kpi)) return tr.percent(value);
  if (DURATIONS.has(kpi)) return tr.duration(value);
  return tr.number(value, { maximumFractionDigits: 2 });
}

function goalName(goal: GoalDto, tr: Translator): string {
  if (goal.title) return goal.title;
  const kpi = tr.t(`goals.kpi.${goal.kpi}` as MessageKey);
  return goal.scope.kind === 'all' ? kpi : `${kpi} · ${goal.scope.value}`;
}

function goalCard(
  goal: GoalDto,
  ctx: DashboardContext,
  edit: (goal: GoalDto) => void,
): HTMLElement {
  const { tr } = ctx;
  const p = goal.progress;
  const fmt = (v: number | null): string => (v === null ? '–' : formatKpi(goal.kpi, v, tr));
  const status = p.status ?? 'pending';
  const baselinePeriod =
    goal.baseline.kind === 'period' ? goal.baseline.period : goal.baseline.since;
  const name = goalName(goal, tr);
  const figures = el(
    'dl',
    { class: 'goal-figures' },
    el(
      'div',
      {},
      el('dt', {}, tr.t('goals.baseline')),
      el('dd', {}, `${fmt(p.baselineValue)}`, el('small', {}, ` ${baselinePeriod}`)),
    ),
    el(
      'div',
      {},
      el('dt', {}, tr.t('goals.target')),
      el(
        'dd',
        {},
        fmt(p.targetValue),
        el('small', {}, ` ${tr.t('goals.by', { deadline: goal.deadline })}`),
      ),
    ),
    el(
      'div',
      {},
      el('dt', {}, tr.t('goals.now')),
      el(
        'dd',
        { 'data-testid': 'goal-now' },
        fmt(p.current),
        el('small', {}, p.currentPeriod ? ` ${p.currentPeriod}` : ''),
      ),
    ),
  );
  const progress =
    p.progress === null
      ? null
      : el(
          'div',
          { class: 'goal-progress' },
          el(
            'div',
            {
              class: 'goal-progress-bar',
              role: 'progressbar',
              'aria-valuemin': 0,
              'aria-valuemax': 100,
              'aria-valuenow': Math.round(Math.max(0, Math.min(1, p.progress)) * 100),
            },
            el('span', { style: `width:${Math.max(0, Math.min(1, p.progress)) * 100}%` }),
          ),
          el('p', { class: 'muted' }, tr.t('goals.progress', { percent: tr.percent(p.progress) })),
        );
  const chart = goalTrajectory(
    {
      actual: p.actual.map((a) => ({ label: a.period, at: Date.parse(a.at), value: a.value })),
      plan: p.plan.map((a) => ({ at: Date.parse(a.at), value: a.value })),
      projection: p.projection.map((a) => ({ at: Date.parse(a.at), value: a.value })),
      target: p.targetValue,
    },
    {
      ariaLabel: tr.t('goals.chart.label', { goal: name }),
      emptyLabel: tr.t('goals.chart.empty'),
      formatValue: (v) => formatKpi(goal.kpi, v, tr),
      labels: {
        actual: tr.t('goals.chart.actual'),
        plan: tr.t('goals.chart.plan'),
        projection: tr.t('goals.chart.projection'),
        target: tr.t('goals.chart.target'),
      },
    },
  );
  return el(
    'article',
    { class: `card goal-card goal-${status}`, 'data-testid': 'goal-card', 'data-goal': goal.id },
    el(
      'header',
      { class: 'goal-head' },
      el('h3', {}, name),
      el(
        'span',
        { class: `goal-status status-${status}`, 'data-testid': 'goal-status' },
        tr.t(`goals.status.${status}` as MessageKey),
      ),
    ),
    p.reason
      ? el(
          'p',
          { class: 'goal-reason', role: 'note', 'data-testid': 'goal-reason' },
          tr.t(`goals.reason.${p.reason}` as MessageKey),
        )
      : null,
    figures,
    progress,
    el('div', { class: 'goal-chart' }, chart),
    el(
      'footer',
      { class: 'goal-foot muted' },
      tr.t('goals.owner', { owner: goal.owner }),
      ' ',
      el(
        'button',
        { type: 'button', class: 'link goal-edit', onclick: () => edit(goal) },
        tr.t('goals.edit'),
      ),
    ),
  );
}

/** The form's fields for a goal (empty: a new one). */
function fieldsOf(goal: GoalDto | null): Record<string, string> {
  if (!goal) {
    return {
      title: '',
      kpi: 'tripsPerJourney',
      scopeKind: 'all',
      scopeValue: '',
      baselineKind: 'period',
      baselinePeriod: '',
      baselineValue: '',
      targetKind: 'relative',
      targetValue: '-60',
      deadline: '',
      owner: '',
    };
  }
  return {
    title: goal.title ?? '',
    kpi: goal.kpi,
    scopeKind: goal.scope.kind,
    scopeValue: goal.scope.kind === 'all' ? '' : goal.scope.value,
    baselineKind: goal.baseline.kind,
    baselinePeriod: goal.baseline.kind === 'period' ? goal.baseline.period : goal.baseline.since,
    baselineValue: goal.baseline.kind === 'value' ? String(goal.baseline.value) : '',
    targetKind: goal.target.kind,
    targetValue: String(goal.target.kind === 'relative' ? goal.target.percent : goal.target.value),
    deadline: goal.deadline,
    owner: goal.owner,
  };
}

/** The request the form's fields make (the server validates and says what is wrong). */
export function goalRequest(f: Record<string, string>): CreateGoalRequest {
  const kind = f.scopeKind as 'all' | 'service' | 'department' | 'hall';
  const target = Number(f.targetValue);
  return {
    ...(f.title.trim() ? { title: f.title.trim() } : {}),
    kpi: f.kpi as Kpi,
    scope: kind === 'all' ? { kind } : { kind, value: f.scopeValue.trim() },
    baseline:
      f.baselineKind === 'value'
        ? { kind: 'value', value: Number(f.baselineValue), since: f.baselinePeriod }
        : { kind: 'period', period: f.baselinePeriod },
    target:
      f.targetKind === 'absolute'
        ? { kind: 'absolute', value: target }
        : { kind: 'relative', percent: target },
    deadline: f.deadline,
    owner: f.owner.trim(),
  };
}

function goalForm(ctx: DashboardContext, editing: GoalDto | null, done: () => void): HTMLElement {
  const { tr } = ctx;
  const f = fieldsOf(editing);
  const status = el('div', { class: 'goal-form-status', 'aria-live': 'polite' });
  const input = (name: string, type: string, attrs: Record<string, string> = {}) =>
    el('input', {
      name,
      type,
      value: f[name],
      'data-testid': `goal-${name}`,
      oninput: (e: Event) => (f[name] = (e.target as HTMLInputElement).value),
      ...attrs,
    });
  const select = (name: string, options: [string, string][]) =>
    el(
      'select',
      {
        name,
        'data-testid': `goal-${name}`,
        onchange: (e: Event) => (f[name] = (e.target as HTMLSelectElement).value),
      },
      options.map(([value, label]) => el('option', { value, selected: value === f[name] }, label)),
    );
  const label = (key: MessageKey, control: HTMLElement) =>
    el('label', { class: 'goal-field' }, el('span', {}, tr.t(key)), control);
  const values = [
    ...(ctx.facets?.services ?? []),
    ...(ctx.facets?.departments ?? []),
    ...(ctx.facets?.locations ?? []),
  ].map((v) => v.value);
  const form = el(
    'form',
    {
      class: 'goal-form',
      'data-testid': 'goal-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        status.textContent = '';
        void ctx.saveGoal(editing?.id ?? null, goalRequest(f)).then((error) => {
          if (error) status.replaceChildren(errorBox(error, tr, tr.t('goals.save')));
          else done();
        });
      },
    },
    label('goals.field.title', input('title', 'text', { maxlength: '200' })),
    label(
      'goals.field.kpi',
      select(
        'kpi',
        KPIS.map((k) => [k, tr.t(`goals.kpi.${k}` as MessageKey)]),
      ),
    ),
    label(
      'goals.field.scope',
      select(
        'scopeKind',
        (['all', 'service', 'department', 'hall'] as const).map((k) => [
          k,
          tr.t(`goals.scope.${k}`),
        ]),
      ),
    ),
    label('goals.field.scopeValue', input('scopeValue', 'text', { list: 'goal-scope-values' })),
    el(
      'datalist',
      { id: 'goal-scope-values' },
      values.map((v) => el('option', { value: v })),
    ),
    label(
      'goals.field.baseline',
      select('baselineKind', [
        ['period', tr.t('goals.baseline.period')],
        ['value', tr.t('goals.baseline.value')],
      ]),
    ),
    label('goals.field.baselinePeriod', input('baselinePeriod', 'month', { required: '' })),
    label('goals.field.baselineValue', input('baselineValue', 'number', { step: 'any' })),
    label(
      'goals.field.target',
      select('targetKind', [
        ['relative', tr.t('goals.target.relative')],
        ['absolute', tr.t('goals.target.absolute')],
      ]),
    ),
    label('goals.field.targetValue', input('targetValue', 'number', { step: 'any', required: '' })),
    label('goals.field.deadline', input('deadline', 'date', { required: '' })),
    label('goals.field.owner', input('owner', 'text', { required: '', maxlength: '200' })),
    el(
      'div',
      { class: 'goal-form-actions' },
      el(
        'button',
        { type: 'submit', class: 'primary', 'data-testid': 'goal-save' },
        tr.t('goals.save'),
      ),
      editing
        ? el('button', { type: 'button', onclick: () => done() }, tr.t('goals.cancel'))
        : null,
    ),
    status,
  );
  return el(
    'section',
    { class: 'card goal-form-card' },
    el('h3', {}, editing ? goalName(editing, tr) : tr.t('goals.new')),
    form,
  );
}

/**
 * Reform goals (issue 13): a card per goal with baseline → target → now, progress and status,
 * and its trajectory; a form to create or edit one (hidden from viewers: the api refuses them).
 */
/** The months the report can be made for: those of the result's whole-dataset monthly series. */
export function reportMonths(ctx: DashboardContext): string[] {
  const all = ctx.result.insights?.kpiSeries?.month.find((l) => l.scope === 'all');
  return (all?.points ?? []).filter((p) => p.journeysStarted > 0).map((p) => p.period);
}

/** Links to the monthly report (printable page and PDF) of a chosen month, in the UI language. */
function reportBar(ctx: DashboardContext): HTMLElement | null {
  const { tr } = ctx;
  const months = reportMonths(ctx);
  if (months.length === 0) return null;
  const href = (month: string, format: 'html' | 'pdf'): string =>
    `/api/v1/datasets/${encodeURIComponent(ctx.datasetId)}/report?` +
    new URLSearchParams({ month, lang: tr.locale, format }).toString();
  const html = el(
    'a',
    { class: 'report-link', target: '_blank', rel: 'noopener', 'data-testid': 'report-html' },
    tr.t('goals.report.html'),
  );
  const pdf = el(
    'a',
    { class: 'report-link', target: '_blank', rel: 'noopener', 'data-testid': 'report-pdf' },
    tr.t('goals.report.pdf'),
  );
  const select = el(
    'select',
    { 'aria-label': tr.t('goals.report.month'), 'data-testid': 'report-month' },
    months.map((m) => el('option', { value: m }, m)),
  );
  const update = (): void => {
    html.setAttribute('href', href(select.value, 'html'));
    pdf.setAttribute('href', href(select.value, 'pdf'));
  };
  select.value = months[months.length - 1];
  select.addEventListener('change', update);
  update();
  return el(
    'div',
    { class: 'goal-report' },
    el('strong', {}, tr.t('goals.report')),
    el('label', {}, tr.t('goals.report.month'), ' ', select),
    html,
    pdf,
  );
}

export const goalsView: DashboardView = {
  id: 'goals',
  labelKey: 'view.goals',
  // Goals are measured on the whole dataset: a filter without journeys does not hide them.
  needsJourneys: false,
  render(ctx) {
    const { tr } = ctx;
    const root = el(
      'div',
      { class: 'view view-goals' },
      el('p', { class: 'view-caption muted' }, tr.t('goals.caption')),
    );
    const formSlot = el('div', { class: 'goal-form-slot' });
    const showForm = (goal: GoalDto | null): void => {
      formSlot.replaceChildren(goalForm(ctx, goal, () => showForm(null)));
      if (goal) formSlot.scrollIntoView?.({ block: 'nearest' });
    };
    const goals = ctx.goals;
    let cards: Node;
    if (!goals || goals.status === 'loading') {
      cards = el('p', { class: 'muted loading' }, tr.t('goals.loading'));
    } else if (goals.status === 'error') {
      cards = errorBox(goals.error, tr, tr.t('goals.loading'));
    } else if (goals.value.length === 0) {
      cards = el('p', { class: 'empty-state', 'data-testid': 'goals-none' }, tr.t('goals.none'));
    } else {
      cards = el(
        'div',
        { class: 'goal-cards' },
        goals.value.map((g) => goalCard(g, ctx, showForm)),
      );
    }
    showForm(null);
    const report = reportBar(ctx);
    if (report) root.append(report);
    root.append(
      cards,
      formSlot,
      el('p', { class: 'muted goal-viewer-note' }, tr.t('goals.managersOnly')),
    );
    return root;
  },
};
