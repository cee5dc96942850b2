import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapConfidence } from '../../src/core/graph/bootstrap.js';
import { graphFromIncidence, incidenceFromLists } from '../../src/core/graph/incidence.js';
import { leidenBarber } from '../../src/core/graph/leiden.js';
import { plantedPeople } from '../../src/core/graph/planted.js';

// 3,000 people in 10 modules of 9 qualifications x 4-5 occupations, 30% of
// picks at random, plus 10 qualifications and 6 occupations that belong to no
// module (every link they have is random).
const planted = plantedPeople({ nRows: 100, nCols: 54, modules: 10, people: 3000, rewire: 0.3, noiseRows: 10, noiseCols: 6, seed: 9 });
const graph = graphFromIncidence(planted.incidence);
const partition = leidenBarber(graph, { seed: 1 });

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

test('planted module nodes are confident and in the core; random nodes are not', () => {
  const res = bootstrapConfidence(planted.incidence, partition, { replicates: 60, seed: 4 });
  const moduleConf: number[] = [];
  const noiseConf: number[] = [];
  res.rowConfidence.forEach((c, i) => (planted.rowModule[i] >= 0 ? moduleConf : noiseConf).push(c));
  res.colConfidence.forEach((c, i) => (planted.colModule[i] >= 0 ? moduleConf : noiseConf).push(c));
  assert.ok(mean(moduleConf) >= 0.95, `module nodes mean confidence ${mean(moduleConf)}`);
  // A random node still leans to the cluster most of its few people point to, so it is not 0, but it is far from sure.
  assert.ok(mean(noiseConf) <= 0.6, `noise nodes mean confidence ${mean(noiseConf)}`);
  let coreModule = 0;
  let coreNoise = 0;
  res.rowCore.forEach((x, i) => (planted.rowModule[i] >= 0 ? (coreModule += x) : (coreNoise += x)));
  res.colCore.forEach((x, i) => (planted.colModule[i] >= 0 ? (coreModule += x) : (coreNoise += x)));
  assert.ok(coreModule >= 0.9 * moduleConf.length, `${coreModule} of ${moduleConf.length} module nodes in a core`);
  assert.ok(coreNoise <= 0.2 * noiseConf.length, `${coreNoise} of ${noiseConf.length} noise nodes in a core`);
  assert.equal(res.replicates, 60);
  // Core flags follow the threshold.
  res.rowConfidence.forEach((c, i) => assert.equal(res.rowCore[i], c >= 0.95 ? 1 : 0));
});

test('multinomial resampling gives the same picture; same seed, same answer', () => {
  const a = bootstrapConfidence(planted.incidence, partition, { replicates: 20, seed: 5, method: 'multinomial' });
  const b = bootstrapConfidence(planted.incidence, partition, { replicates: 20, seed: 5, method: 'multinomial' });
  assert.deepEqual(a, b);
  const conf = Array.from(a.rowConfidence).filter((_, i) => planted.rowModule[i] >= 0);
  assert.ok(mean(conf) >= 0.9, `mean ${mean(conf)}`);
  assert.equal(a.method, 'multinomial');
});

test('a node held by one person is absent from replicates that miss that person', () => {
  // Two solid blocks of 30 people each, plus one person linking q4 and o4 only.
  const quals: number[][] = [];
  const occs: number[][] = [];
  for (let p = 0; p < 30; p++) (quals.push([0, 1]), occs.push([0, 1]));
  for (let p = 0; p < 30; p++) (quals.push([2, 3]), occs.push([2, 3]));
  quals.push([4]);
  occs.push([4]);
  const inc = incidenceFromLists(5, 5, quals, occs);
  const part = leidenBarber(graphFromIncidence(inc), { seed: 1 });
  const res = bootstrapConfidence(inc, part, { replicates: 200, seed: 2, method: 'multinomial' });
  for (const i of [0, 1, 2, 3]) assert.equal(res.rowConfidence[i], 1);
  // q4 and o4 form a cluster of two; they stay together whenever the person is drawn (probability 1 - (1 - 1/61)^61, about 0.63).
  assert.ok(res.rowConfidence[4] > 0.5 && res.rowConfidence[4] < 0.75, `q4 ${res.rowConfidence[4]}`);
  assert.equal(res.rowConfidence[4], res.colConfidence[4]);
});

test('progress is reported per replicate, and a mismatched partition is refused', () => {
  const calls: number[] = [];
  bootstrapConfidence(planted.incidence, partition, { replicates: 3, onProgress: (d) => calls.push(d) });
  assert.deepEqual(calls, [1, 2, 3]);
  assert.throws(() => bootstrapConfidence(planted.incidence, { rowCluster: new Int32Array(3), colCluster: partition.colCluster }), RangeError);
});

