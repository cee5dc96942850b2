/**
 * `routeways mapping import <file> --name <n>` and `routeways mapping list`:
 * related-occupation mappings (SSA tier 1 x SOC sub-major group -> related),
 * named and versioned in the store.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openStore } from '../../store/database.js';
import { importMapping, listMappings, readMappingFile } from '../../store/mappings.js';

export function register(program: Command): void {
  const mapping = program.command('mapping').description('related-occupation mappings (SSA x SOC sub-major group -> related yes/no)');
  mapping
    .command('import')
    .description('import a mapping CSV (columns ssa, soc, related); importing a name again makes its next version')
    .argument('<file>', 'CSV file with columns ssa (number or title), soc (2-digit SOC sub-major group), related (yes/no)')
    .requiredOption('--name <name>', 'name to store it under')
    .option('--json', 'print the stored mapping as JSON')
    .addHelpText('after', `\nExample:\n  routeways mapping import ./my-mapping.csv --name my-mapping\n  routeways pathways cohort-2018 --mapping my-mapping --out ./pathways`)
    .action(async (file: string, opts: { name: string; json?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const path = resolve(file);
      const rows = readMappingFile(path);
      const store = await openStore(global.db);
      try {
        const info = await importMapping(store, rows, { name: opts.name, source: path });
        if (opts.json) process.stdout.write(JSON.stringify(info, null, 2) + '\n');
        else if (!global.quiet) {
          process.stdout.write(`Imported mapping ${info.name} version ${info.version}: ${info.rows} SSA x occupation pairs, ${info.relatedRows} related.\n`);
        }
      } finally {
        store.close();
      }
    });
  mapping
    .command('list')
    .description('list the mappings in the store, every version')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string };
      const store = await openStore(global.db);
      try {
        const list = await listMappings(store);
        if (opts.json) {
          process.stdout.write(JSON.stringify(list, null, 2) + '\n');
          return;
        }
        const header = ['name', 'version', 'pairs', 'related', 'dataset', 'created (UTC)', 'source'];
        const rows = list.map((m) => [m.name, String(m.version), String(m.rows), String(m.relatedRows), m.datasetId === null ? '' : String(m.datasetId), m.createdAt.slice(0, 19).replace('T', ' '), m.source]);
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
        const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join('  ');
        process.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
      } finally {
        store.close();
      }
    });
}
