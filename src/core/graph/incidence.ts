/**
 * People and what they hold: for each person, the distinct qualifications
 * (rows) and occupations (columns). The bipartite graph is a projection of
 * this: w(q, o) = number of people holding both q and o. The bootstrap
 * resamples people and re-projects, so the projection takes a per-person
 * multiplicity.
 */

import type { BipartiteGraph } from './bipartite.js';
import { CsrBuilder } from './csr-builder.js';

export interface PersonIncidence {
  nPeople: number;
  /** Number of qualifications (rows of the projected graph). */
  nRows: number;
  /** Number of occupations (columns of the projected graph). */
  nCols: number;
  /** Person offsets into qualIdx, length nPeople + 1. */
  qualPtr: Int32Array;
  /** Distinct qualification indices of each person. */
  qualIdx: Int32Array;
  /** Person offsets into occIdx, length nPeople + 1. */
  occPtr: Int32Array;
  /** Distinct occupation indices of each person. */
  occIdx: Int32Array;
}

/**
 * Projects people onto the qualification x occupation graph:
 * w(q, o) = sum over people p holding both q and o of multiplicity[p]
 * (default 1 each, i.e. the number of distinct people). Indices within a
 * person are assumed distinct (a repeated index would count twice).
 *
 * Cost: O(sum over people of |quals| x |occs|), with one dense accumulator
 * over columns; the result is CSR by row with columns ascending.
 */
export function graphFromIncidence(inc: PersonIncidence, multiplicity?: Float64Array | Int32Array): BipartiteGraph {
  const { nPeople, nRows, nCols, qualPtr, qualIdx, occPtr, occIdx } = inc;
  if (multiplicity && multiplicity.length !== nPeople) throw new RangeError('graphFromIncidence: multiplicity must have one entry per person');
  // Transpose person -> quals into qual -> people (only people with weight > 0).
  const cnt = new Int32Array(nRows + 1);
  for (let p = 0; p < nPeople; p++) {
    if (multiplicity && !(multiplicity[p] > 0)) continue;
    if (occPtr[p + 1] === occPtr[p]) continue;
    for (let i = qualPtr[p]; i < qualPtr[p + 1]; i++) {
      const q = qualIdx[i];
      if (q < 0 || q >= nRows) throw new RangeError(`graphFromIncidence: qualification index ${q} out of range [0, ${nRows})`);
      cnt[q + 1]++;
    }
  }
  for (let q = 0; q < nRows; q++) cnt[q + 1] += cnt[q];
  const people = new Int32Array(cnt[nRows]);
  const fill = cnt.slice(0, nRows);
  for (let p = 0; p < nPeople; p++) {
    if (multiplicity && !(multiplicity[p] > 0)) continue;
    if (occPtr[p + 1] === occPtr[p]) continue;
    for (let i = qualPtr[p]; i < qualPtr[p + 1]; i++) people[fill[qualIdx[i]]++] = p;
  }

  const out = new CsrBuilder(nRows, nCols);
  for (let q = 0; q < nRows; q++) {
    for (let i = cnt[q]; i < cnt[q + 1]; i++) {
      const p = people[i];
      const mult = multiplicity ? multiplicity[p] : 1;
      for (let j = occPtr[p]; j < occPtr[p + 1]; j++) {
        const o = occIdx[j];
        if (o < 0 || o >= nCols) throw new RangeError(`graphFromIncidence: occupation index ${o} out of range [0, ${nCols})`);
        out.add(o, mult);
      }
    }
    out.endRow();
  }
  return out.finish();
}

/**
 * Builds a PersonIncidence from per-person lists (convenient for tests and
 * small callers; the store builds the typed arrays directly). Duplicate
 * indices within a person are removed.
 */
export function incidenceFromLists(nRows: number, nCols: number, quals: ArrayLike<number>[], occs: ArrayLike<number>[]): PersonIncidence {
  if (quals.length !== occs.length) throw new RangeError('incidenceFromLists: quals and occs must list the same people');
  const pack = (lists: ArrayLike<number>[]) => {
    const ptr = new Int32Array(lists.length + 1);
    const out: number[] = [];
    lists.forEach((l, p) => {
      const uniq = Array.from(new Set(Array.from(l))).sort((a, b) => a - b);
      out.push(...uniq);
      ptr[p + 1] = out.length;
    });
    return { ptr, idx: Int32Array.from(out) };
  };
  const q = pack(quals);
  const o = pack(occs);
  return { nPeople: quals.length, nRows, nCols, qualPtr: q.ptr, qualIdx: q.idx, occPtr: o.ptr, occIdx: o.idx };
}
