/**
 * Import benchmark: generate extracts of several shapes, time `routeways import`
 * on each (a child process, so peak RSS is its own), and the floor: DuckDB
 * reading the same files with plain read_csv into tables of a database file.
 *
 * A shape is PEOPLE or PEOPLExCOLUMNS: PEOPLE people in people.csv with
 * COLUMNS characteristic columns (default 3: age band, sex, custody), 1.5
 * qualification rows and 1 occupation row per person (the proportions of
 * issue 15's national extract).
 *
 *   npm run build && node dist/bench/import.js [shape ...] [--parquet] [--repeat N]
 *   npm run bench:import
 *
 * With --repeat N each step runs N times, floor and import taking turns: it
 * shows the fastest run of each, and the median ratio of each import to the
 * floor run just before it (steadier when the machine's speed wanders).
 * Default shapes: 1000000 10000000 1000000x50 389x3000. With --parquet the same
 * extracts are also written as Parquet (by DuckDB) and imported from there.
 * Targets (issue 15): within 1.5x of the floor at 1M and 10M people; 1M x 50
 * under 60 s; 389 x 3,000 under 5 s; peak RSS < 4 GiB.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const BANDS = ['18-24', '25-34', '35-49', '50+'];

interface Shape {
  label: string;
  people: number;
  /** Characteristic columns in people.csv. */
  columns: number;
}

function parseShape(arg: string): Shape {
  const m = /^(\d+)(?:x(\d+))?$/.exec(arg);
  if (!m) throw new Error(`shape '${arg}': expected PEOPLE or PEOPLExCOLUMNS, e.g. 1000000 or 389x3000`);
  const people = Number(m[1]);
  const columns = m[2] === undefined ? 3 : Number(m[2]);
  return { label: `${people.toLocaleString('en-GB')} people x ${columns} characteristics`, people, columns };
}

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

/** Characteristic column k: every third yes/no (stored as booleans), the others a few categories. */
function characteristic(k: number, r: () => number): string {
  if (k === 0) return BANDS[Math.floor(r() * 4)];
  if (k === 1) return r() < 0.5 ? 'F' : 'M';
  if (k % 3 === 2) return r() < 0.3 ? 'yes' : 'no';
  return `v${Math.floor(r() * (2 + (k % 7)))}`;
}

