/**
 * The elimination behind secondary suppression (echelon.ts), checked against
 * plain arithmetic: merges of short and long vectors, and membership in the
 * span of a reduced basis modulo P against the audit's exact row space.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromMap, minus, mod, mulMod, P, ReducedBasis, subtract, supportAfter, supportKey, supportVec, valueAt, type Vec } from '../../src/core/disclosure/echelon.js';
import { SAFE_INTEGERS, RowSpace, toVec } from '../../src/core/disclosure/rowspace.js';
import type { SparseVector } from '../../src/core/disclosure/model.js';

const entries = (v: Vec) => Array.from({ length: v.n }, (_, i) => [v.idx[i]!, v.val[i]!] as const);

/** t - c*r computed entry by entry in a Map, modulo P. */
function reference(t: SparseVector, c: number, r: SparseVector): Array<readonly [number, number]> {
  const x = new Map([...t].map(([k, v]) => [k, mod(v)] as const));
  for (const [k, v] of r) x.set(k, mod((x.get(k) ?? 0) - c * mod(v)));
  return [...x].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
}

const sparse = (cells: number, maxLength: number, minLength = 0) =>
  fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: cells - 1 }), fc.integer({ min: -3, max: 3 })), { selector: ([k]) => k, minLength, maxLength })
    .map((es) => new Map(es.filter(([, x]) => x !== 0)) as SparseVector);

test('t - c*r is the same whether r is long or short next to t (merge and jump), and supportAfter predicts its support', () => {
  fc.assert(
    fc.property(fc.oneof(sparse(400, 300, 120), sparse(400, 40)), sparse(400, 12), fc.integer({ min: 1, max: P - 1 }), (t, r, c) => {
      const expected = reference(t, c, r);
      for (const [a, b] of [
        [t, r],
        [r, t],
      ] as const) {
        const want = a === t ? expected : reference(r, c, t);
        const va = fromMap(a);
        const vb = fromMap(b);
        const after = supportAfter(va, c, vb, supportKey(va));
        const made = minus(va, c, vb);
        assert.deepEqual(entries(made), want);
        assert.equal(after.size, want.length);
        assert.equal(after.key, supportKey(made));
        const added: number[] = [];
        subtract(va, c, vb, added);
        assert.deepEqual(entries(va), want);
        assert.deepEqual(added, want.map(([k]) => k).filter((k) => !a.has(k)));
      }
    }),
    { numRuns: 300 },
  );
});

test('products modulo P agree with BigInt arithmetic, including the largest residues', () => {
  const big = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) % BigInt(P));
  for (const [a, b] of [
    [P - 1, P - 1],
    [P - 1, 1],
    [P - 2, P - 3],
    [0, P - 1],
    [12345678, 87654321 % P],
  ] as const) {
    assert.equal(mulMod(a, b), big(a, b));
  }
  fc.assert(
    fc.property(fc.integer({ min: 0, max: P - 1 }), fc.integer({ min: 0, max: P - 1 }), (a, b) => mulMod(a, b) === big(a, b)),
    { numRuns: 2000 },
  );
});

test('a vector reduces to zero against the basis modulo P exactly when the exact row space holds it', () => {
  fc.assert(
    fc.property(fc.array(sparse(30, 6), { minLength: 1, maxLength: 25 }), fc.array(sparse(30, 6), { maxLength: 10 }), (rows, probes) => {
      const basis = new ReducedBasis();
      const exact = new RowSpace(SAFE_INTEGERS);
      for (const row of rows) {
        const r = basis.reduce(fromMap(row));
        // Pivot anywhere in r: the span, hence every later answer, does not depend on it.
        if (r.n > 0) basis.add(r, r.idx[r.n >> 1]!);
        exact.add(toVec(SAFE_INTEGERS, row));
      }
      assert.equal(basis.rank, exact.rank);
      for (const probe of [...probes, ...rows]) {
        const r = basis.reduce(fromMap(probe));
        assert.equal(r.n === 0, exact.residual(toVec(SAFE_INTEGERS, probe)).size === 0);
      }
    }),
    { numRuns: 300 },
  );
});

test('a cell vector is 1 on each of its inner cells, counted twice when listed twice', () => {
  assert.deepEqual(entries(supportVec([2, 5, 9])), [
    [2, 1],
    [5, 1],
    [9, 1],
  ]);
  assert.deepEqual(entries(supportVec([5, 2, 5])), [
    [2, 1],
    [5, 2],
  ]);
  assert.equal(valueAt(supportVec([2, 5, 9]), 5), 1);
  assert.equal(valueAt(supportVec([2, 5, 9]), 4), 0);
});
