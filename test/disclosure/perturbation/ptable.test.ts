/**
 * P-table generation against sdcTools' ptable: its own reference values, the
 * shape sdcTools' cellKey tests check for D = 5, V = 3, js = 2, the method's
 * optimality conditions, and the parameter checks; then Routeways' false-zero
 * cap (maxZero), which ptable does not have.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_MAX_ZERO,
  DEFAULT_PTABLE_PARAMETERS,
  allowedPerturbations,
  generatePTable,
  maxEntropyRow,
  PTableParameterError,
  summariseRows,
  formatPTableCsv,
  type PTable,
  type PTableParameters,
} from '../../../src/core/disclosure/perturbation/index.js';
import { defaultPTablePath } from '../../../src/reference/ptable.js';
import { PolicyError, resolvePolicy } from '../../../src/core/disclosure/policy.js';

/** ptable's own table for the default D, V, js: no false-zero cap. */
const DEFAULT: PTableParameters = { maxPerturbation: 5, variance: 3, forbid: 2 };
const CAPPED: PTableParameters = { ...DEFAULT, maxZero: DEFAULT_MAX_ZERO };
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const byI = (t: PTable, i: number) => t.rows.filter((r) => r.i === i);

test('matches ptable\'s own test of pt_ex_cnts() = create_cnt_ptable(D = 2, V = 1.05, js = 1, mono = c(T, T, F, T)) to 8 decimals', () => {
  // Expected p column from sdcTools/ptable (github.com/tenderle/ptable, ptable 1.0.0.9000),
  // tests/testthat/test-examples.R, test "Example is correct".
  const expected = [
    1.0, 0.50833333, 0.475, 0.01666667, 0.16155827, 0.55565037, 0.24246618, 0.04032518, 0.41231301, 0.28806097, 0.18693903, 0.11268699, 0.07012498,
    0.24450007, 0.3707499, 0.24450007, 0.07012498,
  ];
  const t = generatePTable({ maxPerturbation: 2, variance: 1.05, forbid: 1, mono: [true, true, false, true] });
  assert.equal(t.rows.length, expected.length);
  t.rows.forEach((r, k) => assert.ok(Math.abs(r.p - expected[k]) < 1.5e-8, `entry ${k} (i=${r.i}, j=${r.j}): ${r.p} vs ${expected[k]}`));
  assert.deepEqual(
    t.rows.map((r) => [r.i, r.j]),
    [[0, 0], [1, 0], [1, 2], [1, 3], [2, 0], [2, 2], [2, 3], [2, 4], [3, 2], [3, 3], [3, 4], [3, 5], [4, 2], [4, 3], [4, 4], [4, 5], [4, 6]],
  );
});

test('D = 5, V = 3, js = 2, pstay = 0.5 has the shape sdcTools cellKey\'s tests check', () => {
  // sdcTools/cellKey tests/testthat/test_countvars.R ("ck_params_cnts() is ok", "checking perturbation
  // parameters for counts"): 66 rows, max(i) = 8, mean p 0.136, mean lb 0.562, mean ub 0.698, mean v 1.045.
  const t = generatePTable({ ...DEFAULT, pstay: 0.5 });
  assert.equal(t.rows.length, 66);
  assert.equal(t.maxI, 8);
  assert.equal(mean(t.rows.map((r) => r.p)).toFixed(3), '0.136');
  assert.equal(mean(t.rows.map((r) => r.lb)).toFixed(3), '0.562');
  assert.equal(mean(t.rows.map((r) => r.ub)).toFixed(3), '0.698');
  assert.equal(mean(t.rows.map((r) => r.v)).toFixed(3), '1.045');
  // pstay holds where v = 0 is allowed (i >= 3): the variance 3 is reached with p(0) = 0.5.
  for (const s of summariseRows(t)) if (s.i >= 3) assert.ok(Math.abs(s.pStay - 0.5) < 1e-7, `i=${s.i} pStay ${s.pStay}`);
});

