/**
 * bench:disclosure — how much Routeways' Gaussian-elimination secondary
 * suppression withholds, and how fast, against a simple baseline:
 * "suppress the next-smallest cell in each affected row and column (every
 * line of a table through a margin), repeated to a fixed point". Both are then
 * audited with the same independent rank test (audit.ts); the baseline may fail.
 *
 * Releases: random 2-D and 3-D tables with totals (seeded), a 2-D table with a
 * hierarchy, and the demo dataset's cluster and pathway releases (made with
 * the CLI: demo, clusters, pathways --level 2 and 3, in a temp folder).
 *
 * Then both methods on the same release set, the reports a publish run makes
 * on the 6,000-person demo (all regions and each region, clusters + pathways;
 * bench/demo-reports.ts, shared with bench:protect): seconds of
 * protectReleaseSet under suppression, under the cell key method with
 * ptable's uncapped table and with the default table (false-zero cap), the
 * risk-utility report's figures for each (src/core/disclosure/risk-utility.ts),
 * the share of each regional map's links of 3+ people drawn, and the
 * suppression timings (protectSet and its audit alone).
 *
 *   npm run bench:disclosure            (--no-demo: skip the demo dataset; --no-set: skip the release set;
 *                                        --set-only: only the release set; --reports file.json: keep/reuse its reports)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { protectWithDetail, protectReleaseSet, auditModel, type LinearModel, type ReleaseSet } from '../src/core/disclosure/index.js';
import { DEFAULT_PTABLE_PARAMETERS, generatePTable, type PTableParameters } from '../src/core/disclosure/perturbation/index.js';
import { riskUtilityTable } from '../src/cli/risk-utility-table.js';
import { demoOptions, demoReports, seconds, timeSuppression } from './demo-reports.js';
import type { CountTable, Dimension, Results } from '../src/core/results.js';
import { additiveTable, dim, resultsOf, rng } from '../test/disclosure/helpers.js';

interface Row {
  release: string;
  published: number;
  primary: number;
  rwSecondary: number;
  rwSeconds: number;
  rwAudit: string;
  rwOutsider: number;
  blSecondary: number;
  blSeconds: number;
  blAudit: string;
}

/** The baseline: lines through margins; a line with exactly one suppressed cell loses its smallest other non-zero cell. */
function baseline(results: Results[], model: LinearModel, tableKeys: Array<Map<string, string>>, primary: number[]): Set<number> {
  const suppressed = new Set(primary);
  const lines: number[][] = [];
  results.forEach((r, i) => {
    for (const t of r.countTables) {
      if (!t.additive) continue;
      const key = tableKeys[i]!.get(t.id)!;
      const codes = t.dimensions.map((d) => d.categories.map((c) => c.code));
      t.dimensions.forEach((d, di) => {
        for (const parent of d.categories) {
          if (!parent.children?.length) continue;
          let combos: string[][] = [[]];
          codes.forEach((cs, j) => (combos = j === di ? combos.map((p) => [...p, '']) : combos.flatMap((p) => cs.map((c) => [...p, c]))));
          for (const combo of combos) {
            const cell = (code: string) => model.cell(key, combo.map((c, j) => (j === di ? code : c))).index;
            lines.push([cell(parent.code), ...parent.children.map(cell)]);
          }
        }
      });
    }
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const nonzero = line.filter((c) => model.cells[c]!.n > 0);
      if (nonzero.filter((c) => suppressed.has(c)).length !== 1) continue;
      // Next-smallest inner (child) cell; the line's total only when no child is left.
      const children = nonzero.slice(line[0] === nonzero[0] ? 1 : 0).filter((c) => !suppressed.has(c) && c !== line[0]);
      const pick = children.sort((a, b) => model.cells[a]!.n - model.cells[b]!.n)[0] ?? (suppressed.has(line[0]!) ? undefined : line[0]);
      if (pick !== undefined && model.cells[pick]!.n > 0) {
        suppressed.add(pick);
        changed = true;
      }
    }
  }
  return suppressed;
}

