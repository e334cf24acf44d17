/**
 * The monthly report's words in both interface languages. The KPI and status names follow the
 * web app's catalogue (apps/web/src/i18n: goals.kpi.*, goals.status.*), which a spec checks.
 */
import type { GoalKpi } from '@onetrip/mining';
import type { ReportLanguage } from './report-model';

export interface ReportMessages {
  title: string;
  dataPeriod: (first: string, last: string) => string;
  measured: (version: number, at: string) => string;
  month: string;
  headline: string;
  kpi: string;
  thisMonth: string;
  previousMonth: string;
  baselineMonth: (month: string) => string;
  changeFromBaseline: string;
  goals: string;
  noGoals: string;
  baseline: string;
  target: string;
  now: string;
  deadline: string;
  owner: string;
  scopeAll: string;
  progress: (percent: string) => string;
  notMeasured: string;
  legend: { actual: string; plan: string; projection: string };
  league: Record<'hall' | 'department' | 'service', string>;
  journeys: string;
  hidden: (count: number, k: number) => string;
  definitions: string;
  statusMethod: string;
  kpis: Record<GoalKpi, { name: string; definition: string }>;
  status: Record<string, string>;
  scope: Record<'service' | 'department' | 'hall', string>;
  units: { days: string; hours: string; minutes: string; seconds: string; trips: string };
  printed: (at: string) => string;
}

const en: ReportMessages = {
  title: 'Monthly report',
  dataPeriod: (first, last) => `Data period: ${first} to ${last}`,
  measured: (version, at) => `Dataset version ${version}, mined ${at}`,
  month: 'Month',
  headline: 'Key figures',
  kpi: 'KPI',
  thisMonth: 'This month',
  previousMonth: 'Previous month',
  baselineMonth: (m) => `Baseline (${m})`,
  changeFromBaseline: 'Change from baseline',
  goals: 'Reform goals',
  noGoals: 'No goals are set on this dataset.',
  baseline: 'Baseline',
  target: 'Target',
  now: 'Now',
  deadline: 'Deadline',
  owner: 'Owner',
  scopeAll: 'Whole dataset',
  progress: (p) => `${p} of the way from baseline to target`,
  notMeasured: 'Not measured',
  legend: { actual: 'Actual', plan: 'Plan', projection: 'Projection' },
  league: { hall: 'Halls', department: 'Departments', service: 'Services' },
  journeys: 'Journeys',
  hidden: (n, k) => `${n} with fewer than ${k} journeys not shown.`,
  definitions: 'Definitions',
  statusMethod:
    'Goal status: the plan is a straight line from the baseline to the target at the deadline; the projection is the least-squares line through the last 3–6 measured months. On track when the projection reaches the target by the deadline, at risk when it reaches at least 80% of the required change, behind otherwise; achieved or missed after the deadline.',
  kpis: {
    tripsPerJourney: {
      name: 'Trips per journey',
      definition: 'In-person visits (one per hall and day) per journey started in the month.',
    },
    atMostOneTripRate: {
      name: 'At-most-one-trip rate',
      definition: 'Share of journeys started in the month with at most one in-person visit.',
    },
    zeroTripRate: {
      name: 'Zero-trip (fully online) rate',
      definition: 'Share of journeys started in the month with no in-person visit.',
    },
    leadTimeMedianSeconds: {
      name: 'Median lead time',
      definition: 'Median time from a journey’s first to its last event.',
    },
    leadTimeP90Seconds: {
      name: 'Lead time p90',
      definition: '90th percentile of the time from a journey’s first to its last event.',
    },
    queueWaitMedianSeconds: {
      name: 'Median hall queue wait',
      definition: 'Median time from taking a ticket to being called, in the same visit.',
    },
    abandonedTickets: {
      name: 'Abandoned queue tickets',
      definition: 'Tickets never called (closed at the end of the day, expired or no-show).',
    },
    governmentWaitSeconds: {
      name: 'Government-side waiting per journey',
      definition: 'Mean time per journey spent waiting before government steps.',
    },
    citizenWaitSeconds: {
      name: 'Citizen-side waiting per journey',
      definition: 'Mean time per journey spent waiting before the citizen’s own actions.',
    },
    journeysStarted: {
      name: 'Journeys started',
      definition: 'Journeys whose first event is in the month.',
    },
    satisfaction: {
      name: 'Satisfaction index',
      definition: '0–100 index from the ratings (docs/mining.md).',
    },
  },
  status: {
    pending: 'Not measured yet',
    'on-track': 'On track',
    'at-risk': 'At risk',
    behind: 'Behind',
    achieved: 'Achieved',
    missed: 'Missed',
  },
  scope: { service: 'Service', department: 'Department', hall: 'Hall' },
  units: { days: 'd', hours: 'h', minutes: 'min', seconds: 's', trips: '' },
  printed: (at) => `Produced ${at} by onetrip`,
};