test('the row solver reproduces ptable for D = 2, V = 3, js = 0 (statistics Norway ssb-ssbcellkey R/pTable.R: round(Pmatrix(D=2, js=0), 2))', () => {
  // The cumulative rows 0.37 0.73 0.90 1 (i = 1) and 0.2 0.4 0.6 0.8 1 (i = 2) of that fallback matrix.
  // V = 3 is above what D = 2 allows, which generatePTable refuses, so the rows are solved directly.
  const expected: Record<number, string[]> = { 1: ['0.37', '0.73', '0.90', '1.00'], 2: ['0.20', '0.40', '0.60', '0.80', '1.00'] };
  for (const i of [1, 2]) {
    const v = allowedPerturbations(i, 2, 0);
    const zero = v.indexOf(0);
    const monotony = Array.from({ length: zero }, (_, k) => [k, k + 1] as [number, number]);
    const sol = maxEntropyRow({ v, lb: v.map(() => 1e-8), variance: 3, monotony });
    assert.ok(sol.feasible);
    let c = 0;
    assert.deepEqual(sol.p.map((p) => (c += p).toFixed(2)), expected[i]);
  }
});

const PROPERTY_CASES: PTableParameters[] = [
  DEFAULT,
  { ...DEFAULT, pstay: 0.5 },
  { maxPerturbation: 3, variance: 1, forbid: 0 },
  { maxPerturbation: 10, variance: 8, forbid: 4 },
  { maxPerturbation: 4, variance: 1.5, forbid: 1, pstay: 0.7 },
  CAPPED,
  { ...DEFAULT, pstay: 0.5, maxZero: 0.01 },
  { maxPerturbation: 3, variance: 1, forbid: 0, maxZero: 0.05 },
  { maxPerturbation: 10, variance: 8, forbid: 4, maxZero: 0.02 },
  { maxPerturbation: 4, variance: 1.5, forbid: 1, pstay: 0.7, maxZero: 1e-6 },
];
const describe = (p: PTableParameters) =>
  `D = ${p.maxPerturbation}, V = ${p.variance}, js = ${p.forbid}${p.pstay ? `, pstay = ${p.pstay}` : ''}${p.maxZero ? `, false-zero cap ${p.maxZero}` : ''}`;

for (const params of PROPERTY_CASES) {
  test(`every row of ${describe(params)} sums to 1, has mean 0, variance at most V, no published 1..js, zero stays zero${params.maxZero ? ', and P(0) at most the cap above js' : ''}`, () => {
    const t = generatePTable(params);
    const d = params.maxPerturbation;
    assert.equal(t.maxI, params.forbid === 0 ? d : d + params.forbid + 1);
    assert.deepEqual(byI(t, 0), [{ i: 0, j: 0, p: 1, v: 0, lb: 0, ub: 1 }]);
    for (const s of summariseRows(t)) {
      assert.ok(Math.abs(s.sum - 1) < 1e-12, `i=${s.i} sum ${s.sum}`);
      assert.ok(Math.abs(s.mean) < 1e-7, `i=${s.i} mean ${s.mean}`);
      assert.ok(s.variance <= params.variance + 1e-6, `i=${s.i} variance ${s.variance}`);
      if (params.maxZero !== undefined && s.i > params.forbid) assert.ok(s.pZero <= params.maxZero, `i=${s.i} is published as 0 with probability ${s.pZero}`);
    }
    for (const r of t.rows) {
      assert.ok(r.j === 0 || r.j > params.forbid, `published ${r.j} for i=${r.i}`);
      assert.ok(Math.abs(r.v) <= d && r.j >= 0);
      assert.ok(r.p > 0 && r.ub > r.lb);
    }
    // Intervals tile [0, 1) within each true count.
    for (let i = 0; i <= t.maxI; i++) {
      const rs = byI(t, i);
      assert.equal(rs[0].lb, 0);
      assert.equal(rs[rs.length - 1].ub, 1);
      for (let k = 1; k < rs.length; k++) assert.equal(rs[k].lb, rs[k - 1].ub);
    }
    // The repeating row is symmetric, allows every v in -D..D and reaches the variance V.
    const top = byI(t, t.maxI);
    assert.deepEqual(top.map((r) => r.v), Array.from({ length: 2 * d + 1 }, (_, k) => k - d));
    top.forEach((r, k) => assert.ok(Math.abs(r.p - top[top.length - 1 - k].p) < 2e-8));
    assert.ok(Math.abs(summariseRows(t).at(-1)!.variance - params.variance) < 1e-6);
    // Generation is deterministic.
    assert.equal(formatPTableCsv(generatePTable(params)), formatPTableCsv(t));
  });
}

