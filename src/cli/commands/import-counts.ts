/** `routeways import-counts <folder> --name <dataset>`: load the count tables a warehouse computed as a counts-only dataset. */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { importCounts, type ImportCountsReport } from '../../ingest/counts/import-counts.js';
import { openStore } from '../../store/database.js';

const n = (x: number): string => x.toLocaleString('en-GB');

function format(r: ImportCountsReport): string {
  return [
    `Imported counts-only dataset '${r.dataset}' from ${r.folder}`,
    `  people: ${n(r.people)} (${n(r.unmatchedRegionPeople)} in no known region)`,
    `  people with a qualification and an occupation: ${n(r.patternPeople)}, in ${n(r.patterns)} patterns`,
    `  pathway cube rows: ${n(r.pathwayRows)}`,
    `  related-occupation mapping: ${r.related === null ? 'none (the default is used)' : `${n(r.related)} rows from related.csv`}`,
    '',
  ].join('\n');
}

interface Options {
  name: string;
  replace?: boolean;
  soc: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('import-counts')
    .description('import the count tables a warehouse computed with the queries of `routeways sql` as a counts-only dataset')
    .argument('<folder>', 'folder holding regions.csv, patterns.csv, pathways.csv (and optionally related.csv)')
    .requiredOption('-n, --name <dataset>', 'name of the dataset to create')
    .option('--replace', 'replace a dataset of the same name (in the same transaction)')
    .option('--soc <version>', 'SOC version of the occupation codes: 2010 or 2020', '2020')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample:\n  routeways import-counts ./warehouse-counts --name cfo-2013')
    .action(async (folder: string, opts: Options, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      if (opts.soc !== '2010' && opts.soc !== '2020') throw new UsageError(`--soc ${opts.soc}: expected 2010 or 2020`);
      const store = await openStore(global.db);
      try {
        const report = await importCounts(store, folder, { name: opts.name, replace: opts.replace ?? false, socVersion: opts.soc });
        if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else if (!global.quiet) process.stdout.write(format(report));
      } finally {
        store.close();
      }
    });
}