const zh: ReportMessages = {
  title: '月度报告',
  dataPeriod: (first, last) => `数据期间：${first} 至 ${last}`,
  measured: (version, at) => `数据集版本 ${version}，分析于 ${at}`,
  month: '月份',
  headline: '主要指标',
  kpi: '指标',
  thisMonth: '本月',
  previousMonth: '上月',
  baselineMonth: (m) => `基线（${m}）`,
  changeFromBaseline: '较基线变化',
  goals: '改革目标',
  noGoals: '此数据集尚未设定目标。',
  baseline: '基线',
  target: '目标',
  now: '当前',
  deadline: '期限',
  owner: '责任单位',
  scopeAll: '全部数据',
  progress: (p) => `已完成从基线到目标的 ${p}`,
  notMeasured: '尚未计算',
  legend: { actual: '实际', plan: '计划', projection: '预测' },
  league: { hall: '大厅排名', department: '部门排名', service: '事项排名' },
  journeys: '办件数',
  hidden: (n, k) => `另有 ${n} 项办件数少于 ${k}，未显示。`,
  definitions: '指标说明',
  statusMethod:
    '目标状态：计划为从基线到期限时目标值的直线；预测为最近 3–6 个已计算月份的最小二乘直线。预测在期限前达到目标为“进展正常”，达到所需变化的 80% 以上为“存在风险”，否则为“进度落后”；期限过后为“已达成”或“未达成”。',
  kpis: {
    tripsPerJourney: {
      name: '人均跑动次数',
      definition: '本月开始的每件办件的线下到场次数（同一大厅同一天计一次）。',
    },
    atMostOneTripRate: {
      name: '最多跑一次比例',
      definition: '本月开始的办件中，线下到场不超过一次的比例。',
    },
    zeroTripRate: {
      name: '零跑动（全程网办）比例',
      definition: '本月开始的办件中，没有线下到场的比例。',
    },
    leadTimeMedianSeconds: {
      name: '办理时长中位数',
      definition: '办件从第一个事件到最后一个事件的时长中位数。',
    },
    leadTimeP90Seconds: {
      name: '办理时长 P90',
      definition: '办件从第一个事件到最后一个事件的时长的第 90 百分位数。',
    },
    queueWaitMedianSeconds: {
      name: '大厅排队等候中位数',
      definition: '同一次到场中从取号到叫号的时长中位数。',
    },
    abandonedTickets: {
      name: '未叫号作废票数',
      definition: '始终未被叫号的票（闭厅未叫号、过期或过号）。',
    },
    governmentWaitSeconds: {
      name: '每件政府侧等待时间',
      definition: '每件办件在政府办理环节之前等待的平均时长。',
    },
    citizenWaitSeconds: {
      name: '每件群众侧等待时间',
      definition: '每件办件在群众自身行为之前等待的平均时长。',
    },
    journeysStarted: {
      name: '新发起办件数',
      definition: '第一个事件在本月的办件数。',
    },
    satisfaction: {
      name: '满意度指数',
      definition: '由好差评评价计算的 0–100 指数（见 docs/mining.md）。',
    },
  },
  status: {
    pending: '尚未计算',
    'on-track': '进展正常',
    'at-risk': '存在风险',
    behind: '进度落后',
    achieved: '已达成',
    missed: '未达成',
  },
  scope: { service: '事项', department: '部门', hall: '大厅' },
  units: { days: '天', hours: '小时', minutes: '分钟', seconds: '秒', trips: '次' },
  printed: (at) => `onetrip 生成于 ${at}`,
};

export const REPORT_MESSAGES: Record<ReportLanguage, ReportMessages> = { en, 'zh-CN': zh };
