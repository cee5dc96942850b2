/**
 * Opening the store: a DuckDB database file brought to the current schema.
 *
 * Migrations (src/store/schema.ts) run on open, each in its own transaction,
 * and the version reached is recorded in `meta`. A database written by a newer
 * Routeways is refused rather than guessed at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export const DEFAULT_DB_FILE = 'routeways.duckdb';

export interface Store {
  /** Absolute path of the database file. */
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Schema version of the open database (always SCHEMA_VERSION once open). */
  readonly schemaVersion: number;
  /** Another connection to the same database (queries on it run beside the main one's); closed with the store. */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

/** The store file to use: the `--db` flag, else $ROUTEWAYS_DB, else ./routeways.duckdb. */
export function resolveDbPath(opt?: string): string {
  const chosen = opt && opt.length > 0 ? opt : process.env.ROUTEWAYS_DB && process.env.ROUTEWAYS_DB.length > 0 ? process.env.ROUTEWAYS_DB : DEFAULT_DB_FILE;
  return resolve(chosen);
}

export interface OpenOptions {
  /** Do not create the file when it does not exist (read-only commands): throws InputError instead. */
  mustExist?: boolean;
}

/**
 * Open (creating if needed) the store and bring it to SCHEMA_VERSION.
 * Throws InputError when the file is not a DuckDB database, is locked by
 * another process, or was written by a newer Routeways.
 */
export async function openStore(path?: string, options: OpenOptions = {}): Promise<Store> {
  const file = resolveDbPath(path);
  if (options.mustExist && !existsSync(file)) {
    throw new InputError(`no store at ${file}: import a dataset first (routeways import <folder> --name <dataset>) or choose a store with --db`);
  }
  mkdirSync(dirname(file), { recursive: true });
  let instance: DuckDBInstance;
  try {
    // New files in DuckDB's current storage format: its string compression is much cheaper to write than the
    // v0.10.2 format DuckDB defaults to for compatibility (a third of an import's write time). Files written
    // before keep their format and open as they are.
    instance = await DuckDBInstance.create(file, { storage_compatibility_version: 'latest', ...memoryLimit() });
  } catch (err) {
    throw new InputError(`cannot open the store ${file}: ${describeOpenError(err)}`);
  }
  const store = await storeOn(file, instance);
  try {
    await migrate(store.connection, file);
  } catch (err) {
    store.close();
    throw err;
  }
  return store;
}

/** A store over an opened DuckDB instance: its connections are closed with the instance. */
async function storeOn(file: string, instance: DuckDBInstance): Promise<Store> {
  const connection = await instance.connect();
  const others: DuckDBConnection[] = [];
  let closed = false;
  return {
    path: file,
    connection,
    schemaVersion: SCHEMA_VERSION,
    async connect() {
      if (closed) throw new Error('connect: the store is closed');
      const c = await instance.connect();
      others.push(c);
      return c;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const c of [...others, connection]) c.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * Open an existing store read-only (the API server): nothing is migrated or
 * written, so several processes can read one file. Refuses a store at another
 * schema version (open it once with any other command to migrate it).
 */
export async function openStoreReadOnly(path: string): Promise<Store> {
  const file = resolveDbPath(path);
  if (!existsSync(file)) throw new InputError(`no store at ${file}: import a dataset first (routeways import <folder> --name <dataset>) or choose a store with --db`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', ...memoryLimit() });
  } catch (err) {
    throw new InputError(`cannot open the store ${file} read-only: ${describeOpenError(err)}`);
  }
  const store = await storeOn(file, instance);
  const version = await readSchemaVersion(store.connection).catch(() => -1);
  if (version !== SCHEMA_VERSION) {
    store.close();
    throw new InputError(`the store ${file} is at schema version ${version}, this Routeways needs ${SCHEMA_VERSION}: run "routeways datasets --db ${file}" once to bring it up to date`);
  }
  return store;
}

/**
 * DuckDB's memory limit: $ROUTEWAYS_MEMORY_LIMIT (e.g. `4GB`), else a sixth of the machine's memory.
 * Above it DuckDB spills to disk. DuckDB's own default, 80%, is too much for a process that also holds
 * Node's heap and worker threads (the bootstrap's replicates, the map layouts): at 10M people its buffer
 * cache took the peak to 9.2 GiB of a 23 GiB machine; a quarter still let the progression person table
 * of all regions take it to 7.9 GiB, and 4 GB kept it at 6 GiB in the same time (docs/scale.md).
 */
function memoryLimit(): { memory_limit: string } {
  const v = process.env.ROUTEWAYS_MEMORY_LIMIT?.trim();
  if (!v) return { memory_limit: defaultMemoryLimit() };
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(v)) throw new InputError(`ROUTEWAYS_MEMORY_LIMIT must be an amount of memory such as 4GB or 512MiB, got '${v}'`);
  return { memory_limit: v };
}

/** A sixth of the memory this process may use (a container's limit when it has one), never under 1 GiB. */
export function defaultMemoryLimit(total = machineMemory()): string {
  return `${Math.max(1024, Math.floor(total / 6 / 2 ** 20))}MiB`;
}

function machineMemory(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 && constrained < totalmem() ? constrained : totalmem();
}

function describeOpenError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(msg)) return 'it is in use by another process (DuckDB allows one writer at a time)';
  if (/not a valid DuckDB database|Invalid Input Error|magic/i.test(msg)) return 'the file is not a DuckDB database';
  return msg;
}

