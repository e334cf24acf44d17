/** The two Map habits of every measure: get-or-create an entry, and add counts key by key. */

export function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

export function addCounts<K>(target: Map<K, number>, source: ReadonlyMap<K, number>): void {
  for (const [key, n] of source) target.set(key, (target.get(key) ?? 0) + n);
}
