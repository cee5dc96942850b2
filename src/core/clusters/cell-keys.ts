/**
 * Cell keys of the cluster report's count tables (the cell key method: a
 * cell's key is the sum of its distinct people's record keys modulo 4096, so
 * the same people always get the same perturbation). Computed from the same
 * person incidence and membership as the counts, over the same definitions:
 * people of a cluster (membership.ts), people of a cluster holding each of its
 * members, and the profile counts (profile.ts). Node and link keys come from
 * the store with the counts. With every record key 1, each key equals its
 * count modulo 4096 (the tests check it).
 */
import type { PersonIncidence } from '../graph/incidence.js';
import { KEY_RANGE } from '../disclosure/perturbation/cell-key.js';
import type { Membership } from './membership.js';
import type { CharacteristicColumn } from './profile.js';

export interface ClusterCellKeys {
  /** Everyone analysed. */
  all: number;
  /** Per cluster of the partition (its index). */
  cluster: Int32Array;
  /** Per qualification / occupation: the people of its own cluster holding it. */
  rowInCluster: Int32Array;
  colInCluster: Int32Array;
  /** Per profiled characteristic: [cluster][value], per cluster recorded, and over everyone. */
  profile: { count: Int32Array[][]; base: Int32Array[]; allCount: Int32Array[]; allBase: number[] };
}

const add = (a: Int32Array, i: number, k: number) => {
  a[i] = (a[i] + k) % KEY_RANGE;
};

function memberKeys(inc: PersonIncidence, m: Membership, rowCluster: Int32Array, colCluster: Int32Array, rk: Int32Array) {
  const cluster = new Int32Array(m.clusters);
  const rowInCluster = new Int32Array(inc.nRows);
  const colInCluster = new Int32Array(inc.nCols);
  const mark = new Int32Array(m.clusters);
  let all = 0;
  for (let p = 0; p < inc.nPeople; p++) {
    all = (all + rk[p]) % KEY_RANGE;
    const tag = p + 1;
    for (let i = m.personPtr[p]; i < m.personPtr[p + 1]; i++) {
      mark[m.personIdx[i]] = tag;
      add(cluster, m.personIdx[i], rk[p]);
    }
    for (let i = inc.qualPtr[p]; i < inc.qualPtr[p + 1]; i++) if (mark[rowCluster[inc.qualIdx[i]]] === tag) add(rowInCluster, inc.qualIdx[i], rk[p]);
    for (let i = inc.occPtr[p]; i < inc.occPtr[p + 1]; i++) if (mark[colCluster[inc.occIdx[i]]] === tag) add(colInCluster, inc.occIdx[i], rk[p]);
  }
  return { all, cluster, rowInCluster, colInCluster };
}

function profileKeys(columns: CharacteristicColumn[], m: Membership, rk: Int32Array): ClusterCellKeys['profile'] {
  const out: ClusterCellKeys['profile'] = { count: [], base: [], allCount: [], allBase: [] };
  for (const col of columns) {
    const count = Array.from({ length: m.clusters }, () => new Int32Array(col.values.length));
    const base = new Int32Array(m.clusters);
    const allCount = new Int32Array(col.values.length);
    let allBase = 0;
    for (let p = 0; p < rk.length; p++) {
      const v = col.codes[p];
      if (v < 0) continue;
      add(allCount, v, rk[p]);
      allBase = (allBase + rk[p]) % KEY_RANGE;
      for (let i = m.personPtr[p]; i < m.personPtr[p + 1]; i++) {
        add(count[m.personIdx[i]], v, rk[p]);
        add(base, m.personIdx[i], rk[p]);
      }
    }
    out.count.push(count);
    out.base.push(base);
    out.allCount.push(allCount);
    out.allBase.push(allBase);
  }
  return out;
}

/** The cell keys of clusters, cluster members and profiles; `recordKeys[p]` is analysed person p's record key. */
export function clusterCellKeys(
  inc: PersonIncidence,
  membership: Membership,
  rowCluster: Int32Array,
  colCluster: Int32Array,
  characteristics: CharacteristicColumn[],
  recordKeys: Int32Array,
): ClusterCellKeys {
  if (recordKeys.length !== inc.nPeople) throw new RangeError(`clusterCellKeys: ${recordKeys.length} record keys for ${inc.nPeople} people`);
  return { ...memberKeys(inc, membership, rowCluster, colCluster, recordKeys), profile: profileKeys(characteristics, membership, recordKeys) };
}
