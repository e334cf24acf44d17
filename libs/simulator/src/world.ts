/**
 * The world: services, departments, halls, systems, activities (in English and Simplified
 * Chinese) and the parameters that change with the reform. Every number the generator uses that
 * is not derived from the calendar lives here, so docs/simulator.md can list them.
 */

export type Lang = 'en' | 'zh-CN';

/** Channel values as written to the log. The in-person channel is exactly `hall`. */
export type Channel = 'online' | 'hall' | 'back_office' | 'hotline' | 'chatbot' | 'post';

/** The system that recorded an event; each has its own case ids. */
export type SourceSystem =
  'portal' | 'queue' | 'counter' | 'back_office' | 'hotline' | 'chatbot' | 'post';

export const SOURCE_SYSTEMS: readonly SourceSystem[] = [
  'portal',
  'queue',
  'counter',
  'back_office',
  'hotline',
  'chatbot',
  'post',
];

export type ServiceCode =
  | 'business_licence'
  | 'social_security_card'
  | 'provident_fund_withdrawal'
  | 'residence_permit'
  | 'building_permit';

export type DepartmentCode = 'samr' | 'hrss' | 'hpf' | 'psb' | 'hurd' | 'hotline' | 'gsmo' | 'post';

export type HallCode = 'H1' | 'H2' | 'H3';

export type AgeGroup = '18-34' | '35-59' | '60+';

export type Behaviour = 'online_first' | 'mixed' | 'hall_only';

export type ActivityCode =
  | 'submit_online'
  | 'book_appointment'
  | 'upload_supplement'
  | 'download_certificate'
  | 'take_ticket'
  | 'called'
  | 'ticket_expired'
  | 'counter_submit'
  | 'counter_biometric'
  | 'counter_supplement'
  | 'counter_redirect'
  | 'counter_collect'
  | 'counter_issue'
  | 'pre_review'
  | 'request_supplement'
  | 'review'
  | 'approve'
  | 'close_no_response'
  | 'transfer_funds'
  | 'hotline_inquiry'
  | 'hotline_status'
  | 'chatbot_inquiry'
  | 'post_dispatch'
  | 'post_delivered';

type Labels = Readonly<Record<Lang, string>>;

export const ACTIVITIES: Readonly<Record<ActivityCode, Labels>> = {
  submit_online: { en: 'Submit application online', 'zh-CN': '网上提交申请' },
  book_appointment: { en: 'Book hall appointment online', 'zh-CN': '网上预约办理' },
  upload_supplement: { en: 'Upload supplementary materials online', 'zh-CN': '网上补正材料' },
  download_certificate: { en: 'Download electronic certificate', 'zh-CN': '下载电子证照' },
  take_ticket: { en: 'Take queue ticket', 'zh-CN': '取号' },
  called: { en: 'Called to window', 'zh-CN': '叫号' },
  ticket_expired: { en: 'Not called before closing', 'zh-CN': '闭厅未叫号' },
  counter_submit: { en: 'Submit application at counter', 'zh-CN': '窗口提交申请' },
  counter_biometric: { en: 'Capture photo and fingerprints', 'zh-CN': '采集照片和指纹' },
  counter_supplement: { en: 'Submit supplementary materials at counter', 'zh-CN': '窗口补交材料' },
  counter_redirect: { en: 'Redirected to another hall', 'zh-CN': '告知到其他大厅办理' },
  counter_collect: { en: 'Collect result at counter', 'zh-CN': '窗口领取结果' },
  counter_issue: { en: 'Issue on the spot', 'zh-CN': '现场办结出证' },
  pre_review: { en: 'Pre-review', 'zh-CN': '预审' },
  request_supplement: { en: 'Request supplementary materials', 'zh-CN': '告知补正材料' },
  review: { en: 'Review', 'zh-CN': '审查' },
  approve: { en: 'Approve', 'zh-CN': '审批通过' },
  close_no_response: { en: 'Close application (no response)', 'zh-CN': '逾期未补正终止办理' },
  transfer_funds: { en: 'Transfer funds', 'zh-CN': '资金划转' },
  hotline_inquiry: { en: 'Hotline 12345 inquiry', 'zh-CN': '12345热线咨询' },
  hotline_status: { en: 'Hotline 12345 status enquiry', 'zh-CN': '12345热线查询进度' },
  chatbot_inquiry: { en: 'Chatbot inquiry', 'zh-CN': '智能客服咨询' },
  post_dispatch: { en: 'Dispatch by post', 'zh-CN': '邮寄寄出' },
  post_delivered: { en: 'Delivered by post', 'zh-CN': '邮件签收' },
};

