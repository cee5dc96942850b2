/**
 * The bootstrap on worker threads: replicates are independent (each draws
 * from its own stream, seeded by its index), so a tinypool of worker threads
 * runs them side by side and the main thread tallies them as they come
 * back. The answer is the pure core's bootstrapConfidence, identical for any
 * number of workers. The people and their links are copied once into shared
 * memory, which every worker reads.
 *
 * Workers: `workers` if given (0: in this thread), else ROUTEWAYS_WORKERS,
 * else one per CPU (os.availableParallelism) once the job is big enough to
 * pay for starting threads (about 0.1 s each).
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { PersonIncidence } from '../../core/graph/incidence.js';
import {
  StayTally,
  originalMembership,
  projectionBasis,
  replicateLabels,
  replicateSettings,
  type BootstrapOptions,
  type BootstrapResult,
  type ClusterPartition,
  type ProjectionBasis,
} from '../../core/graph/bootstrap.js';
import type { ReplicateTask } from './bootstrap-worker.js';

/** Below this many (replicates x person-links), the replicates run in this thread: starting workers would cost more. */
const SMALL_JOB = 2_000_000;

export interface PoolChoice {
  /** Worker threads; 0 runs the replicates in this thread. */
  workers?: number;
}

export async function bootstrapInWorkers(inc: PersonIncidence, partition: ClusterPartition, options: BootstrapOptions = {}, choice: PoolChoice = {}): Promise<BootstrapResult> {
  const settings = replicateSettings(options);
  const orig = originalMembership(inc, partition);
  const basis = projectionBasis(inc);
  const tally = new StayTally(orig);
  const workers = Math.min(settings.replicates, workerCount(choice, settings.replicates * basis.pairLink.length));
  const done = (label: Int32Array) => {
    tally.add(label);
    options.onProgress?.(tally.done, settings.replicates);
  };
  if (workers === 0) {
    const mult = new Float64Array(basis.nPatterns);
    for (let r = 0; r < settings.replicates; r++) done(replicateLabels(basis, orig, settings, r, mult));
    return tally.result(inc.nRows, settings);
  }
  const pool = new Tinypool({ filename: new URL('./bootstrap-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  try {
    const shared = shareBasis(basis);
    const sharedOrig = shareArray(orig);
    const tasks: Promise<void>[] = [];
    for (let r = 0; r < settings.replicates; r++) {
      const task: ReplicateTask = { basis: shared, orig: sharedOrig, settings, replicate: r };
      tasks.push((pool.run(task) as Promise<Int32Array>).then(done));
    }
    await Promise.all(tasks);
  } finally {
    await pool.destroy();
  }
  return tally.result(inc.nRows, settings);
}

function workerCount(choice: PoolChoice, work: number): number {
  const asked = choice.workers ?? envWorkers();
  if (asked !== undefined) return asked;
  return work < SMALL_JOB ? 0 : availableParallelism();
}

function envWorkers(): number | undefined {
  const v = process.env.ROUTEWAYS_WORKERS;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`ROUTEWAYS_WORKERS must be a whole number >= 0 (0: no worker threads), got '${v}'`);
  return n;
}

function shareBasis(b: ProjectionBasis): ProjectionBasis {
  return { ...b, rowPtr: shareArray(b.rowPtr), colIdx: shareArray(b.colIdx), patternStart: shareArray(b.patternStart), pairPtr: shareArray(b.pairPtr), pairLink: shareArray(b.pairLink) };
}

/** A copy in shared memory: sent to a worker, it is shared, not cloned. */
function shareArray(a: Int32Array): Int32Array {
  const s = new Int32Array(new SharedArrayBuffer(Math.max(4, a.byteLength)), 0, a.length);
  s.set(a);
  return s;
}
