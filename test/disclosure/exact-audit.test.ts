/** The audit's exact arithmetic: numbers while they stay safe integers, BigInts beyond. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditModel } from '../../src/core/disclosure/audit.js';
import type { LinearModel, ModelCell, SparseVector } from '../../src/core/disclosure/model.js';
import { BIG_INTEGERS, Overflow, RowSpace, SAFE_INTEGERS, toVec, type Ring } from '../../src/core/disclosure/rowspace.js';

// Two known relations with large coprime coefficients: 3^30 x0 = 2^45 x1 and 3^20 x1 = 5^20 x2.
// Each coefficient is a safe integer; eliminating one against the other is not.
const big: SparseVector[] = [
  new Map([
    [0, 3 ** 30],
    [1, -(2 ** 45)],
  ]),
  new Map([
    [1, 3 ** 20],
    [2, -(5 ** 20)],
  ]),
];

/** A model by hand: inner cells 0..3, one cell per support given, the relations above. */
function handModel(supports: number[][]): LinearModel {
  const cells: ModelCell[] = supports.map((support, index) => ({ index, table: 't', keys: [String(index)], n: 5, support, margin: support.length > 1 }));
  return {
    innerCount: 4,
    innerN: [5, 5, 5, 5],
    cells,
    relations: big,
    linkedCells: [],
    cell: () => {
      throw new Error('not used by the audit');
    },
    innerLabel: (i) => `inner ${i}`,
    cellLabel: (c) => `cell ${c.index}`,
  };
}

test('numbers that would leave the safe-integer range stop the elimination (Overflow) instead of rounding', () => {
  const space = new RowSpace(SAFE_INTEGERS);
  space.add(toVec(SAFE_INTEGERS, big[0]!));
  assert.throws(() => space.add(toVec(SAFE_INTEGERS, big[1]!)), Overflow);
});

test('in BigInts the same relations make x0 derivable from a published x2, and leave x3 alone', () => {
  const space = new RowSpace(BIG_INTEGERS);
  for (const r of big) space.add(toVec(BIG_INTEGERS, r));
  space.add(toVec(BIG_INTEGERS, [2]));
  assert.equal(space.residual(toVec(BIG_INTEGERS, [0])).size, 0);
  assert.equal(space.residual(toVec(BIG_INTEGERS, [0, 1, 2])).size, 0);
  assert.deepEqual([...space.residual(toVec(BIG_INTEGERS, [3]))], [[3, 1n]]);
  assert.equal(space.rank, 3);
});

test('the audit answers exactly when its numbers overflow: it starts again in BigInts', () => {
  // Cells: x2 (published), x0, x0+x1+x2 and x3 (suppressed).
  const model = handModel([[2], [0], [0, 1, 2], [3]]);
  const audit = auditModel({ model, published: [0], suppressed: [1, 2, 3] });
  assert.equal(audit.passed, false);
  assert.deepEqual(
    audit.derivable.map((f) => f.cell),
    [1, 2],
  );
  assert.equal(audit.rank, 3);
  // Without x2 published nothing can be worked out (rank 2: the relations alone).
  const hidden = auditModel({ model, published: [], suppressed: [0, 1, 2, 3] });
  assert.equal(hidden.passed, true);
  assert.equal(hidden.rank, 2);
});

test('small coefficients give the same rows in numbers and in BigInts', () => {
  const rels: SparseVector[] = [new Map([[0, 1], [1, 1], [2, -1]]), new Map([[1, 2], [3, -1]])];
  const cells = [[0, 1], [1], [0, 2, 3], [2, 3]];
  const residuals = <T>(ring: Ring<T>) => {
    const space = new RowSpace(ring);
    for (const r of rels) space.add(toVec(ring, r));
    space.add(toVec(ring, cells[0]!));
    return cells.map((c) => [...space.residual(toVec(ring, c))].map(([k, x]) => `${k}:${String(x)}`).sort());
  };
  assert.deepEqual(residuals(SAFE_INTEGERS), residuals(BIG_INTEGERS));
});
