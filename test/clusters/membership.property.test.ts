/**
 * Cluster membership and profile counts against a direct, slow restatement
 * of their definitions, on random people and random partitions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { incidenceFromLists } from '../../src/core/graph/incidence.js';
import { clusterMembership } from '../../src/core/clusters/membership.js';
import { profileCounts } from '../../src/core/clusters/profile.js';
import { clusterCellKeys } from '../../src/core/clusters/cell-keys.js';

const world = fc
  .record({ nRows: fc.integer({ min: 1, max: 6 }), nCols: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 4 }), nPeople: fc.integer({ min: 1, max: 25 }) })
  .chain(({ nRows, nCols, k, nPeople }) =>
    fc.record({
      nRows: fc.constant(nRows),
      nCols: fc.constant(nCols),
      rowCluster: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: nRows, maxLength: nRows }),
      colCluster: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: nCols, maxLength: nCols }),
      quals: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: nRows - 1 }), { minLength: 1, maxLength: nRows }), { minLength: nPeople, maxLength: nPeople }),
      occs: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: nCols - 1 }), { minLength: 1, maxLength: nCols }), { minLength: nPeople, maxLength: nPeople }),
      trait: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: nPeople, maxLength: nPeople }),
    }),
  );

test('membership and profile counts match their definitions', () => {
  fc.assert(
    fc.property(world, (w) => {
      const inc = incidenceFromLists(w.nRows, w.nCols, w.quals, w.occs);
      const rc = Int32Array.from(w.rowCluster);
      const cc = Int32Array.from(w.colCluster);
      const m = clusterMembership(inc, rc, cc);
      const k = Math.max(...w.rowCluster, ...w.colCluster) + 1;
      assert.equal(m.clusters, k);
      // In cluster c: holds a qualification of c and an occupation of c.
      const inC = (p: number, c: number) => w.quals[p].some((q) => rc[q] === c) && w.occs[p].some((o) => cc[o] === c);
      let unclustered = 0;
      for (let p = 0; p < w.quals.length; p++) {
        const mine = Array.from(m.personIdx.subarray(m.personPtr[p], m.personPtr[p + 1])).sort();
        const expected = Array.from({ length: k }, (_, c) => c).filter((c) => inC(p, c));
        assert.deepEqual(mine, expected);
        if (expected.length === 0) unclustered++;
      }
      assert.equal(m.unclustered, unclustered);
      for (let c = 0; c < k; c++) assert.equal(m.clusterPeople[c], w.quals.filter((_, p) => inC(p, c)).length);
      for (let q = 0; q < w.nRows; q++) assert.equal(m.rowPeopleInCluster[q], w.quals.filter((qs, p) => qs.includes(q) && inC(p, rc[q])).length);
      for (let o = 0; o < w.nCols; o++) assert.equal(m.colPeopleInCluster[o], w.occs.filter((os, p) => os.includes(o) && inC(p, cc[o])).length);

      const col = { name: 't', kind: 'category' as const, values: ['a', 'b', 'c'], codes: Int32Array.from(w.trait) };
      const prof = profileCounts([col], m, w.quals.length);
      for (let c = 0; c < k; c++) {
        for (let v = 0; v < 3; v++) assert.equal(prof.count[0][c][v], w.trait.filter((t, p) => t === v && inC(p, c)).length);
        assert.equal(prof.base[0][c], w.trait.filter((t, p) => t >= 0 && inC(p, c)).length);
      }
      assert.equal(prof.allBase[0], w.trait.filter((t) => t >= 0).length);
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('cell keys count the same people as the counts: with every record key 1, each key is its count; with random keys, the sum over the cell', () => {
  fc.assert(
    fc.property(world, fc.array(fc.integer({ min: 0, max: 4095 }), { minLength: 25, maxLength: 25 }), (w, keys) => {
      const inc = incidenceFromLists(w.nRows, w.nCols, w.quals, w.occs);
      const rc = Int32Array.from(w.rowCluster);
      const cc = Int32Array.from(w.colCluster);
      const m = clusterMembership(inc, rc, cc);
      const col = { name: 'trait', kind: 'category' as const, values: ['a', 'b', 'c'], codes: Int32Array.from(w.trait) };
      const counts = profileCounts([col], m, w.quals.length);
      const ones = clusterCellKeys(inc, m, rc, cc, [col], new Int32Array(w.quals.length).fill(1));
      assert.deepEqual(Array.from(ones.cluster), Array.from(m.clusterPeople));
      assert.deepEqual(Array.from(ones.rowInCluster), Array.from(m.rowPeopleInCluster));
      assert.deepEqual(Array.from(ones.colInCluster), Array.from(m.colPeopleInCluster));
      assert.deepEqual(ones.profile.count[0]!.map((a) => Array.from(a)), counts.count[0]!.map((a) => Array.from(a)));
      assert.deepEqual(Array.from(ones.profile.base[0]!), Array.from(counts.base[0]!));
      assert.equal(ones.all, w.quals.length);
      // Random record keys: a cluster's key is the sum of its people's keys modulo 4096.
      const rk = Int32Array.from(keys.slice(0, w.quals.length));
      const random = clusterCellKeys(inc, m, rc, cc, [col], rk);
      for (let c = 0; c < m.clusters; c++) {
        let sum = 0;
        for (let p = 0; p < w.quals.length; p++) if (Array.from(m.personIdx.subarray(m.personPtr[p], m.personPtr[p + 1])).includes(c)) sum += rk[p]!;
        assert.equal(random.cluster[c], sum % 4096);
      }
    }),
    { numRuns: 200 },
  );
});
