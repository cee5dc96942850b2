/**
 * Natural order for codes and labels people read: "Cluster 2" before
 * "Cluster 10", SSA "2.1" before "10.1". The collator's locale is fixed so
 * the order does not depend on the machine; ties the collator sees (case,
 * punctuation) fall back to code points so the order is total.
 */
const collator = new Intl.Collator('en', { numeric: true });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
