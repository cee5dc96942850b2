/**
 * The register's tables, the same on DuckDB and PostgreSQL: Kysely's types for
 * them, and the migrations that create them (plain SQL both databases accept:
 * TEXT, INTEGER, BOOLEAN, DOUBLE PRECISION; times as ISO 8601 UTC text, so
 * they read back the same from either). Table names start `register_` so the
 * register can share a DuckDB store with the datasets.
 *
 * One table per kind of record, each row with its `version`; one table per
 * kind of link, owned by a record (a qualification's parts, a role's
 * qualifications...); `register_changes` is the audit trail (one row per saved
 * version of a record, with its state before and after as JSON);
 * `register_ids` hands out stable ids; `register_accounts` holds accounts.
 */
import { sql, type Kysely } from 'kysely';

interface Versioned {
  id: string;
  status: string;
  version: number;
}

export interface QualificationRow extends Versioned {
  title: string;
  key: boolean;
  type: string | null;
  awarding_body: string | null;
  level: number | null;
  learning_hours: number | null;
  unit_code: string | null;
  ssa: string | null;
  notes: string | null;
  source: string | null;
  source_url: string | null;
}

export interface ModuleRow extends Versioned {
  title: string;
  unit_code: string | null;
  level: number | null;
  learning_hours: number | null;
  notes: string | null;
  source: string | null;
  source_url: string | null;
}

export interface RegisterTables {
  register_meta: { key: string; value: string };
  register_ids: { kind: string; next: number };
  register_qualifications: QualificationRow;
  register_modules: ModuleRow;
  register_parts: { qualification_id: string; part_id: string; mandatory: boolean };
  register_prerequisites: { qualification_id: string; required_id: string };
  register_item_areas: { item_id: string; area_id: string };
  register_roles: Versioned & { name: string; notes: string | null };
  register_role_qualifications: { role_id: string; qualification_id: string; key: boolean };
  register_clusterings: Versioned & { name: string; notes: string | null };
  register_clusters: Versioned & { clustering_id: string; name: string; notes: string | null };
  register_cluster_roles: { cluster_id: string; role_id: string };
  register_frameworks: Versioned & { name: string; notes: string | null };
  register_areas: Versioned & { framework_id: string; name: string; description: string | null; position: number };
  register_providers: Versioned & { name: string; url: string | null; notes: string | null };
  register_provider_courses: { provider_id: string; qualification_id: string; hours: number | null };
  register_changes: {
    record_id: string;
    version: number;
    kind: string;
    action: string;
    actor: string;
    changed_at: string;
    before_json: string | null;
    after_json: string;
    note: string | null;
  };
  register_accounts: {
    name: string;
    role: string;
    password_hash: string;
    created_at: string;
    created_by: string;
    disabled: boolean;
    version: number;
  };
}

export type RegisterDb = Kysely<RegisterTables>;

const status = `status TEXT NOT NULL, version INTEGER NOT NULL`;

