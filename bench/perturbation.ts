/**
 * The cell key method's speed:
 *
 *   node dist/bench/perturbation.js [people]          (npm run bench:perturbation)
 *
 * Prints: time to generate the default p-table (D = 5, V = 3, js = 2, false-zero cap), ptable's uncapped one, and a
 * wide one (D = 20, V = 40, js = 5), to compile the lookup, to perturb 1M
 * cells (perturbAll and one perturb call per cell), the small-count risk of
 * 1M cells; then, on a store of N synthetic people (default 1,000,000, made
 * with SQL), the link-table count with and without record and cell keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PTABLE_PARAMETERS, PerturbationLookup, generatePTable, smallCountRisk, KEY_RANGE } from '../src/core/disclosure/perturbation/index.js';
import { Random } from '../src/core/random.js';
import { openStore, queryRows } from '../src/store/database.js';
import { keyedCellCounts, prepareRecordKeys } from '../src/store/record-keys.js';

const people = Number(process.argv[2] ?? 1_000_000);
const ms = () => performance.now();
const line = (what: string, millis: number, extra = '') => process.stdout.write(`${what.padEnd(58)} ${millis.toFixed(1).padStart(9)} ms${extra ? `  ${extra}` : ''}\n`);

function median(f: () => void, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = ms();
    f();
    times.push(ms() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

let t0 = ms();
const table = generatePTable(DEFAULT_PTABLE_PARAMETERS);
line(`generate the default p-table (cap ${DEFAULT_PTABLE_PARAMETERS.maxZero}; first, cold)`, ms() - t0, `${table.rows.length} entries`);
line('generate the default p-table (median of 20)', median(() => generatePTable(DEFAULT_PTABLE_PARAMETERS), 20));
line('generate p-table D=5 V=3 js=2, no cap (median of 20)', median(() => generatePTable({ maxPerturbation: 5, variance: 3, forbid: 2 }), 20));
line('generate p-table D=5 V=3 js=2 pstay=0.5 (median of 20)', median(() => generatePTable({ maxPerturbation: 5, variance: 3, forbid: 2, pstay: 0.5 }), 20));
line('generate p-table D=20 V=40 js=5 (median of 5)', median(() => generatePTable({ maxPerturbation: 20, variance: 40, forbid: 5 }), 5));
let lookup!: PerturbationLookup;
line('compile the lookup (median of 20)', median(() => (lookup = new PerturbationLookup(table)), 20));

const n = 1_000_000;
const rng = new Random(1);
const counts = new Int32Array(n);
const keys = new Int32Array(n);
for (let c = 0; c < n; c++) {
  // Mostly small counts, as in link tables: geometric-ish.
  counts[c] = Math.floor(-Math.log(1 - rng.nextFloat()) * 8);
  keys[c] = rng.nextInt(KEY_RANGE);
}
const out = new Int32Array(n);
line('perturb 1M cells, perturbAll (median of 11)', median(() => lookup.perturbAll(counts, keys, out), 11));
line(
  'perturb 1M cells, one perturb() call each (median of 5)',
  median(() => {
    for (let c = 0; c < n; c++) out[c] = lookup.perturb(counts[c], keys[c]);
  }, 5),
);
t0 = ms();
const risk = smallCountRisk(lookup, counts);
line('small-count risk over 1M cells', ms() - t0, `worst posterior ${risk.worstPositive.toFixed(3)}`);

const dir = mkdtempSync(join(tmpdir(), 'routeways-bench-ck-'));
try {
  const store = await openStore(join(dir, 'store.duckdb'));
  const c = store.connection;
  t0 = ms();
  await c.run(`INSERT INTO datasets (name, imported_at, source_dir) VALUES ('bench', now()::TIMESTAMP, '/bench')`);
  await c.run(`INSERT INTO people (dataset_id, person_key, person_id, region) SELECT 1, i, 'P' || i, 'YH' FROM range(${people}) t(i)`);
  // Two qualifications and one or two occupations each, from 200 and 60 titles.
  await c.run(`INSERT INTO qualifications (dataset_id, person_key, title) SELECT 1, i, 'Q' || ((i * 7 + k * 13) % 200) FROM range(${people}) t(i), range(2) u(k)`);
  await c.run(`INSERT INTO occupations (dataset_id, person_key, title) SELECT 1, i, 'O' || ((i * 11 + k * 17) % 60) FROM range(${people}) t(i), range(1 + (i % 2)::INTEGER) u(k)`);
  line(`make ${people.toLocaleString('en-GB')} synthetic people`, ms() - t0);
  const links = `SELECT q.person_key, q.title AS q, o.title AS o FROM qualifications q JOIN occupations o USING (dataset_id, person_key) WHERE q.dataset_id = 1`;
  t0 = ms();
  const plain = await queryRows(c, `SELECT q, o, count(*) AS n FROM (SELECT DISTINCT * FROM (${links})) GROUP BY q, o`);
  line('link table, distinct people only', ms() - t0, `${plain.length} cells`);
  await keyedCellCounts(store, { datasetId: 1, holdings: `SELECT 0 AS person_key WHERE false`, cells: [] }); // creates the secret
  t0 = ms();
  const keyed = await keyedCellCounts(store, { datasetId: 1, holdings: links, cells: ['q', 'o'] });
  line('link table, distinct people and cell keys', ms() - t0, `${keyed.length} cells`);
  t0 = ms();
  const prepared = await prepareRecordKeys(store, 1);
  line('record keys prepared once (prepareRecordKeys)', ms() - t0);
  t0 = ms();
  await keyedCellCounts(store, { datasetId: 1, holdings: links, cells: ['q', 'o'], recordKeys: prepared });
  line('link table, cell keys from the prepared keys', ms() - t0);
  t0 = ms();
  await keyedCellCounts(store, { datasetId: 1, holdings: links, cells: ['q'], recordKeys: prepared });
  line('qualification margin, cell keys from the prepared keys', ms() - t0);
  await prepared.drop();
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
