/** Issue 16: a rejected row's reason is shown in the interface language, with the original row. */
import '../charts/testing/jsdom-polyfills';
import { REJECTION_CODES, REJECTION_MESSAGES } from '@onetrip/contracts';
import { createTranslator } from '../i18n/i18n';
import { rejectedCsvHref, rejectionReason } from './upload';

describe('rejection reasons in the interface language', () => {
  const zh = createTranslator('zh-CN');
  const en = createTranslator('en');

  it('translates a coded reason with its parameters', () => {
    const row = {
      line: 9,
      column: '办结时间',
      reason: 'unparseable timestamp "2024-02-30"',
      code: 'unparseable-timestamp' as const,
      params: { value: '"2024-02-30"' },
    };
    expect(rejectionReason(zh, row)).toBe('无法识别的时间 "2024-02-30"');
    expect(rejectionReason(en, row)).toBe('unparseable timestamp "2024-02-30"');
    expect(
      rejectionReason(zh, {
        line: 5,
        column: null,
        reason: 'expected 4 fields but found 3',
        code: 'field-count',
        params: { expected: 4, found: 3 },
      }),
    ).toBe('应有 4 个字段，实际为 3 个');
  });

  it('shows the stored reason of rows stored before codes', () => {
    expect(rejectionReason(zh, { line: 1, column: null, reason: 'missing case id' })).toBe(
      'missing case id',
    );
  });

  it('has every code in both languages, the Chinese one in Chinese, same placeholders', () => {
    for (const code of REJECTION_CODES) {
      const english = REJECTION_MESSAGES.en[code];
      const chinese = REJECTION_MESSAGES['zh-CN'][code];
      expect([code, /[\u4e00-\u9fff]/.test(chinese)]).toEqual([code, true]);
      const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([code, names(chinese)]).toEqual([code, names(english)]);
    }
  });

  it('asks for the rejected-rows CSV in the interface language', () => {
    expect(rejectedCsvHref('/api/v1/uploads/u1/rejected.csv', zh)).toBe(
      '/api/v1/uploads/u1/rejected.csv?lang=zh-CN',
    );
  });
});
