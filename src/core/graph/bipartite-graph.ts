/** The weighted bipartite graph as compressed sparse rows (see bipartite.ts for how it is built). */
export interface BipartiteGraph {
  /** Number of row nodes (qualifications). */
  nRows: number;
  /** Number of column nodes (occupations). */
  nCols: number;
  /** Row offsets into colIdx/weights, length nRows + 1. */
  rowPtr: Int32Array;
  /** Column of each link, ascending within a row. */
  colIdx: Int32Array;
  /** Weight of each link (> 0), e.g. the number of people holding both. */
  weights: Float64Array;
}
