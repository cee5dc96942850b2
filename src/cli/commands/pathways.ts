/**
 * `routeways pathways <dataset> --out <dir>`: the DfE-style occupational
 * pathway tables (seed 002) for a level, with Wilson intervals and optional
 * weights, written as unprotected internal results (results.json and CSVs).
 */
import { REGION_SPELLINGS } from '../../reference/regions.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { countTableRows, reportTableRows } from '../../core/pathways/render.js';
import { toCsv } from '../../core/csv.js';
import { openDataset } from '../../analyses/analysis.js';
import { levelOf, pathwaysOptions, runPathways } from '../../analyses/pathways/index.js';
import { addSchemaFlags, parseFlags, schemaFlags } from '../schema-options.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';

interface PathwaysCliOptions {
  region?: string;
  out: string;
  json?: boolean;
  [flag: string]: unknown;
}

const FLAGS = schemaFlags(pathwaysOptions);

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
  const cmd = program
    .command('pathways')
    .description('occupational pathways (DfE 2020 method): related-occupation rates, clear pathways and breakdowns, with 95% intervals (unprotected internal results)')
    .argument('<dataset>', 'name of an imported dataset')
    .requiredOption('-o, --out <dir>', 'folder to write results.json and the CSV files into')
    .option('--region <region>', `only people of this region (${REGION_SPELLINGS})`)
    .option('--json', 'print a JSON summary on stdout');
  addSchemaFlags(cmd, FLAGS)
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
      const options = parseFlags(pathwaysOptions, FLAGS, opts);
      if (opts.region !== undefined && options.byRegion) throw new UsageError('use --region or --by-region, not both');
      const level = levelOf(options.level);
      const out = resolve(opts.out);
      const store = await openStore(global.db, { mustExist: true });
      const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Pathways', unit: 'count' });
      const started = Date.now();
      let run;
      try {
        run = await runPathways(await openDataset(store, datasetName), options, { region: opts.region ?? null, onProgress: (d, t) => progress.update(d, t) });
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
        thresholds: results.settings.thresholds,
        weighted: options.weighted,
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
