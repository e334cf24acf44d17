/**
 * Why a row of an uploaded file was rejected: stable codes with parameters, and their message in
 * each language of the product. One place for the ingest (which sets the codes), the api (the
 * rejected-rows CSV in the user's language) and the web app (the upload report). No zod here:
 * the web app imports these values (contracts.imports-keep-zod-out-of-the-bundle.spec.ts).
 */

export const REJECTION_CODES = [
  'field-count',
  'undecodable-bytes',
  'missing-case-id',
  'missing-activity',
  'missing-timestamp',
  'unparseable-timestamp',
  'timestamp-too-early',
  'timestamp-too-late',
  'unterminated-quote',
  'quoted-field-too-long',
  'invalid-json',
  'not-an-object',
  'missing-ticket-number',
  'service-start-after-end',
  'times-out-of-order',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Parameters of a rejection, by name: what the message puts in its {placeholders}. */
export type RejectionParams = Readonly<Record<string, string | number>>;

export type RejectionLocale = 'en' | 'zh-CN';

/** Message templates; `{name}` is replaced by the parameter of that name. */
export const REJECTION_MESSAGES: Readonly<
  Record<RejectionLocale, Readonly<Record<RejectionCode, string>>>
> = {
  en: {
    'field-count': 'expected {expected} fields but found {found}',
    'undecodable-bytes': 'encoding error: bytes that are not valid {encoding}',
    'missing-case-id': 'missing case id',
    'missing-activity': 'missing activity',
    'missing-timestamp': 'missing timestamp',
    'unparseable-timestamp': 'unparseable timestamp {value}',
    'timestamp-too-early':
      'timestamp {value} is {parsed}, before the plausible range starts ({bound})',
    'timestamp-too-late': 'timestamp {value} is {parsed}, after the plausible range ends ({bound})',
    'unterminated-quote':
      'a quoted field opened at character {at} of this line is not closed before the end of the file (reading went on with the next line)',
    'quoted-field-too-long':
      'a quoted field opened at character {at} of this line is not closed within {lines} lines and {chars} characters (reading went on with the next line)',
    'invalid-json': 'invalid JSON: {detail}',
    'not-an-object': 'a line must hold one JSON object',
    'missing-ticket-number': 'missing ticket number',
    'service-start-after-end': 'service starts after it ends',
    'times-out-of-order': '{later} {value} is before {earlier}',
  },
  'zh-CN': {
    'field-count': '应有 {expected} 个字段，实际为 {found} 个',
    'undecodable-bytes': '含有不符合 {encoding} 编码的字节',
    'missing-case-id': '缺少办件编号（案例 ID）',
    'missing-activity': '缺少环节（活动）名称',
    'missing-timestamp': '缺少时间',
    'unparseable-timestamp': '无法识别的时间 {value}',
    'timestamp-too-early': '时间 {value} 读作 {parsed}，早于合理范围的起点（{bound}）',
    'timestamp-too-late': '时间 {value} 读作 {parsed}，晚于合理范围的终点（{bound}）',
    'unterminated-quote':
      '本行第 {at} 个字符处开始的引号字段直到文件结尾都没有闭合（已从下一行继续读取）',
    'quoted-field-too-long':
      '本行第 {at} 个字符处开始的引号字段在 {lines} 行、{chars} 个字符内没有闭合（已从下一行继续读取）',
    'invalid-json': 'JSON 格式错误：{detail}',
    'not-an-object': '每行必须是一个 JSON 对象',
    'missing-ticket-number': '缺少票号',
    'service-start-after-end': '开始服务时间晚于完成时间',
    'times-out-of-order': '{later}（{value}）早于{earlier}',
  },
};

/** The message of a rejection in `locale`, its parameters filled in (unknown ones left as is). */
export const rejectionMessage = (
  code: RejectionCode,
  params: RejectionParams | null | undefined,
  locale: RejectionLocale,
): string =>
  REJECTION_MESSAGES[locale][code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : String(value);
  });

/** Whether `code` is a rejection code of this version (rows stored earlier may have none). */
export const isRejectionCode = (code: unknown): code is RejectionCode =>
  typeof code === 'string' && (REJECTION_CODES as readonly string[]).includes(code);
