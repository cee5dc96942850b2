/**
 * Import benchmark: generate 1M- and 10M-row extracts (rows across the three
 * files: 1/5 people, 2/5 qualifications, 2/5 occupations), time
 * `routeways import` on each (a child process, so peak RSS is its own), and the
 * floor: DuckDB reading the same files with plain read_csv into a table.
 *
 *   npm run build && node dist/bench/import.js [rows ...]     (default: 1000000 10000000)
 *   npm run bench:import
 *
 * Targets (issue 2): 10M rows < 30 s, within 1.5x of the floor, peak RSS < 4 GiB.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../src/core/random.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');

const REGIONS = ['North East', 'North West', 'Yorkshire and The Humber', 'East Midlands', 'West Midlands', 'East of England', 'London', 'South East', 'South West'];
const QUALS = ['Fork Lift Truck', 'FLT', 'forklift licence', 'CSCS card', 'Food Hygiene Level 2', 'First Aid at Work', 'NVQ Level 2 Construction', 'Warehousing and Storage', 'Health and Safety', 'Customer Service'];
const OCCS = ['Forklift driver', 'Labourer', 'Kitchen porter', 'Warehouse operative', 'Cleaner', 'Care worker', 'Retail assistant', 'Chef', 'Van driver', 'Security officer'];
const SOCS = ['8222', '9120', '9272', '9252', '9233', '6145', '7111', '5434', '8212', '9241'];
const TYPES = ['classroom', 'apprenticeship'];
const EMP = ['full-time', 'part-time', 'training'];

/** The core's seeded generator, so the extract is the same every run. */
function rng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.nextFloat();
}

async function writeLines(path: string, header: string, n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(header + '\n');
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    buf.push(line(i));
    if (buf.length === 10000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  if (buf.length > 0) out.write(buf.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

async function generate(dir: string, rows: number): Promise<void> {
  if (existsSync(join(dir, 'done'))) return;
  mkdirSync(dir, { recursive: true });
  const people = Math.floor(rows / 5);
  const quals = Math.floor((rows * 2) / 5);
  const occs = rows - people - quals;
  const r = rng(rows);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  await writeLines(join(dir, 'people.csv'), 'person_id,region,age_band,sex,custody', people, (i) =>
    `P${i},${pick(REGIONS)},${pick(['18-24', '25-34', '35-49', '50+'])},${pick(['F', 'M'])},${r() < 0.3 ? 'yes' : 'no'}`,
  );
  await writeLines(join(dir, 'qualifications.csv'), 'person_id,qualification,ssa,level,type,highest', quals, () =>
    `P${Math.floor(r() * people)},"${pick(QUALS)}",${1 + Math.floor(r() * 15)},${1 + Math.floor(r() * 4)},${pick(TYPES)},${r() < 0.5}`,
  );
  await writeLines(join(dir, 'occupations.csv'), 'person_id,occupation,soc,employment_type', occs, () =>
    `P${Math.floor(r() * people)},${pick(OCCS)},${pick(SOCS)},${pick(EMP)}`,
  );
  await writeLines(join(dir, 'done'), 'ok', 0, () => '');
}

interface Run {
  seconds: number;
  /** user + system CPU seconds of the child (less sensitive to a busy machine than wall time). */
  cpu: number;
  maxRssMiB: number;
}

/** Run a command under /usr/bin/time -v: wall time and peak RSS of the child. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const t0 = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(res.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(res.stderr);
  return { seconds, cpu: Number(user?.[1] ?? NaN) + Number(sys?.[1] ?? NaN), maxRssMiB: m ? Number(m[1]) / 1024 : NaN };
}

const FLOOR_SCRIPT = `
import { DuckDBInstance } from '@duckdb/node-api';
const [db, dir] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db);
const c = await inst.connect();
for (const f of ['people', 'qualifications', 'occupations']) {
  await c.run(\`CREATE TABLE \${f} AS SELECT * FROM read_csv('\${dir}/\${f}.csv')\`);
}
c.closeSync(); inst.closeSync();
`;

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const list = sizes.length > 0 ? sizes : [1_000_000, 10_000_000];
  const work = join(tmpdir(), 'routeways-bench-import');
  mkdirSync(work, { recursive: true });
  const floorScript = join(root, 'dist', 'bench', 'import-floor.mjs');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(floorScript, FLOOR_SCRIPT);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('rows        step              wall s   rows/s       CPU s   peak RSS');
  for (const rows of list) {
    const dir = join(work, `extract-${rows}`);
    const t0 = Date.now();
    await generate(dir, rows);
    const bytes = ['people', 'qualifications', 'occupations'].reduce((a, f) => a + statSync(join(dir, `${f}.csv`)).size, 0);
    console.log(`# ${rows.toLocaleString('en-GB')} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB of CSV (generated or reused in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const floorDb = join(work, `floor-${rows}.duckdb`);
    const db = join(work, `store-${rows}.duckdb`);
    rmSync(floorDb, { force: true });
    rmSync(`${floorDb}.wal`, { force: true });
    const floor = timed(process.execPath, [floorScript, floorDb, dir]);
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
    const imp = timed(process.execPath, [cli, '--db', db, '-q', 'import', dir, '--name', 'bench']);
    const line = (step: string, r: Run) =>
      console.log(
        `${String(rows).padEnd(11)} ${step.padEnd(17)} ${r.seconds.toFixed(2).padStart(7)}  ${Math.round(rows / r.seconds).toLocaleString('en-GB').padStart(10)}  ${r.cpu.toFixed(2).padStart(7)}  ${r.maxRssMiB.toFixed(0).padStart(6)} MiB`,
      );
    line('read_csv floor', floor);
    line('routeways import', imp);
    console.log(
      `${String(rows).padEnd(11)} import/floor: wall ${(imp.seconds / floor.seconds).toFixed(2)}x, CPU ${(imp.cpu / floor.cpu).toFixed(2)}x; store ${(statSync(db).size / 2 ** 20).toFixed(0)} MiB; load average now ${loadavg()[0].toFixed(1)}`,
    );
    rmSync(floorDb, { force: true });
    rmSync(db, { force: true });
    rmSync(join(work, `store-${rows}.bench.rejects.csv`), { force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
