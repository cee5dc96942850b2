/**
 * Bootstrap confidence of cluster membership: how sure are we that a node
 * belongs with its cluster's co-members, given that the network was built
 * from a finite sample of people?
 *
 * Each replicate resamples people (Poisson: every person gets a weight drawn
 * from Poisson(1); multinomial: nPeople draws with replacement; drawn per
 * pattern of identical people, replicate-graph.ts), re-projects
 * them onto the qualification x occupation graph and re-clusters it with
 * leidenBarber from singletons (fresh seed, no warm start, so the answer is
 * not steered towards the original partition). `warmStart: true` starts
 * from the original partition instead: about 30% cheaper per replicate at
 * 1M people, but on the demo's small regions it raised mean confidence by
 * 0.04-0.11 (Leiden stays near where it starts when the links are noisy),
 * against shifts under 0.01 for cold starts with new seeds; so it is off.
 *
 * Replicate r draws from its own random stream, derived from (seed, r), so
 * replicates can run in any order or on any number of threads
 * (src/analyses/clusters/bootstrap-pool.ts) and the answer is the same.
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
import { leidenBarber } from './leiden.js';
import { Random } from '../random.js';
import { projectionBasis, replicateGraph, type ProjectionBasis } from './replicate-graph.js';

export { projectionBasis, type ProjectionBasis } from './replicate-graph.js';

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
  /** Start each replicate's clustering from the original partition instead of singletons (default false: it biases confidence upwards, see above). */
  warmStart?: boolean;
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

/** The options with their defaults, as one replicate needs them (plain data, so it can be sent to a worker). */
export interface ReplicateSettings {
  replicates: number;
  seed: number;
  resolution: number;
  restarts: number;
  polish: number;
  method: 'poisson' | 'multinomial';
  coreThreshold: number;
  warmStart: boolean;
}

export function replicateSettings(options: BootstrapOptions = {}): ReplicateSettings {
  const method = options.method ?? 'poisson';
  if (method !== 'poisson' && method !== 'multinomial') throw new RangeError(`bootstrapConfidence: unknown method ${String(method)}`);
  return {
    replicates: Math.max(1, Math.floor(options.replicates ?? 100)),
    seed: options.seed ?? 1,
    resolution: options.resolution ?? 1,
    restarts: options.restarts ?? 1,
    polish: options.polish ?? 0,
    method,
    coreThreshold: options.coreThreshold ?? 0.95,
    warmStart: options.warmStart ?? false,
  };
}

/** The original partition as one membership over rows then columns, checked against the incidence. */
export function originalMembership(inc: PersonIncidence, partition: ClusterPartition): Int32Array {
  const { nRows, nCols } = inc;
  if (partition.rowCluster.length !== nRows || partition.colCluster.length !== nCols) {
    throw new RangeError('bootstrapConfidence: the partition must have one cluster per row and per column of the incidence');
  }
  const orig = new Int32Array(nRows + nCols);
  orig.set(partition.rowCluster, 0);
  orig.set(partition.colCluster, nRows);
  return orig;
}

/**
 * Replicate r's clusters: label of each node (rows then columns) in the
 * replicate's partition, -1 for nodes absent from it (no one drawn holds a
 * link of theirs). Pure: depends on (basis, orig, settings, r) only.
 */
export function replicateLabels(basis: ProjectionBasis, orig: Int32Array, settings: ReplicateSettings, r: number, mult?: Float64Array): Int32Array {
  const { nRows, nPatterns } = basis;
  const n = orig.length;
  const rng = replicateRandom(settings.seed, r);
  const w = mult ?? new Float64Array(nPatterns);
  drawWeights(rng, settings.method, basis.patternStart, w);
  const g = replicateGraph(basis, w);
  const res = leidenBarber(g, {
    resolution: settings.resolution,
    restarts: settings.restarts,
    polish: settings.polish,
    seed: rng.nextUint32(),
    ...(settings.warmStart ? { initial: orig } : {}),
  });
  const label = new Int32Array(n).fill(-1);
  for (let q = 0; q < nRows; q++) if (g.rowPtr[q + 1] > g.rowPtr[q]) label[q] = res.rowCluster[q];
  for (let e = 0; e < g.colIdx.length; e++) {
    const c = g.colIdx[e];
    label[nRows + c] = res.colCluster[c];
  }
  return label;
}

/** Replicate r's own random stream: the same for a (seed, r) whatever ran before it. */
function replicateRandom(seed: number, r: number): Random {
  const base = new Random(seed).nextUint32();
  return new Random(base + (r + 1) * 4294967296);
}

