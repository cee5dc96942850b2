/**
 * Rounding of published counts. Each published count is rounded on its own
 * to the nearest multiple of the base (halves round up: 12.5 -> 15 for base 5).
 * This is conventional (not controlled) rounding: a published total is within
 * base/2 of the true total — so it stays honest — but need not equal the sum of
 * its published (rounded) parts; the release notes say so. Rounding never
 * makes disclosure worse: secondary suppression and the audit treat published
 * counts as exact. A non-zero count that rounds to zero is shown as [low].
 */
export type Rounded = { kind: 'value'; value: number } | { kind: 'low' };

export function roundCount(n: number, base: number | null): Rounded {
  if (base === null || base <= 1) return { kind: 'value', value: n };
  const value = Math.floor(n / base + 0.5) * base;
  if (value === 0 && n > 0) return { kind: 'low' };
  return { kind: 'value', value };
}

/** Largest difference between a published (rounded) count and the true count. */
export function roundingError(base: number | null): number {
  return base === null || base <= 1 ? 0 : Math.floor(base / 2);
}
