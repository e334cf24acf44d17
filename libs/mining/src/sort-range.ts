/**
 * Sorts idx[lo, hi) with a comparator, stably. Logs are nearly always already in order (the
 * worker streams them sorted, files are mostly chronological), so first check in O(n) and only
 * then sort (V8's TimSort is stable).
 */
export function sortRange(
  idx: Int32Array,
  lo: number,
  hi: number,
  compare: (a: number, b: number) => number,
): void {
  let sorted = true;
  for (let i = lo + 1; i < hi; i += 1) {
    if (compare(idx[i - 1], idx[i]) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const slice = Array.from(idx.subarray(lo, hi)).sort(compare);
  idx.set(slice, lo);
}
