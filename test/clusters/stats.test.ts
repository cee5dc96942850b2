import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hypergeometricLogUpperTail, hypergeometricUpperTail, hypergeometricLogPmf } from '../../src/core/stats/hypergeometric.js';
import { logFactorial } from '../../src/core/stats/log-gamma.js';
import { fisherExactTwoSided } from '../../src/core/stats/fisher.js';
import { benjaminiHochberg } from '../../src/core/stats/benjamini-hochberg.js';
import { erfc, normalUpperTail } from '../../src/core/stats/normal.js';
import { compareProportions, twoProportionZTest } from '../../src/core/stats/two-proportion.js';
import { linkSignificance } from '../../src/core/links/significance.js';

/** Exact binomial coefficient with BigInt. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** log of a positive BigInt (relative precision ~1e-16 in the result). */
function logBig(x: bigint): number {
  const s = x.toString();
  if (s.length <= 300) return Math.log(Number(x));
  return Math.log(Number(s.slice(0, 17))) + (s.length - 17) * Math.LN10;
}

/** Exact P(X >= k) as a ratio of BigInts, then to a float via logs. */
function exactLogUpper(N: number, K: number, n: number, k: number): number {
  let num = 0n;
  for (let j = k; j <= Math.min(n, K); j++) num += choose(K, j) * choose(N - K, n - j);
  if (num === 0n) return -Infinity;
  return logBig(num) - logBig(choose(N, n));
}

function close(actual: number, expected: number, rel: number, what: string): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    assert.equal(actual, expected, what);
    return;
  }
  const err = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= rel, `${what}: ${actual} vs ${expected} (relative error ${err})`);
}

test('logFactorial matches exact values below and above the table', () => {
  for (const n of [0, 1, 2, 10, 100, 255, 256, 257, 300, 1000]) {
    let exact = 1n;
    for (let i = 2; i <= n; i++) exact *= BigInt(i);
    close(logFactorial(n), n < 2 ? 0 : logBig(exact), 1e-14, `log ${n}!`);
  }
});

test('hypergeometric upper tail equals exact enumeration for every small case', () => {
  let cases = 0;
  for (const N of [1, 2, 5, 9, 16, 30]) {
    for (let K = 0; K <= N; K++) {
      for (let n = 0; n <= N; n++) {
        for (let k = 0; k <= Math.min(n, K) + 1; k++) {
          const exact = Math.exp(exactLogUpper(N, K, n, k));
          const got = hypergeometricUpperTail(N, K, n, k);
          if (exact > 1e-300) close(got, k <= Math.max(0, n - (N - K)) ? 1 : exact, 1e-11, `P(X>=${k}; N=${N},K=${K},n=${n})`);
          else assert.equal(got, 0);
          cases++;
        }
      }
    }
  }
  assert.ok(cases > 5000);
});

test('hypergeometric tiny upper tails keep their relative precision (log space)', () => {
  // All 100 holders of q in o: P = C(900, 0) / C(1000, 100) = 1 / C(1000, 100), about 1e-140.
  const got = hypergeometricLogUpperTail(1000, 100, 100, 100);
  close(got, -logBig(choose(1000, 100)), 1e-12, 'log P, N=1000');
  // A tail far below double range: p ~ 1e-600, still ordered in log space.
  const tiny = hypergeometricLogUpperTail(5000, 500, 500, 400);
  close(tiny, exactLogUpper(5000, 500, 500, 400), 1e-11, 'log P, N=5000 k=400');
  assert.ok(tiny < Math.log(1e-300));
  assert.equal(hypergeometricUpperTail(5000, 500, 500, 400), 0);
  // Middle of a large population: P(X >= mode) well inside (0, 1), exact.
  close(hypergeometricUpperTail(200, 60, 50, 18), Math.exp(exactLogUpper(200, 60, 50, 18)), 1e-12, 'N=200 above mean');
  close(hypergeometricUpperTail(200, 60, 50, 12), Math.exp(exactLogUpper(200, 60, 50, 12)), 1e-12, 'N=200 below mean');
});

test('hypergeometric pmf sums to one and refuses impossible arguments', () => {
  let s = 0;
  for (let k = 0; k <= 40; k++) s += Math.exp(hypergeometricLogPmf(120, 40, 55, k));
  close(s, 1, 1e-12, 'sum of pmf');
  assert.throws(() => hypergeometricUpperTail(10, 11, 2, 1), RangeError);
  assert.throws(() => hypergeometricUpperTail(10, 2, 2, 0.5), RangeError);
});

/** Brute-force two-sided Fisher: all tables with the same margins no more likely than the observed one. */
function fisherBrute(a: number, b: number, c: number, d: number): number {
  const N = a + b + c + d;
  const r1 = a + b;
  const c1 = a + c;
  const den = choose(N, c1);
  const pr = (x: number) => Number((choose(r1, x) * choose(N - r1, c1 - x) * 10n ** 30n) / den) / 1e30;
  const obs = pr(a);
  let s = 0;
  for (let x = Math.max(0, c1 - (N - r1)); x <= Math.min(r1, c1); x++) if (pr(x) <= obs * (1 + 1e-7)) s += pr(x);
  return s;
}

