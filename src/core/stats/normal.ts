/**
 * The complementary error function and normal tail probabilities, through the
 * regularised incomplete gamma function Q(1/2, x^2) (series below x^2 = 1.5,
 * Lentz continued fraction above): full double precision in both tails,
 * which the usual 1e-7 polynomial approximations of erf do not give.
 */

const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
const EPS = 1e-16;
const TINY = 1e-300;

/** P(1/2, x) by its power series (converges fast for x < a + 1). */
function gammaPHalfSeries(x: number): number {
  const a = 0.5;
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let i = 0; i < 500; i++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - LOG_SQRT_PI);
}

/** Q(1/2, x) by its continued fraction (modified Lentz; for x >= a + 1). */
function gammaQHalfFraction(x: number): number {
  const a = 0.5;
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - LOG_SQRT_PI) * h;
}

/** erfc(x) = 1 - erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === 0) return 1;
  const x2 = x * x;
  return x2 < 1.5 ? 1 - gammaPHalfSeries(x2) : gammaQHalfFraction(x2);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
