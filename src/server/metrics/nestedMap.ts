// The inner map under `key`, made empty on first use: the metrics keep their figures in maps
// nested by label, so counting a request builds no key string.

export function nestedMap<K, K2, V>(outer: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}