async function generate(dir: string, shape: Shape): Promise<void> {
  if (existsSync(join(dir, 'done'))) return;
  mkdirSync(dir, { recursive: true });
  const { people, columns } = shape;
  const r = rng(people * 7919 + columns);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const names = Array.from({ length: columns }, (_, k) => (k === 0 ? 'age_band' : k === 1 ? 'sex' : k === 2 ? 'custody' : `need_${k}`));
  await writeLines(join(dir, 'people.csv'), ['person_id', 'region', ...names].join(','), people, (i) => {
    const cells = [`P${i}`, pick(REGIONS)];
    for (let k = 0; k < columns; k++) cells.push(characteristic(k, r));
    return cells.join(',');
  });
  await writeLines(join(dir, 'qualifications.csv'), 'person_id,qualification,ssa,level,type,highest', Math.round(people * 1.5), () =>
    `P${Math.floor(r() * people)},"${pick(QUALS)}",${1 + Math.floor(r() * 15)},${1 + Math.floor(r() * 4)},${pick(TYPES)},${r() < 0.5}`,
  );
  await writeLines(join(dir, 'occupations.csv'), 'person_id,occupation,soc,employment_type', people, () =>
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
function timed(cmd: string, args: string[]): Run {
  const t0 = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(res.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(res.stderr);
  return { seconds, cpu: Number(user?.[1] ?? NaN) + Number(sys?.[1] ?? NaN), maxRssMiB: m ? Number(m[1]) / 1024 : NaN };
}

/** The floor: plain read_csv (or read_parquet) of the three files into tables of a database file. */
const FLOOR_SCRIPT = `
import { DuckDBInstance } from '@duckdb/node-api';
const [db, dir, ext] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db);
const c = await inst.connect();
for (const f of ['people', 'qualifications', 'occupations']) {
  const reader = ext === 'parquet' ? 'read_parquet' : 'read_csv';
  await c.run(\`CREATE TABLE \${f} AS SELECT * FROM \${reader}('\${dir}/\${f}.\${ext}')\`);
}
c.closeSync(); inst.closeSync();
`;

/** The same extract as Parquet files, written by DuckDB. */
const TO_PARQUET_SCRIPT = `
import { DuckDBInstance } from '@duckdb/node-api';
const [dir, out] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
for (const f of ['people', 'qualifications', 'occupations']) {
  await c.run(\`COPY (SELECT * FROM read_csv('\${dir}/\${f}.csv', all_varchar = true)) TO '\${out}/\${f}.parquet' (FORMAT parquet)\`);
}
c.closeSync(); inst.closeSync();
`;

function fresh(db: string): void {
  for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
}

const line = (shape: string, step: string, rows: number, r: Run) =>
  console.log(
    `${shape.padEnd(14)} ${step.padEnd(18)} ${r.seconds.toFixed(2).padStart(7)}  ${Math.round(rows / r.seconds).toLocaleString('en-GB').padStart(10)}  ${r.cpu.toFixed(2).padStart(7)}  ${r.maxRssMiB.toFixed(0).padStart(6)} MiB`,
  );

const fastest = (a: Run | undefined, b: Run): Run => (a === undefined || b.seconds < a.seconds ? b : a);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(tag: string, dir: string, ext: 'csv' | 'parquet', rows: number, work: string, floorScript: string, repeat: number): void {
  const floorDb = join(work, `floor.duckdb`);
  const db = join(work, `store.duckdb`);
  let floor: Run | undefined;
  let imp: Run | undefined;
  // Each import is compared with the floor run just before it: on a shared machine whose speed wanders,
  // the median of those ratios says more than the two fastest runs, which may come from different spells.
  const ratios: number[] = [];
  for (let i = 0; i < repeat; i++) {
    fresh(floorDb);
    const f = timed(process.execPath, [floorScript, floorDb, dir, ext]);
    fresh(floorDb);
    fresh(db);
    const m = timed(process.execPath, [cli, '--db', db, '-q', 'import', dir, '--name', 'bench']);
    [floor, imp] = [fastest(floor, f), fastest(imp, m)];
    ratios.push(m.seconds / f.seconds);
  }
  if (!floor || !imp) return;
  line(tag, `read_${ext} floor`, rows, floor);
  line(tag, `import (${ext})`, rows, imp);
  const paired = repeat > 1 ? `, median of ${repeat} paired runs ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})` : '';
  console.log(
    `${tag.padEnd(14)} import/floor: wall ${(imp.seconds / floor.seconds).toFixed(2)}x, CPU ${(imp.cpu / floor.cpu).toFixed(2)}x (fastest runs)${paired}; store ${(statSync(db).size / 2 ** 20).toFixed(0)} MiB; load average now ${loadavg()[0].toFixed(1)}`,
  );
  fresh(db);
  rmSync(join(work, 'store.bench.rejects.csv'), { force: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const parquet = args.includes('--parquet');
  const r = args.indexOf('--repeat');
  const repeat = r >= 0 ? Math.max(1, Number(args[r + 1]) || 1) : 1;
  const shapes = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--repeat').map(parseShape);
  const list = shapes.length > 0 ? shapes : ['1000000', '10000000', '1000000x50', '389x3000'].map(parseShape);
  const work = join(tmpdir(), 'routeways-bench-import');
  mkdirSync(work, { recursive: true });
  const floorScript = join(root, 'dist', 'bench', 'import-floor.mjs');
  const toParquet = join(root, 'dist', 'bench', 'import-to-parquet.mjs');
  writeFileSync(floorScript, FLOOR_SCRIPT);
  writeFileSync(toParquet, TO_PARQUET_SCRIPT);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('shape          step                wall s     rows/s    CPU s   peak RSS');
  for (const shape of list) {
    const tag = `${shape.people}x${shape.columns}`;
    const dir = join(work, `extract-${tag}`);
    const t0 = Date.now();
    await generate(dir, shape);
    const rows = shape.people + Math.round(shape.people * 1.5) + shape.people;
    const bytes = ['people', 'qualifications', 'occupations'].reduce((a, f) => a + statSync(join(dir, `${f}.csv`)).size, 0);
    console.log(
      `# ${shape.label}: ${rows.toLocaleString('en-GB')} rows, ${(shape.people * (shape.columns + 2)).toLocaleString('en-GB')} values in people.csv, ${(bytes / 2 ** 20).toFixed(0)} MiB of CSV (generated or reused in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    measure(tag, dir, 'csv', rows, work, floorScript, repeat);
    if (parquet) {
      const pq = join(work, `parquet-${tag}`);
      if (!existsSync(join(pq, 'occupations.parquet'))) {
        mkdirSync(pq, { recursive: true });
        timed(process.execPath, [toParquet, dir, pq]);
      }
      measure(tag, pq, 'parquet', rows, work, floorScript, repeat);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
