/** `routeways datasets`: the datasets in the store. */
import type { Command } from 'commander';
import { openStore } from '../../store/database.js';
import { listDatasets } from '../../store/datasets.js';

const n = (x: number): string => x.toLocaleString('en-GB');

export function register(program: Command): void {
  program
    .command('datasets')
    .description('list the datasets in the store')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  routeways datasets --db ./routeways.duckdb')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string };
      const store = await openStore(global.db, { mustExist: true });
      try {
        const list = await listDatasets(store);
        if (opts.json) {
          process.stdout.write(JSON.stringify(list, null, 2) + '\n');
          return;
        }
        if (list.length === 0) {
          process.stdout.write(`No datasets in ${store.path}. Import one with: routeways import <folder> --name <dataset>\n`);
          return;
        }
        const rows = [
          ['name', 'imported (UTC)', 'people', 'qualifications', 'occupations', 'source'],
          ...list.map((d) => [d.kind === 'counts' ? `${d.name} (counts)` : d.name, d.importedAt.slice(0, 19).replace('T', ' '), n(d.people), n(d.qualifications), n(d.occupations), d.sourceDir]),
        ];
        const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
        const numeric = [false, false, true, true, true, false];
        for (const r of rows) {
          process.stdout.write(r.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd() + '\n');
        }
      } finally {
        store.close();
      }
    });
}