test("Fisher's exact test: known values and brute force", () => {
  // Lady tasting tea: 34/70.
  close(fisherExactTwoSided(3, 1, 1, 3), 34 / 70, 1e-12, 'tea');
  // Textbook example (Wikipedia, "Fisher's exact test"): p = 0.002759.
  assert.ok(Math.abs(fisherExactTwoSided(1, 9, 11, 3) - 0.002759) < 1e-6);
  assert.equal(fisherExactTwoSided(0, 0, 0, 0), 1);
  assert.equal(fisherExactTwoSided(5, 0, 0, 0), 1);
  for (const [a, b, c, d] of [
    [0, 5, 5, 0],
    [2, 7, 8, 2],
    [12, 5, 9, 30],
    [1, 0, 0, 1],
    [4, 4, 4, 4],
    [0, 1, 20, 3],
    [25, 30, 2, 40],
  ]) {
    close(fisherExactTwoSided(a, b, c, d), fisherBrute(a, b, c, d), 1e-10, `fisher ${[a, b, c, d]}`);
  }
});

test('Benjamini-Hochberg against a hand example', () => {
  // Sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4); m/i p: 0.02, 0.02, 0.04, 0.04; running min from the top.
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
  assert.deepEqual(Array.from(q), [0.02, 0.04, 0.04, 0.02]);
  // Monotone step-up: a large p later can pull earlier ones down. m = 3: 0.02*3/1 = 0.06, 0.025*3/2 = 0.0375, 0.03*3/3 = 0.03.
  const q2 = benjaminiHochberg([0.03, 0.02, 0.025]);
  assert.deepEqual(Array.from(q2).map((x) => Math.round(x * 1e12) / 1e12), [0.03, 0.03, 0.03]);
  const q3 = benjaminiHochberg([0.9, Number.NaN, 0.5]);
  assert.equal(q3[0], 0.9);
  assert.ok(Number.isNaN(q3[1]));
  assert.equal(q3[2], 0.9);
  assert.throws(() => benjaminiHochberg([1.5]), RangeError);
  // A family larger than the p-values given: the rest have p = 1. Same as listing them.
  assert.deepEqual(Array.from(benjaminiHochberg([0.01, 0.02], 5)), Array.from(benjaminiHochberg([0.01, 0.02, 1, 1, 1])).slice(0, 2));
  assert.deepEqual(Array.from(benjaminiHochberg([0.01, 0.02], 5)), [0.05, 0.05]);
  assert.throws(() => benjaminiHochberg([0.1, 0.2], 1), RangeError);
});

test('erfc and normal tails to full precision', () => {
  close(erfc(0.5), 0.4795001221869535, 1e-14, 'erfc(0.5)');
  close(erfc(1), 0.15729920705028513, 1e-14, 'erfc(1)');
  close(erfc(3), 2.209049699858544e-5, 1e-13, 'erfc(3)');
  close(erfc(10), 2.088487583762545e-45, 1e-12, 'erfc(10)');
  close(erfc(-1), 1.8427007929497148, 1e-14, 'erfc(-1)');
  close(normalUpperTail(1.959963984540054), 0.025, 1e-12, 'z 0.975');
});

test('two-proportion test and the choice of Fisher for small counts', () => {
  const r = twoProportionZTest(30, 100, 20, 100);
  close(r.z, 0.1 / Math.sqrt(0.25 * 0.75 * 0.02), 1e-14, 'z');
  close(r.p, 2 * normalUpperTail(r.z), 1e-14, 'p');
  assert.ok(Math.abs(r.p - 0.10247) < 1e-4);
  assert.equal(compareProportions(30, 100, 20, 100).test, 'z');
  const small = compareProportions(3, 5, 10, 100);
  assert.equal(small.test, 'fisher');
  close(small.p, fisherExactTwoSided(3, 2, 10, 90), 1e-14, 'fisher chosen');
  assert.deepEqual(twoProportionZTest(5, 5, 7, 7), { z: 0, p: 1 });
});

test('link significance: lift, p, q and the FDR flag', () => {
  // N = 100; q0 held by 10, q1 by 50; o0 entered by 10, o1 by 50.
  const links = { q: Int32Array.from([0, 1, 1]), o: Int32Array.from([0, 0, 1]), w: Int32Array.from([9, 1, 25]) };
  const s = linkSignificance({ links, qualificationPeople: [10, 50], occupationPeople: [10, 50], people: 100 }, { fdr: 0.05 });
  close(s.lift[0], (9 * 100) / (10 * 10), 1e-15, 'lift');
  close(s.p[0], Math.exp(exactLogUpper(100, 10, 10, 9)), 1e-11, 'p of the strong link');
  assert.equal(s.significant[0], 1);
  assert.equal(s.significant[1], 0); // 1 of 10 where 5 are expected
  assert.equal(s.significant[2], 0); // 25 where 25 are expected
  assert.ok(s.q[0] >= s.p[0] && s.q[0] <= 3 * s.p[0]);
  // Correcting over every possible pair is more conservative.
  const all = linkSignificance({ links, qualificationPeople: [10, 50], occupationPeople: [10, 50], people: 100 }, { tests: 4 });
  assert.ok(all.q[0] >= s.q[0]);
  assert.throws(() => linkSignificance({ links, qualificationPeople: [5, 50], occupationPeople: [10, 50], people: 100 }), RangeError);
});
