/**
 * The largest and smallest of many numbers. `Math.max(...values)` passes
 * every value as an argument, which overflows the call stack past about
 * 100,000 values (the links of a national map).
 */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}

export function minOf(values: Iterable<number>, ceiling = Infinity): number {
  let m = ceiling;
  for (const v of values) if (v < m) m = v;
  return m;
}
