/**
 * Progression at scale: every measure by SSA x level x region (and all its
 * margins), the route counts and the moves network, on N people (default
 * 1,000,000) with 3-5 spells each, generated in DuckDB (bench/progression-data.ts).
 *
 *   node dist/bench/progression.js [people] [--db file]     (npm run bench:progression)
 *
 * --db keeps the generated store in `file` and reuses it. Prints wall and CPU
 * seconds per step and peak RSS. Target: all measures by SSA x level x region
 * in under 20 s on the 2-core machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/database.js';
import { countMoves, countProgression } from '../src/store/progression-counts.js';
import { progressionSettings } from '../src/core/progression/settings.js';
import { basketOfMeasures } from '../src/core/progression/basket.js';
import { topRoutes, upwardRoutes } from '../src/core/progression/routes.js';
import { generateHistories } from './progression-data.js';

const args = process.argv.slice(2);
const dbAt = args.indexOf('--db');
const keep = dbAt >= 0 ? args[dbAt + 1] : undefined;
const people = Number(args.find((a, i) => /^\d+$/.test(a) && !(dbAt >= 0 && i === dbAt + 1)) ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'routeways-bench-prog-'));
const t = () => performance.now() / 1000;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const fmt = (x: number) => x.toFixed(2).padStart(6);
const line = (label: string, w0: number, c0: number, extra = '') => console.log(`${label.padEnd(44)} ${fmt(t() - w0)} s wall ${fmt(cpu() - c0)} s CPU ${extra}`);

try {
  const store = await openStore(keep ?? join(dir, 'store.duckdb'));
  const c = store.connection;
  const one = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS()[0];
  let [w0, c0] = [t(), cpu()];
  const have = Number((await one(`SELECT count(*) AS n FROM datasets WHERE name = 'bench-progression'`)).n);
  if (have === 0) {
    await c.run(`INSERT INTO datasets (name, imported_at, source_dir) VALUES ('bench-progression', now()::TIMESTAMP, 'synthetic')`);
    const id = Number((await one(`SELECT dataset_id FROM datasets WHERE name = 'bench-progression'`)).dataset_id);
    await generateHistories(c, id, people);
    await c.run('CHECKPOINT');
  }
  const id = Number((await one(`SELECT dataset_id FROM datasets WHERE name = 'bench-progression'`)).dataset_id);
  const n = await one(`SELECT (SELECT count(*) FROM people WHERE dataset_id = ${id}) AS p, (SELECT count(*) FROM occupations WHERE dataset_id = ${id}) AS o,
                              (SELECT count(*) FROM benefits WHERE dataset_id = ${id}) AS b`);
  const g = (x: unknown) => Number(x).toLocaleString('en-GB');
  line(`${have === 0 ? 'generated' : 'reused'} ${g(n.p)} people, ${g(n.o)} spells, ${g(n.b)} claims`, w0, c0);

  const settings = progressionSettings({ months: 12 });
  [w0, c0] = [t(), cpu()];
  const counts = await countProgression(store, id, settings, { by: ['ssa', 'level', 'region'] });
  const basket = basketOfMeasures(counts.aggregates, settings.minBase);
  topRoutes(counts.routes, 3, 10);
  upwardRoutes(counts.routes, 20);
  const headline = t() - w0;
  const headlineCpu = cpu() - c0;
  line('all measures by SSA x level x region + margins, routes', w0, c0,
    `(${g(counts.coverage.analysed)} people followed up; ${basket.length} groups x ${basket[0].measures.length} measures; ${g(counts.routes.length)} route counts)`);

  [w0, c0] = [t(), cpu()];
  const moves = await countMoves(store, id, 'soc');
  line('moves network (SOC sub-major groups)', w0, c0, `(${moves.nodes.length} occupations, ${moves.edges.length} links)`);

  [w0, c0] = [t(), cpu()];
  const titles = await countProgression(store, id, settings, { by: ['title'], margins: false, routes: { occupationBy: 'title' } });
  line('all measures by qualification title, title routes', w0, c0, `(${titles.aggregates.length} titles)`);

  store.close();
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  // The work is CPU-bound (the store is in the page cache): on an idle machine its wall time is at most its CPU time.
  console.log(
    `target: all measures by SSA x level x region under 20 s: ${headline < 20 ? 'met' : headlineCpu < 20 ? 'met in CPU time, not in wall time on this loaded machine' : 'NOT met'} ` +
      `(${headline.toFixed(2)} s wall, ${headlineCpu.toFixed(2)} s CPU; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
