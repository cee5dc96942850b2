/**
 * Who is in each cluster, and how many of a cluster's people hold each of
 * its members.
 *
 * A person is in cluster c when they hold at least one qualification of c
 * and at least one occupation of c: they have a qualification–occupation
 * link inside the cluster. A person can be in several clusters (or none,
 * when every pair they hold crosses clusters). A member node's count is the
 * number of the cluster's people holding it.
 */
import type { PersonIncidence } from '../graph/incidence.js';

export interface Membership {
  /** Number of clusters (indices of the partition, 0..clusters-1). */
  clusters: number;
  /** People in each cluster. */
  clusterPeople: Int32Array;
  /** For each qualification, the people of its own cluster holding it. */
  rowPeopleInCluster: Int32Array;
  /** For each occupation, the people of its own cluster in it. */
  colPeopleInCluster: Int32Array;
  /** Clusters of each person, CSR: clusters of person p are personIdx[personPtr[p] .. personPtr[p+1]). */
  personPtr: Int32Array;
  personIdx: Int32Array;
  /** People analysed who are in no cluster. */
  unclustered: number;
}

export function clusterMembership(inc: PersonIncidence, rowCluster: Int32Array, colCluster: Int32Array): Membership {
  const { nPeople, qualPtr, qualIdx, occPtr, occIdx } = inc;
  if (rowCluster.length !== inc.nRows || colCluster.length !== inc.nCols) {
    throw new RangeError(`clusterMembership: the partition covers ${rowCluster.length} x ${colCluster.length} nodes, the incidence ${inc.nRows} x ${inc.nCols}`);
  }
  let clusters = 0;
  for (const c of rowCluster) clusters = Math.max(clusters, c + 1);
  for (const c of colCluster) clusters = Math.max(clusters, c + 1);

  const clusterPeople = new Int32Array(clusters);
  const rowPeopleInCluster = new Int32Array(inc.nRows);
  const colPeopleInCluster = new Int32Array(inc.nCols);
  // stamp[c] = p + 1 when person p holds a qualification of c; mark[c] = p + 1 when p is in c.
  const stamp = new Int32Array(clusters);
  const mark = new Int32Array(clusters);
  const personPtr = new Int32Array(nPeople + 1);
  let personIdx = new Int32Array(Math.max(16, nPeople));
  let k = 0;
  let unclustered = 0;
  for (let p = 0; p < nPeople; p++) {
    const tag = p + 1;
    for (let i = qualPtr[p]; i < qualPtr[p + 1]; i++) stamp[rowCluster[qualIdx[i]]] = tag;
    const start = k;
    for (let i = occPtr[p]; i < occPtr[p + 1]; i++) {
      const c = colCluster[occIdx[i]];
      if (stamp[c] === tag && mark[c] !== tag) {
        mark[c] = tag;
        clusterPeople[c]++;
        if (k === personIdx.length) {
          const grown = new Int32Array(personIdx.length * 2);
          grown.set(personIdx);
          personIdx = grown;
        }
        personIdx[k++] = c;
      }
    }
    if (k === start) unclustered++;
    personPtr[p + 1] = k;
    for (let i = qualPtr[p]; i < qualPtr[p + 1]; i++) if (mark[rowCluster[qualIdx[i]]] === tag) rowPeopleInCluster[qualIdx[i]]++;
    for (let i = occPtr[p]; i < occPtr[p + 1]; i++) if (mark[colCluster[occIdx[i]]] === tag) colPeopleInCluster[occIdx[i]]++;
  }
  return { clusters, clusterPeople, rowPeopleInCluster, colPeopleInCluster, personPtr, personIdx: personIdx.slice(0, k), unclustered };
}
