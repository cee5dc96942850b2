/**
 * Publish benchmark: a 1M-person demo extract (H2's generator) imported into
 * a fresh DuckDB store, then every region and all regions together published
 * (clusters, pathways, protect, site). Prints seconds per stage and peak RSS.
 *
 *   npm run build && node dist/bench/publish.js [people] [--bootstrap n] [--restarts n] [--keep] [--work dir]
 *   npm run bench:publish
 *
 * Target (issue 15): all regions of a 1M-person dataset published with the
 * defaults in < 90 s (the publish stages; generating and importing the
 * extract are shown apart). The machine may be shared, so beside wall time
 * it prints each stage's CPU seconds (the whole process: DuckDB's threads and
 * the bootstrap's worker threads included) and the load average.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../src/demo/generate.js';
import { importExtract } from '../src/ingest/import.js';
import { openStore } from '../src/store/database.js';
import { publishDataset } from '../src/pipeline/publish.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const people = Number(args.find((a) => /^\d+$/.test(a) && !['--bootstrap', '--restarts'].includes(args[args.indexOf(a) - 1])) ?? 1_000_000);
const bootstrap = flag('--bootstrap', 100);
const restarts = flag('--restarts', 10);
const keep = args.includes('--keep');
// --work <dir>: reuse a folder kept by an earlier run (--keep): its store's dataset is not generated and imported again.
const workArg = args.includes('--work') ? args[args.indexOf('--work') + 1] : null;

const rssMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);
const work = workArg ?? mkdtempSync(join(tmpdir(), 'rw-bench-publish-'));
const reuse = workArg !== null && existsSync(join(workArg, 'bench.duckdb'));
const t = (s: number) => ((performance.now() - s) / 1000).toFixed(1).padStart(6);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
// CPU seconds per stage: stages run one after another, so the CPU used between two onStep calls belongs to the earlier stage.
const cpuByStage: Record<string, number> = {};
let cpuMark = { stage: '', at: 0 };
const markStage = (stage: string) => {
  const now = cpuNow();
  if (cpuMark.stage) cpuByStage[cpuMark.stage] = (cpuByStage[cpuMark.stage] ?? 0) + now - cpuMark.at;
  cpuMark = { stage, at: now };
};

console.log(`publish benchmark: ${people.toLocaleString('en-GB')} people, bootstrap ${bootstrap}, restarts ${restarts}, ${cpus().length} cores, Node ${process.version}, load average ${load()}`);
try {
  let s = performance.now();
  if (!reuse) {
    await generateDemoExtract(join(work, 'extract'), { seed: 1, people });
    console.log(`  demo extract  ${t(s)} s`);
  }
  const store = await openStore(join(work, 'bench.duckdb'));
  try {
    s = performance.now();
    if (reuse) console.log(`  reusing the dataset in ${join(work, 'bench.duckdb')}`);
    else {
      await importExtract(store, join(work, 'extract'), { name: 'bench' });
      console.log(`  import        ${t(s)} s   (peak RSS so far ${rssMiB()} MiB)`);
    }
    rmSync(join(work, 'site'), { recursive: true, force: true });
    s = performance.now();
    const cpu0 = cpuNow();
    const result = await publishDataset(store, 'bench', {
      out: join(work, 'site'),
      options: { clusters: { bootstrap, restarts } },
      // One line per stage as it starts, so a slow stage shows while it runs.
      onStep: (code, stage) => {
        markStage(stage);
        process.stderr.write(`    ${t(s)} s  ${code} ${stage}  (peak RSS so far ${rssMiB()} MiB)\n`);
      },
    });
    markStage('');
    const total = (performance.now() - s) / 1000;
    const cpuTotal = cpuNow() - cpu0;
    for (const [stage, sec] of Object.entries(result.seconds)) console.log(`  ${stage.padEnd(13)} ${sec.toFixed(1).padStart(6)} s   CPU ${(cpuByStage[stage] ?? 0).toFixed(1).padStart(6)} s`);
    console.log(`  publish total ${total.toFixed(1).padStart(6)} s   CPU ${cpuTotal.toFixed(1).padStart(6)} s for ${result.site.reports.length} reports (${result.site.reports.map((r) => r.code).join(' ')})`);
    for (const sk of result.skipped) console.log(`  skipped ${sk.code}: ${sk.reason}`);
    const nodes = result.site.reports.map((r) => `${r.code} ${r.map?.nodes.length ?? 0}/${r.map?.links.length ?? 0}`).join(', ');
    console.log(`  map nodes/links: ${nodes}`);
    console.log(`  peak RSS      ${rssMiB()} MiB`);
    console.log(`  load average at the end ${load()}`);
    // Issue 15's targets: 90 s at 1M people, 15 minutes at 10M.
    const target = people >= 10_000_000 ? 900 : 90;
    console.log(`  target < ${target} s: ${total < target ? 'met' : 'NOT met'}`);
    if (keep) console.log(`  site kept at ${join(work, 'site', 'index.html')}`);
  } finally {
    store.close();
  }
} finally {
  if (!keep && !workArg) rmSync(work, { recursive: true, force: true });
}
