import { Readable } from 'node:stream';
import {
  IdentifierGuard,
  identifierColumns,
  isChineseIdNumber,
  isIdentifierName,
  looksLikeIdentifier,
} from './identifiers';
import { pseudonymize } from './identity';
import { readEvents } from './read-events';
import type { NormalizedEvent, ReadOptions } from './types';

const KEY = 'unit-test-key';
const P = (v: string): string => `pseudonym:${pseudonymize(v, KEY)}`;

// The example of GB 11643 (check digit X, computed by hand: 167 mod 11 = 2 → 'X').
const ID = '11010519491231002X';

async function events(text: string, options: Partial<ReadOptions>): Promise<NormalizedEvent[]> {
  const out: NormalizedEvent[] = [];
  for await (const r of readEvents(Readable.from([text]), { file: 'x.csv', ...options })) {
    if (r.kind === 'event') out.push(r.event);
  }
  return out;
}

describe('what looks like a citizen identifier', () => {
  it('by column name, in Chinese and English, XES trace attributes included', () => {
    for (const name of [
      'citizen',
      'citizen_id',
      'Citizen ID',
      '身份证号',
      '身份证号码',
      '证件号码',
      'id_card',
      'IDCard',
      'phone',
      'mobile',
      'Mobile-Phone',
      '手机号',
      '联系电话',
      '电话',
      'case:身份证号',
      'tel',
    ]) {
      expect([name, isIdentifierName(name)]).toEqual([name, true]);
    }
    for (const name of ['activity', 'hall', 'note', '备注', 'channel', 'ticket_no', 'city']) {
      expect([name, isIdentifierName(name)]).toEqual([name, false]);
    }
  });

  it('by value: resident IDs with a valid date and check digit, mobiles and landlines', () => {
    expect(isChineseIdNumber(ID)).toBe(true);
    expect(isChineseIdNumber('11010519491231002x')).toBe(true);
    expect(isChineseIdNumber('110105194912310021')).toBe(false); // wrong check digit
    expect(isChineseIdNumber('110105194913310028')).toBe(false); // month 13
    expect(isChineseIdNumber('110105491231002')).toBe(true); // 15-digit, before 1999
    for (const v of [ID, '13800138000', '+8613800138000', '138 0013 8000', '010-12345678']) {
      expect([v, looksLikeIdentifier(v)]).toEqual([v, true]);
    }
    for (const v of [
      '12345678901', // 11 digits, but no mobile prefix
      '10800138000',
      '2024-03-01 09:00',
      '受理',
      '市民中心',
      '20240301',
      'BJ202403010001',
      '1380013800', // 10 digits
    ]) {
      expect([v, looksLikeIdentifier(v)]).toEqual([v, false]);
    }
  });

  it('for the preview: columns named so, or with an identifier-shaped sample value', () => {
    expect(
      identifierColumns(
        ['case_id', '手机号', 'contact', 'activity'],
        [
          ['A', '', '', '受理'],
          ['A', '', ' 13800138000 ', '办结'],
        ],
      ),
    ).toEqual(['手机号', 'contact']);
  });
});

describe('unmapped identifier columns on the way in', () => {
  const csv =
    'case_id,activity,timestamp,身份证号,手机号,contact,hall\n' +
    `A,受理,2024-03-01 09:00,${ID},13800138000,none,市民中心\n` +
    `A,办结,2024-03-02 09:00,${ID},13900139000,13700137000,市民中心\n` +
    'B,受理,2024-03-03 09:00,,,not given,东区\n';

  it('are stored as pseudonyms (the same HMAC as a citizen key, prefixed), others as they are', async () => {
    const [a1, a2, b1] = await events(csv, { identifiers: { key: KEY } });
    expect(a1.attributes).toEqual({
      身份证号: P(ID),
      手机号: P('13800138000'),
      contact: 'none',
      hall: '市民中心',
    });
    // `contact` holds a phone number from its second row on: pseudonymized from then on.
    expect(a2.attributes).toEqual({
      身份证号: P(ID),
      手机号: P('13900139000'),
      contact: P('13700137000'),
      hall: '市民中心',
    });
    expect(b1.attributes).toEqual({ contact: P('not given'), hall: '东区' });
    expect(P(ID)).toBe(`pseudonym:${pseudonymize(ID, KEY)}`);
  });

  it('are kept or dropped when the upload says so per column', async () => {
    const [a1] = await events(csv, {
      identifiers: {
        key: KEY,
        choices: { 手机号: 'keep', 身份证号: 'drop', hall: 'pseudonymize' },
      },
    });
    expect(a1.attributes).toEqual({
      手机号: '13800138000',
      contact: 'none',
      hall: P('市民中心'),
    });
  });

  it('stay raw only when no key is given (local mining, nothing stored)', async () => {
    const [a1] = await events(csv, {});
    expect(a1.attributes['身份证号']).toBe(ID);
  });

  it('are found in NDJSON values and XES trace attributes too', async () => {
    const ndjson =
      `{"case_id":"A","activity":"受理","timestamp":"2024-03-01T09:00:00Z","mobile":13800138000}\n` +
      `{"case_id":"A","activity":"办结","timestamp":"2024-03-02T09:00:00Z","ref":"${ID}"}\n`;
    const [n1, n2] = await events(ndjson, { file: 'x.ndjson', identifiers: { key: KEY } });
    expect(n1.attributes).toEqual({ mobile: P('13800138000') });
    expect(n2.attributes).toEqual({ ref: P(ID) });

    const xes =
      '<log><trace><string key="concept:name" value="A"/><string key="身份证号" value="' +
      ID +
      '"/><event><string key="concept:name" value="受理"/>' +
      '<date key="time:timestamp" value="2024-03-01T09:00:00Z"/></event></trace></log>';
    const [x1] = await events(xes, { file: 'x.xes', identifiers: { key: KEY } });
    expect(x1.attributes).toEqual({ 'case:身份证号': P(ID) });
  });

  it('leaves values that already are pseudonyms as they are (a re-imported export)', () => {
    const guard = new IdentifierGuard(KEY);
    const attributes = { 手机号: P('13800138000') };
    guard.apply(attributes);
    expect(attributes).toEqual({ 手机号: P('13800138000') });
  });

  it('keeps a column named __proto__ an own property', () => {
    // JSON.parse makes "__proto__" an own key, as a parsed upload option does.
    const guard = new IdentifierGuard(
      KEY,
      JSON.parse('{"__proto__":"pseudonymize"}') as Record<string, 'pseudonymize'>,
    );
    const attributes: Record<string, string> = {};
    Object.defineProperty(attributes, '__proto__', {
      value: 'x',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    guard.apply(attributes);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe(P('x'));
  });
});