/** Poisson(1) by inversion of its distribution function at 32-bit resolution: one random word per person. */
const POISSON1_CUT = (() => {
  const cut: number[] = [];
  let p = Math.exp(-1);
  let F = 0;
  for (let k = 0; F * 4294967296 < 4294967295 && k < 30; k++) {
    F += p;
    p /= k + 1;
    cut.push(Math.min(4294967296, Math.floor(F * 4294967296)));
  }
  cut[cut.length - 1] = 4294967296;
  return Float64Array.from(cut);
})();

/**
 * One weight per pattern: the sum of its m members' draws, drawn directly.
 * Poisson: a sum of m Poisson(1) draws is Poisson(m) (one word by the
 * inversion table for a pattern of one). Multinomial: nPeople draws of a
 * person, numbered in pattern order, each counted to its pattern.
 */
function drawWeights(rng: Random, method: 'poisson' | 'multinomial', start: Int32Array, w: Float64Array): void {
  const nPatterns = w.length;
  if (method === 'poisson') {
    for (let g = 0; g < nPatterns; g++) {
      const m = start[g + 1] - start[g];
      w[g] = m === 1 ? poisson1(rng) : rng.poisson(m);
    }
  } else {
    const nPeople = start[nPatterns];
    w.fill(0);
    for (let d = 0; d < nPeople; d++) w[patternOf(start, rng.nextInt(nPeople))]++;
  }
}

function poisson1(rng: Random): number {
  const u = rng.nextUint32();
  let k = 0;
  while (u >= POISSON1_CUT[k]) k++;
  return k;
}

/** The pattern whose people include person number s (binary search in start). */
function patternOf(start: Int32Array, s: number): number {
  let lo = 0;
  let hi = start.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (start[mid] <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Counts, per node, the replicates in which it stays (see the module comment); replicates may be tallied in any order. */
export class StayTally {
  readonly stays: Int32Array;
  done = 0;
  private readonly start: Int32Array;
  private readonly members: Int32Array;
  private readonly count: Int32Array;
  private readonly repSize: Int32Array;

  constructor(private readonly orig: Int32Array) {
    const n = orig.length;
    let k = 0;
    for (let i = 0; i < n; i++) if (orig[i] + 1 > k) k = orig[i] + 1;
    const start = new Int32Array(k + 1);
    for (let i = 0; i < n; i++) if (orig[i] >= 0) start[orig[i] + 1]++;
    for (let c = 0; c < k; c++) start[c + 1] += start[c];
    const members = new Int32Array(start[k]);
    const fill = start.slice(0, k);
    for (let i = 0; i < n; i++) if (orig[i] >= 0) members[fill[orig[i]]++] = i;
    this.start = start;
    this.members = members;
    this.stays = new Int32Array(n);
    this.count = new Int32Array(n);
    this.repSize = new Int32Array(n);
  }

  add(label: Int32Array): void {
    const { start, members, count, repSize, stays } = this;
    const n = this.orig.length;
    if (label.length !== n) throw new RangeError('StayTally: one label per node expected');
    repSize.fill(0);
    for (let i = 0; i < n; i++) if (label[i] >= 0) repSize[label[i]]++;
    const k = start.length - 1;
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
    this.done++;
  }

  result(nRows: number, settings: ReplicateSettings): BootstrapResult {
    const n = this.orig.length;
    const { replicates, coreThreshold } = settings;
    if (this.done !== replicates) throw new RangeError(`StayTally: ${this.done} of ${replicates} replicates tallied`);
    const conf = new Float64Array(n);
    for (let i = 0; i < n; i++) conf[i] = this.stays[i] / replicates;
    const core = new Uint8Array(n);
    for (let i = 0; i < n; i++) core[i] = conf[i] >= coreThreshold ? 1 : 0;
    return {
      rowConfidence: conf.slice(0, nRows),
      colConfidence: conf.slice(nRows),
      rowCore: core.slice(0, nRows),
      colCore: core.slice(nRows),
      replicates,
      method: settings.method,
      coreThreshold,
    };
  }
}

/** All replicates in this thread, one after another (src/analyses/clusters/bootstrap-pool.ts spreads them over worker threads with the same answer). */
export function bootstrapConfidence(inc: PersonIncidence, partition: ClusterPartition, options: BootstrapOptions = {}): BootstrapResult {
  const settings = replicateSettings(options);
  const orig = originalMembership(inc, partition);
  const basis = projectionBasis(inc);
  const tally = new StayTally(orig);
  const mult = new Float64Array(basis.nPatterns);
  for (let r = 0; r < settings.replicates; r++) {
    tally.add(replicateLabels(basis, orig, settings, r, mult));
    options.onProgress?.(r + 1, settings.replicates);
  }
  return tally.result(inc.nRows, settings);
}