test("ptable's table for D = 5, V = 3, js = 2 (no cap) reaches V = 3 for every true count and sends a true 3 to 0 with probability 0.204", () => {
  const rows = summariseRows(generatePTable(DEFAULT));
  for (const s of rows.slice(1)) assert.ok(Math.abs(s.variance - 3) < 1e-6, `i=${s.i}: ${s.variance}`);
  // What the maps lost before the cap: P(0) for true counts 3, 4, 5 (counts of 6 and more cannot reach 0 with D = 5).
  assert.deepEqual(rows.slice(3, 7).map((s) => s.pZero.toFixed(4)), ['0.2040', '0.0849', '0.0201', '0.0000']);
});

test('the shipped data/ptable/default.csv is the default table: D = 5, V = 3, js = 2 with the false-zero cap', () => {
  assert.deepEqual(DEFAULT_PTABLE_PARAMETERS, CAPPED);
  const t = generatePTable(DEFAULT_PTABLE_PARAMETERS);
  assert.equal(readFileSync(defaultPTablePath(), 'utf8'), formatPTableCsv(t));
});

test('the false-zero cap binds for true counts 3 to 5 only, leaves the rows of 1, 2 and 6 and more as ptable makes them, and keeps V where it can', () => {
  const capped = generatePTable(CAPPED);
  const free = generatePTable(DEFAULT);
  const rows = summariseRows(capped);
  for (const i of [3, 4, 5]) assert.equal(rows[i].pZero, DEFAULT_MAX_ZERO, `i=${i}`);
  for (const i of [1, 2, 6, 7, 8]) assert.deepEqual(byI(capped, i), byI(free, i), `i=${i}`);
  // A true 3 has no downward move but to 0 (1 and 2 are never published): mean 0 leaves it little room to move up either.
  assert.ok(rows[3].pStay > 1 - 4 * DEFAULT_MAX_ZERO && rows[3].variance < 3, JSON.stringify(rows[3]));
  // A true 5 can still move down to 3 and 4, so it reaches V; a 4 only to 3, so it cannot.
  assert.ok(Math.abs(rows[5].variance - 3) < 1e-6, `i=5: ${rows[5].variance}`);
  assert.ok(rows[4].variance < 3, `i=4: ${rows[4].variance}`);
  // A cap above ptable's own P(0) changes nothing.
  assert.equal(formatPTableCsv(generatePTable({ ...DEFAULT, maxZero: 0.5 })), formatPTableCsv(free));
});

test('under the cap, pstay is kept (not lowered) in the rows where V is out of reach, and lowered as ptable does where it is not', () => {
  const rows = summariseRows(generatePTable({ ...DEFAULT, pstay: 0.5, maxZero: 0.01 }));
  for (const s of rows.slice(3, 5)) assert.ok(s.pStay >= 0.5 - 1e-8 && s.variance < 3, `i=${s.i}: ${JSON.stringify(s)}`);
  // Counts of 5 and more reach V, at pstay or at pstay lowered by whole steps of 0.05 (a 5 has less room downwards under the cap).
  for (const s of rows.slice(5)) {
    assert.ok(Math.abs(s.variance - 3) < 1e-6, `i=${s.i}: ${s.variance}`);
    const steps = (0.5 - s.pStay) / 0.05;
    assert.ok(steps > -1e-6 && Math.abs(steps - Math.round(steps)) < 1e-5, `i=${s.i} pStay ${s.pStay}`);
  }
  // Where pstay = 0.8 leaves V out of reach for large counts, ptable lowers it in steps of 0.05 until V is reached.
  const high = summariseRows(generatePTable({ ...DEFAULT, pstay: 0.8, maxZero: 0.01 }));
  assert.ok(high.at(-1)!.pStay < 0.8 && Math.abs(high.at(-1)!.variance - 3) < 1e-6, JSON.stringify(high.at(-1)));
});

