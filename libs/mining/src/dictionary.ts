/**
 * Dictionary encoding: each distinct string gets a small integer code, in order of first sight.
 * Columns then store codes, so ten million events naming a thousand activities hold a thousand
 * strings, not ten million.
 */
export class StringDictionary {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];
  // Logs arrive grouped by case, so the same case id repeats row after row: skip the hash lookup.
  private lastValue: string | null = null;
  private lastCode = -1;

  get size(): number {
    return this.values.length;
  }

  /** The value's code; a new value is first passed to `check`, which may throw to refuse it. */
  encode(value: string, check?: (value: string) => void): number {
    if (value === this.lastValue) return this.lastCode;
    let code = this.codes.get(value);
    if (code === undefined) {
      check?.(value);
      code = this.values.length;
      const own = detach(value);
      this.codes.set(own, code);
      this.values.push(own);
    }
    this.lastValue = value;
    this.lastCode = code;
    return code;
  }

  decode(code: number): string {
    const value = this.values[code];
    if (value === undefined) throw new RangeError(`no string with code ${code}`);
    return value;
  }
}

/**
 * A copy of the string that does not point into a larger one. Parsers hand out substrings of
 * their input chunks, and V8 may keep such a substring as a view that retains the whole chunk:
 * a dictionary of a million case ids would then hold the whole file. Concatenating and slicing
 * forces a new flat string (once per distinct value, so the cost does not matter).
 */
function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}
