import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bipartiteFromEdges, strengths, totalWeight } from '../../src/core/graph/bipartite.js';
import { barberModularity } from '../../src/core/graph/modularity.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

test('two disjoint links: Q_B = 1/2 apart, 0 together, 0 at resolution 2', () => {
  const g = bipartiteFromEdges(2, 2, i32([0, 1]), i32([0, 1]), f64([1, 1]));
  // m = 2; each cluster: e = 1, K^R = K^C = 1 -> 2 * (1/2 - 1/4) = 1/2.
  assert.equal(barberModularity(g, i32([0, 1]), i32([0, 1])), 0.5);
  // One cluster: 2/2 - 2*2/4 = 0.
  assert.equal(barberModularity(g, i32([0, 0]), i32([0, 0])), 0);
  // gamma = 2: 2 * (1/2 - 2/4) = 0.
  assert.equal(barberModularity(g, i32([0, 1]), i32([0, 1]), 2), 0);
});

test('weighted graph against a hand computation', () => {
  // rows r0, r1; cols c0, c1, c2; w(r0,c0)=2, w(r0,c1)=1, w(r1,c1)=1, w(r1,c2)=3; m = 7.
  const g = bipartiteFromEdges(2, 3, i32([0, 0, 1, 1]), i32([0, 1, 1, 2]), f64([2, 1, 1, 3]));
  assert.equal(totalWeight(g), 7);
  // {r0,c0,c1}: e=3, K^R=3, K^C=4; {r1,c2}: e=3, K^R=4, K^C=3 -> 6/7 - 24/49 = 18/49.
  assert.ok(Math.abs(barberModularity(g, i32([0, 1]), i32([0, 0, 1])) - 18 / 49) < 1e-15);
  // r1 left out (id -1): only {r0,c0,c1} counts -> 3/7 - 12/49 = 9/49.
  assert.ok(Math.abs(barberModularity(g, i32([0, -1]), i32([0, 0, 1])) - 9 / 49) < 1e-15);
  // Rows alone and columns alone: no e, and K^R K^C = 0 in every cluster -> 0.
  assert.equal(barberModularity(g, i32([0, 1]), i32([2, 3, 4])), 0);
  // Cluster ids are shared between the two sides: swapping labels consistently changes nothing.
  assert.equal(barberModularity(g, i32([5, 2]), i32([5, 5, 2])), barberModularity(g, i32([0, 1]), i32([0, 0, 1])));
});

test('empty graph has Q_B 0 and a wrong-length partition is refused', () => {
  const g = bipartiteFromEdges(2, 2, i32([]), i32([]), f64([]));
  assert.equal(barberModularity(g, i32([0, 1]), i32([0, 1])), 0);
  assert.throws(() => barberModularity(g, i32([0]), i32([0, 1])), RangeError);
});

test('bipartiteFromEdges sums duplicates, sorts columns, drops zero weights, checks input', () => {
  const g = bipartiteFromEdges(3, 4, i32([1, 0, 1, 1, 2]), i32([3, 2, 0, 3, 1]), f64([1, 2, 4, 5, 0]));
  assert.deepEqual(Array.from(g.rowPtr), [0, 1, 3, 3]);
  assert.deepEqual(Array.from(g.colIdx), [2, 0, 3]);
  assert.deepEqual(Array.from(g.weights), [2, 4, 6]);
  const s = strengths(g);
  assert.deepEqual(Array.from(s.row), [2, 10, 0]);
  assert.deepEqual(Array.from(s.col), [4, 0, 2, 6]);
  assert.throws(() => bipartiteFromEdges(1, 1, i32([1]), i32([0]), f64([1])), /row 1 out of range/);
  assert.throws(() => bipartiteFromEdges(1, 1, i32([0]), i32([0]), f64([-1])), /weight -1/);
  assert.throws(() => bipartiteFromEdges(1, 1, i32([0]), i32([0, 0]), f64([1])), RangeError);
});