test('each row satisfies the maximum-entropy optimality conditions: log p is one quadratic in v with a non-positive v^2 term off the bounds and ties', () => {
  // KKT: where no bound and no monotony tie is active, log p_k = -1 - alpha - beta v_k - gamma v_k^2 with gamma >= 0,
  // and gamma = 0 when the variance stays below V.
  let checked = 0;
  for (const params of [DEFAULT, { maxPerturbation: 10, variance: 8, forbid: 4 }, { maxPerturbation: 3, variance: 1, forbid: 0 }, CAPPED, { maxPerturbation: 10, variance: 8, forbid: 4, maxZero: 0.02 }]) {
    const { maxPerturbation: d, forbid: js, variance, maxZero } = params;
    for (let i = 1; i <= (js === 0 ? d : d + js + 1); i++) {
      const v = allowedPerturbations(i, d, js);
      const zero = v.indexOf(0);
      const monotony = Array.from({ length: Math.max(zero, 0) }, (_, k) => [k, k + 1] as [number, number]);
      const ub = v.map((x) => (maxZero !== undefined && i > js && x === -i ? maxZero : 1));
      const { p, feasible } = maxEntropyRow({ v, lb: v.map(() => 1e-8), ub, variance, monotony });
      assert.ok(feasible);
      if (maxZero !== undefined && i > js && i <= d) assert.ok(p[0] <= maxZero + 1e-15, `D=${d} i=${i}: P(0) ${p[0]}`);
      const tied = new Set<number>();
      for (const [a, b] of monotony) if (Math.abs(p[a] - p[b]) < 1e-10) tied.add(a).add(b);
      // Off the bounds (the floor, the cap) and the monotony ties.
      const free = v.map((_, k) => k).filter((k) => !tied.has(k) && p[k] > 1.001e-8 && p[k] < ub[k] - 1e-12);
      if (free.length < 3) continue;
      const [c0, c1, c2] = fitQuadratic(free.map((k) => v[k]), free.map((k) => Math.log(p[k])));
      for (const k of free) assert.ok(Math.abs(c0 + c1 * v[k] + c2 * v[k] ** 2 - Math.log(p[k])) < 1e-7, `D=${d} i=${i} v=${v[k]}`);
      assert.ok(c2 <= 1e-9, `D=${d} i=${i}: v^2 coefficient ${c2}`);
      const reached = Math.abs(p.reduce((s, pk, k) => s + v[k] ** 2 * pk, 0) - variance) < 1e-9;
      if (!reached) assert.ok(Math.abs(c2) < 1e-7, `D=${d} i=${i}: variance not reached, so no variance multiplier`);
      checked++;
    }
  }
  assert.ok(checked >= 30, `rows checked: ${checked}`);
});

/** Least-squares fit of y = c0 + c1 x + c2 x^2 (normal equations, 3x3). */
function fitQuadratic(x: number[], y: number[]): [number, number, number] {
  const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => x.reduce((s, xi) => s + xi ** (r + c), 0)));
  const b = [0, 1, 2].map((r) => x.reduce((s, xi, k) => s + xi ** r * y[k], 0));
  const det = (a: number[][]) => a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  const d = det(m);
  const col = (c: number) => det(m.map((row, r) => row.map((v, k) => (k === c ? b[r] : v))));
  return [col(0) / d, col(1) / d, col(2) / d];
}

function refused(params: PTableParameters, parameter: string, message: RegExp): void {
  assert.throws(
    () => generatePTable(params),
    (e: unknown) => e instanceof PTableParameterError && e.parameter === parameter && message.test(e.message),
    `${JSON.stringify(params)} should be refused on ${parameter}`,
  );
}

