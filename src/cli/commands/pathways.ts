/**
 * `routeways pathways <dataset> --out <dir>`: the DfE-style occupational
 * pathway tables (seed 002) for a level, with Wilson intervals and optional
 * weights, written as unprotected internal results (results.json and CSVs).
 */
import { matchRegion, REGION_SPELLINGS } from '../../reference/regions.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { countTableRows, reportTableRows } from '../../core/pathways/render.js';
import { toCsv } from '../../core/csv.js';
import { DFE_THRESHOLDS, type PathwayLevel } from '../../core/pathways/types.js';
import { runPathways } from '../../analyses/pathways.js';
import { loadClassifications } from '../../reference/classifications.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';

interface PathwaysCliOptions {
  level: string;
  mapping?: string;
  region?: string;
  byRegion?: boolean;
  clearPathway: string;
  minBase: string;
  minShare: string;
  weight?: boolean;
  out: string;
  json?: boolean;
}

export const README_TEXT = `Routeways pathways: UNPROTECTED INTERNAL RESULTS

The files in this folder hold counts of people before disclosure control,
including very small counts. They are for the analyst's own checking only.
Do not publish, share or email them. To publish, run disclosure control on
results.json (routeways protect / routeways publish), which suppresses and
rounds every figure and audits the release.

  results.json         the Results bundle ("protected": false): count tables and report tables
  <report table>.csv   each report table; every share has its Wilson 95% interval (low, high);
                       [z] = not applicable (the DfE's "na")
  counts-<table>.csv   each count table: one column per dimension (codes), n (and w, w2 when weighted)
`;

export function register(program: Command): void {
  program
    .command('pathways')
    .description('occupational pathways (DfE 2020 method): related-occupation rates, clear pathways and breakdowns, with 95% intervals (unprotected internal results)')
    .argument('<dataset>', 'name of an imported dataset')
    .requiredOption('-o, --out <dir>', 'folder to write results.json and the CSV files into')
    .option('--level <level>', "level of the highest qualification: 2, 3 or 'all'", 'all')
    .option('--mapping <name>', "related-occupation mapping, name or name@version (default: the dataset's related.csv, else dfe-2020)")
    .option('--region <region>', 'only people of this region (code such as YH, or name)')
    .option('--by-region', 'tables for every region as well as all together, protected together')
    .option('--clear-pathway <share>', 'share of an SSA in one occupation that makes a clear pathway', String(DFE_THRESHOLDS.clearPathway))
    .option('--min-base <n>', 'groups with fewer people are not reported on their own', String(DFE_THRESHOLDS.minBase))
    .option('--min-share <share>', 'SSA x occupation shares below this are not shown', String(DFE_THRESHOLDS.minShare))
    .option('--weight', "weighted shares using the qualifications' weight column (counts stay unweighted)")
    .option('--json', 'print a JSON summary on stdout')
    .addHelpText(
      'after',
      `
Example:
  routeways pathways cohort-2018 --level 2 --out ./pathways-l2
  routeways pathways cohort-2018 --level 3 --weight --mapping my-mapping@2 --out ./pathways-l3
  routeways pathways cohort-2018 --level all --by-region --out ./pathways-regions

Defaults are the DfE's: clear pathway 30%, minimum base 30, minimum share 10%.
The files written hold unprotected counts: internal use only (see README.txt in --out).`,
    )
    .action(async (datasetName: string, opts: PathwaysCliOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const level = parseLevel(opts.level);
      const thresholds = {
        clearPathway: share('--clear-pathway', opts.clearPathway),
        minBase: whole('--min-base', opts.minBase),
        minShare: share('--min-share', opts.minShare),
      };
      let region: string | undefined;
      if (opts.region !== undefined) {
        const r = matchRegion(opts.region);
        if (!r) throw new UsageError(`--region '${opts.region}' is not a region; expected ${REGION_SPELLINGS}`);
        region = r;
      }
      if (region && opts.byRegion) throw new UsageError('use --region or --by-region, not both');
      const out = resolve(opts.out);
      const store = await openStore(global.db, { mustExist: true });
      const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Pathways', unit: 'count' });
      const started = Date.now();
      let run;
      try {
        run = await runPathways(store, datasetName, {
          level,
          mapping: opts.mapping,
          thresholds,
          region,
          byRegion: opts.byRegion ?? false,
          weighted: opts.weight ?? false,
          onProgress: progress.callback,
        });
      } finally {
        progress.stop();
        store.close();
      }
      const { results, mapping } = run;
      mkdirSync(out, { recursive: true });
      const files = ['README.txt', 'results.json'];
      writeFileSync(join(out, 'README.txt'), README_TEXT);
      writeFileSync(join(out, 'results.json'), JSON.stringify(results) + '\n');
      for (const t of results.reportTables) {
        writeFileSync(join(out, `${t.id}.csv`), toCsv(reportTableRows(results, t)));
        files.push(`${t.id}.csv`);
      }
      for (const t of results.countTables) {
        writeFileSync(join(out, `counts-${t.id}.csv`), toCsv(countTableRows(t)));
        files.push(`counts-${t.id}.csv`);
      }
      const main = results.countTables[0];
      const people = main.cells.find((c) => c.keys.every((k) => k === 'total'))?.n ?? 0;
      const summary = {
        protected: false,
        dataset: results.dataset,
        region: results.region,
        level,
        mapping: `${mapping.name}@${mapping.version}`,
        thresholds,
        weighted: opts.weight ?? false,
        people,
        reportTables: results.reportTables.map((t) => t.id),
        countTables: results.countTables.map((t) => ({ id: t.id, cells: t.cells.length })),
        out,
        files,
        seconds: (Date.now() - started) / 1000,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return;
      }
      if (global.quiet) return;
      process.stdout.write(
        [
          `Dataset ${summary.dataset}${summary.region ? `, region ${summary.region}` : ''}, highest qualification at ${level === 'all' ? 'any level' : `level ${level}`}: ${people.toLocaleString('en-GB')} people analysed, mapping ${summary.mapping}.`,
          `Wrote ${results.reportTables.length} report tables and ${results.countTables.length} count tables (${files.length} files) to ${out}`,
          'These are UNPROTECTED internal results: do not publish them (disclosure control comes first).',
        ].join('\n') + '\n',
      );
    });
}

export function parseLevel(v: string): PathwayLevel {
  if (v === '2') return 2;
  if (v === '3') return 3;
  if (v.toLowerCase() === 'all') return 'all';
  throw new UsageError(`--level must be 2, 3 or all, got '${v}'`);
}

function share(flag: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new UsageError(`${flag} must be a share between 0 and 1 (such as 0.3), got '${v}'`);
  return x;
}

function whole(flag: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isInteger(x) || x < 0) throw new UsageError(`${flag} must be a whole number 0 or more, got '${v}'`);
  return x;
}
