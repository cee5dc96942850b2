/**
 * Planted bipartite partitions: synthetic networks whose true clusters are
 * known, for tests and benchmarks of the clustering (recovery is scored with
 * NMI against the planted modules). Seeded, so the same options always give
 * the same network.
 */

import { bipartiteFromEdges, type BipartiteGraph } from './bipartite.js';
import type { PersonIncidence } from './incidence.js';
import { Random } from '../random.js';

export interface PlantedOptions {
  nRows: number;
  nCols: number;
  /** Number of planted modules; rows and columns are split into contiguous, near-equal blocks. */
  modules: number;
  /** Link draws, each adding weight 1 to a (row, column) pair; must be >= nRows + nCols. */
  links: number;
  /** Share of draws whose column is chosen uniformly at random instead of inside the row's module (0..1). */
  rewire: number;
  seed?: number;
}

export interface PlantedGraph {
  graph: BipartiteGraph;
  rowModule: Int32Array;
  colModule: Int32Array;
}

/** Module of index i of n split into k contiguous blocks. */
function blockOf(i: number, n: number, k: number): number {
  return Math.floor((i * k) / n);
}

/**
 * A planted-partition bipartite graph. The first nCols draws start from each
 * column in turn (so no column is isolated), the rest from rows in turn (so
 * row degrees are near equal); the other end is a uniform member of the same
 * module, or with probability `rewire` a uniform node of the other side.
 */
export function plantedBipartite(o: PlantedOptions): PlantedGraph {
  const { nRows, nCols, modules: k, links, rewire } = o;
  if (!(k >= 1 && k <= Math.min(nRows, nCols))) throw new RangeError('plantedBipartite: need 1 <= modules <= min(nRows, nCols)');
  if (links < nRows + nCols) throw new RangeError('plantedBipartite: links must be >= nRows + nCols');
  if (!(rewire >= 0 && rewire <= 1)) throw new RangeError('plantedBipartite: rewire must be in [0, 1]');
  const rng = new Random(o.seed ?? 1);
  const rowModule = new Int32Array(nRows);
  const colModule = new Int32Array(nCols);
  const rowStart = new Int32Array(k + 1);
  const colStart = new Int32Array(k + 1);
  for (let r = 0; r < nRows; r++) rowStart[(rowModule[r] = blockOf(r, nRows, k)) + 1]++;
  for (let c = 0; c < nCols; c++) colStart[(colModule[c] = blockOf(c, nCols, k)) + 1]++;
  for (let i = 0; i < k; i++) {
    rowStart[i + 1] += rowStart[i];
    colStart[i + 1] += colStart[i];
  }
  const rows = new Int32Array(links);
  const cols = new Int32Array(links);
  for (let d = 0; d < links; d++) {
    if (d < nCols) {
      const c = d;
      const mod = colModule[c];
      cols[d] = c;
      rows[d] = rng.nextFloat() < rewire ? rng.nextInt(nRows) : rowStart[mod] + rng.nextInt(rowStart[mod + 1] - rowStart[mod]);
    } else {
      const r = (d - nCols) % nRows;
      const mod = rowModule[r];
      rows[d] = r;
      cols[d] = rng.nextFloat() < rewire ? rng.nextInt(nCols) : colStart[mod] + rng.nextInt(colStart[mod + 1] - colStart[mod]);
    }
  }
  const graph = bipartiteFromEdges(nRows, nCols, rows, cols, new Float64Array(links).fill(1));
  return { graph, rowModule, colModule };
}

export interface PlantedPeopleOptions {
  nRows: number;
  nCols: number;
  modules: number;
  people: number;
  /** Each person holds 1..maxQuals distinct qualifications (uniform). Default 3. */
  maxQuals?: number;
  /** Each person holds 1..maxOccs distinct occupations (uniform). Default 2. */
  maxOccs?: number;
  /** Share of a person's picks made uniformly over all rows/columns instead of inside the person's module (0..1). */
  rewire: number;
  /** Rows (taken from the end) that belong to no module: they are only ever picked at random, so all their links are noise. Default 0. */
  noiseRows?: number;
  /** Columns (taken from the end) that belong to no module. Default 0. */
  noiseCols?: number;
  seed?: number;
}

export interface PlantedPeople {
  incidence: PersonIncidence;
  /** Planted module of each row; -1 for noise rows. */
  rowModule: Int32Array;
  /** Planted module of each column; -1 for noise columns. */
  colModule: Int32Array;
}

/**
 * People with planted modules: each person belongs to a module (uniformly at
 * random) and draws qualifications and occupations from it, each pick made
 * instead uniformly over all rows (or columns) with probability `rewire`.
 * Projecting with graphFromIncidence gives a planted graph whose weights are
 * numbers of people, like the real network; the bootstrap resamples these people.
 */
export function plantedPeople(o: PlantedPeopleOptions): PlantedPeople {
  const { nRows, nCols, modules: k, people, rewire } = o;
  const maxQuals = o.maxQuals ?? 3;
  const maxOccs = o.maxOccs ?? 2;
  const noiseRows = o.noiseRows ?? 0;
  const noiseCols = o.noiseCols ?? 0;
  const mr = nRows - noiseRows;
  const mc = nCols - noiseCols;
  if (!(k >= 1 && k <= Math.min(mr, mc))) throw new RangeError('plantedPeople: need 1 <= modules <= rows and columns in modules');
  if (!(rewire >= 0 && rewire <= 1)) throw new RangeError('plantedPeople: rewire must be in [0, 1]');
  const rng = new Random(o.seed ?? 1);
  const rowModule = new Int32Array(nRows).fill(-1);
  const colModule = new Int32Array(nCols).fill(-1);
  const rowStart = new Int32Array(k + 1);
  const colStart = new Int32Array(k + 1);
  for (let r = 0; r < mr; r++) rowStart[(rowModule[r] = blockOf(r, mr, k)) + 1]++;
  for (let c = 0; c < mc; c++) colStart[(colModule[c] = blockOf(c, mc, k)) + 1]++;
  for (let i = 0; i < k; i++) {
    rowStart[i + 1] += rowStart[i];
    colStart[i + 1] += colStart[i];
  }
  const qualPtr = new Int32Array(people + 1);
  const occPtr = new Int32Array(people + 1);
  const qualIdx: number[] = [];
  const occIdx: number[] = [];
  const pick = (start: Int32Array, mod: number, n: number, chosen: number[], want: number) => {
    const from = start[mod];
    const size = start[mod + 1] - from;
    let tries = 0;
    while (chosen.length < want && tries < want * 20) {
      tries++;
      const x = rng.nextFloat() < rewire ? rng.nextInt(n) : from + rng.nextInt(size);
      if (!chosen.includes(x)) chosen.push(x);
    }
    chosen.sort((a, b) => a - b);
  };
  for (let p = 0; p < people; p++) {
    const mod = rng.nextInt(k);
    const qs: number[] = [];
    const os: number[] = [];
    pick(rowStart, mod, nRows, qs, 1 + rng.nextInt(maxQuals));
    pick(colStart, mod, nCols, os, 1 + rng.nextInt(maxOccs));
    qualIdx.push(...qs);
    occIdx.push(...os);
    qualPtr[p + 1] = qualIdx.length;
    occPtr[p + 1] = occIdx.length;
  }
  return {
    incidence: { nPeople: people, nRows, nCols, qualPtr, qualIdx: Int32Array.from(qualIdx), occPtr, occIdx: Int32Array.from(occIdx) },
    rowModule,
    colModule,
  };
}
