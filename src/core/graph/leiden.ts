/**
 * Leiden optimisation of Barber's bipartite modularity.
 *
 * Why it is written here: no package on npm optimises Barber's bipartite null
 * model. graphology-communities-louvain (and every other JS community package
 * we know) maximises Newman's modularity, whose null model expects links
 * between two qualifications or two occupations that a bipartite graph can
 * never have; that biases it (on a planted 400 x 2000 network it reaches
 * Q_B 0.61 where the optimum is about 0.67). leidenalg does it in C++ for
 * Python through a three-layer CPM trick; Routeways needs it in the pure,
 * deterministic TypeScript core.
 *
 * The algorithm is Leiden (Traag, Waltman and van Eck 2019, Sci. Rep. 9,
 * 5233) with one change, the quality function. Every community c keeps two
 * totals, K_c^R (summed strength of its rows) and K_c^C (of its columns), and
 * every node i (a row, a column, or after aggregation a set of both) has a row
 * strength sR_i and a column strength sC_i. Moving an isolated node i into
 * community b changes Q_B by
 *
 *     [ w(i, b) - gamma * (sR_i * K_b^C + sC_i * K_b^R) / m ] / m
 *
 * where w(i, b) is the weight of links between i and b. Each iteration does
 *   1. fast local moving (a queue of nodes; a node moves to the neighbouring
 *      community with the largest gain, and its neighbours outside that
 *      community are queued again),
 *   2. refinement: inside each community, starting from singletons, each
 *      well-connected singleton merges into a well-connected sub-cluster
 *      chosen at random with probability proportional to exp(gain / theta)
 *      among non-negative gains (this guarantees connected communities),
 *   3. aggregation of the refined partition into a smaller graph whose
 *      initial partition is the unrefined one,
 * and repeats 1-3 on the aggregate until local moving leaves every node in a
 * community of its own. Iterations are repeated from the result until no
 * node moves (a stable partition). Each of `restarts` independent runs
 * (different random streams from `seed`) is then polished by iterated local
 * search (kick two or three adjacent clusters, re-optimise, keep if better),
 * which escapes optima where Leiden stops, and the best run is returned;
 * this is how it matches or beats leidenalg's Q_B on small, noisy graphs
 * (see bench/clusters.ts).
 *
 * Everything lives in typed arrays: the bipartite graph becomes a symmetric
 * CSR adjacency over rows then columns, and aggregate graphs are CSR too.
 */

import type { BipartiteGraph } from './bipartite.js';
import { Random } from '../random.js';

export interface LeidenBarberOptions {
  /** gamma in Q_B = sum_c (e_c/m - gamma K_c^R K_c^C / m^2). Default 1. */
  resolution?: number;
  /** Seed of the random stream; same graph, options and seed give the same answer. Default 1. */
  seed?: number;
  /** Independent runs; the one with the highest Q_B is returned. Default 10. */
  restarts?: number;
  /** Cap on Leiden iterations per run (each iteration restarts from the previous partition; runs stop earlier once stable). Default 50. */
  maxIterations?: number;
  /** Randomness of the refinement merges, in link-weight units (Traag's theta). Default 0.01. */
  theta?: number;
  /**
   * Polishing of each run by iterated local search (see polish()): stop
   * after this many consecutive kicks without gain. 0 turns it off. Default 50.
   */
  polish?: number;
  /**
   * Starting partition of every run, one cluster id (>= 0) per node, rows then
   * columns (a warm start, e.g. the full data's clusters for a bootstrap
   * replicate). Nodes without links start alone. Default: singletons.
   */
  initial?: Int32Array;
  /** Called after each run with (runs done, restarts), then once more with (restarts + 1, restarts + 1) when finished. */
  onProgress?: (done: number, total: number) => void;
}

