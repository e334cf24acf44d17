/**
 * Variant keys: a journey's activity sequence as a string of activity codes, one UTF-16 code
 * unit per activity (two, high then low, when a table has more than 65,536 names). Far cheaper
 * to build, hash and compare than the names, and comparing two keys as strings compares the
 * code sequences element by element, a proper prefix first.
 */
export interface VariantTable {
  /** Code → activity name. */
  names: string[];
  /** Key → journeys with that sequence. */
  counts: Map<string, number>;
}

/** Code units per String.fromCharCode call, well below any engine's argument limit. */
const STRING_CHUNK = 4096;

/** Reused by remapKey's common case (synchronous, so never shared by two calls at once). */
let scratch = new Uint16Array(256);

export function codeWidth(names: number): 1 | 2 {
  return names > 0x10000 ? 2 : 1;
}

export function emptyVariantTable(): VariantTable {
  return { names: [], counts: new Map() };
}

/** The string of the first `length` code units. */
export function encodeKey(codes: Uint16Array, length: number): string {
  let key = '';
  for (let j = 0; j < length; j += STRING_CHUNK) {
    // apply takes any array-like; a typed-array view avoids copying into an Array.
    const chunk = codes.subarray(j, Math.min(length, j + STRING_CHUNK));
    key += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return key;
}

export function decodeKey(key: string, width: 1 | 2): number[] {
  const codes: number[] = [];
  for (let k = 0; k < key.length; k += width) {
    codes.push(
      width === 1 ? key.charCodeAt(k) : key.charCodeAt(k) * 0x10000 + key.charCodeAt(k + 1),
    );
  }
  return codes;
}

/** The key with every code c replaced by map[c], written with the target width. */
export function remapKey(key: string, from: 1 | 2, map: ArrayLike<number>, to: 1 | 2): string {
  if (from === 1 && to === 1) {
    if (scratch.length < key.length) scratch = new Uint16Array(key.length * 2);
    for (let k = 0; k < key.length; k += 1) scratch[k] = map[key.charCodeAt(k)];
    return encodeKey(scratch, key.length);
  }
  return keyOf(
    decodeKey(key, from).map((code) => map[code]),
    to,
  );
}

/** The key of a code sequence, written with the given width. */
export function keyOf(codes: readonly number[], width: 1 | 2): string {
  const units = new Uint16Array(codes.length * width);
  codes.forEach((code, k) => {
    if (width === 1) units[k] = code;
    else {
      units[2 * k] = Math.floor(code / 0x10000);
      units[2 * k + 1] = code % 0x10000;
    }
  });
  return encodeKey(units, units.length);
}

/** Adds every table's counts into one table over the union of their names. */
export function mergeVariantTables(tables: readonly VariantTable[]): VariantTable {
  const codes = new Map<string, number>();
  for (const table of tables)
    for (const name of table.names) if (!codes.has(name)) codes.set(name, codes.size);
  const merged: VariantTable = { names: [...codes.keys()], counts: new Map() };
  const width = codeWidth(merged.names.length);
  for (const table of tables) {
    const map = table.names.map((name) => codes.get(name) as number);
    const from = codeWidth(table.names.length);
    const same = from === width && map.every((code, i) => code === i);
    for (const [key, n] of table.counts) {
      const target = same ? key : remapKey(key, from, map, width);
      merged.counts.set(target, (merged.counts.get(target) ?? 0) + n);
    }
  }
  return merged;
}

/** Every variant as names, most frequent first, ties by activity sequence (names compared in UTF-16 code-unit order, element by element, a proper prefix first). */
export function sortedVariants(table: VariantTable): { activities: string[]; count: number }[] {
  // Re-key by the rank of each name in sorted order: then the comparator-free default sort
  // of the keys (code-unit order) is the order of the name sequences.
  const order = table.names
    .map((_, code) => code)
    .sort((a, b) => compareNames(table.names[a], table.names[b]));
  const rank = new Array<number>(table.names.length);
  order.forEach((code, r) => (rank[code] = r));
  const width = codeWidth(table.names.length);
  const byCount = new Map<number, string[]>();
  for (const [key, count] of table.counts) {
    const ranked = remapKey(key, width, rank, width);
    const keys = byCount.get(count);
    if (keys) keys.push(ranked);
    else byCount.set(count, [ranked]);
  }
  const result: { activities: string[]; count: number }[] = [];
  for (const count of [...byCount.keys()].sort((a, b) => b - a)) {
    for (const key of (byCount.get(count) as string[]).sort()) {
      result.push({ activities: decodeKey(key, width).map((r) => table.names[order[r]]), count });
    }
  }
  return result;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
