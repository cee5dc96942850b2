/**
 * Lists kept by key. `appendTo` adds to the key's list in place: building a
 * list by copying it on every addition (`[...(m.get(k) ?? []), v]`) takes
 * time in the square of its length, which at a million cells was minutes.
 */
export function appendTo<K, V>(m: Map<K, V[]>, key: K, value: V): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}
