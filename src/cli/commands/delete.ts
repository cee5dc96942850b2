/** `routeways delete <dataset>`: remove a dataset and everything imported with it. */
import type { Command } from 'commander';
import { openStore } from '../../store/database.js';
import { deleteDataset } from '../../store/datasets.js';

export function register(program: Command): void {
  program
    .command('delete')
    .description('delete a dataset from the store')
    .argument('<dataset>', 'name of the dataset')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  routeways delete cfo-2013')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const store = await openStore(global.db, { mustExist: true });
      try {
        const ds = await deleteDataset(store, name);
        if (opts.json) process.stdout.write(JSON.stringify({ deleted: ds }, null, 2) + '\n');
        else if (!global.quiet) {
          process.stdout.write(
            `Deleted dataset '${ds.name}' (${ds.people.toLocaleString('en-GB')} people, ${ds.qualifications.toLocaleString('en-GB')} qualification records, ${ds.occupations.toLocaleString('en-GB')} occupation records) from ${store.path}\n`,
          );
        }
      } finally {
        store.close();
      }
    });
}
