/**
 * bench:server — the API server under load, on loopback only and bounded:
 * autocannon with 100 connections for 20 s (by default) against
 *   1. destinations of 20 qualifications (cached answers after the first),
 *   2. 10 queries asked again and again (cached),
 *   3. queries never asked before (a different population filter each time),
 * printing requests per second, p50 / p99 latency, errors, non-2xx answers
 * (a refused query is a 422, which counts as an answer, not an error) and the
 * server process's peak RSS. The server runs as `routeways serve --open` in a
 * child process, so the load generator does not share its event loop.
 *
 *   npm run bench:server
 *   npm run build && node dist/bench/server.js [people] [--db store.duckdb] [--connections 100] [--duration 20]
 *
 * Target (issue 11): p99 under 250 ms at 100 connections for cached queries,
 * under 1 s for new ones, and 0 errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request as AcRequest, type Result as AcResult } from 'autocannon';
import { DEFAULT_PEOPLE } from '../src/demo/build.js';
import { generateDemoExtract } from '../src/demo/generate.js';
import { importExtract } from '../src/ingest/import.js';
import { openStore } from '../src/store/database.js';
import { findDataset } from '../src/store/datasets.js';

const args = process.argv.slice(2);
const option = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
const people = Number(args.find((a, i) => /^\d+$/.test(a) && !(args[i - 1] ?? '').startsWith('--')) ?? DEFAULT_PEOPLE);
const connections = Number(option('--connections') ?? 100);
const duration = Number(option('--duration') ?? 20);

async function ensureStore(file: string, work: string): Promise<void> {
  const store = await openStore(file);
  try {
    if (await findDataset(store, 'demo')) return;
    await generateDemoExtract(join(work, 'extract'), { seed: 1, people });
    await importExtract(store, join(work, 'extract'), { name: 'demo' });
  } finally {
    store.close();
  }
}

async function startServer(db: string, permalinks: string): Promise<{ child: ChildProcess; url: string }> {
  const main = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
  const child = spawn(process.execPath, [main, 'serve', '--open', 'demo', '--db', db, '--port', '0', '--rate-limit', '0', '--permalinks', permalinks], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server stopped (exit ${code}) before listening: ${out}`)));
  });
  return { child, url };
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function report(name: string, r: AcResult): void {
  process.stdout.write(
    `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  ` +
      `answers ${r.requests.total}  errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx} (5xx ${r['5xx']})\n`,
  );
}

/** Queries never asked before: a population filter drawn from many combinations. */
function newQueries(levels: string[], regions: string[], sexes: string[]): () => string {
  let i = 0;
  return () => {
    i++;
    const lv = levels.filter((_, k) => ((i >> k) & 1) === 1);
    const region = regions[Math.floor(i / 64) % regions.length]!;
    const sex = sexes[Math.floor(i / (64 * regions.length)) % sexes.length]!;
    const filters = [`filter.region=${region}`, `filter.sex=${encodeURIComponent(sex)}`, ...(lv.length > 0 ? [`filter.level=${lv.join(',')}`] : [])];
    const rows = ['ssa', 'soc_major', 'type', 'employment_type'][Math.floor(i / (64 * regions.length * sexes.length)) % 4];
    return `/api/v1/datasets/demo/query?rows=${rows}&columns=age_band&${filters.join('&')}`;
  };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'routeways-bench-server-'));
  const db = option('--db') ?? join(work, 'store.duckdb');
  try {
    await ensureStore(db, work);
    const { child, url } = await startServer(db, join(work, 'permalinks'));
    try {
      const info = (await (await fetch(`${url}/api/v1/datasets/demo`)).json()) as { people: number; dimensions: Array<{ id: string; categories: Array<{ code: string }> }> };
      const cats = (id: string) => info.dimensions.find((d) => d.id === id)?.categories.map((c) => c.code) ?? [];
      const quals = cats('qualification').slice(0, 20);
      const destinations = quals.map((q) => `/api/v1/qualifications/${q}/destinations`);
      const cached = ['ssa', 'level', 'soc_major', 'soc_submajor', 'region', 'type', 'employment_type', 'age_band', 'sex', 'ethnicity_group'].map(
        (r) => `/api/v1/datasets/demo/query?rows=${r}&columns=${r === 'region' ? 'sex' : 'region'}&measures=people,row_share`,
      );
      // Warm up: the published tables (clusters) and the cached answers.
      await fetch(`${url}/api/v1/datasets/demo/tables`);
      for (const p of [...destinations, ...cached]) await fetch(`${url}${p}`);
      process.stdout.write(`bench:server: ${info.people} people linked (demo of ${people}); ${connections} connections for ${duration} s each; ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}\n`);
      const rotate = (paths: string[]) => {
        let i = 0;
        return [{ setupRequest: (req: AcRequest) => ({ ...req, path: paths[i++ % paths.length]! }) }];
      };
      const fresh = newQueries(cats('level'), cats('region'), cats('sex'));
      const runs: Array<[string, AcRequest[]]> = [
        ['destinations (cached)', rotate(destinations)],
        ['query (cached)', rotate(cached)],
        ['query (new each time)', [{ setupRequest: (req: AcRequest) => ({ ...req, path: fresh() }) }]],
      ];
      for (const [name, requests] of runs) report(name, await autocannon({ url, connections, duration, requests, timeout: 10 }));
      process.stdout.write(`server peak RSS ${peakRssMb(child.pid!).toFixed(0)} MB\n`);
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    if (option('--db') === null) rmSync(work, { recursive: true, force: true });
  }
}

await main();
