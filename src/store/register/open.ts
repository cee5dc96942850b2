/**
 * Opening the register: on the DuckDB store (the embedded default, the file
 * of `--db`) or on PostgreSQL (`--register postgres://...`), through the same
 * Kysely layer, its tables brought to the current schema.
 *
 * On DuckDB the register's tables live in the store file beside the datasets;
 * the store is opened (and upgraded) first so that a file Routeways did not
 * create is refused as everywhere else. DuckDB lets one process write a file.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { InputError, UsageError } from '../../core/errors.js';
import { openStore, resolveDbPath } from '../database.js';
import { DuckDbNodeDialect } from './duckdb-dialect.js';
import { RegisterStore } from './register-store.js';
import { migrateRegister, RegisterSchemaError, type RegisterTables } from './schema.js';

export type RegisterTarget = { engine: 'duckdb'; path: string } | { engine: 'postgres'; url: string };

/** `--register postgres://...` (or $ROUTEWAYS_REGISTER) selects PostgreSQL, `--register file.duckdb` a DuckDB file of its own; otherwise the DuckDB store of `--db`. */
export function registerTarget(options: { register?: string; db?: string }): RegisterTarget {
  const url = options.register ?? (process.env.ROUTEWAYS_REGISTER || undefined);
  if (url !== undefined) {
    if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
    // A DuckDB file of its own (for a server whose store is opened read-only).
    if (/\.(duckdb|db)$/i.test(url) && !url.includes('://')) return { engine: 'duckdb', path: resolveDbPath(url) };
    throw new UsageError(`--register ${redact(url)}: expected a PostgreSQL connection string such as postgres://user@host:5432/register, or a DuckDB file such as register.duckdb`);
  }
  return { engine: 'duckdb', path: resolveDbPath(options.db) };
}

export async function openRegister(target: RegisterTarget): Promise<RegisterStore> {
  return target.engine === 'duckdb' ? openDuckDbRegister(target.path) : openPostgresRegister(target.url);
}

async function openDuckDbRegister(path: string): Promise<RegisterStore> {
  (await openStore(path)).close();
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (err) {
    throw new InputError(`cannot open the register in ${path}: ${(err as Error).message}`);
  }
  const db = new Kysely<RegisterTables>({ dialect: new DuckDbNodeDialect(instance) });
  const close = async () => {
    await db.destroy();
    instance.closeSync();
  };
  try {
    await migrateRegister(db, async () => {});
  } catch (err) {
    await close();
    throw err instanceof RegisterSchemaError ? new InputError(`${path}: ${err.message}`) : err;
  }
  return new RegisterStore(db, 'duckdb', path, close);
}

async function openPostgresRegister(url: string): Promise<RegisterStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<RegisterTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateRegister(db, async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('routeways-register'))`.execute(tx);
    });
  } catch (err) {
    await db.destroy();
    if (err instanceof RegisterSchemaError) throw new InputError(`${redact(url)}: ${err.message}`);
    const e = err as { code?: string; message?: string };
    throw new InputError(`cannot open the register at ${redact(url)}: ${e.message ?? String(err)}${e.code ? ` (${e.code})` : ''}`);
  }
  return new RegisterStore(db, 'postgres', redact(url), () => db.destroy());
}

/** A connection string without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