export const DEPARTMENTS: Readonly<Record<DepartmentCode, Labels & { prefix: string }>> = {
  samr: { en: 'Market Regulation Bureau', 'zh-CN': '市场监督管理局', prefix: 'SAMR' },
  hrss: {
    en: 'Human Resources and Social Security Bureau',
    'zh-CN': '人力资源和社会保障局',
    prefix: 'HRSS',
  },
  hpf: { en: 'Housing Provident Fund Centre', 'zh-CN': '住房公积金管理中心', prefix: 'HPF' },
  psb: { en: 'Public Security Bureau', 'zh-CN': '公安局', prefix: 'PSB' },
  hurd: {
    en: 'Housing and Urban-Rural Development Bureau',
    'zh-CN': '住房和城乡建设局',
    prefix: 'HURD',
  },
  hotline: {
    en: '12345 Government Service Hotline',
    'zh-CN': '12345政务服务便民热线',
    prefix: 'HL',
  },
  gsmo: { en: 'Government Service Administration', 'zh-CN': '政务服务管理局', prefix: 'GS' },
  post: { en: 'China Post EMS', 'zh-CN': '中国邮政EMS', prefix: 'EMS' },
};

export interface Hall {
  code: HallCode;
  name: Labels;
  windows: number;
  /** Share of citizens for whom this is the nearest hall. */
  catchment: number;
  /** How busy it is relative to the others (multiplies queue waits). */
  busyness: number;
}

export const HALLS: readonly Hall[] = [
  {
    code: 'H1',
    name: { en: 'Municipal Government Service Centre', 'zh-CN': '市政务服务中心' },
    windows: 24,
    catchment: 0.4,
    busyness: 1.2,
  },
  {
    code: 'H2',
    name: { en: 'East District Service Hall', 'zh-CN': '东城区政务服务大厅' },
    windows: 12,
    catchment: 0.35,
    busyness: 1.0,
  },
  {
    code: 'H3',
    name: { en: 'Riverside District Service Hall', 'zh-CN': '滨江区政务服务大厅' },
    windows: 8,
    catchment: 0.25,
    busyness: 0.8,
  },
];

/** A parameter with its value before the reform and after full uptake. */
export interface Shift {
  before: number;
  after: number;
}

export interface Service {
  code: ServiceCode;
  name: Labels;
  department: DepartmentCode;
  /** Share of all journeys. */
  weight: number;
  /** Halls with a window for this service. */
  halls: readonly HallCode[];
  /** 承诺时限: promised processing time, working days from acceptance to decision. */
  promisedWorkingDays: Shift;
  /** Probability that the service can be applied for online. */
  online: Shift;
  /** Probability that an online applicant must still come in for photo and fingerprints. */
  biometricVisit: Shift;
  /** Probability that a (pre-)review asks for supplementary materials (补正). */
  supplement: Shift;
  /** Probability that, after one round of 补正, the next pre-review finds something else missing. */
  repeatSupplement: Shift;
  /** Review duration in working days: uniform between `min` and `max`, both shifting. */
  reviewMin: Shift;
  reviewMax: Shift;
  /** What the citizen receives: a document (collected, posted or downloaded) or a bank transfer. */
  result: 'document' | 'transfer';
  /** Probability the document is collected at a counter (else posted or downloaded). */
  collectInPerson: Shift;
  /** Whether an electronic certificate exists once the reform is in place. */
  electronicCertificate: boolean;
  /** Probability that a hall application is decided and issued during the same visit. */
  issueOnTheSpot: Shift;
  /** Median counter time (minutes) to submit an application. */
  counterMinutes: number;
}

