/**
 * `routeways sql --dialect duckdb|postgres|bigquery|spark`: print the
 * aggregation queries that turn an extract held in a warehouse into the count
 * tables `routeways import-counts` loads. The queries carry the store's
 * record-key secret (so the warehouse's cell keys are the store's): the
 * printed SQL is as secret as the store.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { InputError, UsageError } from '../../core/errors.js';
import { DIALECT, DIALECTS, type DialectName } from '../../core/warehouse/dialects.js';
import { defaultWarehouseMapping, parseWarehouseMapping, type WarehouseMapping } from '../../core/warehouse/mapping.js';
import { COUNT_TABLES, countQueries, type CountTable } from '../../core/warehouse/queries.js';
import { openStore } from '../../store/database.js';
import { readRecordKeySecret } from '../../store/record-keys.js';

const WARNING = `-- SECRET: these queries hold the record-key secret of a Routeways store (the cell key method).
-- Keep this file as you keep the store; do not commit it or share it. Run each query in the
-- warehouse and save its result, with a header row, as <table>.csv in one folder; then
-- routeways import-counts <folder> --name <dataset>`;

function readMapping(file: string | undefined): WarehouseMapping {
  if (file === undefined) return defaultWarehouseMapping();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the mapping file: ${(err as Error).message}`, { file });
  }
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const line = text.slice(0, errors[0]!.offset).split('\n').length;
    throw new InputError('the mapping file is not valid JSON', { file, line });
  }
  return parseWarehouseMapping(value, file);
}

function dialectOf(v: string): DialectName {
  if (!(DIALECTS as readonly string[]).includes(v)) throw new UsageError(`--dialect ${v}: expected ${DIALECTS.join(', ')}`);
  return v as DialectName;
}

function tableOf(v: string | undefined): CountTable[] {
  if (v === undefined) return [...COUNT_TABLES];
  if (!(COUNT_TABLES as readonly string[]).includes(v)) throw new UsageError(`--table ${v}: expected ${COUNT_TABLES.join(', ')}`);
  return [v as CountTable];
}

interface SqlOptions {
  dialect: string;
  map?: string;
  out?: string;
  table?: string;
}

async function run(opts: SqlOptions, global: { db?: string; quiet?: boolean }): Promise<void> {
  const dialect = DIALECT[dialectOf(opts.dialect)];
  const tables = tableOf(opts.table);
  const mapping = readMapping(opts.map);
  const store = await openStore(global.db);
  let secret: string;
  try {
    secret = await readRecordKeySecret(store);
  } finally {
    store.close();
  }
  const queries = countQueries(dialect, mapping, secret);
  const text = (t: CountTable) => `${WARNING}\n-- routeways count table: ${t} (save as ${t}.csv); dialect: ${dialect.name}\n${queries[t]};\n`;
  if (opts.out) {
    mkdirSync(opts.out, { recursive: true });
    for (const t of tables) {
      const file = join(opts.out, `${t}.sql`);
      writeFileSync(file, text(t), { mode: 0o600 });
      chmodSync(file, 0o600); // also when the file was there before
    }
    if (!global.quiet) process.stderr.write(`Wrote ${tables.map((t) => `${t}.sql`).join(', ')} to ${opts.out} (they hold the store's secret: keep them private)\n`);
    return;
  }
  process.stdout.write(tables.map(text).join('\n'));
  if (!global.quiet) process.stderr.write("routeways: the printed SQL holds the store's record-key secret: keep it private\n");
}

export function register(program: Command): void {
  program
    .command('sql')
    .description('print the queries that count an extract held in a warehouse (for import-counts); they hold the store\'s secret')
    .requiredOption('--dialect <name>', `SQL dialect: ${DIALECTS.join(', ')}`)
    .option('--map <file>', 'JSON mapping file naming the warehouse tables and columns (default: the extract\'s own names)')
    .option('--table <name>', `print one query: ${COUNT_TABLES.join(', ')}`)
    .option('--out <folder>', 'write one <table>.sql file per query there instead of printing')
    .addHelpText('after', '\nExample:\n  routeways sql --dialect postgres --map warehouse.json --out ./warehouse-sql\n  routeways sql --dialect bigquery --table patterns')
    .action(async (opts: SqlOptions, cmd: Command) => {
      await run(opts, cmd.optsWithGlobals() as { db?: string; quiet?: boolean });
    });
}