export interface LeidenBarberResult {
  /** Cluster of each row, 0..clusters-1. */
  rowCluster: Int32Array;
  /** Cluster of each column, 0..clusters-1 (shared numbering with rows). */
  colCluster: Int32Array;
  /**
   * Number of clusters. Clusters are numbered by decreasing total strength
   * (K^R + K^C), ties by their first node (rows before columns, by index).
   * Isolated nodes (no links) each get a cluster of their own, numbered last.
   */
  clusters: number;
  /** Number of isolated nodes (each a cluster of its own). */
  isolated: number;
  /** Q_B of the returned partition at the given resolution. */
  modularity: number;
}

/** Symmetric weighted graph over nodes that carry a row and a column strength. */
interface Work {
  n: number;
  ptr: Int32Array;
  adj: Int32Array;
  w: Float64Array;
  sR: Float64Array;
  sC: Float64Array;
}

/**
 * Finds clusters of rows and columns maximising Barber's modularity.
 * See the module comment for the method.
 */
export function leidenBarber(g: BipartiteGraph, options: LeidenBarberOptions = {}): LeidenBarberResult {
  const gamma = options.resolution ?? 1;
  const restarts = Math.max(1, Math.floor(options.restarts ?? 10));
  const maxIterations = Math.max(1, Math.floor(options.maxIterations ?? 50));
  const theta = options.theta ?? 0.01;
  const polishRounds = Math.max(0, Math.floor(options.polish ?? 50));
  if (!(gamma >= 0) || !Number.isFinite(gamma)) throw new RangeError(`leidenBarber: resolution must be a finite number >= 0, got ${gamma}`);
  if (!(theta > 0)) throw new RangeError(`leidenBarber: theta must be > 0, got ${theta}`);

  const base = workFromBipartite(g);
  let m = 0;
  for (let i = 0; i < base.n; i++) m += base.sR[i];
  const rng = new Random(options.seed ?? 1);
  // Work budget of all polishing (adjacency entries scanned by kicks), shared by the runs, so large graphs spend at most a few Leiden runs' worth on it.
  const budget = Math.max(1e6, 4 * base.adj.length);

  const start = startingMembership(base, options.initial);
  let best: Int32Array | null = null;
  let bestQ = -Infinity;
  for (let run = 0; run < restarts; run++) {
    const runRng = rng.fork();
    const membership = start.slice();
    let q: number;
    if (m > 0) {
      converge(base, membership, gamma, m, theta, maxIterations, runRng);
      q = polishRounds > 0 ? polish(base, membership, gamma, m, theta, maxIterations, polishRounds, runRng, budget / restarts) : workQuality(base, membership, gamma, m);
    } else q = 0;
    if (q > bestQ + 1e-14) {
      bestQ = q;
      best = membership;
    }
    options.onProgress?.(run + 1, restarts + 1);
  }
  options.onProgress?.(restarts + 1, restarts + 1);
  return finish(g, base, best!, bestQ, m);
}

/** Singletons, or the given partition (checked, nodes without links alone, renumbered 0..k-1). */
function startingMembership(base: Work, initial: Int32Array | undefined): Int32Array {
  const n = base.n;
  const membership = new Int32Array(n);
  if (!initial) {
    for (let i = 0; i < n; i++) membership[i] = i;
    return membership;
  }
  if (initial.length !== n) throw new RangeError(`leidenBarber: initial must have one cluster per row and column (${n}), got ${initial.length}`);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const c = initial[i];
    if (!(c >= 0) || !Number.isInteger(c)) throw new RangeError(`leidenBarber: initial cluster ${c} of node ${i} is not a whole number >= 0`);
    if (c > max) max = c;
  }
  for (let i = 0; i < n; i++) membership[i] = base.sR[i] + base.sC[i] > 0 ? initial[i] : max + 1 + i;
  renumber(membership);
  return membership;
}

/** Runs Leiden iterations from `membership` until stable (or maxIterations). */
function converge(base: Work, membership: Int32Array, gamma: number, m: number, theta: number, maxIterations: number, rng: Random): void {
  for (let it = 0; it < maxIterations; it++) {
    if (!leidenIteration(base, membership, gamma, m, theta, rng)) break;
  }
}

