/**
 * Routeways against its peer (issue 15): the same generated extract, from CSV
 * files to the qualification x occupation link weights per region and the DfE
 * pathway tables for levels 2, 3 and all, by Routeways (import, then the
 * counts `clusters` and `pathways` make; bench/peer-routeways.ts) and by the
 * pandas script an analyst writes instead (bench/peer/pathways_pandas.py).
 * Each runs as its own process under /usr/bin/time (wall, CPU, peak RSS);
 * the bench checks both found the same link totals and pathway cube, and
 * prints both times with their ratio.
 *
 *   npm run build && node dist/bench/peer.js [people ...] [--keep]    (npm run bench:peer)
 *   npm run bench:peer -- 1000000 10000000
 *
 * Default: 1,000,000 people (1.5 qualification rows and 1 occupation row per
 * person, as in bench:import). The pandas side is skipped, with a message,
 * when no python can import pandas ($PYTHON, python3, then Debian's
 * /usr/bin/python3: apt-get install python3-pandas).
 * Extracts are generated under $TMPDIR/routeways-bench-peer and reused; --keep
 * leaves them there.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../src/core/random.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REGIONS = ['NE', 'NW', 'YH', 'EM', 'WM', 'EE', 'LN', 'SE', 'SW'];
const QUALS = Array.from({ length: 400 }, (_, i) => `Qualification ${i}`);
const OCCS = Array.from({ length: 300 }, (_, i) => `Job ${i}`);
const SOCS = ['1111', '2136', '3131', '4159', '5434', '6135', '7111', '8222', '8214', '9120', '9223', '9252', '9263', '2231', '3545'];
const TYPES = ['classroom', 'apprenticeship'];
const EMP = ['full-time', 'part-time', 'training'];

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

const date = (from: number, day: number) => new Date(Date.UTC(from, 0, 1) + day * 86400000).toISOString().slice(0, 10);

/** Lines for each person in turn: `rows(i)` gives person i's lines (none, one or more). */
async function writePeopleLines(path: string, header: string, people: number, rows: (i: number) => string[]): Promise<void> {
  let pending: string[] = [];
  const out = createWriteStream(path);
  out.write(header + '\n');
  for (let i = 0; i < people; i++) {
    pending.push(...rows(i));
    if (pending.length >= 10000 || i === people - 1) {
      if (pending.length > 0 && !out.write(pending.join('\n') + '\n')) await once(out, 'drain');
      pending = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

/**
 * A seeded extract: some blanks (SSA, level, SOC) so every coverage status
 * occurs; titles skewed so links repeat. A person's qualifications (one or
 * two, 1.5 on average) and occupations (none, one or two, 1.0 on average)
 * have different dates, so "the highest qualification" and "the latest
 * occupation" never come down to the order rows are listed or stored in.
 */
async function generate(dir: string, people: number): Promise<void> {
  if (existsSync(join(dir, 'done'))) return;
  mkdirSync(dir, { recursive: true });
  const random = new Random(people * 31 + 7);
  const r = () => random.nextFloat();
  const skewed = <T>(a: readonly T[]) => a[Math.floor(r() * r() * a.length)];
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const dates = (from: number, n: number) => {
    const first = Math.floor(r() * 1500);
    return Array.from({ length: n }, (_, k) => date(from, first + k * (1 + Math.floor(r() * 400))));
  };
  await writeLines(join(dir, 'people.csv'), 'person_id,region', people, (i) => `P${i},${pick(REGIONS)}`);
  await writePeopleLines(join(dir, 'qualifications.csv'), 'person_id,qualification,ssa,level,type,achieved_on,highest', people, (i) =>
    dates(2014, r() < 0.5 ? 1 : 2).map((d) =>
      [`P${i}`, skewed(QUALS), r() < 0.05 ? '' : 1 + Math.floor(r() * 15), r() < 0.02 ? '' : 1 + Math.floor(r() * 4), pick(TYPES), d, r() < 0.3].join(','),
    ),
  );
  await writePeopleLines(join(dir, 'occupations.csv'), 'person_id,occupation,soc,employment_type,started_on', people, (i) => {
    const x = r();
    return dates(2017, x < 0.1 ? 0 : x < 0.9 ? 1 : 2).map((d) => [`P${i}`, skewed(OCCS), r() < 0.05 ? '' : pick(SOCS), pick(EMP), d].join(','));
  });
  await writeLines(join(dir, 'done'), 'ok', 0, () => '');
}

interface Run {
  seconds: number;
  cpu: number;
  rssMiB: number;
  summary: Summary;
}

interface Summary {
  steps: Record<string, number>;
  links: Record<string, { links: number; people: number; sumW: number; sumW2: number }>;
  cube: string[];
  tables: number;
}

function timed(cmd: string, args: string[]): Run {
  const t0 = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${res.stdout.slice(0, 2000)}\n${res.stderr.slice(-4000)}`);
  const num = (re: RegExp) => Number(re.exec(res.stderr)?.[1] ?? NaN);
  return {
    seconds,
    cpu: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
    rssMiB: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
    summary: JSON.parse(res.stdout.trim().split('\n').pop()!) as Summary,
  };
}

/** The first of $PYTHON, python3 and Debian's /usr/bin/python3 (python3-pandas) that imports pandas. */
function pythonWithPandas(): string | null {
  for (const py of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (py && spawnSync(py, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0) return py;
  }
  return null;
}

/** Both found the same numbers: per-region link totals and every pathway cube row. */
function sameResults(a: Summary, b: Summary): string[] {
  const diffs: string[] = [];
  for (const region of new Set([...Object.keys(a.links), ...Object.keys(b.links)])) {
    if (JSON.stringify(a.links[region]) !== JSON.stringify(b.links[region])) diffs.push(`links in ${region}: ${JSON.stringify(a.links[region])} vs ${JSON.stringify(b.links[region])}`);
  }
  const [x, y] = [new Set(a.cube), new Set(b.cube)];
  const onlyA = a.cube.filter((r) => !y.has(r));
  const onlyB = b.cube.filter((r) => !x.has(r));
  if (onlyA.length + onlyB.length > 0) diffs.push(`pathway cube: ${onlyA.length} rows only in Routeways' (${onlyA.slice(0, 3).join('; ')}), ${onlyB.length} only in pandas' (${onlyB.slice(0, 3).join('; ')})`);
  return diffs;
}

const steps = (s: Summary) => Object.entries(s.steps).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
const row = (who: string, r: Run) =>
  console.log(`  ${who.padEnd(10)} ${r.seconds.toFixed(1).padStart(7)} s wall ${r.cpu.toFixed(1).padStart(7)} s CPU ${(r.rssMiB / 1024).toFixed(2).padStart(6)} GiB peak RSS   (${steps(r.summary)})`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const work = join(tmpdir(), 'routeways-bench-peer');
  mkdirSync(work, { recursive: true });
  const python = pythonWithPandas();
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (!python) console.log('pandas: not installed ($PYTHON, python3 and /usr/bin/python3 cannot import pandas; Debian: apt-get install python3-pandas): timing Routeways only');
  else console.log(`pandas: ${spawnSync(python, ['-c', 'import pandas, sys; print(pandas.__version__, sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim()} (${python})`);
  for (const people of sizes.length > 0 ? sizes : [1_000_000]) {
    const dir = join(work, `extract-${people}`);
    const t0 = Date.now();
    await generate(dir, people);
    console.log(`# ${people.toLocaleString('en-GB')} people, about ${Math.round(people * 1.5).toLocaleString('en-GB')} qualification rows and ${people.toLocaleString('en-GB')} occupation rows (generated or reused in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const db = join(work, 'store.duckdb');
    for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
    const rw = timed(process.execPath, [join(root, 'dist', 'bench', 'peer-routeways.js'), dir, db]);
    for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
    row('Routeways', rw);
    if (!python) continue;
    const pd = timed(python, [join(root, 'bench', 'peer', 'pathways_pandas.py'), dir]);
    row('pandas', pd);
    const diffs = sameResults(rw.summary, pd.summary);
    console.log(`  same link weights per region and pathway cube: ${diffs.length === 0 ? `yes (${Object.keys(rw.summary.links).length} regions, ${rw.summary.cube.length} cube rows)` : `NO\n    ${diffs.join('\n    ')}`}`);
    console.log(`  pandas / Routeways: wall ${(pd.seconds / rw.seconds).toFixed(2)}x, CPU ${(pd.cpu / rw.cpu).toFixed(2)}x (above 1: Routeways faster); load average now ${loadavg()[0].toFixed(1)}`);
  }
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
