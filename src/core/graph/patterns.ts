/**
 * Incidence patterns: people who hold exactly the same qualifications and
 * occupations, counted once with how many share the pattern (what a warehouse
 * hands over instead of people, src/core/warehouse/queries.ts). Expanding
 * them gives back a person incidence with the same projection, node and link
 * counts and cluster memberships, so the analyses run on it unchanged.
 */
import { KEY_RANGE } from '../disclosure/perturbation/cell-key.js';
import type { PersonIncidence } from './incidence.js';

export interface PatternIncidence {
  /** One "person" per pattern: its qualifications and occupations (CSR, nRows/nCols as in PersonIncidence). */
  patterns: PersonIncidence;
  /** People sharing each pattern (>= 1). */
  people: Int32Array;
  /** Sum of each pattern's people's record keys modulo 4096. */
  keySums: Int32Array;
}

/**
 * One person per member of each pattern, in pattern order. The record keys
 * are stand-ins: each pattern's key sum sits on its first member and the
 * others get 0, so the key of any cell that is a union of whole patterns
 * (every count the cluster report makes from qualifications and occupations)
 * is the true one. They are not the people's own keys, and a cell that splits
 * a pattern (a characteristic) cannot be keyed from them.
 */
export function expandPatterns(p: PatternIncidence): { incidence: PersonIncidence; recordKeys: Int32Array } {
  const { patterns: inc, people } = p;
  let n = 0;
  let nq = 0;
  let no = 0;
  for (let i = 0; i < inc.nPeople; i++) {
    if (people[i] < 1) throw new RangeError(`expandPatterns: pattern ${i} has ${people[i]} people`);
    n += people[i];
    nq += people[i] * (inc.qualPtr[i + 1] - inc.qualPtr[i]);
    no += people[i] * (inc.occPtr[i + 1] - inc.occPtr[i]);
  }
  const out = { qualPtr: new Int32Array(n + 1), qualIdx: new Int32Array(nq), occPtr: new Int32Array(n + 1), occIdx: new Int32Array(no) };
  const recordKeys = new Int32Array(n);
  let person = 0;
  for (let i = 0; i < inc.nPeople; i++) {
    recordKeys[person] = ((p.keySums[i] % KEY_RANGE) + KEY_RANGE) % KEY_RANGE;
    for (let r = 0; r < people[i]; r++, person++) {
      out.qualPtr[person + 1] = copyRun(inc.qualIdx, inc.qualPtr[i], inc.qualPtr[i + 1], out.qualIdx, out.qualPtr[person]);
      out.occPtr[person + 1] = copyRun(inc.occIdx, inc.occPtr[i], inc.occPtr[i + 1], out.occIdx, out.occPtr[person]);
    }
  }
  return { incidence: { nPeople: n, nRows: inc.nRows, nCols: inc.nCols, ...out }, recordKeys };
}

/** Copy from[start, end) to `to` at `at`; returns the end offset in `to`. */
function copyRun(from: Int32Array, start: number, end: number, to: Int32Array, at: number): number {
  to.set(from.subarray(start, end), at);
  return at + (end - start);
}