/**
 * Polishing by iterated local search: Leiden stops at a partition no single
 * move, refinement or merge improves, but different seeds stop at different
 * such optima. Starting from a run's result, each round "kicks" a cluster C
 * and one or two adjacent clusters (merges them, dissolves them into
 * singletons, or splits C along a breadth-first ball) and re-optimises; the
 * result is kept when Q_B rises. The search ends after `rounds` consecutive
 * kicks without gain, after 20 x rounds kicks, or when the kicks' small
 * graphs have used `budget` (adjacency entries; the caller shares
 * max(10^6, 4 x adjacency entries) among the runs), which bounds the cost on
 * large graphs to a few Leiden runs (there the runs already agree).
 *
 * Each kick is re-optimised on a small graph: the nodes of the kicked
 * clusters, plus one frozen super-node per other cluster (links summed).
 * Links inside a frozen cluster are the same for every partition of this
 * graph, so comparing Q_B on it compares Q_B on the whole graph, at a cost
 * of O(links of the kicked clusters + links between clusters) per kick
 * instead of whole Leiden iterations.
 */
function polish(base: Work, membership: Int32Array, gamma: number, m: number, theta: number, maxIterations: number, rounds: number, rng: Random, budget: number): number {
  const n = base.n;
  const linked: number[] = [];
  for (let v = 0; v < n; v++) if (base.ptr[v + 1] > base.ptr[v]) linked.push(v);
  if (linked.length === 0) return workQuality(base, membership, gamma, m);
  const st = polishState(base, membership);
  // Work budget (adjacency entries scanned by kicks) so large graphs spend at most a few Leiden runs' worth here.
  let work = 0;
  let accepted = 0;
  for (let round = 0, idle = 0; idle < rounds && round < 20 * rounds && work < budget; round++, idle++) {
    const kicked = chooseKicked(st, linked, rng);
    const small = smallGraph(st, kicked);
    work += small.arcs + st.k;
    const trial = kickTrial(st, small, kicked[0], rng);
    converge(small.A, trial, gamma, m, theta, maxIterations, rng);
    renumber(small.current);
    const gain = workQuality(small.A, trial, gamma, m) - workQuality(small.A, small.current, gamma, m);
    for (const v of small.free) st.local[v] = -1;
    if (gain > 1e-13) {
      acceptTrial(st, small, trial);
      accepted++;
      idle = -1;
    }
  }
  // After any accepted kick, finish with full Leiden iterations on the whole graph (frozen nodes may now move).
  if (accepted > 0) converge(base, membership, gamma, m, theta, maxIterations, rng);
  return workQuality(base, membership, gamma, m);
}

/** What the kicks of one polish share: the partition, its aggregate graph and members, and scratch arrays. */
interface PolishState {
  base: Work;
  membership: Int32Array;
  k: number;
  cg: Work;
  memStart: Int32Array;
  members: Int32Array;
  local: Int32Array;
  isKicked: Uint8Array;
  frozenId: Int32Array;
  /** Indexed by small-graph node, < s + k <= 2n. */
  acc: Float64Array;
}

function polishState(base: Work, membership: Int32Array): PolishState {
  const n = base.n;
  const st: PolishState = {
    base,
    membership,
    k: 0,
    cg: base,
    memStart: new Int32Array(1),
    members: new Int32Array(n),
    local: new Int32Array(n).fill(-1),
    isKicked: new Uint8Array(n),
    frozenId: new Int32Array(n),
    acc: new Float64Array(2 * n),
  };
  rebuildPolish(st);
  return st;
}

/** The aggregate graph and member lists of the current partition. */
function rebuildPolish(st: PolishState): void {
  const { base, membership, members } = st;
  const n = base.n;
  st.k = renumber(membership);
  st.cg = aggregate(base, membership, st.k);
  st.memStart = new Int32Array(st.k + 1);
  for (let v = 0; v < n; v++) st.memStart[membership[v] + 1]++;
  for (let c = 0; c < st.k; c++) st.memStart[c + 1] += st.memStart[c];
  const fill = st.memStart.slice(0, st.k);
  for (let v = 0; v < n; v++) members[fill[membership[v]]++] = v;
}

