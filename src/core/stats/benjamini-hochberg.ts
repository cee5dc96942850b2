/**
 * Benjamini–Hochberg adjusted p-values (q-values): the smallest false
 * discovery rate at which each hypothesis would be rejected. Six lines of
 * arithmetic on a sort, so no package.
 *
 * q_(i) = min over j >= i of (m / j) p_(j), capped at 1, where p_(1) <= ... <= p_(m).
 * NaN p-values are not tests: they get q = NaN and do not count in m.
 *
 * `tests`: the size m of the family when it is larger than the p-values
 * given, the others having p = 1 (e.g. pairs nobody holds). They rank last
 * and never lower a q-value, so they need not be materialised.
 */
export function benjaminiHochberg(p: ArrayLike<number>, tests?: number): Float64Array {
  const q = new Float64Array(p.length).fill(Number.NaN);
  const order: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (Number.isNaN(v)) continue;
    if (v < 0 || v > 1) throw new RangeError(`benjaminiHochberg: p-value ${v} at ${i} is outside 0..1`);
    order.push(i);
  }
  order.sort((x, y) => p[x] - p[y] || x - y);
  if (tests !== undefined && !(Number.isInteger(tests) && tests >= order.length)) {
    throw new RangeError(`benjaminiHochberg: tests (${tests}) must be a whole number at least the p-values given (${order.length})`);
  }
  const m = tests ?? order.length;
  let running = 1;
  for (let r = order.length - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (p[i] * m) / (r + 1));
    q[i] = running;
  }
  return q;
}
