import { en } from './en';
import { zhCN } from './zh-CN';
import { createTranslator, detectLocale } from './i18n';

describe('message catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('every message uses the same placeholders in both languages', () => {
    const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(zhCN[key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  it('has no empty message', () => {
    for (const text of [...Object.values(en), ...Object.values(zhCN)]) {
      expect(text.trim()).not.toBe('');
    }
  });
});

describe('detectLocale', () => {
  it('prefers Chinese when the browser lists Chinese first', () => {
    expect(detectLocale(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(detectLocale(['zh'])).toBe('zh-CN');
    expect(detectLocale(['zh-TW', 'en'])).toBe('zh-CN');
  });

  it('uses English when English comes first or nothing matches', () => {
    expect(detectLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLocale(['fr-FR', 'de'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });

  it('skips languages it has no catalogue for', () => {
    expect(detectLocale(['fr', 'zh-CN'])).toBe('zh-CN');
  });
});

describe('translator', () => {
  const enT = createTranslator('en');
  const zhT = createTranslator('zh-CN');

  it('interpolates parameters', () => {
    expect(enT.t('datasets.events', { count: '1,234' })).toBe('1,234 events');
    expect(zhT.t('datasets.events', { count: '1,234' })).toBe('1,234 条事件');
  });

  it('formats numbers with the locale', () => {
    expect(enT.number(1234567)).toBe('1,234,567');
    expect(zhT.number(1234567)).toBe('1,234,567');
    expect(enT.percent(0.425)).toBe('43%');
  });

  it('formats durations with their two largest units', () => {
    const cases: [number, string, string][] = [
      [0, '0 s', '0 秒'],
      [0.4, '< 1 s', '不到 1 秒'],
      [45, '45 s', '45 秒'],
      [12 * 60, '12 min', '12 分钟'],
      [12 * 60 + 30, '12 min 30 s', '12 分钟 30 秒'],
      [3 * 86400 + 4 * 3600 + 20 * 60, '3 d 4 h', '3 天 4 小时'],
      [2 * 3600, '2 h', '2 小时'],
      [86400 - 10, '1 d', '1 天'],
      [400 * 86400, '400 d', '400 天'],
    ];
    for (const [seconds, english, chinese] of cases) {
      expect([seconds, enT.duration(seconds)]).toEqual([seconds, english]);
      expect([seconds, zhT.duration(seconds)]).toEqual([seconds, chinese]);
    }
  });

  it('shows a dash for durations that are not known', () => {
    expect(enT.duration(Number.NaN)).toBe('–');
    expect(enT.duration(-5)).toBe('–');
  });

  it('formats instants with the locale in the fixed test time zone', () => {
    expect(enT.dateTime('2025-03-04T05:06:00Z')).toBe('Mar 4, 2025, 5:06 AM');
    expect(zhT.dateTime('2025-03-04T05:06:00Z')).toBe('2025年3月4日 05:06');
    // An event's time in the dataset's zone, whatever the browser's.
    expect(zhT.dateTime('2025-03-04T05:06:00Z', 'Asia/Shanghai')).toBe('2025年3月4日 13:06');
    expect(enT.dateTime(Date.UTC(2025, 2, 4, 5, 6), 'America/New_York')).toBe(
      'Mar 4, 2025, 12:06 AM',
    );
  });
});
