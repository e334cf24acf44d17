/** Growable typed arrays: amortized O(1) append, one contiguous buffer per column. */
type TypedArray = Int32Array | Float64Array | Uint8Array;

export function grow<T extends TypedArray>(column: T, minLength: number): T {
  if (column.length >= minLength) return column;
  const next = new (column.constructor as new (length: number) => T)(
    Math.max(minLength, column.length * 2, 1024),
  );
  next.set(column);
  return next;
}
