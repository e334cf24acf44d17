/**
 * A rejected row is kept with its original text (for the rejected-rows download), but never with
 * a raw citizen identifier: the mapped citizen field, columns named like identifiers, and any
 * value shaped like a resident ID or a phone number become their pseudonyms; the rest of the row
 * stays as it was, so the user can still find and fix it.
 */
import { Readable } from 'node:stream';
import { scrubIdentifiers } from './identifiers';
import { pseudonymize } from './identity';
import { readEvents } from './read-events';
import type { ReadOptions } from './types';

const KEY = 'unit-test-key';
const P = (v: string): string => `pseudonym:${pseudonymize(v, KEY)}`;
// The example of GB 11643 (check digit X).
const ID = '11010519491231002X';
const MOBILE = '13812345678';

async function rejectedRaw(text: string, options: Partial<ReadOptions>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of readEvents(Readable.from([text]), {
    file: 'x',
    pseudonymizeKey: KEY,
    ...options,
  })) {
    if (r.kind === 'rejected') out.push(r.raw ?? '');
  }
  return out;
}

describe('the original row of a rejection', () => {
  const mapping = { caseId: 'case', activity: 'activity', timestamp: 'time', citizen: 'who' };

  it('in CSV: the citizen field, an identifier-named column and an ID-shaped value are pseudonyms', async () => {
    const csv =
      'case,activity,time,who,手机号,note\n' +
      `A,受理,2025-03-03 09:00,citizen-7,${MOBILE},ok\n` +
      `A,办结,not a time,citizen-7,${MOBILE},证件 ${ID} 已核\n`;
    expect(await rejectedRaw(csv, { format: 'csv', mapping })).toEqual([
      `A,办结,not a time,${P('citizen-7')},${P(MOBILE)},证件 ${P(ID)} 已核`,
    ]);
  });

  it('in CSV with a quote left open: ID-shaped values are pseudonyms though the row was not split', async () => {
    const csv =
      'case,activity,time,who\n' +
      `A,"受理,2025-03-03 09:00,${ID}\n` +
      'B,受理,2025-03-03 10:00,x\n';
    const [raw] = await rejectedRaw(csv, { format: 'csv', mapping });
    expect(raw).toBe(`A,"受理,2025-03-03 09:00,${P(ID)}`);
  });

  it('in NDJSON: the citizen and identifier-named keys, and ID-shaped values', async () => {
    const line = JSON.stringify({
      case: 'A',
      activity: '受理',
      time: 'never',
      who: 'citizen-9',
      phone: '021-12345678',
    });
    const [raw] = await rejectedRaw(line + '\n', { format: 'ndjson', mapping });
    expect(raw).not.toContain('citizen-9');
    expect(raw).not.toContain('021-12345678');
    expect(raw).toContain(P('citizen-9'));
    expect(raw).toContain(P('021-12345678'));
    expect(raw).toContain('"time":"never"');
  });

  it('leaves numbers that are not identifiers alone', () => {
    const hide = (v: string) => `<${v}>`;
    // An amount, a date, a case number of 12 digits, a wrong check digit: all kept.
    expect(
      scrubIdentifiers('1200000.00,2025-03-04,202503040001,110105194912310021', [], hide),
    ).toBe('1200000.00,2025-03-04,202503040001,110105194912310021');
    expect(scrubIdentifiers(`+86 138 1234 5678;${ID}`, [], hide)).toBe(
      `<+86 138 1234 5678>;<${ID}>`,
    );
  });
});
