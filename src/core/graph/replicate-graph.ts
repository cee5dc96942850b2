/**
 * Re-projection of resampled people, fast. A bootstrap replicate's graph
 * has the links of the full graph that someone drawn holds, weighted by the
 * draws: w_r(q, o) = sum over people p holding q and o of mult[p]. Instead
 * of projecting people again (graphFromIncidence: a transpose and a CSR
 * build per replicate), each person's (q, o) pairs are resolved once to the
 * full graph's link numbers, so a replicate is one pass adding mult[p] into
 * a link-sized array (which fits in cache) and one pass dropping links no
 * one drawn holds. The result equals graphFromIncidence(inc, mult) exactly
 * (the weights are sums of whole numbers).
 */
import type { BipartiteGraph } from './bipartite-graph.js';
import { graphFromIncidence, type PersonIncidence } from './incidence.js';

/** What every replicate of one incidence shares; plain typed arrays, so it can be shared with worker threads. */
export interface ProjectionBasis {
  nPeople: number;
  nRows: number;
  nCols: number;
  /** The full projection (every person once). */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** Person offsets into pairLink, length nPeople + 1. */
  pairPtr: Int32Array;
  /** Link number (index into colIdx) of each of a person's (qualification, occupation) pairs. */
  pairLink: Int32Array;
}

export function projectionBasis(inc: PersonIncidence): ProjectionBasis {
  const { nPeople, nRows, nCols, qualPtr, qualIdx, occPtr, occIdx } = inc;
  const g = graphFromIncidence(inc);
  const pairPtr = new Int32Array(nPeople + 1);
  for (let p = 0; p < nPeople; p++) pairPtr[p + 1] = pairPtr[p] + (qualPtr[p + 1] - qualPtr[p]) * (occPtr[p + 1] - occPtr[p]);
  const pairLink = new Int32Array(pairPtr[nPeople]);
  let j = 0;
  for (let p = 0; p < nPeople; p++) {
    for (let a = qualPtr[p]; a < qualPtr[p + 1]; a++) {
      const q = qualIdx[a];
      for (let b = occPtr[p]; b < occPtr[p + 1]; b++) pairLink[j++] = findLink(g, q, occIdx[b]);
    }
  }
  return { nPeople, nRows, nCols, rowPtr: g.rowPtr, colIdx: g.colIdx, pairPtr, pairLink };
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

/** The graph of people weighted by `mult` (one entry per person, >= 0). */
export function replicateGraph(basis: ProjectionBasis, mult: Float64Array): BipartiteGraph {
  const { nPeople, nRows, nCols, rowPtr, colIdx, pairPtr, pairLink } = basis;
  if (mult.length !== nPeople) throw new RangeError('replicateGraph: mult must have one entry per person');
  const acc = new Float64Array(colIdx.length);
  for (let p = 0; p < nPeople; p++) {
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
