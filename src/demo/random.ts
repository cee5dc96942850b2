/**
 * The demo's own seeded generator, so an extract is the same bytes for the
 * same seed on every machine (Math.random cannot be seeded). sfc32 (Chris
 * Doty-Humphrey's small fast chaotic generator), seeded through splitmix32 so
 * nearby seeds give unrelated streams. Not for cryptography.
 */
export class DemoRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let x = Math.trunc(seed) | 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One of the items, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /**
   * An index drawn in proportion to the weights (which need not sum to 1).
   * Cumulative sums are cached by array identity: arrays passed here must not
   * change afterwards (the demo's model tables are constant).
   */
  weightedIndex(weights: readonly number[]): number {
    return this.drawIndex(weights, cumulative(weights, (w) => w));
  }

  /** An item drawn in proportion to `weight(item)` (cached by array identity, as above). */
  weightedBy<T>(items: readonly T[], weight: (item: T) => number): T {
    return items[this.drawIndex(items, cumulative(items, weight))];
  }

  /** An item of [item, weight] pairs drawn in proportion to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    return items[this.drawIndex(items, cumulative(items, pairWeight))][0];
  }

  private drawIndex(items: readonly unknown[], cum: Float64Array): number {
    const r = this.float() * cum[cum.length - 1];
    for (let i = 0; i < cum.length; i++) if (r < cum[i]) return i;
    return items.length - 1;
  }

  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

const pairWeight = (p: readonly [unknown, number]) => p[1];
const CUMULATIVE = new WeakMap<object, Float64Array>();

function cumulative<T>(items: readonly T[], weight: (item: T) => number): Float64Array {
  let c = CUMULATIVE.get(items);
  if (c === undefined) {
    c = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) c[i] = total += weight(items[i]);
    CUMULATIVE.set(items, c);
  }
  return c;
}
