/**
 * `routeways demo`: generate the synthetic demo extract (deterministic for
 * --seed) and import it as a dataset, then print a short summary.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_PEOPLE } from '../../demo/build.js';
import { generateDemoExtract } from '../../demo/generate.js';
import { importExtract } from '../../ingest/import.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';
import { formatImportReport } from './import.js';

const n = (x: number): string => x.toLocaleString('en-GB');

interface DemoCliOptions {
  seed: string;
  people: string;
  out: string;
  name: string;
  replace: boolean;
  json?: boolean;
}

function wholeNumber(flag: string, value: string, min: number): number {
  const x = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(x) || x < min) {
    throw new UsageError(`${flag} ${value}: expected a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  }
  return x;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('generate a synthetic outcome extract (deterministic for --seed) and import it as a dataset')
    .option('--seed <n>', 'random seed; the same seed gives the same extract', '1')
    .option('--people <n>', 'number of people', String(DEFAULT_PEOPLE))
    .option('--out <dir>', 'folder to write the extract to', './demo-extract')
    .option('-n, --name <dataset>', 'name of the dataset to import it as', 'demo')
    .option('--no-replace', 'refuse to replace an existing dataset of the same name')
    .option('--json', 'print the extract summary and the import report as JSON')
    .addHelpText(
      'after',
      `
Example:
  routeways demo
  routeways demo --seed 7 --people 20000 --out ./extract-7 --name demo-7`,
    )
    .action(async (opts: DemoCliOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const seed = wholeNumber('--seed', opts.seed, Number.MIN_SAFE_INTEGER);
      const people = wholeNumber('--people', opts.people, 1);
      const extract = await generateDemoExtract(opts.out, { seed, people });
      const c = extract.counts;
      if (!global.quiet && !opts.json) {
        process.stdout.write(
          `Generated demo extract (seed ${seed}) in ${opts.out}: ${n(c.people)} people in 9 regions, ` +
            `${n(c.qualifications)} qualification records, ${n(c.occupations)} occupation records (employment spells), ${n(c.benefits)} benefit claims` +
            `${c.related > 0 ? `, ${n(c.related)} related-occupation pairs` : ''}\n\n`,
        );
      }
      const store = await openStore(global.db);
      const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Importing', unit: 'bytes' });
      try {
        const report = await importExtract(store, opts.out, { name: opts.name, replace: opts.replace, onProgress: progress.callback });
        progress.stop();
        if (opts.json) {
          const { personCluster: _omitted, ...planted } = extract.planted;
          process.stdout.write(
            JSON.stringify({ extract: { dir: opts.out, seed, files: extract.files, counts: c, clusters: planted.clusterSizes, regions: planted.regionSizes }, import: report }, null, 2) + '\n',
          );
        } else if (!global.quiet) {
          process.stdout.write(formatImportReport(report));
          process.stdout.write(`\nNext: routeways describe ${opts.name}\n`);
        }
      } finally {
        progress.stop();
        store.close();
      }
    });
}
