/**
 * The two places a register is kept, for running one test suite on both: a
 * DuckDB store file in a temporary folder, and a fresh database on the
 * PostgreSQL server named by $ROUTEWAYS_TEST_POSTGRES (scripts/ci-postgres.sh
 * starts one). Without that variable the PostgreSQL tests are skipped, saying so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openRegister, type RegisterTarget } from '../../src/store/register/open.js';
import type { RegisterStore } from '../../src/store/register/register-store.js';

export interface Backend {
  engine: 'duckdb' | 'postgres';
  /** A new, empty register; `open` may be called again for the same one (another handle, or after closing). */
  fresh(): Promise<{ target: RegisterTarget; open(): Promise<RegisterStore>; cliArgs: string[] }>;
  /** Remove everything made. */
  cleanup(): Promise<void>;
}

export function duckDbBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'rw-register-'));
  let n = 0;
  return {
    engine: 'duckdb',
    async fresh() {
      const path = join(dir, `register-${++n}.duckdb`);
      const target: RegisterTarget = { engine: 'duckdb', path };
      return { target, open: () => openRegister(target), cliArgs: ['--db', path] };
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const POSTGRES_URL = process.env.ROUTEWAYS_TEST_POSTGRES;
export const POSTGRES_SKIP = POSTGRES_URL
  ? false
  : 'ROUTEWAYS_TEST_POSTGRES is not set: the register suite ran on DuckDB only. Start a server with `export ROUTEWAYS_TEST_POSTGRES="$(bash scripts/ci-postgres.sh)"`';

export function postgresBackend(url: string): Backend {
  const made: string[] = [];
  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    engine: 'postgres',
    async fresh() {
      const name = `rw_test_${process.pid}_${made.length + 1}_${Date.now() % 100000}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}"`));
      made.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      const target: RegisterTarget = { engine: 'postgres', url: u.toString() };
      return { target, open: () => openRegister(target), cliArgs: ['--register', u.toString()] };
    },
    async cleanup() {
      await admin(async (c) => {
        for (const name of made) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}