/**
 * The kicked clusters: a random linked node's cluster C, then one or two
 * neighbours, each chosen with probability proportional to its link weight
 * with a kicked cluster. Marks them in isKicked.
 */
function chooseKicked(st: PolishState, linked: number[], rng: Random): number[] {
  const { cg, isKicked } = st;
  const C = st.membership[linked[rng.nextInt(linked.length)]];
  const kicked = [C];
  isKicked[C] = 1;
  const want = 2 + rng.nextInt(2);
  for (let tries = 0; kicked.length < want && tries < 4; tries++) {
    const from = kicked[rng.nextInt(kicked.length)];
    let total = 0;
    for (let p = cg.ptr[from]; p < cg.ptr[from + 1]; p++) if (!isKicked[cg.adj[p]]) total += cg.w[p];
    if (total === 0) continue;
    let x = rng.nextFloat() * total;
    let D = -1;
    for (let p = cg.ptr[from]; p < cg.ptr[from + 1]; p++) {
      if (isKicked[cg.adj[p]]) continue;
      D = cg.adj[p];
      x -= cg.w[p];
      if (x < 0) break;
    }
    kicked.push(D);
    isKicked[D] = 1;
  }
  return kicked;
}

interface SmallGraph {
  A: Work;
  /** Members of the kicked clusters: small-graph nodes 0..s-1. */
  free: number[];
  s: number;
  /** The current partition on the small graph (frozen node f of cluster c is in c). */
  current: Int32Array;
  /** Work done building it. */
  arcs: number;
}

/** Small graph: free nodes 0..s-1 (members of the kicked clusters), then one frozen node per other cluster. Clears isKicked. */
function smallGraph(st: PolishState, kicked: number[]): SmallGraph {
  const { base, cg, membership, memStart, members, local, isKicked, frozenId, acc, k } = st;
  const free: number[] = [];
  for (const c of kicked) for (let i = memStart[c]; i < memStart[c + 1]; i++) free.push(members[i]);
  const s = free.length;
  free.forEach((v, i) => (local[v] = i));
  let an = s;
  for (let c = 0; c < k; c++) frozenId[c] = isKicked[c] ? -1 : an++;
  const src: number[] = [];
  const dst: number[] = [];
  const wt: number[] = [];
  const touched: number[] = [];
  for (let i = 0; i < s; i++) {
    const v = free[i];
    for (let p = base.ptr[v]; p < base.ptr[v + 1]; p++) {
      const u = base.adj[p];
      const t = local[u] >= 0 ? local[u] : frozenId[membership[u]];
      if (acc[t] === 0) touched.push(t);
      acc[t] += base.w[p];
    }
    for (const t of touched) {
      src.push(i), dst.push(t), wt.push(acc[t]);
      if (t >= s) src.push(t), dst.push(i), wt.push(acc[t]);
      acc[t] = 0;
    }
    touched.length = 0;
  }
  for (let c = 0; c < k; c++) {
    if (isKicked[c]) continue;
    for (let p = cg.ptr[c]; p < cg.ptr[c + 1]; p++) if (!isKicked[cg.adj[p]]) src.push(frozenId[c]), dst.push(frozenId[cg.adj[p]]), wt.push(cg.w[p]);
  }
  const A = workFromArcs(an, src, dst, wt);
  const current = new Int32Array(an);
  for (let i = 0; i < s; i++) {
    A.sR[i] = base.sR[free[i]];
    A.sC[i] = base.sC[free[i]];
    current[i] = membership[free[i]];
  }
  for (let c = 0; c < k; c++) {
    if (isKicked[c]) continue;
    A.sR[frozenId[c]] = cg.sR[c];
    A.sC[frozenId[c]] = cg.sC[c];
    current[frozenId[c]] = c;
  }
  for (const c of kicked) isKicked[c] = 0;
  return { A, free, s, current, arcs: 4 * src.length };
}

