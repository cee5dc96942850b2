/**
 * The weighted bipartite graph of qualifications (rows) and occupations
 * (columns), held as compressed sparse rows: the links of row r are
 * `colIdx[rowPtr[r] .. rowPtr[r+1])` with weights `weights[...]`, columns
 * ascending within a row. No per-edge objects, so graphs of millions of links
 * stay compact and fast to scan.
 */
import type { BipartiteGraph } from './bipartite-graph.js';
import { CsrBuilder } from './csr-builder.js';

export type { BipartiteGraph } from './bipartite-graph.js';

/**
 * Builds a graph from parallel edge arrays, summing duplicate (row, col)
 * pairs. Links whose summed weight is 0 are dropped.
 *
 * @throws RangeError for an index out of range, a negative or non-finite weight, or arrays of different lengths.
 */
export function bipartiteFromEdges(
  nRows: number,
  nCols: number,
  rows: Int32Array,
  cols: Int32Array,
  weights: Float64Array,
): BipartiteGraph {
  const n = rows.length;
  if (cols.length !== n || weights.length !== n) throw new RangeError('bipartiteFromEdges: rows, cols and weights must have the same length');
  // Bucket edges by row (counting sort).
  const count = new Int32Array(nRows + 1);
  for (let e = 0; e < n; e++) {
    const r = rows[e];
    const c = cols[e];
    const w = weights[e];
    if (r < 0 || r >= nRows || !Number.isInteger(r)) throw new RangeError(`bipartiteFromEdges: row ${r} out of range [0, ${nRows})`);
    if (c < 0 || c >= nCols || !Number.isInteger(c)) throw new RangeError(`bipartiteFromEdges: col ${c} out of range [0, ${nCols})`);
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`bipartiteFromEdges: weight ${w} must be finite and >= 0`);
    count[r + 1]++;
  }
  for (let r = 0; r < nRows; r++) count[r + 1] += count[r];
  const order = new Int32Array(n);
  const fill = count.slice(0, nRows);
  for (let e = 0; e < n; e++) order[fill[rows[e]]++] = e;

  // Merge duplicates per row.
  const out = new CsrBuilder(nRows, nCols, Math.min(n, 16));
  for (let r = 0; r < nRows; r++) {
    for (let p = count[r]; p < count[r + 1]; p++) {
      const e = order[p];
      out.add(cols[e], weights[e]);
    }
    out.endRow();
  }
  return out.finish();
}

/** Sum of all link weights (m). */
export function totalWeight(g: BipartiteGraph): number {
  let m = 0;
  for (let e = 0; e < g.weights.length; e++) m += g.weights[e];
  return m;
}

/** Row strengths (sum of link weights per row) and column strengths. */
export function strengths(g: BipartiteGraph): { row: Float64Array; col: Float64Array } {
  const row = new Float64Array(g.nRows);
  const col = new Float64Array(g.nCols);
  for (let r = 0; r < g.nRows; r++) {
    let s = 0;
    for (let p = g.rowPtr[r]; p < g.rowPtr[r + 1]; p++) {
      s += g.weights[p];
      col[g.colIdx[p]] += g.weights[p];
    }
    row[r] = s;
  }
  return { row, col };
}

/** Number of links (distinct row-column pairs with weight > 0). */
export function linkCount(g: BipartiteGraph): number {
  return g.colIdx.length;
}
