/**
 * Property tests: on random 2-D and 3-D tables, hierarchies and linked tables,
 * protection always passes the audit; a third, dense floating-point rank check
 * written here (independent of both secondary.ts and audit.ts) agrees that no
 * suppressed cell is derivable; the release survives a JSON round trip and
 * re-audit; every small published count is withheld.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { protectWithDetail, verifyRelease, type LinearModel } from '../../src/core/disclosure/index.js';
import type { CountTable, Dimension } from '../../src/core/results.js';
import { additiveTable, allKeys, dim, reportOf, resultsOf } from './helpers.js';

/** Dense Gaussian elimination with partial pivoting: is v in the row space of rows? */
function denseDerivable(model: LinearModel, published: number[], suppressed: number[]): number[] {
  const n = model.innerCount;
  const rows: number[][] = [];
  for (const rel of model.relations) {
    const r = new Array<number>(n).fill(0);
    for (const [k, x] of rel) r[k] = x;
    rows.push(r);
  }
  for (const c of published) {
    const r = new Array<number>(n).fill(0);
    for (const k of model.cells[c]!.support) r[k] = 1;
    rows.push(r);
  }
  // Reduce to echelon form.
  const basis: Array<{ piv: number; row: number[] }> = [];
  const reduce = (v: number[]) => {
    const x = v.slice();
    for (const { piv, row } of basis) {
      const f = x[piv]! / row[piv]!;
      if (f !== 0) for (let j = 0; j < n; j++) x[j]! -= f * row[j]!;
    }
    return x;
  };
  for (const r of rows) {
    const x = reduce(r);
    let piv = -1;
    let best = 1e-9;
    for (let j = 0; j < n; j++) if (Math.abs(x[j]!) > best) (best = Math.abs(x[j]!)), (piv = j);
    if (piv >= 0) basis.push({ piv, row: x });
  }
  const bad: number[] = [];
  for (const c of suppressed) {
    const v = new Array<number>(n).fill(0);
    for (const k of model.cells[c]!.support) v[k] = 1;
    if (reduce(v).every((x) => Math.abs(x) < 1e-7)) bad.push(c);
  }
  return bad;
}

const count = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 5, arbitrary: fc.integer({ min: 10, max: 150 }) },
);
const policy = fc.record({
  minCount: fc.constantFrom(3, 5, 10),
  roundingBase: fc.constantFrom(null, 5),
  protectSingletons: fc.boolean(),
});

function check(tables: CountTable[], hiddenMask: boolean[], pol: { minCount: number; roundingBase: number | null; protectSingletons: boolean }) {
  // Publish each table's cells except a random few (hidden cells are still protected when small).
  let m = 0;
  const reports = tables.map((t) => reportOf(t, allKeys(t).filter(() => !hiddenMask[m++ % hiddenMask.length])));
  const { release, detail } = protectWithDetail([resultsOf(tables, reports)], pol);
  assert.equal(release.audit.passed, true);
  const suppressed = [...detail.primary, ...detail.secondary];
  assert.deepEqual(denseDerivable(detail.model, detail.published, suppressed), []);
  for (const t of release.countTables) {
    for (const c of t.cells) if ('value' in c) assert.ok(c.value === 0 || c.value >= pol.minCount - (pol.roundingBase ? 2 : 0));
  }
  verifyRelease(JSON.parse(JSON.stringify(release)));
  seen.secondary += detail.secondary.length;
  seen.runs++;
}

/** Totals over all runs, so the properties are seen not to hold vacuously. */
const seen = { runs: 0, secondary: 0 };
test.after(() => {
  assert.ok(seen.runs >= 1000, `at least 1000 random releases (ran ${seen.runs})`);
  assert.ok(seen.secondary > seen.runs, 'secondary suppression was exercised');
});

const dims = (sizes: number[]): Dimension[] => sizes.map((s, i) => dim(`d${i}`, Array.from({ length: s }, (_, j) => `c${j}`)));

test('random 2-D tables with totals: no suppressed cell is derivable', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 2, max: 6 }),
      fc.array(count, { minLength: 36, maxLength: 36 }),
      fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      policy,
      (r, c, values, hidden, pol) => {
        const ds = dims([r, c]);
        const t = additiveTable('t', ds, (k) => values[Number(k[0]!.slice(1)) * 6 + Number(k[1]!.slice(1))]!);
        check([t], hidden.map((h, i) => h && i < 2), pol);
      },
    ),
    { numRuns: 400 },
  );
});

test('random 3-D tables with totals: no suppressed cell is derivable', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 3, maxLength: 3 }),
      fc.array(count, { minLength: 64, maxLength: 64 }),
      policy,
      (sizes, values, pol) => {
        const t = additiveTable('t', dims(sizes), (k) => values[k.reduce((s, x) => s * 4 + Number(x.slice(1)), 0)]!);
        check([t], [false], pol);
      },
    ),
    { numRuns: 250 },
  );
});

test('random hierarchies (groups within a total) crossed with another dimension', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 2, max: 4 }),
      fc.array(count, { minLength: 36, maxLength: 36 }),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      policy,
      (groups, perGroup, cols, values, hidden, pol) => {
        const leaves: string[] = [];
        const g: Record<string, string[]> = {};
        for (let i = 0; i < groups; i++) {
          g[`g${i}`] = Array.from({ length: perGroup }, (_, j) => `l${i}${j}`);
          leaves.push(...g[`g${i}`]!);
        }
        const d0 = dim('soc', leaves, g);
        const d1 = dim('ssa', Array.from({ length: cols }, (_, j) => `c${j}`));
        const t = additiveTable('t', [d0, d1], (k) => values[leaves.indexOf(k[0]!) * 4 + Number(k[1]!.slice(1))]!);
        check([t], hidden.map((h, i) => h && i === 0), pol);
      },
    ),
    { numRuns: 250 },
  );
});

test('random linked tables (same people by two classifications): no cell recoverable across them', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 3 }),
      fc.integer({ min: 2, max: 3 }),
      fc.integer({ min: 2, max: 3 }),
      fc.array(count, { minLength: 27, maxLength: 27 }),
      fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      policy,
      (ns, nq, no, values, hidden, pol) => {
        const joint = (s: number, q: number, o: number) => values[s * 9 + q * 3 + o]!;
        const S = Array.from({ length: ns }, (_, i) => `s${i}`);
        const Q = Array.from({ length: nq }, (_, i) => `q${i}`);
        const O = Array.from({ length: no }, (_, i) => `o${i}`);
        const A = additiveTable('A', [dim('ssa', S), dim('occ', O)], (k) => Q.reduce((sum, _, q) => sum + joint(S.indexOf(k[0]!), q, O.indexOf(k[1]!)), 0), ['B']);
        const B = additiveTable('B', [dim('qtype', Q), dim('occ', O)], (k) => S.reduce((sum, _, s) => sum + joint(s, Q.indexOf(k[0]!), O.indexOf(k[1]!)), 0));
        check([A, B], hidden, pol);
      },
    ),
    { numRuns: 150 },
  );
});
