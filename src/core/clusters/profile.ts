/**
 * The profile of the people in each cluster: for each characteristic, how
 * many of the cluster's people have each value, beside the same over
 * everyone analysed, and whether the cluster differs.
 *
 * Booleans are reported as the share true; categories as the share in each
 * category. The base of a share is the people whose value is recorded.
 *
 * The test compares the cluster's people with the people analysed outside
 * the cluster (two independent groups; comparing with everyone would compare
 * the cluster with a population that contains it): a two-proportion z-test
 * when every expected count of the 2 x 2 table is at least 5, else Fisher's
 * exact test. The p-values of a whole profile table are adjusted together
 * with Benjamini–Hochberg, and a difference is flagged when q <= the FDR.
 */
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { compareProportions } from '../stats/two-proportion.js';
import type { Membership } from './membership.js';

/** One characteristic column of the people analysed (as the store reads it). */
export interface CharacteristicColumn {
  name: string;
  /** 'boolean' when every recorded value is 'true' or 'false' (then values = ['false', 'true']). */
  kind: 'boolean' | 'category';
  values: string[];
  /** Per analysed person: index into values, or -1 when not recorded. */
  codes: Int32Array;
}

export interface ProfileRow {
  characteristic: string;
  kind: 'boolean' | 'category';
  /** The value whose share is shown ('true' for booleans). */
  value: string;
  valueIndex: number;
}

export interface ProfileCounts {
  /** Per characteristic: [cluster][value] counts (cluster index of the partition). */
  count: Int32Array[][];
  /** Per characteristic: people of each cluster with a recorded value. */
  base: Int32Array[];
  /** Per characteristic: counts over everyone analysed. */
  allCount: Int32Array[];
  allBase: number[];
}

export interface ProfileTest {
  row: ProfileRow;
  cluster: number;
  /** p-value of the cluster against the people analysed outside it; NaN when there is no one outside or no base. */
  p: number;
  q: number;
  test: 'z' | 'fisher' | 'none';
  significant: boolean;
}

export function profileCounts(columns: CharacteristicColumn[], membership: Membership, nPeople: number): ProfileCounts {
  const k = membership.clusters;
  const count: Int32Array[][] = [];
  const base: Int32Array[] = [];
  const allCount: Int32Array[] = [];
  const allBase: number[] = [];
  for (const col of columns) {
    if (col.codes.length !== nPeople) throw new RangeError(`characteristic ${col.name}: ${col.codes.length} codes for ${nPeople} people`);
    const perCluster = Array.from({ length: k }, () => new Int32Array(col.values.length));
    const b = new Int32Array(k);
    const all = new Int32Array(col.values.length);
    let ab = 0;
    for (let p = 0; p < nPeople; p++) {
      const v = col.codes[p];
      if (v < 0) continue;
      all[v]++;
      ab++;
      for (let i = membership.personPtr[p]; i < membership.personPtr[p + 1]; i++) {
        const c = membership.personIdx[i];
        perCluster[c][v]++;
        b[c]++;
      }
    }
    count.push(perCluster);
    base.push(b);
    allCount.push(all);
    allBase.push(ab);
  }
  return { count, base, allCount, allBase };
}

/** The rows a profile table shows: 'true' for booleans, every value for categories. */
export function profileRows(columns: CharacteristicColumn[]): ProfileRow[][] {
  return columns.map((col) =>
    col.kind === 'boolean'
      ? [{ characteristic: col.name, kind: col.kind, value: 'true', valueIndex: col.values.indexOf('true') }]
      : col.values.map((value, valueIndex) => ({ characteristic: col.name, kind: col.kind, value, valueIndex })),
  );
}

/** Test every (row, cluster) of the profile; BH over all of them; flag q <= fdr. */
export function profileTests(columns: CharacteristicColumn[], counts: ProfileCounts, clusters: number[], fdr: number): ProfileTest[] {
  const rows = profileRows(columns);
  const tests: ProfileTest[] = [];
  rows.forEach((colRows, ci) => {
    for (const row of colRows) {
      for (const c of clusters) {
        const x1 = counts.count[ci][c][row.valueIndex];
        const n1 = counts.base[ci][c];
        const x2 = counts.allCount[ci][row.valueIndex] - x1;
        const n2 = counts.allBase[ci] - n1;
        if (n1 === 0 || n2 === 0) {
          tests.push({ row, cluster: c, p: Number.NaN, q: Number.NaN, test: 'none', significant: false });
        } else {
          const r = compareProportions(x1, n1, x2, n2);
          tests.push({ row, cluster: c, p: r.p, q: Number.NaN, test: r.test, significant: false });
        }
      }
    }
  });
  const q = benjaminiHochberg(tests.map((t) => t.p));
  tests.forEach((t, i) => {
    t.q = q[i];
    t.significant = q[i] <= fdr;
  });
  return tests;
}
