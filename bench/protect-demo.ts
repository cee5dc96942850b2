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
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { demoOptions, demoReports, timeSuppression } from './demo-reports.js';

const args = process.argv.slice(2);
const cellsArg = args.includes('--cells') ? (args[args.indexOf('--cells') + 1] ?? null) : null;

console.log(`protect benchmark: ${cpus().length} cores, Node ${process.version}`);
const reports = await demoReports(demoOptions(args));
const { detail, audit, protectSeconds, protectCpu, auditSeconds, auditCpu } = timeSuppression(reports);
const { model } = detail;
const label = (c: number) => model.cellLabel(model.cells[c]!);
const lines = [...detail.primary.map((c) => `primary ${label(c)}`), ...detail.secondary.map((c) => `secondary ${label(c)}`)].sort();
const fingerprint = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
if (cellsArg) writeFileSync(cellsArg, `${lines.join('\n')}\n`);
const shown = new Set(detail.shown);
const shownPrimary = detail.primary.filter((c) => shown.has(c)).length;

console.log(`  reports ${reports.length}; model: ${model.cells.length} cells, ${model.innerCount} inner cells, ${model.relations.length} relations, ${detail.singletons.length} singletons`);
console.log(`  shown ${detail.shown.length}, published ${detail.published.length}, primary ${detail.primary.length} (${shownPrimary} shown), secondary ${detail.secondary.length}; cells fingerprint ${fingerprint}`);
console.log(
  `  protectSet  ${protectSeconds.toFixed(2).padStart(7)} s   (CPU ${protectCpu.toFixed(2)} s; audit alone ${auditSeconds.toFixed(2)} s, CPU ${auditCpu.toFixed(2)} s, ${audit.passed ? 'passed' : 'FAILED'}, rank ${audit.rank})`,
);
console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (other work slows the wall-clock figures)`);
console.log(`  peak RSS    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
