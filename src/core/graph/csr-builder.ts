/**
 * Assembles a BipartiteGraph row by row from (column, weight) contributions.
 * Repeated columns of a row are summed in a dense accumulator, remembering
 * which columns were touched, so a row costs O(contributions + k log k) for
 * its k distinct columns and nothing is allocated per link. Shared by
 * bipartiteFromEdges and graphFromIncidence.
 */
import type { BipartiteGraph } from './bipartite-graph.js';

export class CsrBuilder {
  private readonly acc: Float64Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;
  private readonly rowPtr: Int32Array;
  private colIdx: Int32Array;
  private weights: Float64Array;
  private t = 0;
  private row = 0;
  private k = 0;

  constructor(
    private readonly nRows: number,
    private readonly nCols: number,
    capacity = 1024,
  ) {
    this.acc = new Float64Array(nCols);
    this.seen = new Uint8Array(nCols);
    this.touched = new Int32Array(nCols);
    this.rowPtr = new Int32Array(nRows + 1);
    this.colIdx = new Int32Array(Math.max(1, capacity));
    this.weights = new Float64Array(this.colIdx.length);
  }

  /** Adds weight `w` to column `c` of the current row (the caller checks 0 <= c < nCols). */
  add(c: number, w: number): void {
    if (!this.seen[c]) {
      this.seen[c] = 1;
      this.touched[this.t++] = c;
    }
    this.acc[c] += w;
  }

  /** Closes the current row: columns ascending, links whose summed weight is 0 dropped. */
  endRow(): void {
    const t = this.t;
    const list = this.touched.subarray(0, t).sort();
    if (this.k + t > this.colIdx.length) this.grow(this.k + t);
    for (let i = 0; i < t; i++) {
      const c = list[i];
      if (this.acc[c] > 0) {
        this.colIdx[this.k] = c;
        this.weights[this.k] = this.acc[c];
        this.k++;
      }
      this.acc[c] = 0;
      this.seen[c] = 0;
    }
    this.t = 0;
    this.rowPtr[++this.row] = this.k;
  }

  /** The graph; every row must have been ended. */
  finish(): BipartiteGraph {
    if (this.row !== this.nRows) throw new RangeError(`CsrBuilder: ${this.row} of ${this.nRows} rows ended`);
    const k = this.k;
    return { nRows: this.nRows, nCols: this.nCols, rowPtr: this.rowPtr, colIdx: this.colIdx.slice(0, k), weights: this.weights.slice(0, k) };
  }

  private grow(need: number): void {
    const cap = Math.max(need, this.colIdx.length * 2);
    const nc = new Int32Array(cap);
    nc.set(this.colIdx.subarray(0, this.k));
    const nw = new Float64Array(cap);
    nw.set(this.weights.subarray(0, this.k));
    this.colIdx = nc;
    this.weights = nw;
  }
}
