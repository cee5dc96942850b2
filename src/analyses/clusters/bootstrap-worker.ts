/**
 * A worker thread of the bootstrap pool (bootstrap-pool.ts): runs one
 * replicate of the pure core's bootstrap and returns its labels. The basis
 * arrives in shared memory, so a task costs no copy of the people.
 */
import { replicateLabels, type ProjectionBasis, type ReplicateSettings } from '../../core/graph/bootstrap.js';

export interface ReplicateTask {
  basis: ProjectionBasis;
  orig: Int32Array;
  settings: ReplicateSettings;
  replicate: number;
}

// The per-pattern weights, reused from one replicate to the next.
let scratch: Float64Array | null = null;

export default function runReplicate(task: ReplicateTask): Int32Array {
  if (!scratch || scratch.length !== task.basis.nPatterns) scratch = new Float64Array(task.basis.nPatterns);
  return replicateLabels(task.basis, task.orig, task.settings, task.replicate, scratch);
}