/** The schema version recorded in the database (0 for a new, empty file). */
export async function readSchemaVersion(connection: DuckDBConnection): Promise<number> {
  const hasMeta = await queryRows<{ n: bigint }>(
    connection,
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'meta'`,
  );
  if (Number(hasMeta[0]?.n ?? 0) === 0) return 0;
  const rows = await queryRows<{ value: string }>(connection, `SELECT value FROM meta WHERE key = 'schema_version'`);
  return rows.length === 0 ? 0 : Number(rows[0].value);
}

async function migrate(connection: DuckDBConnection, file: string): Promise<void> {
  const current = await readSchemaVersion(connection);
  if (!Number.isInteger(current) || current < 0) {
    throw new InputError(`the store ${file} records an unreadable schema version; it was not written by Routeways`);
  }
  if (current > SCHEMA_VERSION) {
    throw new InputError(
      `the store ${file} was written by a newer version of Routeways (schema version ${current}; this version understands up to ${SCHEMA_VERSION}). ` +
        `Upgrade Routeways, or choose another store with --db.`,
    );
  }
  if (current === 0) {
    // A fresh file must be empty: refuse to write our tables into someone else's database.
    const others = await queryRows<{ n: bigint }>(
      connection,
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name <> 'meta'`,
    );
    if (Number(others[0]?.n ?? 0) > 0) {
      throw new InputError(`the store ${file} is a DuckDB database that Routeways did not create; choose another file with --db`);
    }
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    await inTransaction({ connection }, async (tx) => {
      await tx.connection.run(MIGRATIONS[v]);
      await tx.connection.run(
        `INSERT INTO meta (key, value) VALUES ('schema_version', $v)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        { v: String(v + 1) },
      );
    });
  }
}

/** Run a query and return its rows as plain JS objects (BIGINT stays bigint; use Number() where safe). */
export async function queryRows<T = Record<string, unknown>>(
  connection: DuckDBConnection,
  sql: string,
  params?: Record<string, DuckDBValue> | DuckDBValue[],
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as T[];
}

declare const insideTransaction: unique symbol;

/**
 * The store's connection while a transaction opened by `inTransaction` is
 * running. Functions that must run inside one (the deletes and writes of a
 * dataset) take a Transaction, so they cannot be called outside by mistake.
 */
export interface Transaction {
  readonly connection: DuckDBConnection;
  readonly [insideTransaction]: true;
}

export interface TransactionOptions {
  /**
   * Called after `work`, just before COMMIT: the last moment to abort (throwing
   * rolls back). Once it has returned, COMMIT runs and is not interrupted
   * (the import's Ctrl-C handler waits for it).
   */
  beforeCommit?: () => void | Promise<void>;
}

/** Connections with a transaction open: DuckDB has no nested transactions, so a second BEGIN is a bug. */
const openTransactions = new WeakSet<DuckDBConnection>();

/**
 * Run `work` in one transaction, the only way the store opens one: COMMIT on
 * success; ROLLBACK on any error, interruption or failed COMMIT, then rethrow
 * the original error.
 */
export async function inTransaction<T>(
  store: Pick<Store, 'connection'>,
  work: (tx: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const c = store.connection;
  if (openTransactions.has(c)) throw new Error('inTransaction: a transaction is already open on this connection');
  openTransactions.add(c);
  try {
    await c.run('BEGIN TRANSACTION');
    try {
      const result = await work({ connection: c } as Transaction);
      await options.beforeCommit?.();
      await c.run('COMMIT');
      return result;
    } catch (err) {
      // DuckDB may already have rolled back (an interrupted query, a failed COMMIT); the original error matters.
      await c.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    openTransactions.delete(c);
  }
}
