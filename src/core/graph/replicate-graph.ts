/**
 * Re-projection of resampled people, fast. A bootstrap replicate's graph
 * has the links of the full graph that someone drawn holds, weighted by the
 * draws: w_r(q, o) = sum over people p holding q and o of mult[p].
 *
 * People with the same qualifications and occupations (a pattern) add the
 * same links, so they are grouped once and a replicate draws one weight per
 * pattern (the sum of its members' draws, drawn directly: bootstrap.ts).
 * That is cheaper, and it makes a replicate depend on the patterns only, not
 * on the order people came in: a dataset imported as records and the same
 * dataset handed over as pattern counts (src/core/graph/patterns.ts) get
 * the same replicates, so the same confidence. Patterns are numbered in a
 * canonical order (by a hash of their rows, then the rows themselves).
 *
 * Each pattern's (q, o) pairs are resolved once to the full graph's link
 * numbers, so a replicate is one pass adding mult[g] into a link-sized array
 * (which fits in cache) and one pass dropping links no one drawn holds. The
 * result equals graphFromIncidence(inc, personMult) exactly, for person
 * weights summing to the pattern weights (the weights are whole numbers).
 */
import type { BipartiteGraph } from './bipartite-graph.js';
import { graphFromIncidence, type PersonIncidence } from './incidence.js';

/** What every replicate of one incidence shares; plain typed arrays, so it can be shared with worker threads. */
export interface ProjectionBasis {
  nPeople: number;
  nPatterns: number;
  nRows: number;
  nCols: number;
  /** The full projection (every person once). */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** People before each pattern in canonical order, length nPatterns + 1 (pattern g has patternStart[g+1] - patternStart[g] people). */
  patternStart: Int32Array;
  /** Pattern offsets into pairLink, length nPatterns + 1. */
  pairPtr: Int32Array;
  /** Link number (index into colIdx) of each of a pattern's (qualification, occupation) pairs. */
  pairLink: Int32Array;
}

/** People grouped by pattern: pattern g's members are order[start[g] .. start[g+1]), patterns in canonical order. */
export interface PatternGroups {
  order: Int32Array;
  start: Int32Array;
}

export function projectionBasis(inc: PersonIncidence): ProjectionBasis {
  const { nPeople, nRows, nCols } = inc;
  const g = graphFromIncidence(inc);
  const rows = sortedRows(inc);
  const { qualPtr, occPtr } = rows;
  const { order, start } = groupRows(rows, nPeople);
  const nPatterns = start.length - 1;
  const pairPtr = new Int32Array(nPatterns + 1);
  for (let k = 0; k < nPatterns; k++) {
    const p = order[start[k]];
    pairPtr[k + 1] = pairPtr[k] + (qualPtr[p + 1] - qualPtr[p]) * (occPtr[p + 1] - occPtr[p]);
  }
  const pairLink = resolvePairs(g, rows, order, start, pairPtr);
  return { nPeople, nPatterns, nRows, nCols, rowPtr: g.rowPtr, colIdx: g.colIdx, patternStart: start, pairPtr, pairLink };
}

/**
 * The link numbers of each pattern's pairs, resolved from its first member
 * in person order (reading the rows in order is faster than in pattern order).
 */
function resolvePairs(g: BipartiteGraph, rows: Rows, order: Int32Array, start: Int32Array, pairPtr: Int32Array): Int32Array {
  const { qualPtr, qualIdx, occPtr, occIdx } = rows;
  const nPatterns = start.length - 1;
  const pairLink = new Int32Array(pairPtr[nPatterns]);
  const patternOfFirst = new Int32Array(order.length).fill(-1);
  for (let k = 0; k < nPatterns; k++) patternOfFirst[order[start[k]]] = k;
  for (let p = 0; p < order.length; p++) {
    const k = patternOfFirst[p];
    if (k < 0) continue;
    let j = pairPtr[k];
    for (let a = qualPtr[p]; a < qualPtr[p + 1]; a++) {
      const q = qualIdx[a];
      for (let b = occPtr[p]; b < occPtr[p + 1]; b++) pairLink[j++] = findLink(g, q, occIdx[b]);
    }
  }
  return pairLink;
}

/**
 * Groups people with identical rows. Rows are compared as sets (each
 * person's indices sorted), and patterns ordered by (hash, qualifications,
 * occupations): a function of the patterns alone, whatever order people came in.
 */
export function groupPatterns(inc: PersonIncidence): PatternGroups {
  return groupRows(sortedRows(inc), inc.nPeople);
}

function groupRows(rows: Rows, n: number): PatternGroups {
  const hash = new Uint32Array(n);
  for (let p = 0; p < n; p++) hash[p] = rowHash(rows, p);
  const order = orderByHash(hash);
  // Equal hashes are nearly always equal rows; the rare collisions are put in row order.
  for (let i = 0, j = 1; i < n; i = j, j = i + 1) {
    while (j < n && hash[order[j]] === hash[order[i]]) j++;
    if (j - i > 1) order.subarray(i, j).sort((a, b) => compareRows(rows, a, b) || a - b);
  }
  const starts = [0];
  for (let i = 1; i < n; i++) if (hash[order[i]] !== hash[order[i - 1]] || compareRows(rows, order[i], order[i - 1]) !== 0) starts.push(i);
  if (n > 0) starts.push(n);
  return { order, start: Int32Array.from(starts) };
}