function measure(name: string, results: Results[]): Row {
  let t0 = performance.now();
  const { detail } = protectWithDetail(results, { roundingBase: 5 });
  const rwSeconds = (performance.now() - t0) / 1000;
  // The same without the insider (singleton) guard: what the baseline is trying to do.
  const outsiderOnly = protectWithDetail(results, { roundingBase: 5, protectSingletons: false }).detail;
  const publishedAll = new Set(detail.shown);
  const primaryPublished = detail.primary.filter((p) => publishedAll.has(p)).length;

  t0 = performance.now();
  const bl = baseline(results, detail.model, detail.tableKeys, detail.primary);
  const blSeconds = (performance.now() - t0) / 1000;
  const primarySet = new Set(detail.primary);
  const blSecondary = [...bl].filter((c) => !primarySet.has(c) && publishedAll.has(c));
  const blPublished = [...publishedAll].filter((c) => !bl.has(c));
  // Only the small (primary) cells matter for the verdict: a derivable secondary cell harms no one.
  const outsider = auditModel({ model: detail.model, published: blPublished, suppressed: detail.primary });
  const insider = auditModel({ model: detail.model, published: blPublished, suppressed: detail.primary, primary: detail.primary, singletons: detail.singletons });
  const blAudit = outsider.passed
    ? insider.passed
      ? 'passed'
      : `FAILED: ${insider.derivable.length} small cells (insider)`
    : `FAILED: ${outsider.derivable.length} small cells derivable`;
  return {
    release: name,
    published: publishedAll.size,
    primary: primaryPublished,
    rwSecondary: detail.secondary.length,
    rwSeconds,
    rwAudit: detail.audit.passed ? 'passed' : 'FAILED',
    rwOutsider: outsiderOnly.secondary.length,
    blSecondary: blSecondary.length,
    blSeconds,
    blAudit,
  };
}

/** Skewed counts: many small, some large, some zeros. */
function skewed(seed: number, zeroShare = 0.05): (keys: string[]) => number {
  const r = rng(seed);
  const memo = new Map<string, number>();
  return (keys) => {
    const k = keys.join('|');
    if (!memo.has(k)) {
      const u = r();
      const z = Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
      memo.set(k, u < zeroShare ? 0 : Math.floor(Math.exp(4.2 + 1.2 * z)));
    }
    return memo.get(k)!;
  };
}

const leaves = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function randomReleases(): Array<[string, Results[]]> {
  const out: Array<[string, Results[]]> = [];
  for (const seed of [1, 2, 3]) {
    out.push([`random 2-D 30x20 (seed ${seed})`, [resultsOf([additiveTable('t', [dim('a', leaves('a', 30)), dim('b', leaves('b', 20))], skewed(seed))])]]);
  }
  for (const seed of [1, 2, 3]) {
    out.push([`random 3-D 10x8x6 (seed ${seed})`, [resultsOf([additiveTable('t', [dim('a', leaves('a', 10)), dim('b', leaves('b', 8)), dim('c', leaves('c', 6))], skewed(seed + 10))])]]);
  }
  const groups: Record<string, string[]> = {};
  for (let g = 0; g < 9; g++) groups[`g${g}`] = leaves(`s${g}_`, 3);
  const soc: Dimension = dim('soc', Object.values(groups).flat(), groups);
  out.push(['random 2-D hierarchy 9 groups x 3 sub-groups x 15', [resultsOf([additiveTable('t', [soc, dim('ssa', leaves('c', 15))], skewed(42))])]]);
  out.push(['random 2-D 120x60 (7,200 inner cells)', [resultsOf([additiveTable('t', [dim('a', leaves('a', 120)), dim('b', leaves('b', 60))], skewed(7))])]]);
  out.push(['random 2-D 250x100 (25,000 inner cells)', [resultsOf([additiveTable('t', [dim('a', leaves('a', 250)), dim('b', leaves('b', 100))], skewed(11))])]]);
  out.push(['random 3-D 20x15x10 (3,000 inner cells)', [resultsOf([additiveTable('t', [dim('a', leaves('a', 20)), dim('b', leaves('b', 15)), dim('c', leaves('c', 10))], skewed(12))])]]);
  return out;
}