/** One of three kicks of the current partition: merge the kicked clusters, dissolve them, or split C in two. */
function kickTrial(st: PolishState, g: SmallGraph, C: number, rng: Random): Int32Array {
  const { A, s } = g;
  const trial = g.current.slice();
  const kick = rng.nextInt(3);
  if (kick === 0) {
    // Merge the kicked clusters: refinement and aggregation may then split them differently.
    for (let i = 0; i < s; i++) trial[i] = C;
  } else if (kick === 1) {
    // Dissolve the kicked clusters into singletons.
    for (let i = 0; i < s; i++) trial[i] = st.k + i;
  } else {
    // Split C in two: a breadth-first ball from a random member, grown to half of C's strength, becomes a new cluster.
    const nC = st.memStart[C + 1] - st.memStart[C];
    let sCl = 0;
    for (let i = 0; i < nC; i++) sCl += A.sR[i] + A.sC[i];
    const start = rng.nextInt(nC);
    const NEW = st.k;
    const queue = [start];
    trial[start] = NEW;
    let got = A.sR[start] + A.sC[start];
    for (let h = 0; h < queue.length && got < sCl / 2; h++) {
      const i = queue[h];
      for (let p = A.ptr[i]; p < A.ptr[i + 1] && got < sCl / 2; p++) {
        const j = A.adj[p];
        if (j >= s || trial[j] !== C) continue;
        trial[j] = NEW;
        got += A.sR[j] + A.sC[j];
        queue.push(j);
      }
    }
  }
  return trial;
}

/** Carry an improving trial back to the whole graph. */
function acceptTrial(st: PolishState, g: SmallGraph, trial: Int32Array): void {
  const n = st.base.n;
  const next = new Int32Array(n);
  for (let i = 0; i < g.s; i++) next[g.free[i]] = trial[i];
  const inFree = new Uint8Array(n);
  for (const v of g.free) inFree[v] = 1;
  for (let v = 0; v < n; v++) if (!inFree[v]) next[v] = trial[st.frozenId[st.membership[v]]];
  st.membership.set(next);
  rebuildPolish(st);
}

/** A Work graph (strengths zero, to be filled) from directed arcs; each undirected link must appear in both directions. */
function workFromArcs(n: number, src: number[], dst: number[], wt: number[]): Work {
  const ptr = new Int32Array(n + 1);
  for (let e = 0; e < src.length; e++) ptr[src[e] + 1]++;
  for (let i = 0; i < n; i++) ptr[i + 1] += ptr[i];
  const fill = ptr.slice(0, n);
  const adj = new Int32Array(src.length);
  const w = new Float64Array(src.length);
  for (let e = 0; e < src.length; e++) {
    const j = fill[src[e]]++;
    adj[j] = dst[e];
    w[j] = wt[e];
  }
  return { n, ptr, adj, w, sR: new Float64Array(n), sC: new Float64Array(n) };
}

/** Rows are nodes 0..nRows-1, columns nRows..nRows+nCols-1. */
function workFromBipartite(g: BipartiteGraph): Work {
  const { nRows, nCols, rowPtr, colIdx, weights } = g;
  const n = nRows + nCols;
  const deg = new Int32Array(n + 1);
  for (let r = 0; r < nRows; r++) {
    deg[r + 1] = rowPtr[r + 1] - rowPtr[r];
    for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) deg[nRows + colIdx[p] + 1]++;
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const ptr = deg;
  const nnz = ptr[n];
  const adj = new Int32Array(nnz);
  const w = new Float64Array(nnz);
  const fill = ptr.slice(0, n);
  const sR = new Float64Array(n);
  const sC = new Float64Array(n);
  for (let r = 0; r < nRows; r++) {
    for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
      const c = nRows + colIdx[p];
      const x = weights[p];
      adj[fill[r]] = c;
      w[fill[r]++] = x;
      adj[fill[c]] = r;
      w[fill[c]++] = x;
      sR[r] += x;
      sC[c] += x;
    }
  }
  return { n, ptr, adj, w, sR, sC };
}

