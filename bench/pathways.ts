/**
 * Pathways at scale: every table for levels 2, 3 and all on a synthetic
 * dataset of N people (default 10,000,000), generated straight into DuckDB
 * with SQL (no CSV import, so the figures are "after import").
 *
 *   node dist/bench/pathways.js [people] [--db file] [--quick]     (npm run bench:pathways)
 *
 * --db keeps the generated store in `file` and reuses it when it is already
 * there (generating 10M people takes minutes); --quick times only the headline
 * (one count pass, then every table for levels 2, 3 and all).
 *
 * Prints wall and CPU seconds for: generating the rows; one count pass for all
 * levels then the tables for levels 2, 3 and all (plain, weighted, by region);
 * runPathways once per level as the CLI does. Then peak RSS.
 * Target: every table for levels 2, 3 and all in under 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/database.js';
import { openDataset } from '../src/analyses/analysis.js';
import { runPathways, pathwayLabels } from '../src/analyses/pathways/index.js';
import { countPathways } from '../src/store/pathway-counts.js';
import { loadMapping } from '../src/store/mappings.js';
import { buildPathways } from '../src/core/pathways/build.js';
import type { PathwayLevel } from '../src/core/pathways/types.js';

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const keep = dbAt >= 0 ? args[dbAt + 1] : undefined;
const quick = args.includes('--quick');
const people = Number(args.find((a, i) => /^\d+$/.test(a) && !(dbAt >= 0 && i === dbAt + 1)) ?? 10_000_000);
const dir = mkdtempSync(join(tmpdir(), 'routeways-bench-pw-'));
const t = () => performance.now() / 1000;
const fmt = (x: number) => x.toFixed(2).padStart(6);
const levels: PathwayLevel[] = [2, 3, 'all'];

try {
  const store = await openStore(keep ?? join(dir, 'store.duckdb'));
  const c = store.connection;
  let t0 = t();
  const have = (await c.runAndReadAll(`SELECT count(*) AS n FROM datasets WHERE name = 'bench'`)).getRowObjectsJS()[0];
  if (Number(have.n) === 0) {
    await c.run(`INSERT INTO datasets (name, imported_at, source_dir) VALUES ('bench', now()::TIMESTAMP, 'synthetic')`);
    const id = Number((await c.runAndReadAll(`SELECT dataset_id FROM datasets WHERE name = 'bench'`)).getRowObjectsJS()[0].dataset_id);
    const regions = `['NE','NW','YH','EM','WM','EE','LN','SE','SW','WA','SC','NI']`;
    const socs = `['11','12','21','22','23','24','31','32','33','34','35','41','42','51','52','53','54','61','62','71','72','81','82','91','92']`;
    await c.run(`INSERT INTO people (dataset_id, person_key, person_id, region, region_raw) SELECT ${id}, i, 'P' || i, ${regions}[(1 + hash(i, 1) % 12)::BIGINT], NULL FROM range(${people}) t(i)`);
    // One or two qualifications each: SSA tied loosely to the person, levels 1-4 (mostly 2 and 3).
    await c.run(`INSERT INTO qualifications (dataset_id, person_key, title, code, ssa, ssa_raw, level, type, achieved_on, highest, weight)
      SELECT ${id}, i, 'Qualification ' || (hash(i, 2) % 500), NULL,
             (1 + hash(i, 3) % 15)::VARCHAR, NULL,
             [1, 2, 2, 2, 3, 3, 3, 4][(1 + hash(i, 4) % 8)::BIGINT]::TINYINT,
             CASE WHEN hash(i, 5) % 3 = 0 THEN 'apprenticeship' ELSE 'classroom' END,
             DATE '2015-01-01' + (hash(i, 6) % 1500)::INTEGER, NULL, 0.5 + (hash(i, 7) % 1000) / 666.0
        FROM range(${people}) t(i)
      UNION ALL
      SELECT ${id}, i, 'Extra ' || (hash(i, 8) % 300), NULL, (1 + hash(i, 9) % 15)::VARCHAR, NULL, 1::TINYINT, 'classroom',
             DATE '2014-01-01' + (hash(i, 10) % 300)::INTEGER, NULL, 0.5 + (hash(i, 7) % 1000) / 666.0
        FROM range(${people}) t(i) WHERE hash(i, 11) % 2 = 0`);
    // Most people have one occupation, some two (an earlier one), some none.
    await c.run(`INSERT INTO occupations (dataset_id, person_key, title, soc, soc_submajor, soc_major, employment_type, started_on)
      SELECT ${id}, i, 'Job', NULL, ${socs}[(1 + hash(i, 12) % 25)::BIGINT], NULL,
             ['full-time', 'training', 'part-time'][(1 + hash(i, 13) % 3)::BIGINT], DATE '2018-01-01' + (hash(i, 14) % 365)::INTEGER
        FROM range(${people}) t(i) WHERE hash(i, 15) % 10 <> 0
      UNION ALL
      SELECT ${id}, i, 'Earlier job', NULL, ${socs}[(1 + hash(i, 16) % 25)::BIGINT], NULL, 'full-time', DATE '2016-01-01'
        FROM range(${people}) t(i) WHERE hash(i, 17) % 4 = 0`);
    await c.run('CHECKPOINT');
  }
  const id = Number((await c.runAndReadAll(`SELECT dataset_id FROM datasets WHERE name = 'bench'`)).getRowObjectsJS()[0].dataset_id);
  const rows = (await c.runAndReadAll(`SELECT (SELECT count(*) FROM people) AS p, (SELECT count(*) FROM qualifications) AS q, (SELECT count(*) FROM occupations) AS o`)).getRowObjectsJS()[0];
  console.log(`${Number(have.n) === 0 ? 'generated' : 'reused'} ${Number(rows.p).toLocaleString('en-GB')} people, ${Number(rows.q).toLocaleString('en-GB')} qualifications, ${Number(rows.o).toLocaleString('en-GB')} occupations in ${fmt(t() - t0)} s`);

  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const labels = pathwayLabels();
  const mapping = await loadMapping(store, undefined, id);
  /** One count pass for all levels, then the tables for levels 2, 3 and all. */
  const allLevels = async (label: string, opts: { weighted?: boolean; byRegion?: boolean }) => {
    const [w0, c0] = [t(), cpu()];
    const counts = await countPathways(store, id, opts);
    const tc = t() - w0;
    let tables = 0;
    let cells = 0;
    for (const level of levels) {
      const results = buildPathways(counts, { dataset: 'bench', level, mapping, labels, ...opts });
      tables += results.reportTables.length;
      cells += results.countTables.reduce((s, x) => s + x.cells.length, 0);
    }
    const wall = t() - w0;
    console.log(`${label.padEnd(40)} ${fmt(wall)} s wall ${fmt(cpu() - c0)} s CPU   (SQL ${tc.toFixed(2)} s; ${counts.rows.length} count rows -> ${tables} report tables, ${cells} count cells)`);
    return wall;
  };
  const headline = await allLevels('levels 2, 3, all: one count pass', {});
  if (!quick) {
  await allLevels('levels 2, 3, all, weighted', { weighted: true });
  await allLevels('levels 2, 3, all, by region (12 regions)', { byRegion: true });
  // As the CLI does it: one runPathways per level (each counts its level only).
  {
    const [w0, c0] = [t(), cpu()];
    for (const level of levels) await runPathways(await openDataset(store, 'bench'), { level });
    console.log(`${'runPathways x3 (as the CLI, per level)'.padEnd(40)} ${fmt(t() - w0)} s wall ${fmt(cpu() - c0)} s CPU`);
  }
  }
  store.close();
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${rss.toFixed(0)} MiB`);
  const load = (await import('node:os')).loadavg()[0];
  console.log(`target: every table for levels 2, 3 and all under 10 s: ${headline < 10 ? 'met' : 'NOT met'} (${headline.toFixed(2)} s wall; machine load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
