/**
 * Figures for the clusters analysis around the optimiser (which bench/clusters.ts
 * measures): counting the network in SQL, testing every link, building the
 * cluster report and Results, on demo extracts of growing size.
 *
 *   node dist/bench/cluster-analysis.js [people ...]     (default 20000 200000)
 *
 * Prints, per size: people analysed, nodes, links, and seconds for each phase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../src/demo/generate.js';
import { importExtract } from '../src/ingest/import.js';
import { openStore } from '../src/store/database.js';
import { openDataset } from '../src/analyses/analysis.js';
import { runClusters } from '../src/analyses/clusters/index.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const runs = sizes.length > 0 ? sizes : [20_000, 200_000];

const s = (x: number) => x.toFixed(2).padStart(7);
console.log('people_in  analysed  quals   occs    links     count_s  cluster_s  report_s  bootstrap100_s');
for (const people of runs) {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-bench-ca-'));
  try {
    await generateDemoExtract(join(dir, 'extract'), { seed: 5, people });
    const store = await openStore(join(dir, 'store.duckdb'));
    try {
      await importExtract(store, join(dir, 'extract'), { name: 'bench' });
      const plain = await runClusters(await openDataset(store, 'bench'), { bootstrap: 0 });
      const boot = await runClusters(await openDataset(store, 'bench'), { bootstrap: 100 });
      const d = plain.detail;
      console.log(
        `${String(people).padStart(9)}  ${String(d.network.people).padStart(8)}  ${String(d.network.qualifications.keys.length).padStart(5)}  ${String(d.network.occupations.keys.length).padStart(5)}  ${String(d.network.links.w.length).padStart(7)}  ${s(d.seconds.count)}  ${s(d.seconds.cluster)}    ${s(d.seconds.report)}   ${s(boot.detail.seconds.bootstrap)}`,
      );
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