/** m * Q_B of a membership over a work graph (links counted once: each appears twice in the symmetric adjacency). */
function workQuality(g: Work, membership: Int32Array, gamma: number, m: number): number {
  if (m === 0) return 0;
  const n = g.n;
  const kr = new Float64Array(n);
  const kc = new Float64Array(n);
  let e = 0;
  for (let v = 0; v < n; v++) {
    const c = membership[v];
    kr[c] += g.sR[v];
    kc[c] += g.sC[v];
    for (let p = g.ptr[v]; p < g.ptr[v + 1]; p++) if (membership[g.adj[p]] === c) e += g.w[p];
  }
  let null_ = 0;
  for (let c = 0; c < n; c++) null_ += kr[c] * kc[c];
  return (e / 2 - (gamma * null_) / m) / m;
}

/**
 * One Leiden iteration from `membership` (over the base graph), updated in
 * place. Returns whether any node moved.
 */
function leidenIteration(base: Work, membership: Int32Array, gamma: number, m: number, theta: number, rng: Random): boolean {
  let g = base;
  let comm = membership.slice();
  renumber(comm);
  const nodeOf = new Int32Array(base.n);
  for (let i = 0; i < base.n; i++) nodeOf[i] = i;
  let anyMove = false;
  for (;;) {
    if (fastLocalMove(g, comm, gamma, m, rng)) anyMove = true;
    const k = renumber(comm);
    if (k === g.n) break;
    let ref = refine(g, comm, gamma, m, theta, rng);
    let kr = renumber(ref);
    if (kr === g.n) {
      // Refinement merged nothing: aggregate by the communities themselves.
      ref = comm;
      kr = k;
    }
    const next = aggregate(g, ref, kr);
    const comm2 = new Int32Array(kr);
    for (let v = 0; v < g.n; v++) comm2[ref[v]] = comm[v];
    for (let i = 0; i < base.n; i++) nodeOf[i] = ref[nodeOf[i]];
    g = next;
    comm = comm2;
  }
  for (let i = 0; i < base.n; i++) membership[i] = comm[nodeOf[i]];
  return anyMove;
}

/** Renumbers ids to 0..k-1 in order of first appearance; returns k. */
function renumber(a: Int32Array): number {
  let max = a.length - 1;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  const map = new Int32Array(max + 1).fill(-1);
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a[i];
    if (map[c] < 0) map[c] = k++;
    a[i] = map[c];
  }
  return k;
}

/**
 * Queue-based local moving (Traag et al.'s fast local move). `comm` holds ids
 * in 0..n-1 and is updated in place. Returns whether any node moved.
 */
