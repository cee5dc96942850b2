import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plantedBipartite, plantedPeople } from '../../src/core/graph/planted.js';
import { graphFromIncidence } from '../../src/core/graph/incidence.js';

test('without rewiring every link stays inside a module; every column has a link', () => {
  const p = plantedBipartite({ nRows: 30, nCols: 50, modules: 10, links: 300, rewire: 0, seed: 1 });
  const { graph: g, rowModule, colModule } = p;
  const seen = new Uint8Array(50);
  for (let r = 0; r < 30; r++) {
    for (let e = g.rowPtr[r]; e < g.rowPtr[r + 1]; e++) {
      assert.equal(rowModule[r], colModule[g.colIdx[e]]);
      seen[g.colIdx[e]] = 1;
    }
    assert.ok(g.rowPtr[r + 1] > g.rowPtr[r]);
  }
  assert.ok(seen.every((x) => x === 1));
  assert.deepEqual(new Set(rowModule), new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  let total = 0;
  g.weights.forEach((w) => (total += w));
  assert.equal(total, 300);
});

test('rewiring sends about that share of links across modules; same seed, same graph', () => {
  const p = plantedBipartite({ nRows: 100, nCols: 200, modules: 10, links: 20000, rewire: 0.4, seed: 2 });
  let across = 0;
  let total = 0;
  for (let r = 0; r < 100; r++) {
    for (let e = p.graph.rowPtr[r]; e < p.graph.rowPtr[r + 1]; e++) {
      total += p.graph.weights[e];
      if (p.rowModule[r] !== p.colModule[p.graph.colIdx[e]]) across += p.graph.weights[e];
    }
  }
  // A rewired link lands in another module 9 times in 10.
  assert.ok(Math.abs(across / total - 0.4 * 0.9) < 0.02, `share across ${across / total}`);
  const q = plantedBipartite({ nRows: 100, nCols: 200, modules: 10, links: 20000, rewire: 0.4, seed: 2 });
  assert.deepEqual(q.graph, p.graph);
});

test('planted people: noise nodes have no module, and people hold distinct items', () => {
  const p = plantedPeople({ nRows: 50, nCols: 30, modules: 5, people: 500, rewire: 0.1, noiseRows: 5, noiseCols: 3, seed: 3 });
  assert.equal(p.incidence.nPeople, 500);
  assert.deepEqual(Array.from(p.rowModule.slice(45)), [-1, -1, -1, -1, -1]);
  assert.equal(p.colModule[29], -1);
  assert.notEqual(p.colModule[26], -1);
  const { qualPtr, qualIdx } = p.incidence;
  for (let i = 0; i < 500; i++) {
    const qs = Array.from(qualIdx.slice(qualPtr[i], qualPtr[i + 1]));
    assert.ok(qs.length >= 1 && qs.length <= 3);
    assert.equal(new Set(qs).size, qs.length);
  }
  const g = graphFromIncidence(p.incidence);
  assert.ok(g.colIdx.length > 100);
});

test('impossible options are refused', () => {
  assert.throws(() => plantedBipartite({ nRows: 3, nCols: 5, modules: 4, links: 100, rewire: 0 }), RangeError);
  assert.throws(() => plantedBipartite({ nRows: 3, nCols: 5, modules: 2, links: 4, rewire: 0 }), RangeError);
  assert.throws(() => plantedBipartite({ nRows: 3, nCols: 5, modules: 2, links: 40, rewire: 2 }), RangeError);
});
