/**
 * bench:protect — seconds for the joint protection (protectSet, suppression) of
 * every report a publish run makes: all regions together and each region, each
 * report clusters + pathways, as `routeways run` and publishDataset do them.
 * Prints the model's size, the cells suppressed (with a fingerprint of which
 * ones, to compare two versions of the code), and the seconds of protectSet and
 * of its audit on its own.
 *
 *   npm run bench:protect                              (the 6,000-person demo)
 *   npm run build && node dist/bench/protect-demo.js [people] [--db store.duckdb] [--reports reports.json] [--cells cells.txt]
 *
 * --db: keep the store there and reuse its dataset on later runs (a 1M-person
 * dataset is slow to generate and import). --reports: save the analyses'
 * results there, and reuse them on later runs (skips the store and the
 * analyses). --cells: write the label of every suppressed cell, for a diff.
 *
 * Targets (issue 10, point 3): the demo's joint protection under 5 s; 1M people
 * in all regions under 15 s.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset } from '../src/analyses/analysis.js';
import { runClusters } from '../src/analyses/clusters/index.js';
import { runPathways } from '../src/analyses/pathways/index.js';
import { InputError } from '../src/core/errors.js';
import { auditModel } from '../src/core/disclosure/audit.js';
import { protectSetWithDetail } from '../src/core/disclosure/protect.js';
import type { Results } from '../src/core/results.js';
import { DEFAULT_PEOPLE } from '../src/demo/build.js';
import { generateDemoExtract } from '../src/demo/generate.js';
import { importExtract } from '../src/ingest/import.js';
import { openStore } from '../src/store/database.js';
import { findDataset } from '../src/store/datasets.js';
import { datasetRegions } from '../src/store/regions.js';

const args = process.argv.slice(2);
const option = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
const people = Number(args.find((a, i) => /^\d+$/.test(a) && !(args[i - 1] ?? '').startsWith('--')) ?? DEFAULT_PEOPLE);
const dbArg = option('--db');
const reportsArg = option('--reports');
const cellsArg = option('--cells');
const sec = (s: number) => ((performance.now() - s) / 1000).toFixed(2);

/** The reports of a publish run with `routeways run`'s default settings: all regions, then each region. */
async function makeReports(): Promise<Results[][]> {
  const work = mkdtempSync(join(tmpdir(), 'rw-bench-protect-'));
  try {
    const store = await openStore(dbArg ?? join(work, 'bench.duckdb'));
    try {
      const name = 'demo';
      let s = performance.now();
      if (!(await findDataset(store, name))) {
        await generateDemoExtract(join(work, 'extract'), { seed: 1, people });
        await importExtract(store, join(work, 'extract'), { name });
        console.log(`  demo extract + import  ${sec(s)} s`);
      } else console.log(`  reusing dataset ${name} in ${store.path}`);
      const dataset = (await findDataset(store, name))!;
      const regions = (await datasetRegions(store, dataset.id)).map((r) => r.code);
      s = performance.now();
      const reports: Results[][] = [];
      for (const region of [null, ...regions]) {
        try {
          const clusters = await runClusters(await openDataset(store, name), { seed: 1, restarts: 10, bootstrap: 100 }, { region });
          const pathways = await runPathways(await openDataset(store, name), { level: 'all' }, { region });
          reports.push([clusters.results, pathways.results]);
        } catch (err) {
          if (err instanceof InputError && region !== null) continue; // a region too small to analyse, as publishDataset does
          throw err;
        }
      }
      console.log(`  analyses (${reports.length} reports)  ${sec(s)} s`);
      return reports;
    } finally {
      store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

console.log(`protect benchmark: ${cpus().length} cores, Node ${process.version}`);
let reports: Results[][];
if (reportsArg && existsSync(reportsArg)) {
  reports = JSON.parse(readFileSync(reportsArg, 'utf8')) as Results[][];
  console.log(`  reusing ${reports.length} reports from ${reportsArg}`);
} else {
  reports = await makeReports();
  if (reportsArg) writeFileSync(reportsArg, JSON.stringify(reports));
}

const cpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return ((u.user + u.system) / 1e6).toFixed(2);
};
let s = performance.now();
let c = process.cpuUsage();
const { detail } = protectSetWithDetail(reports);
const protectSeconds = sec(s);
const protectCpu = cpu(c);
const { model } = detail;
const suppressed = [...detail.primary, ...detail.secondary];
s = performance.now();
c = process.cpuUsage();
const audit = auditModel({ model, published: detail.published, suppressed, primary: detail.primary, singletons: detail.singletons });
const auditSeconds = sec(s);
const auditCpu = cpu(c);
const label = (c: number) => model.cellLabel(model.cells[c]!);
const lines = [...detail.primary.map((c) => `primary ${label(c)}`), ...detail.secondary.map((c) => `secondary ${label(c)}`)].sort();
const fingerprint = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
if (cellsArg) writeFileSync(cellsArg, `${lines.join('\n')}\n`);
const shown = new Set(detail.shown);
const shownPrimary = detail.primary.filter((c) => shown.has(c)).length;

console.log(`  reports ${reports.length}; model: ${model.cells.length} cells, ${model.innerCount} inner cells, ${model.relations.length} relations, ${detail.singletons.length} singletons`);
console.log(`  shown ${detail.shown.length}, published ${detail.published.length}, primary ${detail.primary.length} (${shownPrimary} shown), secondary ${detail.secondary.length}; cells fingerprint ${fingerprint}`);
console.log(`  protectSet  ${protectSeconds.padStart(7)} s   (CPU ${protectCpu} s; audit alone ${auditSeconds} s, CPU ${auditCpu} s, ${audit.passed ? 'passed' : 'FAILED'}, rank ${audit.rank})`);
console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (other work slows the wall-clock figures)`);
console.log(`  peak RSS    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