function fastLocalMove(g: Work, comm: Int32Array, gamma: number, m: number, rng: Random): boolean {
  const { n, ptr, adj, w, sR, sC } = g;
  const KR = new Float64Array(n);
  const KC = new Float64Array(n);
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const c = comm[v];
    KR[c] += sR[v];
    KC[c] += sC[v];
    size[c]++;
  }
  const empty = new Int32Array(n);
  let nEmpty = 0;
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) empty[nEmpty++] = c;

  const queue = new Int32Array(n);
  for (let i = 0; i < n; i++) queue[i] = i;
  rng.shuffle(queue);
  const inQueue = new Uint8Array(n).fill(1);
  let head = 0;
  let len = n;

  const cw = new Float64Array(n);
  const touched = new Int32Array(n);
  const gm = gamma / m;
  const eps = 1e-12 * m;
  let moved = false;

  while (len > 0) {
    const v = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    len--;
    inQueue[v] = 0;
    const own = comm[v];
    const srv = sR[v];
    const scv = sC[v];
    let t = 0;
    for (let p = ptr[v]; p < ptr[v + 1]; p++) {
      const u = adj[p];
      if (u === v) continue;
      const c = comm[u];
      if (cw[c] === 0) touched[t++] = c;
      cw[c] += w[p];
    }
    KR[own] -= srv;
    KC[own] -= scv;
    size[own]--;
    let best = own;
    let bestGain = cw[own] - gm * (srv * KC[own] + scv * KR[own]);
    for (let i = 0; i < t; i++) {
      const c = touched[i];
      if (c === own) continue;
      const gain = cw[c] - gm * (srv * KC[c] + scv * KR[c]);
      if (gain > bestGain + eps) {
        bestGain = gain;
        best = c;
      }
    }
    for (let i = 0; i < t; i++) cw[touched[i]] = 0;
    if (bestGain < -eps && size[own] > 0) {
      // Alone is better than anywhere: an empty community (gain 0).
      best = empty[--nEmpty];
    }
    KR[best] += srv;
    KC[best] += scv;
    size[best]++;
    if (best !== own) {
      moved = true;
      comm[v] = best;
      if (size[own] === 0) empty[nEmpty++] = own;
      for (let p = ptr[v]; p < ptr[v + 1]; p++) {
        const u = adj[p];
        if (!inQueue[u] && comm[u] !== best) {
          inQueue[u] = 1;
          let tail = head + len;
          if (tail >= n) tail -= n;
          queue[tail] = u;
          len++;
        }
      }
    }
  }
  return moved;
}

/**
 * Leiden refinement: within each community S of `comm`, start from
 * singletons and let each singleton v that is well connected to S merge into
 * a well-connected sub-cluster C of S, chosen at random among those with
 * non-negative gain with probability proportional to exp(gain / theta).
 * Well connected (Barber form of Traag's condition): the link weight between
 * X and S - X is at least gamma times the null model's expectation for it,
 * gamma (K_X^R (K_S^C - K_X^C) + K_X^C (K_S^R - K_X^R)) / m.
 */
function refine(g: Work, comm: Int32Array, gamma: number, m: number, theta: number, rng: Random): Int32Array {
  const { n, ptr, adj, w, sR, sC } = g;
  const SR = new Float64Array(n);
  const SC = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    SR[comm[v]] += sR[v];
    SC[comm[v]] += sC[v];
  }
  const ref = new Int32Array(n);
  const rKR = sR.slice();
  const rKC = sC.slice();
  const rSize = new Int32Array(n).fill(1);
  const wInS = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    ref[v] = v;
    const c = comm[v];
    let s = 0;
    for (let p = ptr[v]; p < ptr[v + 1]; p++) {
      const u = adj[p];
      if (u !== v && comm[u] === c) s += w[p];
    }
    wInS[v] = s;
  }
  const eOut = wInS.slice();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order);
  const cw = new Float64Array(n);
  const touched = new Int32Array(n);
  const cand = new Int32Array(n);
  const candGain = new Float64Array(n);
  const gm = gamma / m;
  const eps = 1e-12 * m;

  for (let oi = 0; oi < n; oi++) {
    const v = order[oi];
    if (rSize[ref[v]] !== 1) continue;
    const S = comm[v];
    const srv = sR[v];
    const scv = sC[v];
    const KRS = SR[S];
    const KCS = SC[S];
    if (wInS[v] + eps < gm * (srv * (KCS - scv) + scv * (KRS - srv))) continue;
    let t = 0;
    for (let p = ptr[v]; p < ptr[v + 1]; p++) {
      const u = adj[p];
      if (u === v || comm[u] !== S) continue;
      const c = ref[u];
      if (cw[c] === 0) touched[t++] = c;
      cw[c] += w[p];
    }
    const own = ref[v];
    let nc = 0;
    let maxGain = 0;
    for (let i = 0; i < t; i++) {
      const c = touched[i];
      if (c === own) continue;
      const kr = rKR[c];
      const kc = rKC[c];
      if (eOut[c] + eps < gm * (kr * (KCS - kc) + kc * (KRS - kr))) continue;
      const gain = cw[c] - gm * (srv * kc + scv * kr);
      if (gain < -eps) continue;
      cand[nc] = c;
      candGain[nc++] = gain;
      if (gain > maxGain) maxGain = gain;
    }
    if (nc > 0) {
      // Staying alone (gain 0) is also a candidate.
      let total = Math.exp(-maxGain / theta);
      for (let i = 0; i < nc; i++) total += Math.exp((candGain[i] - maxGain) / theta);
      let x = rng.nextFloat() * total - Math.exp(-maxGain / theta);
      let chosen = -1;
      if (x >= 0) {
        chosen = cand[nc - 1];
        for (let i = 0; i < nc; i++) {
          x -= Math.exp((candGain[i] - maxGain) / theta);
          if (x < 0) {
            chosen = cand[i];
            break;
          }
        }
      }
      if (chosen >= 0) {
        ref[v] = chosen;
        rKR[chosen] += srv;
        rKC[chosen] += scv;
        rSize[chosen]++;
        rSize[own] = 0;
        eOut[chosen] += wInS[v] - 2 * cw[chosen];
      }
    }
    for (let i = 0; i < t; i++) cw[touched[i]] = 0;
  }
  return ref;
}

