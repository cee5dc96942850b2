import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bipartiteFromEdges, type BipartiteGraph } from '../../src/core/graph/bipartite.js';
import { leidenBarber } from '../../src/core/graph/leiden.js';
import { barberModularity } from '../../src/core/graph/modularity.js';
import { bipartiteNmi } from '../../src/core/graph/nmi.js';
import { plantedBipartite } from '../../src/core/graph/planted.js';

function fixture(name: string): string {
  // Source tree: test/graph -> test/fixtures; compiled: dist/test/graph -> test/fixtures.
  for (const rel of [`../fixtures/${name}`, `../../../test/fixtures/${name}`]) {
    const f = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(f)) return f;
  }
  throw new Error(`fixture ${name} not found`);
}

function davis(): BipartiteGraph {
  const d = JSON.parse(readFileSync(fixture('davis-southern-women.json'), 'utf8')) as { women: string[]; events: string[]; attended: number[][] };
  const rows: number[] = [];
  const cols: number[] = [];
  d.attended.forEach((evs, i) => evs.forEach((e) => (rows.push(i), cols.push(e))));
  return bipartiteFromEdges(d.women.length, d.events.length, Int32Array.from(rows), Int32Array.from(cols), new Float64Array(rows.length).fill(1));
}

test('Davis Southern Women fixture: 18 women, 14 events, 89 attendances', () => {
  const g = davis();
  assert.equal(g.nRows, 18);
  assert.equal(g.nCols, 14);
  assert.equal(g.colIdx.length, 89);
});

test('Davis Southern Women: reaches the known optimum Q_B = 0.3455 with 4 clusters', () => {
  const g = davis();
  const res = leidenBarber(g, { seed: 1 });
  assert.equal(res.clusters, 4);
  assert.ok(Math.abs(res.modularity - 0.3455) < 5e-5, `Q_B ${res.modularity}`);
  // The reported modularity is that of the returned partition.
  assert.ok(Math.abs(barberModularity(g, res.rowCluster, res.colCluster) - res.modularity) < 1e-12);
  // Even a single run without polishing is a good partition.
  const one = leidenBarber(g, { seed: 3, restarts: 1, polish: 0 });
  assert.ok(one.modularity > 0.32, `single run Q_B ${one.modularity}`);
});

test('planted 400 x 2000, 25 modules, 30% rewired: recovered with NMI >= 0.97', () => {
  const p = plantedBipartite({ nRows: 400, nCols: 2000, modules: 25, links: 20000, rewire: 0.3, seed: 31 });
  const res = leidenBarber(p.graph, { seed: 1 });
  const score = bipartiteNmi(p.rowModule, p.colModule, res.rowCluster, res.colCluster);
  assert.ok(score >= 0.97, `NMI ${score}`);
  assert.equal(res.clusters, 25);
  // The planted partition itself is not better than what was found.
  assert.ok(res.modularity >= barberModularity(p.graph, p.rowModule, p.colModule) - 1e-9);
});

test('planted 30 x 50 with 10 disjoint modules: recovered exactly', () => {
  const p = plantedBipartite({ nRows: 30, nCols: 50, modules: 10, links: 300, rewire: 0, seed: 21 });
  const res = leidenBarber(p.graph, { seed: 5 });
  assert.equal(bipartiteNmi(p.rowModule, p.colModule, res.rowCluster, res.colCluster), 1);
});

test('same graph, options and seed give the same answer', () => {
  const p = plantedBipartite({ nRows: 60, nCols: 100, modules: 6, links: 700, rewire: 0.5, seed: 8 });
  const a = leidenBarber(p.graph, { seed: 11, restarts: 3 });
  const b = leidenBarber(p.graph, { seed: 11, restarts: 3 });
  assert.deepEqual(a, b);
  // And the restarts differ: different seeds explore different runs.
  const runs = new Set<string>();
  for (let s = 1; s <= 6; s++) runs.add(Array.from(leidenBarber(p.graph, { seed: s, restarts: 1, polish: 0 }).rowCluster).join(','));
  assert.ok(runs.size > 1, 'different seeds should sometimes differ on a noisy graph');
});

