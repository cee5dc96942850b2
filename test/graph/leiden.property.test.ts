import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bipartiteFromEdges } from '../../src/core/graph/bipartite.js';
import { leidenBarber } from '../../src/core/graph/leiden.js';
import { barberModularity } from '../../src/core/graph/modularity.js';

const smallGraph = fc
  .record({ nRows: fc.integer({ min: 1, max: 10 }), nCols: fc.integer({ min: 1, max: 10 }) })
  .chain(({ nRows, nCols }) =>
    fc.record({
      nRows: fc.constant(nRows),
      nCols: fc.constant(nCols),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: nRows - 1 }), fc.integer({ min: 0, max: nCols - 1 }), fc.integer({ min: 1, max: 5 })), { maxLength: 40 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      resolution: fc.constantFrom(0.5, 1, 2),
    }),
  );

test('Leiden-Barber returns a partition whose Q_B is as reported and that no single-node move improves', () => {
  fc.assert(
    fc.property(smallGraph, ({ nRows, nCols, edges, seed, resolution }) => {
      const g = bipartiteFromEdges(
        nRows,
        nCols,
        Int32Array.from(edges.map((e) => e[0])),
        Int32Array.from(edges.map((e) => e[1])),
        Float64Array.from(edges.map((e) => e[2])),
      );
      const res = leidenBarber(g, { seed, resolution, restarts: 2 });
      const q = barberModularity(g, res.rowCluster, res.colCluster, resolution);
      assert.ok(Math.abs(q - res.modularity) < 1e-12);
      // Numbering is 0..clusters-1 and every id is used.
      const used = new Set([...res.rowCluster, ...res.colCluster]);
      assert.equal(used.size, res.clusters);
      for (let c = 0; c < res.clusters; c++) assert.ok(used.has(c));
      // Local optimality: moving any node to any cluster (or a new one) does not raise Q_B.
      const row = res.rowCluster.slice();
      const col = res.colCluster.slice();
      for (let i = 0; i < nRows + nCols; i++) {
        const arr = i < nRows ? row : col;
        const j = i < nRows ? i : i - nRows;
        const own = arr[j];
        for (let c = 0; c <= res.clusters; c++) {
          if (c === own) continue;
          arr[j] = c;
          const q2 = barberModularity(g, row, col, resolution);
          assert.ok(q2 <= q + 1e-12, `moving node ${i} to ${c} raises Q_B from ${q} to ${q2}`);
        }
        arr[j] = own;
      }
    }),
    { numRuns: 150 },
  );
});
