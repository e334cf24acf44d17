import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export const CATALOGUES: Readonly<Record<Locale, Messages>> = { 'zh-CN': zhCN, en };

/** Names shown in the locale switch, each in its own language. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '中文', en: 'English' };

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Picks the locale from the browser's preference list: the first entry that is Chinese or English
 * decides, so `['zh-TW', 'en']` gives zh-CN (the only Chinese catalogue) and `['fr', 'en']` gives en.
 */
export function detectLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  has(key: string): key is MessageKey;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  percent(share: number): string;
  /**
   * A date and time, in `timeZone` when given (the dataset's, for the times of events), else in
   * the browser's zone (for the app's own times: uploads, runs, keys).
   */
  dateTime(value: string | number | Date, timeZone?: string): string;
  duration(seconds: number): string;
}

function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// Seconds per unit, largest first; a duration shows at most its two largest units.
const UNITS = [
  { key: 'duration.day', seconds: 86_400 },
  { key: 'duration.hour', seconds: 3_600 },
  { key: 'duration.minute', seconds: 60 },
  { key: 'duration.second', seconds: 1 },
] as const;

export function createTranslator(locale: Locale): Translator {
  const messages = CATALOGUES[locale];
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const zonedFormats = new Map<string, Intl.DateTimeFormat>();
  const zonedFormat = (timeZone: string): Intl.DateTimeFormat => {
    let format = zonedFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
      });
      zonedFormats.set(timeZone, format);
    }
    return format;
  };

  const t = (key: MessageKey, params?: MessageParams): string => interpolate(messages[key], params);

  /** Human-friendly duration: `3 d 4 h`, `12 min`, `45 s` (`3 天 4 小时` in Chinese). */
  const duration = (seconds: number): string => {
    if (!Number.isFinite(seconds) || seconds < 0) return '–';
    if (seconds === 0) return t('duration.second', { n: 0 });
    if (seconds < 1) return t('duration.lessThanSecond');
    // Round to the precision of the second-largest unit first, so 23 h 59 min 50 s reads 1 d.
    const first = UNITS.findIndex((unit) => seconds >= unit.seconds);
    const precision = UNITS[Math.min(first + 1, UNITS.length - 1)].seconds;
    const rounded = Math.round(seconds / precision) * precision;
    const major = UNITS.findIndex((unit) => rounded >= unit.seconds);
    const parts: string[] = [];
    const majorUnit = UNITS[major];
    const majorCount = Math.floor(rounded / majorUnit.seconds);
    parts.push(t(majorUnit.key, { n: numberFormat.format(majorCount) }));
    const minorUnit = UNITS[major + 1];
    if (minorUnit) {
      const minorCount = Math.round((rounded - majorCount * majorUnit.seconds) / minorUnit.seconds);
      if (minorCount > 0) parts.push(t(minorUnit.key, { n: numberFormat.format(minorCount) }));
    }
    return parts.join(' ');
  };

  return {
    locale,
    t,
    has: (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(messages, key),
    number: (value, options) =>
      options ? new Intl.NumberFormat(locale, options).format(value) : numberFormat.format(value),
    percent: (share) => percentFormat.format(share),
    dateTime: (value, timeZone) =>
      (timeZone ? zonedFormat(timeZone) : dateFormat).format(new Date(value)),
    duration,
  };
}

export type { MessageKey, Messages };
