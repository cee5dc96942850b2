/**
 * The bootstrap on worker threads (src/analyses/clusters/bootstrap-pool.ts):
 * the same confidence with any number of workers, and on the demo dataset
 * confidence close to the sequential bootstrap as it was before replicates
 * had streams of their own (one stream for all, reproduced here from the
 * core's pieces).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapInWorkers } from '../../src/analyses/clusters/bootstrap-pool.js';
import { bootstrapConfidence, StayTally, originalMembership, replicateSettings, type ClusterPartition } from '../../src/core/graph/bootstrap.js';
import { graphFromIncidence, type PersonIncidence } from '../../src/core/graph/incidence.js';
import { leidenBarber } from '../../src/core/graph/leiden.js';
import { plantedPeople } from '../../src/core/graph/planted.js';
import { Random } from '../../src/core/random.js';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { openStore } from '../../src/store/database.js';
import { importExtract } from '../../src/ingest/import.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { runClusters } from '../../src/analyses/clusters/index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-bootstrap-pool-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the bootstrap gives identical confidence in this thread and on 1 or 2 worker threads', async () => {
  const planted = plantedPeople({ nRows: 120, nCols: 60, modules: 8, people: 6000, rewire: 0.3, noiseRows: 8, noiseCols: 4, seed: 21 });
  const partition = leidenBarber(graphFromIncidence(planted.incidence), { seed: 1 });
  const options = { replicates: 16, seed: 3 };
  const progress: number[] = [];
  const one = await bootstrapInWorkers(planted.incidence, partition, options, { workers: 1 });
  const two = await bootstrapInWorkers(planted.incidence, partition, { ...options, onProgress: (d) => progress.push(d) }, { workers: 2 });
  const here = await bootstrapInWorkers(planted.incidence, partition, options, { workers: 0 });
  assert.deepEqual(two, one);
  assert.deepEqual(here, one);
  assert.deepEqual(bootstrapConfidence(planted.incidence, partition, options), one);
  assert.deepEqual(progress, Array.from({ length: 16 }, (_, i) => i + 1));
  // Confidence that says something: module nodes sure, noise nodes not.
  const conf = Array.from(one.rowConfidence);
  const mod = conf.filter((_, i) => planted.rowModule[i] >= 0);
  const noise = conf.filter((_, i) => planted.rowModule[i] < 0);
  assert.ok(mean(mod) > 0.9 && mean(noise) < 0.7, `module ${mean(mod)}, noise ${mean(noise)}`);
});

test('a failing replicate fails the bootstrap with its error, and the workers are closed', async () => {
  const planted = plantedPeople({ nRows: 20, nCols: 10, modules: 2, people: 200, rewire: 0.1, seed: 2 });
  const partition = leidenBarber(graphFromIncidence(planted.incidence), { seed: 1 });
  await assert.rejects(bootstrapInWorkers(planted.incidence, partition, { replicates: 4, resolution: -1 }, { workers: 2 }), /resolution/);
  await assert.rejects(bootstrapInWorkers(planted.incidence, { rowCluster: new Int32Array(1), colCluster: partition.colCluster }, {}, { workers: 2 }), RangeError);
});

test('on the demo, confidence from worker threads stays within 0.02 of the sequential bootstrap on average', async () => {
  await generateDemoExtract(join(dir, 'extract'), { seed: 1, people: 6000 });
  const store = await openStore(join(dir, 'store.duckdb'));
  try {
    await importExtract(store, join(dir, 'extract'), { name: 'demo' });
    const { detail } = await runClusters(await openDataset(store, 'demo'), { bootstrap: 0 });
    const inc = detail.network.incidence;
    const pooled = await bootstrapInWorkers(inc, detail.partition, { replicates: 100, seed: 1 }, { workers: 2 });
    const before = sequentialAsBefore(inc, detail.partition, 100, 1);
    const a = [...before.rowConfidence, ...before.colConfidence];
    const b = [...pooled.rowConfidence, ...pooled.colConfidence];
    const shift = mean(b) - mean(a);
    const meanAbs = mean(b.map((x, i) => Math.abs(x - a[i])));
    assert.ok(Math.abs(shift) <= 0.02, `mean confidence ${mean(a)} -> ${mean(b)}`);
    // Node by node they differ by Monte Carlo noise only (100 replicates: a few hundredths), not systematically.
    assert.ok(meanAbs < 0.05, `mean absolute difference ${meanAbs}`);
    assert.ok(mean(a) > 0.3 && mean(a) < 0.97, `confidence that can move: ${mean(a)}`);
  } finally {
    store.close();
  }
});

/** The bootstrap as it ran before the pool: one random stream through every replicate, Random.poisson, a full re-projection. */
function sequentialAsBefore(inc: PersonIncidence, partition: ClusterPartition, replicates: number, seed: number) {
  const rng = new Random(seed);
  const orig = originalMembership(inc, partition);
  const tally = new StayTally(orig);
  const mult = new Float64Array(inc.nPeople);
  for (let r = 0; r < replicates; r++) {
    for (let p = 0; p < inc.nPeople; p++) mult[p] = rng.poisson(1);
    const g = graphFromIncidence(inc, mult);
    const res = leidenBarber(g, { resolution: 1, restarts: 1, polish: 0, seed: rng.nextUint32() });
    const label = new Int32Array(orig.length).fill(-1);
    for (let q = 0; q < inc.nRows; q++) if (g.rowPtr[q + 1] > g.rowPtr[q]) label[q] = res.rowCluster[q];
    for (let e = 0; e < g.colIdx.length; e++) label[inc.nRows + g.colIdx[e]] = res.colCluster[g.colIdx[e]];
    tally.add(label);
  }
  return tally.result(inc.nRows, replicateSettings({ replicates, seed }));
}

function mean(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}
