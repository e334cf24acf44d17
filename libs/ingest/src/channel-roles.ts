/**
 * Suggested channel roles (docs/ingest.md#channel-roles): from common Chinese and English channel
 * values, and from the GB/T 39046 申报来源 codes (1 counter, 2 PC, 3 mobile, 4 post). The user
 * confirms them in the upload dialog; nothing here is final.
 */
import type { ChannelRole, ChannelRoles } from '@onetrip/contracts';

/** Exact values (after normalizeValue), per role. */
const EXACT: Record<Exclude<ChannelRole, 'other'>, readonly string[]> = {
  'in-person': [
    'hall',
    'counter',
    'window',
    'walk-in',
    'walkin',
    'in-person',
    'in person',
    'onsite',
    'on-site',
    'offline',
    'office',
    'desk',
    'kiosk',
    'visit',
    '1',
    '01',
    '大厅',
    '窗口',
    '现场',
    '线下',
    '柜台',
    '前台',
    '服务大厅',
    '政务大厅',
    '办事大厅',
    '政务服务中心',
    '窗口受理',
    '现场办理',
    '线下办理',
    '自助终端',
    '自助机',
  ],
  online: [
    'online',
    'web',
    'internet',
    'portal',
    'pc',
    'mobile',
    'app',
    'wechat',
    'email',
    'e-mail',
    'post',
    'mail',
    '2',
    '02',
    '3',
    '03',
    '4',
    '04',
    '网上',
    '网办',
    '网上办理',
    '在线',
    '线上',
    '互联网',
    '网站',
    '门户',
    '一网通办',
    '移动端',
    '手机',
    '手机端',
    '小程序',
    '微信',
    '支付宝',
    '邮寄',
    '快递',
  ],
  'back-office': [
    'back office',
    'back-office',
    'backoffice',
    'backend',
    'back-end',
    'internal',
    'system',
    '后台',
    '内部',
    '系统',
    '审批',
    '内部流转',
    '后台审批',
  ],
  phone: [
    'phone',
    'telephone',
    'call',
    'call center',
    'call centre',
    'hotline',
    '电话',
    '热线',
    '12345',
    '12345热线',
    '电话咨询',
  ],
};

/** Fragments tried when no exact value matches, in this order (in-person last: 网上大厅 is online). */
const CONTAINS: readonly (readonly [ChannelRole, readonly string[]])[] = [
  ['phone', ['电话', '热线', '12345', 'phone', 'hotline']],
  ['back-office', ['后台', '内部', 'back office', 'backoffice']],
  [
    'online',
    ['网', '线上', '在线', '移动', 'app', '小程序', '微信', '邮寄', 'online', 'web', 'mobile'],
  ],
  ['in-person', ['大厅', '窗口', '现场', '线下', '柜台', '中心', 'hall', 'counter', 'window']],
];

const BY_VALUE = new Map<string, ChannelRole>(
  (Object.keys(EXACT) as (keyof typeof EXACT)[]).flatMap((role) =>
    EXACT[role].map((value) => [value, role] as const),
  ),
);

function normalizeValue(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The suggested role of one channel value; `other` when nothing is recognised. */
export function suggestChannelRole(value: string): ChannelRole {
  const v = normalizeValue(value);
  const exact = BY_VALUE.get(v);
  if (exact !== undefined) return exact;
  for (const [role, fragments] of CONTAINS) if (fragments.some((f) => v.includes(f))) return role;
  return 'other';
}

/** A suggested role per distinct non-empty value, keyed by the value as it appears in the file. */
export function suggestChannelRoles(values: Iterable<string>): ChannelRoles {
  const roles: ChannelRoles = {};
  for (const value of values) {
    const key = value.trim();
    if (key !== '' && roles[key] === undefined) roles[key] = suggestChannelRole(key);
  }
  return roles;
}
