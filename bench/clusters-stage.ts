/**
 * The publish run's clusters stage alone, phase by phase: the clusters
 * analysis of all regions and of each region (as `publish` runs it, with
 * record keys prepared once), on a store left by bench/publish.ts.
 *
 *   node dist/bench/publish.js 1000000 --keep --work /tmp/rw-1m     (once: generates and imports)
 *   node dist/bench/clusters-stage.js /tmp/rw-1m ['{"bootstrap":100,"restarts":10}']
 *
 * Prints wall and CPU seconds per phase (count: the SQL; cluster: the
 * restarts; bootstrap; report) summed over the scopes, and the load
 * average: on a shared machine the CPU seconds are the figure to compare
 * (they include DuckDB's threads and the bootstrap's worker threads).
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { openStore } from '../src/store/database.js';
import { dropShared, openDataset, type AnalysisContext } from '../src/analyses/analysis.js';
import { runClusters, type ClustersInput } from '../src/analyses/clusters/index.js';
import { prepareRecordKeys } from '../src/store/record-keys.js';
import { targetRegions } from '../src/pipeline/regions.js';

const work = process.argv[2];
if (!work) throw new Error('usage: node dist/bench/clusters-stage.js <work folder of bench/publish.js --keep> [options as JSON]');
const options = JSON.parse(process.argv[3] ?? '{}') as ClustersInput;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

console.log(`clusters stage, options ${JSON.stringify(options)}, load average ${load()}`);
const store = await openStore(join(work, 'bench.duckdb'));
try {
  const context = await openDataset(store, 'bench');
  const recordKeys = await prepareRecordKeys(store, context.dataset.id);
  // As in a publish: what every region needs alike (the characteristics) is read once.
  const run: AnalysisContext = { ...context, recordKeys, shared: new Map() };
  try {
    const wall = { count: 0, cluster: 0, bootstrap: 0, report: 0 };
    const cpu = { count: 0, cluster: 0, bootstrap: 0, report: 0 };
    const t0 = performance.now();
    const c0 = cpuNow();
    for (const region of [null, ...(await targetRegions(context, undefined))]) {
      const { detail } = await runClusters(run, options, { region });
      for (const k of Object.keys(wall) as Array<keyof typeof wall>) {
        wall[k] += detail.seconds[k];
        cpu[k] += detail.cpuSeconds[k];
      }
    }
    const f = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    console.log(`  wall ${((performance.now() - t0) / 1000).toFixed(1)} s (${f(wall)})`);
    console.log(`  CPU  ${(cpuNow() - c0).toFixed(1)} s (${f(cpu)})`);
    console.log(`  load average at the end ${load()}`);
  } finally {
    await dropShared(run);
    await recordKeys.drop();
  }
} finally {
  store.close();
}
