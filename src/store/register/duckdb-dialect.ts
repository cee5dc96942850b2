/**
 * A Kysely dialect for DuckDB through the project's @duckdb/node-api.
 *
 * Why not the `kysely-duckdb` package (0.4.0, which does support
 * @duckdb/node-api): its driver decides whether a statement returned rows by
 * looking at the result's columns, so a SELECT whose only column is named
 * `count` comes back with no rows (tried: `select count(*) as count` gives
 * []), and it turns TIMESTAMP values into Dates in the machine's local time.
 * This driver asks the compiled query what it is instead; the rest is
 * Kysely's own PostgreSQL compiler, whose SQL DuckDB accepts ($1 parameters,
 * double-quoted names, RETURNING).
 *
 * Each Kysely connection is its own DuckDB connection to the one instance, so
 * transactions run side by side with DuckDB's optimistic concurrency: two
 * transactions writing the same row conflict and the second fails.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import {
  CompiledQuery,
  DialectAdapterBase,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export class DuckDbNodeDialect implements Dialect {
  constructor(private readonly instance: DuckDBInstance) {}
  createAdapter(): DialectAdapter {
    return new DuckDbAdapter();
  }
  createDriver(): Driver {
    return new DuckDbNodeDriver(this.instance);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class DuckDbAdapter extends DialectAdapterBase {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
  override get supportsReturning(): boolean {
    return true;
  }
  // Kysely's migrator is not used: the register runs its own migrations in one transaction.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

class DuckDbNodeDriver implements Driver {
  private readonly idle: DuckDbNodeConnection[] = [];
  private readonly all: DuckDbNodeConnection[] = [];
  constructor(private readonly instance: DuckDBInstance) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const conn = new DuckDbNodeConnection(await this.instance.connect());
    this.all.push(conn);
    return conn;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN TRANSACTION'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.idle.push(connection as DuckDbNodeConnection);
  }
  async destroy(): Promise<void> {
    for (const c of this.all) c.close();
    this.all.length = 0;
    this.idle.length = 0;
  }
}

const MUTATIONS = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

class DuckDbNodeConnection implements DatabaseConnection {
  constructor(private readonly conn: DuckDBConnection) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const reader = await this.conn.runAndReadAll(compiled.sql, compiled.parameters.map(toDuckDb));
    const rows = reader.getRowObjectsJS() as R[];
    const node = compiled.query as { kind: string; returning?: unknown };
    if (MUTATIONS.has(node.kind) && !node.returning) {
      // DuckDB answers a write with one row holding the count of rows it changed.
      const first = rows[0] as Record<string, unknown> | undefined;
      const n = first ? BigInt(String(first.Count ?? first.count ?? 0)) : 0n;
      return { numAffectedRows: n, rows: [] };
    }
    return { rows };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(compiled);
  }

  close(): void {
    this.conn.closeSync();
  }
}

function toDuckDb(v: unknown): DuckDBValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v instanceof Date) return v.toISOString();
  throw new TypeError(`cannot pass a ${typeof v} to DuckDB as a query parameter`);
}