export const SERVICES: readonly Service[] = [
  {
    code: 'business_licence',
    name: { en: 'Business licence', 'zh-CN': '营业执照办理' },
    department: 'samr',
    weight: 0.25,
    halls: ['H1', 'H2', 'H3'],
    promisedWorkingDays: { before: 5, after: 1 },
    online: { before: 0.35, after: 0.9 },
    biometricVisit: { before: 0, after: 0 },
    supplement: { before: 0.4, after: 0.1 },
    repeatSupplement: { before: 0.45, after: 0 },
    reviewMin: { before: 1, after: 0 },
    reviewMax: { before: 5, after: 1 },
    result: 'document',
    collectInPerson: { before: 0.9, after: 0.15 },
    electronicCertificate: true,
    issueOnTheSpot: { before: 0, after: 0.3 },
    counterMinutes: 18,
  },
  {
    code: 'social_security_card',
    name: { en: 'Social security card', 'zh-CN': '社会保障卡申领' },
    department: 'hrss',
    weight: 0.25,
    halls: ['H1', 'H2', 'H3'],
    promisedWorkingDays: { before: 15, after: 5 },
    online: { before: 0.2, after: 0.75 },
    biometricVisit: { before: 0.9, after: 0.2 },
    supplement: { before: 0.25, after: 0.05 },
    repeatSupplement: { before: 0.35, after: 0 },
    reviewMin: { before: 5, after: 1 },
    reviewMax: { before: 12, after: 4 },
    result: 'document',
    collectInPerson: { before: 0.95, after: 0.3 },
    electronicCertificate: false,
    issueOnTheSpot: { before: 0, after: 0.6 },
    counterMinutes: 10,
  },
  {
    code: 'provident_fund_withdrawal',
    name: { en: 'Provident fund withdrawal', 'zh-CN': '住房公积金提取' },
    department: 'hpf',
    weight: 0.25,
    halls: ['H1', 'H2'],
    promisedWorkingDays: { before: 5, after: 1 },
    online: { before: 0.3, after: 0.9 },
    biometricVisit: { before: 0, after: 0 },
    supplement: { before: 0.35, after: 0.08 },
    repeatSupplement: { before: 0.4, after: 0 },
    reviewMin: { before: 2, after: 0 },
    reviewMax: { before: 5, after: 1 },
    result: 'transfer',
    collectInPerson: { before: 0, after: 0 },
    electronicCertificate: false,
    issueOnTheSpot: { before: 0, after: 0 },
    counterMinutes: 12,
  },
  {
    code: 'residence_permit',
    name: { en: 'Residence permit', 'zh-CN': '居住证办理' },
    department: 'psb',
    weight: 0.17,
    halls: ['H1', 'H2', 'H3'],
    promisedWorkingDays: { before: 15, after: 7 },
    online: { before: 0.15, after: 0.6 },
    biometricVisit: { before: 0.95, after: 0.6 },
    supplement: { before: 0.3, after: 0.1 },
    repeatSupplement: { before: 0.4, after: 0 },
    reviewMin: { before: 8, after: 3 },
    reviewMax: { before: 15, after: 7 },
    result: 'document',
    collectInPerson: { before: 0.95, after: 0.4 },
    electronicCertificate: false,
    issueOnTheSpot: { before: 0, after: 0 },
    counterMinutes: 12,
  },
  {
    code: 'building_permit',
    name: { en: 'Building permit', 'zh-CN': '建筑工程施工许可' },
    department: 'hurd',
    weight: 0.08,
    halls: ['H1'],
    promisedWorkingDays: { before: 20, after: 7 },
    online: { before: 0.2, after: 0.85 },
    biometricVisit: { before: 0, after: 0 },
    supplement: { before: 0.6, after: 0.2 },
    repeatSupplement: { before: 0.55, after: 0 },
    reviewMin: { before: 10, after: 3 },
    reviewMax: { before: 20, after: 7 },
    result: 'document',
    collectInPerson: { before: 0.9, after: 0.2 },
    electronicCertificate: true,
    issueOnTheSpot: { before: 0, after: 0 },
    counterMinutes: 30,
  },
];

export const AGE_GROUPS: readonly {
  group: AgeGroup;
  weight: number;
  behaviour: readonly number[];
}[] = [
  // behaviour weights: online_first, mixed, hall_only
  { group: '18-34', weight: 0.35, behaviour: [0.55, 0.35, 0.1] },
  { group: '35-59', weight: 0.45, behaviour: [0.35, 0.4, 0.25] },
  { group: '60+', weight: 0.2, behaviour: [0.1, 0.3, 0.6] },
];

export const BEHAVIOURS: readonly Behaviour[] = ['online_first', 'mixed', 'hall_only'];

/** World-wide parameters that change with the reform (before → after full uptake). */
export const REFORM = {
  /** Share of hall-only citizens who move to mixed use once online services are good. */
  hallOnlyToMixed: { before: 0, after: 0.35 },
  /** Mean queue wait (minutes) at an ordinary hour on an ordinary day, before hall factors. */
  queueMeanMinutes: { before: 38, after: 14 },
  /** Probability that someone arriving at a hall without this service knew where to go instead. */
  knowsRightHall: { before: 0.35, after: 0.9 },
  /** Chance of being sent elsewhere anyway (wrong district, window closed for this service). */
  strayRedirect: { before: 0.04, after: 0.005 },
  /** Chance to give up at each supplementary-material request. */
  giveUpOnSupplement: { before: 0.14, after: 0.05 },
  /** Chance to give up after being sent to another hall. */
  giveUpOnRedirect: { before: 0.1, after: 0.03 },
  /** Chance that a non-hall-only citizen books a hall appointment online (short wait). */
  bookAppointment: { before: 0, after: 0.6 },
  /** Chance that supplementary materials can be uploaded when the application was online. */
  onlineSupplement: { before: 0.5, after: 0.95 },
  /** Chance of calling 12345 to ask about progress while the review runs. */
  statusCall: { before: 0.3, after: 0.08 },
  /** Chance of an inquiry (hotline or chatbot) before applying. */
  inquiry: { before: 0.35, after: 0.3 },
} as const satisfies Record<string, Shift>;

/** Value of a shifting parameter at uptake u ∈ [0, 1]. */
export function shifted(p: Shift, u: number): number {
  return p.before + (p.after - p.before) * u;
}