test("a replicate's graph is the people re-projected with the same weights", async () => {
  const { projectionBasis } = await import('../../src/core/graph/bootstrap.js');
  const { replicateGraph, groupPatterns } = await import('../../src/core/graph/replicate-graph.js');
  const { Random } = await import('../../src/core/random.js');
  const basis = projectionBasis(planted.incidence);
  const { order, start } = groupPatterns(planted.incidence);
  assert.equal(basis.nPeople, planted.incidence.nPeople);
  assert.ok(basis.nPatterns < basis.nPeople, `${basis.nPatterns} patterns of ${basis.nPeople} people: some people share one`);
  const rng = new Random(3);
  for (const draw of [() => rng.poisson(1), () => (rng.nextInt(4) === 0 ? 0 : 1 + rng.nextInt(3))]) {
    const mult = new Float64Array(planted.incidence.nPeople);
    for (let p = 0; p < mult.length; p++) mult[p] = draw();
    const perPattern = new Float64Array(basis.nPatterns);
    for (let k = 0; k < basis.nPatterns; k++) for (let i = start[k]; i < start[k + 1]; i++) perPattern[k] += mult[order[i]];
    const expected = graphFromIncidence(planted.incidence, mult);
    assert.ok(expected.colIdx.length < graph.colIdx.length, 'some links lost in the resample');
    assert.deepEqual(replicateGraph(basis, perPattern), expected);
  }
});

test('people in another order, with their rows in another order, give the same patterns and the same confidence', async () => {
  const { projectionBasis } = await import('../../src/core/graph/bootstrap.js');
  const inc = planted.incidence;
  const quals: number[][] = [];
  const occs: number[][] = [];
  for (let p = inc.nPeople - 1; p >= 0; p--) {
    quals.push(Array.from(inc.qualIdx.subarray(inc.qualPtr[p], inc.qualPtr[p + 1])).reverse());
    occs.push(Array.from(inc.occIdx.subarray(inc.occPtr[p], inc.occPtr[p + 1])).reverse());
  }
  const shuffled = rawIncidence(inc.nRows, inc.nCols, quals, occs);
  const [a, b] = [projectionBasis(inc), projectionBasis(shuffled)];
  assert.deepEqual([b.patternStart, b.pairPtr, b.pairLink], [a.patternStart, a.pairPtr, a.pairLink]);
  for (const method of ['poisson', 'multinomial'] as const) {
    const options = { replicates: 8, seed: 3, method };
    assert.deepEqual(bootstrapConfidence(shuffled, partition, options), bootstrapConfidence(inc, partition, options), method);
  }
});

/** An incidence from lists taken as they are (incidenceFromLists would sort each row). */
function rawIncidence(nRows: number, nCols: number, quals: number[][], occs: number[][]) {
  const csr = (lists: number[][]) => {
    const ptr = new Int32Array(lists.length + 1);
    lists.forEach((l, p) => (ptr[p + 1] = ptr[p] + l.length));
    return { ptr, idx: Int32Array.from(lists.flat()) };
  };
  const [q, o] = [csr(quals), csr(occs)];
  return { nPeople: quals.length, nRows, nCols, qualPtr: q.ptr, qualIdx: q.idx, occPtr: o.ptr, occIdx: o.idx };
}

test('replicates depend on their index only: tallied in any order they give the same confidence', async () => {
  const { StayTally, originalMembership, projectionBasis, replicateLabels, replicateSettings } = await import('../../src/core/graph/bootstrap.js');
  const settings = replicateSettings({ replicates: 12, seed: 7 });
  const orig = originalMembership(planted.incidence, partition);
  const basis = projectionBasis(planted.incidence);
  const tally = new StayTally(orig);
  const labels: Int32Array[] = [];
  for (let r = settings.replicates - 1; r >= 0; r--) labels[r] = replicateLabels(basis, orig, settings, r);
  for (const l of labels.slice().reverse()) tally.add(l);
  assert.deepEqual(tally.result(planted.incidence.nRows, settings), bootstrapConfidence(planted.incidence, partition, { replicates: 12, seed: 7 }));
  // Different replicates differ (each has its own stream), the same index agrees with itself.
  assert.notDeepEqual(labels[0], labels[1]);
  assert.deepEqual(replicateLabels(basis, orig, settings, 5), labels[5]);
  assert.throws(() => tally.result(planted.incidence.nRows, { ...settings, replicates: 13 }), RangeError);
});

test('a warm start from the partition keeps planted module nodes as sure, with different draws of the clustering', () => {
  const cold = bootstrapConfidence(planted.incidence, partition, { replicates: 30, seed: 4 });
  const warm = bootstrapConfidence(planted.incidence, partition, { replicates: 30, seed: 4, warmStart: true });
  const moduleMean = (r: typeof cold) => mean(Array.from(r.rowConfidence).filter((_, i) => planted.rowModule[i] >= 0));
  assert.ok(moduleMean(cold) >= 0.95 && moduleMean(warm) >= 0.95, `cold ${moduleMean(cold)}, warm ${moduleMean(warm)}`);
  assert.notDeepEqual(cold.rowConfidence, warm.rowConfidence);
});