function demoReleases(): Array<[string, Results[]]> {
  const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'routeways-bench-disclosure-'));
  const db = path.join(dir, 'demo.duckdb');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [main, '--db', db, '-q', ...args], { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`routeways ${args.join(' ')} failed: ${r.stderr}`);
  };
  try {
    run('demo', '--out', path.join(dir, 'extract'));
    run('clusters', 'demo', '--out', path.join(dir, 'clusters'));
    run('pathways', 'demo', '--level', '2', '--out', path.join(dir, 'pw2'));
    run('pathways', 'demo', '--level', '3', '--out', path.join(dir, 'pw3'));
    const read = (d: string) => JSON.parse(readFileSync(path.join(dir, d, 'results.json'), 'utf8')) as Results;
    const clusters = read('clusters');
    const pw2 = read('pw2');
    const pw3 = read('pw3');
    return [
      ['demo: clusters', [clusters]],
      ['demo: pathways level 2', [pw2]],
      ['demo: pathways level 3', [pw3]],
      ['demo: clusters + pathways L2 + L3 (one release)', [clusters, pw2, pw3]],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number, n: number) => (n === 0 ? '-' : `${((100 * x) / n).toFixed(1)}%`);

/** Both methods on the demo's release set: seconds, risk and utility, regional maps, suppression timings. */
async function releaseSetComparison(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`\nRelease set: a publish run's reports on the demo dataset (all regions, then each region; clusters + pathways)`);
  const reports = await demoReports(demoOptions(process.argv.slice(2)), log);
  const { maxZero, ...uncapped } = DEFAULT_PTABLE_PARAMETERS;
  const perturbation = (label: string, params: PTableParameters) => ({ label, run: () => protectReleaseSet(reports, { method: 'perturbation' }, { ptable: generatePTable(params) }) });
  const methods = [
    { label: 'suppression', run: () => protectReleaseSet(reports, { method: 'suppression' }) },
    perturbation('ptable, no cap', uncapped),
    perturbation(`cap ${maxZero} (default)`, DEFAULT_PTABLE_PARAMETERS),
  ];
  const sets: Array<{ label: string; set: ReleaseSet; seconds: number; cpu: number }> = methods.map(({ label, run }) => {
    const s = performance.now();
    const c = process.cpuUsage();
    const set = run();
    const u = process.cpuUsage(c);
    return { label, set, seconds: seconds(s), cpu: (u.user + u.system) / 1e6 };
  });
  const columns = sets.map(({ label, set }) => ({ label, riskUtility: set.riskUtility.overall }));
  log(`\n${reports.length} reports, all cells of every report (the all-regions report and each region):`);
  log(`seconds of protectReleaseSet (wall / CPU): ${sets.map((x) => `${x.label} ${x.seconds.toFixed(2)} / ${x.cpu.toFixed(2)}`).join('; ')}`);
  process.stdout.write(riskUtilityTable(columns));
  log(`\nlinks of 3+ people each map draws:`);
  const rows = sets[0]!.set.riskUtility.reports.map((r, k) => [
    r.region ?? 'all regions',
    String(r.mapLinks.trueThreeOrMore),
    ...sets.map(({ set }) => `${(100 * set.riskUtility.reports[k]!.mapLinks.drawnShare).toFixed(1)}%`),
  ]);
  const header = ['map', 'links of 3+', ...sets.map((x) => x.label)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (l: string[]) => l.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  log([fmt(header), ...rows.map(fmt)].join('\n'));
  const t = timeSuppression(reports);
  log(
    `\nsuppression timings: protectSet ${t.protectSeconds.toFixed(2)} s (CPU ${t.protectCpu.toFixed(2)} s), its audit alone ${t.auditSeconds.toFixed(2)} s ` +
      `(CPU ${t.auditCpu.toFixed(2)} s, ${t.audit.passed ? 'passed' : 'FAILED'}); ${t.detail.primary.length} primary suppressions (shown or hidden cells), ${t.detail.secondary.length} secondary; ${t.detail.shown.length} cells shown`,
  );
  log(
    'Suppression: min count 10, rounding 5, singletons protected; its "change" is rounding and a withheld cell counts as not published.\n' +
      'Risk: the posterior probability that a published value hides a true 1 or 2, from the p-table and the release set\'s own counts.',
  );
}

async function main() {
  const args = process.argv.slice(2);
  if (!args.includes('--set-only')) suppressionComparison(args);
  if (!args.includes('--no-set')) await releaseSetComparison();
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
}

function suppressionComparison(args: string[]) {
  const releases = randomReleases();
  if (!args.includes('--no-demo')) {
    try {
      releases.push(...demoReleases());
    } catch (e) {
      process.stdout.write(`(demo dataset releases skipped: ${(e as Error).message.split('\n')[0]})\n`);
    }
  }
  const rows = releases.map(([name, results]) => measure(name, results));
  const header = ['release', 'published', 'primary', 'Routeways secondary', 's', 'audit', '(outsider only)', 'baseline secondary', 's', 'baseline audit'];
  const lines = rows.map((r) => [
    r.release,
    String(r.published),
    `${r.primary} (${pct(r.primary, r.published)})`,
    `${r.rwSecondary} (${pct(r.rwSecondary, r.published)})`,
    r.rwSeconds.toFixed(2),
    r.rwAudit,
    `${r.rwOutsider} (${pct(r.rwOutsider, r.published)})`,
    `${r.blSecondary} (${pct(r.blSecondary, r.published)})`,
    r.blSeconds.toFixed(2),
    r.blAudit,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => l.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${fmt(header)}\n${fmt(widths.map((w) => '-'.repeat(w)))}\n${lines.map(fmt).join('\n')}\n`);
  process.stdout.write(
    '\npublished: count-table cells the release shows (counts, shares, statistics, network); primary: of those, small counts;\n' +
      'secondary: cells withheld to protect them (Routeways: insider-safe default; "outsider only": --no-singletons, the goal the baseline aims at).\n' +
      'Routeways seconds include its own audit; the baseline audit uses the same rank test\n' +
      '(outsider first, then with one insider counted alone in a cell). Policy: min count 10, rounding 5, singletons protected.\n',
  );
}

await main();
