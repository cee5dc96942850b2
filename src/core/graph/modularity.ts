/**
 * Barber's bipartite modularity (Barber 2007, Phys. Rev. E 76, 066102).
 *
 * For a bipartite graph with total link weight m, row strengths sR and column
 * strengths sC, and a partition of rows and columns into clusters c:
 *
 *   Q_B = sum_c ( e_c / m  -  gamma * K_c^R * K_c^C / m^2 )
 *
 * where e_c is the weight of links between rows and columns of c, K_c^R the
 * summed strength of the rows in c and K_c^C that of its columns. The null
 * model only expects links between a row and a column (never row-row), which
 * is why this differs from Newman's modularity on the same graph.
 */

import type { BipartiteGraph } from './bipartite.js';

/**
 * Q_B of a partition. Cluster ids are any non-negative integers shared
 * between rows and columns (row cluster 3 and column cluster 3 are the same
 * cluster); a negative id leaves the node out of every cluster. Returns 0 for
 * a graph without links.
 *
 * @param resolution gamma; 1 is Barber's definition, larger values favour smaller clusters.
 */
export function barberModularity(g: BipartiteGraph, rowCluster: Int32Array, colCluster: Int32Array, resolution = 1): number {
  if (rowCluster.length !== g.nRows || colCluster.length !== g.nCols) {
    throw new RangeError('barberModularity: one cluster per row and per column is required');
  }
  let k = 0;
  for (let i = 0; i < rowCluster.length; i++) if (rowCluster[i] + 1 > k) k = rowCluster[i] + 1;
  for (let i = 0; i < colCluster.length; i++) if (colCluster[i] + 1 > k) k = colCluster[i] + 1;
  const e = new Float64Array(k);
  const kr = new Float64Array(k);
  const kc = new Float64Array(k);
  let m = 0;
  for (let r = 0; r < g.nRows; r++) {
    const cr = rowCluster[r];
    for (let p = g.rowPtr[r]; p < g.rowPtr[r + 1]; p++) {
      const w = g.weights[p];
      const cc = colCluster[g.colIdx[p]];
      m += w;
      if (cr >= 0) kr[cr] += w;
      if (cc >= 0) kc[cc] += w;
      if (cr >= 0 && cr === cc) e[cr] += w;
    }
  }
  if (m === 0) return 0;
  let q = 0;
  for (let c = 0; c < k; c++) q += e[c] / m - (resolution * kr[c] * kc[c]) / (m * m);
  return q;
}
