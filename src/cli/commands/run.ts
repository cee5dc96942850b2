/**
 * `routeways run` (also `routeways main`, what `npm start` runs): the whole
 * job on the embedded default store: generate the demo extract, import it,
 * run clusters and pathways for all regions and each region, protect, and
 * publish the site; prints the path of the index page to open.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_PEOPLE } from '../../demo/build.js';
import { generateDemoExtract } from '../../demo/generate.js';
import { importExtract } from '../../ingest/import.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';
import { printSummary, publishWithProgress } from './publish.js';
import { addPublishOptions, publishOptions } from './publish-options.js';

export function register(program: Command): void {
  addPublishOptions(
    program
      .command('run')
      .alias('main')
      .description('the whole job on demo data: demo extract -> import -> clusters -> pathways -> protect -> publish; prints the index page to open')
      .option('--people <n>', 'people in the demo extract', String(DEFAULT_PEOPLE))
      .option('--demo-seed <n>', 'seed of the demo extract', '1')
      .option('--extract <dir>', 'folder for the demo extract', './demo-extract')
      .option('-n, --name <dataset>', 'dataset name', 'demo')
      .option('--out <dir>', 'folder to write the site to', './routeways-site'),
  ).action(async (opts: Record<string, unknown> & { people: string; demoSeed: string; extract: string; name: string; out: string }, cmd: Command) => {
    const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
    const quiet = global.quiet === true;
    const people = Number(opts.people);
    if (!Number.isSafeInteger(people) || people < 1) throw new UsageError(`--people ${opts.people}: expected a whole number of at least 1`);
    const demoSeed = Number(opts.demoSeed);
    if (!Number.isSafeInteger(demoSeed)) throw new UsageError(`--demo-seed ${opts.demoSeed}: expected a whole number`);
    const out = resolve(opts.out);
    const options = await publishOptions(opts, out);
    const say = (s: string) => {
      if (!quiet) process.stdout.write(s);
    };

    const extract = await generateDemoExtract(opts.extract, { seed: demoSeed, people });
    say(`1. Demo extract: ${extract.people.toLocaleString('en-GB')} people in ${resolve(opts.extract)}\n`);
    const store = await openStore(global.db);
    try {
      const progress = createProgress({ quiet, label: 'Importing', unit: 'bytes' });
      try {
        const report = await importExtract(store, opts.extract, { name: opts.name, replace: true, onProgress: progress.callback });
        progress.stop();
        say(`2. Imported as dataset "${opts.name}" into ${store.path} in ${report.seconds.toFixed(1)} s\n`);
      } finally {
        progress.stop();
      }
      say('3. Clusters, pathways and disclosure control for all regions and each region...\n');
      const result = await publishWithProgress(store, opts.name, options, quiet);
      if (!quiet) printSummary(result);
      process.stdout.write(`\nOpen the reports: ${result.site.index}\n(or run: routeways serve ${opts.out})\n`);
      process.stdout.write(`Explore the data and build tables: routeways${global.db ? ` --db ${global.db}` : ''} serve --open ${opts.name} --port 8080, then open http://127.0.0.1:8080/explore\n`);
    } finally {
      store.close();
    }
  });
}