test('parameters that cannot work are refused with a message saying why', () => {
  refused({ ...DEFAULT, variance: 2 }, 'variance', /V \(the variance\) = 2 is too small for js = 2: a true count of 1 to 2 must become 0 or 3 or more, which needs a variance above 2/);
  refused({ maxPerturbation: 5, variance: 3, forbid: 3 }, 'variance', /too small for js = 3.*above 4/); // ptable refuses this one too (test-params.R)
  refused({ ...DEFAULT, variance: 10 }, 'variance', /too large for D = 5: even uniform noise on -5..5 has a variance of only 10/);
  refused({ ...DEFAULT, forbid: 5 }, 'forbid', /must be smaller than D = 5/);
  refused({ ...DEFAULT, forbid: 7 }, 'forbid', /must be smaller than D = 5/);
  refused({ ...DEFAULT, maxPerturbation: 2.5 }, 'maxPerturbation', /must be a whole number of at least 1/);
  refused({ ...DEFAULT, maxPerturbation: 0 }, 'maxPerturbation', /whole number of at least 1/);
  refused({ ...DEFAULT, maxPerturbation: 51 }, 'maxPerturbation', /at most 50/);
  refused({ ...DEFAULT, forbid: 1.5 }, 'forbid', /whole number/);
  refused({ ...DEFAULT, forbid: -1 }, 'forbid', /whole number, 0 or more/);
  refused({ ...DEFAULT, variance: -1 }, 'variance', /above 0/);
  refused({ ...DEFAULT, variance: Number.NaN }, 'variance', /above 0/);
  refused({ ...DEFAULT, pstay: 1 }, 'pstay', /strictly between 0 and 1/);
  refused({ ...DEFAULT, pstay: 0 }, 'pstay', /strictly between 0 and 1/);
  refused({ ...DEFAULT, mono: [true, false] }, 'mono', /one value per row i = 1..8/);
  // Just above the smallest variance js allows, the floor 1e-8 on every probability leaves no room.
  refused({ ...DEFAULT, variance: 2 + 1e-9 }, 'variance', /no distribution for a true count of \d: it is too close to the smallest variance js = 2 allows \(2\)/);
});

test('a false-zero cap that cannot work is refused with a message saying why', () => {
  for (const bad of [0, 1, -0.1, 1.5, Number.NaN]) refused({ ...DEFAULT, maxZero: bad }, 'maxZero', /maxZero \(the false-zero cap\) = .* must be a probability strictly between 0 and 1/);
  // A true 3 can only move down to 0: its mean 0 needs 3 P(0) >= the floor 1e-8 on each upward move 1..5 (15e-8).
  refused({ ...DEFAULT, maxZero: 5e-8 }, 'maxZero', /is too small for D = 5, js = 2: a true count of 3 can only move down to 0, .* above 1\.0e-7/);
  refused({ maxPerturbation: 20, variance: 40, forbid: 5, maxZero: 5e-7 }, 'maxZero', /too small for D = 20, js = 5: a true count of 6/);
  // Just above that bound the row still has its distribution.
  const t = generatePTable({ ...DEFAULT, maxZero: 2e-7 });
  for (const s of summariseRows(t)) assert.ok(Math.abs(s.mean) < 1e-7 && (s.i <= 2 || s.pZero <= 2e-7), JSON.stringify(s));
});

test("a policy's p-table has the false-zero cap unless it lifts it with null, and a bad cap is refused naming ptable.maxZero", () => {
  assert.equal(resolvePolicy().ptable.maxZero, DEFAULT_MAX_ZERO);
  assert.deepEqual(resolvePolicy({ ptable: { maxPerturbation: 4, variance: 2.5, forbid: 1 } }).ptable, { maxPerturbation: 4, variance: 2.5, forbid: 1, maxZero: DEFAULT_MAX_ZERO });
  assert.equal(resolvePolicy({ ptable: { ...DEFAULT, maxZero: 0.02 } }).ptable.maxZero, 0.02);
  assert.deepEqual(resolvePolicy({ ptable: { ...DEFAULT, maxZero: null } }).ptable, DEFAULT);
  assert.throws(() => resolvePolicy({ ptable: { ...DEFAULT, maxZero: 1 } }), (e: unknown) => e instanceof PolicyError && /ptable\.maxZero/.test(e.message));
  assert.throws(() => resolvePolicy({ ptable: { ...DEFAULT, maxZero: 1e-9 } }), (e: unknown) => e instanceof PolicyError && /ptable\.maxZero: .*too small/.test(e.message));
});