/** Collapses each part of `part` (ids 0..k-1) into one node; links inside a part are dropped (they do not affect gains). */
function aggregate(g: Work, part: Int32Array, k: number): Work {
  const { n, ptr, adj, w, sR, sC } = g;
  const sR2 = new Float64Array(k);
  const sC2 = new Float64Array(k);
  const start = new Int32Array(k + 1);
  for (let v = 0; v < n; v++) {
    sR2[part[v]] += sR[v];
    sC2[part[v]] += sC[v];
    start[part[v] + 1]++;
  }
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const members = new Int32Array(n);
  const fill = start.slice(0, k);
  for (let v = 0; v < n; v++) members[fill[part[v]]++] = v;

  const ptr2 = new Int32Array(k + 1);
  const adj2 = new Int32Array(adj.length);
  const w2 = new Float64Array(adj.length);
  const acc = new Float64Array(k);
  const touched = new Int32Array(k);
  let e = 0;
  for (let c = 0; c < k; c++) {
    let t = 0;
    for (let i = start[c]; i < start[c + 1]; i++) {
      const v = members[i];
      for (let p = ptr[v]; p < ptr[v + 1]; p++) {
        const d = part[adj[p]];
        if (d === c) continue;
        if (acc[d] === 0) touched[t++] = d;
        acc[d] += w[p];
      }
    }
    for (let i = 0; i < t; i++) {
      const d = touched[i];
      adj2[e] = d;
      w2[e++] = acc[d];
      acc[d] = 0;
    }
    ptr2[c + 1] = e;
  }
  return { n: k, ptr: ptr2, adj: adj2.slice(0, e), w: w2.slice(0, e), sR: sR2, sC: sC2 };
}

/** Canonical numbering and the result object. */
function finish(g: BipartiteGraph, base: Work, membership: Int32Array, q: number, m: number): LeidenBarberResult {
  const n = base.n;
  const strength = new Float64Array(n);
  const first = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const c = membership[v];
    strength[c] += base.sR[v] + base.sC[v];
    if (first[c] < 0) first[c] = v;
  }
  const ids: number[] = [];
  for (let c = 0; c < n; c++) if (first[c] >= 0 && strength[c] > 0) ids.push(c);
  ids.sort((a, b) => strength[b] - strength[a] || first[a] - first[b]);
  const label = new Int32Array(n).fill(-1);
  ids.forEach((c, i) => (label[c] = i));
  let k = ids.length;
  let isolated = 0;
  const out = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (base.sR[v] + base.sC[v] > 0) out[v] = label[membership[v]];
    else {
      out[v] = k++;
      isolated++;
    }
  }
  return {
    rowCluster: out.slice(0, g.nRows),
    colCluster: out.slice(g.nRows),
    clusters: k,
    isolated,
    modularity: m > 0 ? q : 0,
  };
}