test('clusters are numbered by decreasing strength; isolated nodes get clusters of their own, last', () => {
  // Big block {r0,r1 x c0,c1} (weight 8), small block {r2 x c2} (weight 1), isolated r3 and c3.
  const g = bipartiteFromEdges(4, 4, Int32Array.from([0, 0, 1, 1, 2]), Int32Array.from([0, 1, 0, 1, 2]), Float64Array.from([2, 2, 2, 2, 1]));
  const res = leidenBarber(g, { seed: 1 });
  assert.deepEqual(Array.from(res.rowCluster), [0, 0, 1, 2]);
  assert.deepEqual(Array.from(res.colCluster), [0, 0, 1, 3]);
  assert.equal(res.clusters, 4);
  assert.equal(res.isolated, 2);
});

test('a graph without links: every node isolated, Q_B 0', () => {
  const g = bipartiteFromEdges(2, 3, new Int32Array(0), new Int32Array(0), new Float64Array(0));
  const res = leidenBarber(g);
  assert.equal(res.modularity, 0);
  assert.equal(res.clusters, 5);
  assert.deepEqual(Array.from(res.rowCluster), [0, 1]);
  assert.deepEqual(Array.from(res.colCluster), [2, 3, 4]);
});

test('higher resolution gives more, smaller clusters', () => {
  const p = plantedBipartite({ nRows: 40, nCols: 80, modules: 4, links: 800, rewire: 0.1, seed: 4 });
  const low = leidenBarber(p.graph, { seed: 1, resolution: 0.5 });
  const high = leidenBarber(p.graph, { seed: 1, resolution: 4 });
  assert.ok(high.clusters > low.clusters, `${high.clusters} vs ${low.clusters}`);
  assert.ok(Math.abs(barberModularity(p.graph, high.rowCluster, high.colCluster, 4) - high.modularity) < 1e-12);
});

test('progress is reported for each restart and the polish', () => {
  const calls: [number, number][] = [];
  leidenBarber(davis(), { restarts: 3, onProgress: (d, t) => calls.push([d, t]) });
  assert.deepEqual(calls, [[1, 4], [2, 4], [3, 4], [4, 4]]);
});

test('bad options are refused', () => {
  assert.throws(() => leidenBarber(davis(), { resolution: -1 }), RangeError);
  assert.throws(() => leidenBarber(davis(), { theta: 0 }), RangeError);
});

test('a warm start from a partition: the optimum stays put, a wrong-length start is refused', async () => {
  const { plantedPeople } = await import('../../src/core/graph/planted.js');
  const { graphFromIncidence } = await import('../../src/core/graph/incidence.js');
  const p = plantedPeople({ nRows: 60, nCols: 40, modules: 6, people: 1500, rewire: 0.2, seed: 3 });
  const g = graphFromIncidence(p.incidence);
  const best = leidenBarber(g, { seed: 2 });
  const initial = new Int32Array(g.nRows + g.nCols);
  initial.set(best.rowCluster, 0);
  initial.set(best.colCluster, g.nRows);
  const again = leidenBarber(g, { seed: 9, restarts: 1, polish: 0, initial });
  assert.ok(again.modularity >= best.modularity - 1e-12, `${again.modularity} < ${best.modularity}`);
  // Starting everyone in one cluster still finds the modules.
  const lumped = leidenBarber(g, { seed: 9, restarts: 1, polish: 0, initial: new Int32Array(g.nRows + g.nCols) });
  assert.ok(lumped.modularity > 0.9 * best.modularity, `lumped start ${lumped.modularity} vs ${best.modularity}`);
  assert.throws(() => leidenBarber(g, { initial: new Int32Array(3) }), RangeError);
  assert.throws(() => leidenBarber(g, { initial: new Int32Array(g.nRows + g.nCols).fill(-1) }), RangeError);
});