/** People in ascending order of hash, ties by person (a radix sort, two 16-bit passes: a comparison sort of 1M people took a second). */
function orderByHash(hash: Uint32Array): Int32Array {
  const n = hash.length;
  let from = new Int32Array(n);
  for (let p = 0; p < n; p++) from[p] = p;
  let to = new Int32Array(n);
  for (const shift of [0, 16]) {
    const count = new Int32Array(65537);
    for (let p = 0; p < n; p++) count[((hash[p] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65536; d++) count[d + 1] += count[d];
    for (let i = 0; i < n; i++) {
      const p = from[i];
      to[count[(hash[p] >>> shift) & 0xffff]++] = p;
    }
    [from, to] = [to, from];
  }
  return from;
}

type Rows = Pick<PersonIncidence, 'qualPtr' | 'qualIdx' | 'occPtr' | 'occIdx'>;

/** The incidence's rows with each person's indices in ascending order (copied only where some are not). */
function sortedRows(inc: PersonIncidence): Rows {
  return { qualPtr: inc.qualPtr, qualIdx: sortedRuns(inc.qualPtr, inc.qualIdx), occPtr: inc.occPtr, occIdx: sortedRuns(inc.occPtr, inc.occIdx) };
}

function sortedRuns(ptr: Int32Array, idx: Int32Array): Int32Array {
  let out: Int32Array | null = null;
  for (let p = 0; p + 1 < ptr.length; p++) {
    for (let a = ptr[p] + 1; a < ptr[p + 1]; a++) {
      if (idx[a - 1] > idx[a]) {
        out ??= idx.slice();
        out.subarray(ptr[p], ptr[p + 1]).sort();
        break;
      }
    }
  }
  return out ?? idx;
}

/** FNV-1a over a person's qualification count, qualifications and occupations. */
function rowHash(r: Rows, p: number): number {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h = Math.imul(h ^ v, 0x01000193);
  };
  mix(r.qualPtr[p + 1] - r.qualPtr[p]);
  for (let a = r.qualPtr[p]; a < r.qualPtr[p + 1]; a++) mix(r.qualIdx[a]);
  for (let b = r.occPtr[p]; b < r.occPtr[p + 1]; b++) mix(r.occIdx[b]);
  return h >>> 0;
}

function compareRows(r: Rows, a: number, b: number): number {
  return compareRuns(r.qualIdx, r.qualPtr[a], r.qualPtr[a + 1], r.qualPtr[b], r.qualPtr[b + 1]) || compareRuns(r.occIdx, r.occPtr[a], r.occPtr[a + 1], r.occPtr[b], r.occPtr[b + 1]);
}

/** Lexicographic order of idx[a0, a1) and idx[b0, b1), a prefix first. */
function compareRuns(idx: Int32Array, a0: number, a1: number, b0: number, b1: number): number {
  for (; a0 < a1 && b0 < b1; a0++, b0++) if (idx[a0] !== idx[b0]) return idx[a0] - idx[b0];
  return a1 - a0 - (b1 - b0);
}

/** Index of link (q, o) in g (binary search in row q; the link exists since g is the projection of the same people). */
function findLink(g: BipartiteGraph, q: number, o: number): number {
  let lo = g.rowPtr[q];
  let hi = g.rowPtr[q + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = g.colIdx[mid];
    if (c === o) return mid;
    if (c < o) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new RangeError(`projectionBasis: link (${q}, ${o}) missing from the projection`);
}

/** The graph of people weighted by `mult` (one entry per pattern, >= 0: the sum of its members' weights). */
export function replicateGraph(basis: ProjectionBasis, mult: Float64Array): BipartiteGraph {
  const { nPatterns, nRows, nCols, rowPtr, colIdx, pairPtr, pairLink } = basis;
  if (mult.length !== nPatterns) throw new RangeError('replicateGraph: mult must have one entry per pattern');
  const acc = new Float64Array(colIdx.length);
  for (let p = 0; p < nPatterns; p++) {
    const m = mult[p];
    if (!(m > 0)) continue;
    for (let j = pairPtr[p]; j < pairPtr[p + 1]; j++) acc[pairLink[j]] += m;
  }
  let k = 0;
  for (let e = 0; e < acc.length; e++) if (acc[e] > 0) k++;
  const outPtr = new Int32Array(nRows + 1);
  const outCol = new Int32Array(k);
  const outW = new Float64Array(k);
  k = 0;
  for (let q = 0; q < nRows; q++) {
    for (let e = rowPtr[q]; e < rowPtr[q + 1]; e++) {
      if (acc[e] > 0) {
        outCol[k] = colIdx[e];
        outW[k++] = acc[e];
      }
    }
    outPtr[q + 1] = k;
  }
  return { nRows, nCols, rowPtr: outPtr, colIdx: outCol, weights: outW };
}
