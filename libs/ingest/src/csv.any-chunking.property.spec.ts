import fc from 'fast-check';
import { collect, streamOf } from './testing';

/**
 * However a stream happens to be cut (inside a quoted field, between CR and LF, inside a UTF-8
 * sequence), the records and their line numbers are those of the whole text, even for text
 * that is not well-formed CSV.
 */
describe('CSV records do not depend on where the input is cut into chunks', () => {
  const body = fc.string({
    unit: fc.constantFrom(
      'a',
      '1',
      ',',
      '"',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '中',
      ';',
      '2024-03-01 09:00',
    ),
    maxLength: 120,
  });

  it('holds for arbitrary text under a valid header', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }),
        async (text, cuts) => {
          const bytes = Buffer.from(
            `case_id,activity,timestamp\n${text}\nZ,z,2024-03-01\n`,
            'utf8',
          );
          // With the encoding given, chunks reach the parser as they come (no sniffing window).
          const options = { file: 'c.csv', encoding: 'utf-8' };
          const whole = await collect(streamOf(bytes), options);
          const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
          const pieces: Buffer[] = [];
          let from = 0;
          for (const p of points) {
            if (p > from) pieces.push(bytes.subarray(from, p));
            from = p;
          }
          pieces.push(bytes.subarray(from));
          expect(await collect(streamOf(...pieces), options)).toEqual(whole);
          // And one byte at a time: every possible boundary at once.
          const bytewise = [...bytes].map((b) => Buffer.from([b]));
          expect(await collect(streamOf(...bytewise), options)).toEqual(whole);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });
});