/** Each migration is a list of statements, run in one transaction. */
export const REGISTER_MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE register_ids (kind TEXT PRIMARY KEY, next INTEGER NOT NULL)`,
    `INSERT INTO register_ids (kind, next) VALUES ('Q', 1), ('M', 1), ('R', 1), ('G', 1), ('C', 1), ('F', 1), ('A', 1), ('P', 1)`,
    `CREATE TABLE register_qualifications (
       id TEXT PRIMARY KEY, title TEXT NOT NULL, key BOOLEAN NOT NULL, type TEXT, awarding_body TEXT, level INTEGER,
       learning_hours INTEGER, unit_code TEXT, ssa TEXT, notes TEXT, source TEXT, source_url TEXT, ${status})`,
    `CREATE TABLE register_modules (
       id TEXT PRIMARY KEY, title TEXT NOT NULL, unit_code TEXT, level INTEGER, learning_hours INTEGER,
       notes TEXT, source TEXT, source_url TEXT, ${status})`,
    `CREATE TABLE register_parts (qualification_id TEXT NOT NULL, part_id TEXT NOT NULL, mandatory BOOLEAN NOT NULL, PRIMARY KEY (qualification_id, part_id))`,
    `CREATE TABLE register_prerequisites (qualification_id TEXT NOT NULL, required_id TEXT NOT NULL, PRIMARY KEY (qualification_id, required_id))`,
    `CREATE TABLE register_item_areas (item_id TEXT NOT NULL, area_id TEXT NOT NULL, PRIMARY KEY (item_id, area_id))`,
    `CREATE TABLE register_roles (id TEXT PRIMARY KEY, name TEXT NOT NULL, notes TEXT, ${status})`,
    `CREATE TABLE register_role_qualifications (role_id TEXT NOT NULL, qualification_id TEXT NOT NULL, key BOOLEAN NOT NULL, PRIMARY KEY (role_id, qualification_id))`,
    `CREATE TABLE register_clusterings (id TEXT PRIMARY KEY, name TEXT NOT NULL, notes TEXT, ${status})`,
    `CREATE TABLE register_clusters (id TEXT PRIMARY KEY, clustering_id TEXT NOT NULL, name TEXT NOT NULL, notes TEXT, ${status})`,
    `CREATE TABLE register_cluster_roles (cluster_id TEXT NOT NULL, role_id TEXT NOT NULL, PRIMARY KEY (cluster_id, role_id))`,
    `CREATE TABLE register_frameworks (id TEXT PRIMARY KEY, name TEXT NOT NULL, notes TEXT, ${status})`,
    `CREATE TABLE register_areas (id TEXT PRIMARY KEY, framework_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT, position INTEGER NOT NULL, ${status})`,
    `CREATE TABLE register_providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT, notes TEXT, ${status})`,
    `CREATE TABLE register_provider_courses (provider_id TEXT NOT NULL, qualification_id TEXT NOT NULL, hours DOUBLE PRECISION, PRIMARY KEY (provider_id, qualification_id))`,
    `CREATE TABLE register_changes (
       record_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL,
       changed_at TEXT NOT NULL, before_json TEXT, after_json TEXT NOT NULL, note TEXT, PRIMARY KEY (record_id, version))`,
    `CREATE TABLE register_accounts (
       name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL,
       created_by TEXT NOT NULL, disabled BOOLEAN NOT NULL, version INTEGER NOT NULL)`,
    `CREATE INDEX register_qualifications_unit_code ON register_qualifications (unit_code)`,
    `CREATE INDEX register_changes_changed_at ON register_changes (changed_at)`,
  ],
];

export const REGISTER_SCHEMA_VERSION = REGISTER_MIGRATIONS.length;

/**
 * Bring the register's tables to REGISTER_SCHEMA_VERSION, each migration in
 * its own transaction. `lock` serialises migrating processes where the
 * database can (PostgreSQL's advisory lock); DuckDB has one writing process.
 */
export async function migrateRegister(db: RegisterDb, lock: (tx: RegisterDb) => Promise<void>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS register_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`.execute(db);
  for (;;) {
    const done = await db.transaction().execute(async (tx) => {
      await lock(tx);
      const current = await readRegisterSchemaVersion(tx);
      if (current > REGISTER_SCHEMA_VERSION) {
        throw new RegisterSchemaError(current);
      }
      if (current === REGISTER_SCHEMA_VERSION) return true;
      for (const statement of REGISTER_MIGRATIONS[current]) await sql.raw(statement).execute(tx);
      await tx.deleteFrom('register_meta').where('key', '=', 'schema_version').execute();
      await tx.insertInto('register_meta').values({ key: 'schema_version', value: String(current + 1) }).execute();
      return false;
    });
    if (done) return;
  }
}

export async function readRegisterSchemaVersion(db: RegisterDb): Promise<number> {
  const row = await db.selectFrom('register_meta').select('value').where('key', '=', 'schema_version').executeTakeFirst();
  return row ? Number(row.value) : 0;
}

export class RegisterSchemaError extends Error {
  override name = 'RegisterSchemaError';
  constructor(readonly found: number) {
    super(
      `the register was written by a newer version of Routeways (register schema version ${found}; this version understands up to ${REGISTER_SCHEMA_VERSION}); upgrade Routeways`,
    );
  }
}
