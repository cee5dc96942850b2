/**
 * Bootstrap confidence of cluster membership: how sure are we that a node
 * belongs with its cluster's co-members, given that the network was built
 * from a finite sample of people?
 *
 * Each replicate resamples people (Poisson: every person gets a weight drawn
 * from Poisson(1); multinomial: nPeople draws with replacement), re-projects
 * them onto the qualification x occupation graph and re-clusters it with
 * leidenBarber (fresh seed, no warm start, so the answer is not steered
 * towards the original partition).
 *
 * Definition. Let c be node i's cluster in the original partition and C_i
 * the other nodes of c (its co-members). In replicate r node i STAYS when
 *   - i is present in r (it has at least one link: someone drawn holds it), and
 *   - a strict majority of C_i (more than |C_i| / 2, absent co-members
 *     counting against) are in i's replicate cluster;
 *   - for a cluster of one (C_i empty): i is alone in its replicate cluster.
 * The confidence of i is the share of replicates in which it stays, and i is
 * in its cluster's CORE when that share is >= coreThreshold (0.95).
 *
 * A node planted firmly in a module moves with the bulk of its co-members in
 * nearly every replicate (confidence ~1); a node whose links are random
 * lands in a different cluster from replicate to replicate, or takes only a
 * minority of its co-members with it, so it scores low.
 */

import type { PersonIncidence } from './incidence.js';
import { graphFromIncidence } from './incidence.js';
import { leidenBarber } from './leiden.js';
import { Random } from '../random.js';

export interface BootstrapOptions {
  /** Number of replicates. Default 100. */
  replicates?: number;
  /** Seed of the resampling and of each replicate's clustering. Default 1. */
  seed?: number;
  /** Resolution gamma for re-clustering (use the one that made the partition). Default 1. */
  resolution?: number;
  /** Restarts of leidenBarber per replicate. Default 1. */
  restarts?: number;
  /** leidenBarber's polish (patience in kicks) per replicate. Default 0: replicates only need to be as good as a Leiden run, and polishing would double their cost. */
  polish?: number;
  /** 'poisson' (default): independent Poisson(1) weight per person; 'multinomial': nPeople draws with replacement. */
  method?: 'poisson' | 'multinomial';
  /** Confidence at or above which a node is in its cluster's core. Default 0.95. */
  coreThreshold?: number;
  /** Called after each replicate with (replicates done, replicates). */
  onProgress?: (done: number, total: number) => void;
}

export interface ClusterPartition {
  rowCluster: Int32Array;
  colCluster: Int32Array;
}

export interface BootstrapResult {
  /** Share of replicates in which each row stays with its co-members (0..1). */
  rowConfidence: Float64Array;
  /** Same for each column. */
  colConfidence: Float64Array;
  /** 1 where rowConfidence >= coreThreshold. */
  rowCore: Uint8Array;
  /** 1 where colConfidence >= coreThreshold. */
  colCore: Uint8Array;
  replicates: number;
  method: 'poisson' | 'multinomial';
  coreThreshold: number;
}

export function bootstrapConfidence(inc: PersonIncidence, partition: ClusterPartition, options: BootstrapOptions = {}): BootstrapResult {
  const replicates = Math.max(1, Math.floor(options.replicates ?? 100));
  const method = options.method ?? 'poisson';
  const coreThreshold = options.coreThreshold ?? 0.95;
  const restarts = options.restarts ?? 1;
  const polish = options.polish ?? 0;
  const resolution = options.resolution ?? 1;
  const { nRows, nCols, nPeople } = inc;
  if (partition.rowCluster.length !== nRows || partition.colCluster.length !== nCols) {
    throw new RangeError('bootstrapConfidence: the partition must have one cluster per row and per column of the incidence');
  }
  if (method !== 'poisson' && method !== 'multinomial') throw new RangeError(`bootstrapConfidence: unknown method ${String(method)}`);
  const n = nRows + nCols;

  // Original clusters as member lists (rows then columns, ids as given).
  const orig = new Int32Array(n);
  orig.set(partition.rowCluster, 0);
  orig.set(partition.colCluster, nRows);
  let k = 0;
  for (let i = 0; i < n; i++) if (orig[i] + 1 > k) k = orig[i] + 1;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) if (orig[i] >= 0) start[orig[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const members = new Int32Array(start[k]);
  const fill = start.slice(0, k);
  for (let i = 0; i < n; i++) if (orig[i] >= 0) members[fill[orig[i]]++] = i;

  const stays = new Int32Array(n);
  const rng = new Random(options.seed ?? 1);
  const mult = new Float64Array(nPeople);
  const label = new Int32Array(n);
  const count = new Int32Array(n);
  const repSize = new Int32Array(n);

  for (let r = 0; r < replicates; r++) {
    if (method === 'poisson') {
      for (let p = 0; p < nPeople; p++) mult[p] = rng.poisson(1);
    } else {
      mult.fill(0);
      for (let d = 0; d < nPeople; d++) mult[rng.nextInt(nPeople)]++;
    }
    const g = graphFromIncidence(inc, mult);
    const res = leidenBarber(g, { resolution, restarts, polish, seed: rng.nextUint32() });
    // Replicate labels; nodes without links are absent (-1).
    const present = new Uint8Array(n);
    for (let q = 0; q < nRows; q++) if (g.rowPtr[q + 1] > g.rowPtr[q]) present[q] = 1;
    for (let e = 0; e < g.colIdx.length; e++) present[nRows + g.colIdx[e]] = 1;
    repSize.fill(0);
    for (let i = 0; i < n; i++) {
      label[i] = present[i] ? (i < nRows ? res.rowCluster[i] : res.colCluster[i - nRows]) : -1;
      if (label[i] >= 0) repSize[label[i]]++;
    }

    for (let c = 0; c < k; c++) {
      const a = start[c];
      const b = start[c + 1];
      const size = b - a;
      if (size === 0) continue;
      for (let j = a; j < b; j++) {
        const l = label[members[j]];
        if (l >= 0) count[l]++;
      }
      for (let j = a; j < b; j++) {
        const i = members[j];
        const l = label[i];
        if (l < 0) continue;
        if (size === 1) {
          if (repSize[l] === 1) stays[i]++;
        } else if (2 * (count[l] - 1) > size - 1) {
          stays[i]++;
        }
      }
      for (let j = a; j < b; j++) {
        const l = label[members[j]];
        if (l >= 0) count[l] = 0;
      }
    }
    options.onProgress?.(r + 1, replicates);
  }

  const conf = new Float64Array(n);
  for (let i = 0; i < n; i++) conf[i] = stays[i] / replicates;
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++) core[i] = conf[i] >= coreThreshold ? 1 : 0;
  return {
    rowConfidence: conf.slice(0, nRows),
    colConfidence: conf.slice(nRows),
    rowCore: core.slice(0, nRows),
    colCore: core.slice(nRows),
    replicates,
    method,
    coreThreshold,
  };
}

