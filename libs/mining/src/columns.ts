/** Typed-array columns that grow: a new buffer of the new length, the old values copied. */
type TypedArray = Int32Array | Float64Array | Uint8Array;

export function resize<T extends TypedArray>(column: T, length: number, fill?: number): T {
  const next = new (column.constructor as new (length: number) => T)(length);
  next.set(column);
  if (fill !== undefined && fill !== 0) next.fill(fill, column.length);
  return next;
}

/** At least minLength, doubling: for scratch buffers reused across journeys. */
export function grow<T extends TypedArray>(column: T, minLength: number): T {
  if (column.length >= minLength) return column;
  return resize(column, Math.max(minLength, column.length * 2, 1024));
}
