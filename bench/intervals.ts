/**
 * LP interval check benchmark: the demo run's releases (a demo extract imported into a
 * fresh DuckDB store, then clusters, pathways and protection for all regions together and
 * the chosen regions, as `routeways run` does), then the publishing audit's attacker
 * intervals (src/release/intervals.ts) on each release, timed before (the first way: one
 * LP text per solve, kept as the test-only reference) and after (one HiGHS model for the
 * blocks, objective-only re-solves from a kept basis). Prints seconds and checks both give
 * the same report.
 *
 *   npm run build && node dist/bench/intervals.js [people] [--regions NE,YH] [--bootstrap n] [--restarts n] [--cells n] [--no-before]
 *   npm run bench:intervals    (1,500 people, regions NE, bootstrap 0, restarts 2: `routeways run --people 1500 --bootstrap 0 --restarts 2 --regions NE`)
 *
 * Target: the audit well under 2 s for the default run, and under 10% of protection time on larger runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePolicy } from '../src/core/disclosure/policy.js';
import type { ProtectedRelease } from '../src/core/disclosure/release.js';
import { generateDemoExtract } from '../src/demo/generate.js';
import { importExtract } from '../src/ingest/import.js';
import { publishDataset } from '../src/pipeline/publish.js';
import { attackerIntervals, type IntervalReport } from '../src/release/intervals.js';
import { openStore } from '../src/store/database.js';
import { referenceIntervals } from '../test/disclosure/lp-intervals-reference.js';

const args = process.argv.slice(2);
const value = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const people = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 1500);
const regions = (value('--regions') ?? 'NE').split(',');
const bootstrap = Number(value('--bootstrap') ?? 0);
const restarts = Number(value('--restarts') ?? 2);
const cells = Number(value('--cells') ?? resolvePolicy({}).intervalCells);
const before = !args.includes('--no-before');

type Check = (release: ProtectedRelease, maxCells: number) => Promise<IntervalReport>;

/** CPU seconds of the main thread (Linux: /proc), without V8's compiler and GC threads; NaN elsewhere. */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Timing {
  seconds: number;
  cpu: number;
  main: number;
  reports: IntervalReport[];
}

/**
 * Seconds for the check over every release (the first call loads HiGHS, as the audit's does):
 * wall clock, CPU of the whole process, and CPU of the main thread. The machine is shared, so
 * wall clock depends on the load; the process's CPU includes V8 compiling the solver's
 * WebAssembly in the background, on another core when one is free.
 */
async function time(check: Check, releases: ProtectedRelease[]): Promise<Timing> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpu();
  const reports: IntervalReport[] = [];
  for (const r of releases) reports.push(await check(r, cells));
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, main: mainThreadCpu() - m0, reports };
}

const secs = (t: Timing) => `${t.seconds.toFixed(2).padStart(7)} s wall, CPU ${t.cpu.toFixed(2)} s (main thread ${t.main.toFixed(2)} s)`;

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`intervals benchmark: ${people.toLocaleString('en-GB')} people, regions ${regions.join(',')} and all, bootstrap ${bootstrap}, restarts ${restarts}, ${cells} cells per release; ${cpus().length} cores, load ${load()}, Node ${process.version}`);
const work = mkdtempSync(join(tmpdir(), 'rw-bench-intervals-'));
try {
  await generateDemoExtract(join(work, 'extract'), { seed: 1, people });
  const store = await openStore(join(work, 'bench.duckdb'));
  let releases: ProtectedRelease[];
  let protectSeconds: number;
  let protectMain: number;
  try {
    await importExtract(store, join(work, 'extract'), { name: 'bench' });
    // The pipeline with the interval check off: the releases it would audit, and the protection
    // time (wall clock, and the main thread's CPU from the protect stage's start to the audit's).
    const at = new Map<string, number>();
    const result = await publishDataset(store, 'bench', {
      out: join(work, 'site'),
      regions,
      options: { clusters: { bootstrap, restarts } },
      policy: { method: 'suppression', intervalCells: 0 },
      onStep: (_code, stage) => at.set(stage, mainThreadCpu()),
    });
    releases = result.releases;
    protectSeconds = result.seconds.protect ?? NaN;
    protectMain = (at.get('audit') ?? NaN) - (at.get('protect') ?? NaN);
  } finally {
    store.close();
  }
  const suppressed = releases.map((r) => r.audit.suppressedCells);
  console.log(`  releases     ${releases.map((r) => r.region ?? 'all').join(', ')}: ${suppressed.join(' and ')} suppressed cells; protect ${protectSeconds.toFixed(2)} s wall (main thread ${protectMain.toFixed(2)} s)`);
  const after = await time(attackerIntervals, releases);
  const computed = after.reports.map((r) => `${r.computed} computed, ${r.skipped} skipped`).join('; ');
  const share = `${((100 * after.seconds) / protectSeconds).toFixed(1)}% of protect's wall clock, ${((100 * after.main) / protectMain).toFixed(1)}% of its main thread`;
  console.log(`  after        ${secs(after)}  ${computed}; ${share}`);
  const again = await time(attackerIntervals, releases);
  console.log(`  after, again ${secs(again)}  HiGHS loaded and its code compiled`);
  if (before) {
    const ref = await time(referenceIntervals, releases);
    const same = isDeepStrictEqual(ref.reports, after.reports);
    console.log(`  before       ${secs(ref)}  one LP text per solve`);
    console.log(`  speed-up     ${(ref.seconds / after.seconds).toFixed(0).padStart(7)} x wall, ${(ref.cpu / after.cpu).toFixed(0)} x CPU, ${(ref.main / after.main).toFixed(0)} x main thread; same reports: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  }
  console.log(`  targets: well under 2 s for the demo run (1,500 people), under 10% of protect on larger runs; load now ${load()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
