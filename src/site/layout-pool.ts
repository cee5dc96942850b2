/**
 * The maps of a site laid out side by side on worker threads (a tinypool):
 * each report's layout is independent and deterministic for its seed, so
 * the positions are the same whichever thread makes them. At 1M people the
 * ten maps of a site took over a minute one after another. Small sites stay
 * in this thread (starting a worker costs about 0.1 s).
 *
 * Workers: ROUTEWAYS_WORKERS if set (0: in this thread), else one per CPU.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { MapData } from './map-data.js';
import { layoutNetwork } from './layout.js';
import type { LayoutTask } from './layout-worker.js';

/** Below this many nodes in all, the maps are laid out in this thread. */
const SMALL_SITE = 3000;

function workerCount(tasks: readonly LayoutTask[]): number {
  const env = process.env.ROUTEWAYS_WORKERS;
  const asked = env !== undefined && env !== '' && Number.isInteger(Number(env)) && Number(env) >= 0 ? Number(env) : undefined;
  const nodes = tasks.reduce((s, t) => s + t.network.nodes.length, 0);
  if (asked === undefined && nodes < SMALL_SITE) return 0;
  return Math.min(tasks.length, asked ?? availableParallelism());
}

/**
 * Starts laying out every task's map and returns a promise of each, in the
 * tasks' order, that settles as soon as its own map is ready (the pool
 * closes once all are).
 */
export function startLayouts(tasks: readonly LayoutTask[]): Array<Promise<MapData>> {
  const workers = workerCount(tasks);
  if (workers <= 1) return tasks.map(async (t) => layoutNetwork(t.network, t.code, t.title, { seed: t.seed }));
  const pool = new Tinypool({ filename: new URL('./layout-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
  // Largest first, so the longest layout does not start last.
  const order = tasks.map((_, i) => i).sort((a, b) => tasks[b]!.network.nodes.length - tasks[a]!.network.nodes.length);
  const maps: Array<Promise<MapData>> = new Array(tasks.length);
  for (const i of order) maps[i] = pool.run(tasks[i]) as Promise<MapData>;
  void Promise.allSettled(maps).then(() => pool.destroy());
  return maps;
}
