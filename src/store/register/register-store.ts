/**
 * The register's one data-access layer, the same on DuckDB and PostgreSQL.
 *
 * - Every write takes an Actor and checks its permission first (a viewer
 *   cannot write, only an admin can replace the register).
 * - Every record has a version: saving an edit of version N when the stored
 *   version is no longer N is refused with a ConflictError showing what
 *   changed, and nothing is written. Two editors saving the same version at the
 *   same moment: one wins, the other gets the conflict (PostgreSQL blocks the
 *   second UPDATE until the first commits, then finds the version moved on;
 *   on DuckDB, which has one writing process, the process's writes queue).
 * - Every saved change adds a row to the audit trail (who, when, the record
 *   before and after); any earlier version can be restored, as a new version.
 * - Each edit is one transaction (`transaction`), so it lands whole or not at all.
 */
import { sql } from 'kysely';
import { checkCycles, checkReferences } from '../../core/register/checks.js';
import type { ChangeEntry, ChangeReport } from '../../core/register/change-report.js';
import { diffRecords } from '../../core/register/diff.js';
import { ConflictError, InvalidRecordError, RecordNotFoundError } from '../../core/register/errors.js';
import { ID_PREFIX, idNumber, kindOfId, makeId } from '../../core/register/ids.js';
import { requirePermission } from '../../core/register/permissions.js';
import { validateRecord } from '../../core/register/schemas.js';
import { COLLECTION } from '../../core/register/types.js';
import {
  RECORD_KINDS,
  type Actor,
  type Change,
  type Qualification,
  type RecordKind,
  type RecordOfKind,
  type RegisterData,
  type RegisterRecord,
} from '../../core/register/types.js';
import { KIND_SPECS, RECORD_TABLES, insertBatched, insertRecords, loadAll, loadKind, loadOne, updateRecord, type Engine } from './records.js';

export type { Engine };
import type { RegisterDb, RegisterTables } from './schema.js';
import { appendTo } from '../../core/multimap.js';
import { maxOf } from '../../core/extent.js';


/** A record to create: everything but the id and version (status defaults to current). */
export type NewRecord<R extends RegisterRecord = RegisterRecord> = Omit<R, 'id' | 'version' | 'status'> & { status?: R['status'] };

export interface SearchHit {
  kind: 'qualification' | 'module' | 'role';
  id: string;
  title: string;
  unitCode: string | null;
  status: string;
}

type ChangeRow = RegisterTables['register_changes'];

export class RegisterStore {
  constructor(
    readonly db: RegisterDb,
    readonly engine: Engine,
    /** Where the register is, for messages (a file, or a URL without its password). */
    readonly where: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  /**
   * Run `work` in one transaction. A write-write conflict between concurrent
   * transactions (DuckDB's 'Conflict on update', PostgreSQL's serialization
   * failures and deadlocks) makes it run again from the start, up to 5 times:
   * the rerun reads the other writer's result and, where versions no longer
   * match, refuses with a ConflictError.
   */
  async transaction<T>(work: (tx: RegisterDb) => Promise<T>): Promise<T> {
    if (this.engine !== 'duckdb') return this.attempt(work);
    // DuckDB lets one process write a file; within it, writers queue here rather than
    // conflict on the id counters and retry. Versions still decide who wins an edit.
    const run = this.writes.then(() => this.attempt(work));
    this.writes = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private writes: Promise<void> = Promise.resolve();

  private async attempt<T>(work: (tx: RegisterDb) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(work);
      } catch (err) {
        if (attempt >= 5 || !isWriteConflict(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.floor(Math.random() * 10)));
      }
    }
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  load(): Promise<RegisterData> {
    return loadAll(this.db);
  }

  async get(id: string): Promise<RegisterRecord> {
    const kind = kindOfId(id);
    const found = kind ? await loadOne(this.db, kind, id) : undefined;
    if (!found) throw new RecordNotFoundError(id);
    return found;
  }

  async isEmpty(): Promise<boolean> {
    for (const kind of RECORD_KINDS) {
      const row = await (this.db as unknown as RegisterDb).selectFrom(KIND_SPECS[kind].table as 'register_roles').select('id').limit(1).executeTakeFirst();
      if (row) return false;
    }
    return true;
  }

  /** Create a record; its id is the next of its kind. */
  async create<K extends RecordKind>(actor: Actor, kind: K, fields: NewRecord<RecordOfKind[K]>, note: string | null = null): Promise<RecordOfKind[K]> {
    requirePermission(actor, 'write');
    return this.transaction(async (tx) => {
      const id = await allocateId(tx, kind);
      const record = this.checked(kind, { ...fields, status: fields.status ?? 'current', id, version: 1 });
      await this.checkInRegister(tx, kind, record);
      await insertRecords(tx, this.engine, kind, [record]);
      await writeChanges(tx, this.engine, [changeRow(kind, 'create', actor, null, record, note)]);
      return record as RecordOfKind[K];
    });
  }

  /**
   * Save an edited record. `record.version` is the version the editor opened;
   * the saved record gets the next one. Refused with ConflictError when the
   * stored record has moved on. Saving with no change to the content writes
   * nothing and returns the stored record.
   */
  async save(actor: Actor, record: RegisterRecord, note: string | null = null): Promise<RegisterRecord> {
    requirePermission(actor, 'write');
    const kind = kindOrThrow(record.id);
    const valid = this.checked(kind, record);
    return this.transaction((tx) => this.saveIn(tx, actor, kind, valid, record.version, null, note));
  }

  /** Retire a record (records are never deleted). */
  async retire(actor: Actor, id: string, version: number, note: string | null = null): Promise<RegisterRecord> {
    requirePermission(actor, 'write');
    const stored = await this.get(id);
    return this.save(actor, { ...stored, status: 'retired', version }, note);
  }

  /** The audit trail of one record, oldest first. */
  async history(id: string): Promise<Change[]> {
    const rows = await this.db.selectFrom('register_changes').selectAll().where('record_id', '=', id).orderBy('version').execute();
    if (rows.length === 0) await this.get(id);
    return rows.map(changeFromRow);
  }

  /** The latest changes across the register, newest first. */
  async recentChanges(limit = 50): Promise<Change[]> {
    const rows = await this.db.selectFrom('register_changes').selectAll().orderBy('changed_at', 'desc').orderBy('record_id').limit(limit).execute();
    return rows.map(changeFromRow);
  }

  /**
   * Bring back a record as it was at `version`, saved as a new version. With
   * `expectedVersion` the restore is refused if the record is no longer at it.
   */
  async restore(actor: Actor, id: string, version: number, expectedVersion?: number): Promise<RegisterRecord> {
    requirePermission(actor, 'write');
    const kind = kindOrThrow(id);
    return this.transaction(async (tx) => {
      const stored = await loadOne(tx, kind, id);
      if (!stored) throw new RecordNotFoundError(id);
      const snapshot = await snapshotAt(tx, id, version);
      if (!snapshot) {
        throw new InvalidRecordError(id, [{ field: 'version', message: `${id} has no version ${version} (it has versions 1 to ${stored.version})` }]);
      }
      const base = expectedVersion ?? stored.version;
      const restored = this.checked(kind, { ...snapshot, version: base });
      return this.saveIn(tx, actor, kind, restored, base, 'restore', `restored version ${version}`);
    });
  }

  /** Qualifications, modules and roles whose title, name or unit code contains `text` (ignoring case). */
  async search(text: string, limit = 50): Promise<SearchHit[]> {
    const needle = text.trim().toLowerCase();
    if (needle === '') return [];
    const has = (col: string) => sql<boolean>`position(${needle} in lower(${sql.ref(col)})) > 0`;
    const quals = await this.db
      .selectFrom('register_qualifications')
      .select(['id', 'title', 'unit_code', 'status'])
      .where((eb) => eb.or([has('title'), has('unit_code')]))
      .orderBy('title')
      .limit(limit)
      .execute();
    const mods = await this.db
      .selectFrom('register_modules')
      .select(['id', 'title', 'unit_code', 'status'])
      .where((eb) => eb.or([has('title'), has('unit_code')]))
      .orderBy('title')
      .limit(limit)
      .execute();
    const roles = await this.db.selectFrom('register_roles').select(['id', 'name', 'status']).where(has('name')).orderBy('name').limit(limit).execute();
    return [
      ...roles.map((r) => ({ kind: 'role' as const, id: r.id, title: r.name, unitCode: null, status: r.status })),
      ...quals.map((q) => ({ kind: 'qualification' as const, id: q.id, title: q.title, unitCode: q.unit_code, status: q.status })),
      ...mods.map((m) => ({ kind: 'module' as const, id: m.id, title: m.title, unitCode: m.unit_code, status: m.status })),
    ].slice(0, limit);
  }

  /**
   * Write an import's change report, exactly as reported, in one transaction.
   * Refused with ConflictError (and nothing written) if any record it touches
   * changed after the report was made.
   */
  async applyImport(actor: Actor, report: ChangeReport, note: string): Promise<{ written: number }> {
    requirePermission(actor, 'write');
    return this.transaction(async (tx) => {
      await checkStillAsReported(tx, report.entries);
      const byKind = new Map<RecordKind, ChangeEntry[]>();
      for (const e of report.entries) appendTo(byKind, e.kind, e);
      const changes: ChangeRow[] = [];
      for (const [kind, entries] of byKind) {
        const fresh = entries.filter((e) => e.before === null).map((e) => ({ ...e.after, version: 1 }));
        await insertRecords(tx, this.engine, kind, fresh);
        for (const e of entries.filter((x) => x.before !== null)) {
          const next = { ...e.after, version: e.before!.version + 1 };
          if (!(await updateRecord(tx, this.engine, kind, next, e.before!.version))) throw await conflict(tx, kind, e.before!.id, e.before!.version);
          changes.push(changeRow(kind, 'import', actor, e.before, next, note));
        }
        for (const r of fresh) changes.push(changeRow(kind, 'import', actor, null, r, note));
        await raiseCounter(tx, kind, entries.map((e) => e.id));
      }
      await writeChanges(tx, this.engine, changes);
      return { written: report.entries.length };
    });
  }

  /** Replace the whole register (and its audit trail) with `data`, each record at version 1. Admins only. */
  async replaceAll(actor: Actor, data: RegisterData, note: string): Promise<void> {
    requirePermission(actor, 'replace the register');
    await this.transaction(async (tx) => {
      for (const table of [...RECORD_TABLES, 'register_changes']) await (tx as unknown as RegisterDb).deleteFrom(table as 'register_changes').execute();
      await tx.updateTable('register_ids').set({ next: 1 }).execute();
      const changes: ChangeRow[] = [];
      for (const kind of RECORD_KINDS) {
        const records = (data[COLLECTION[kind]] as RegisterRecord[]).map((r) => this.checked(kind, { ...r, version: 1 }));
        await insertRecords(tx, this.engine, kind, records);
        await raiseCounter(tx, kind, records.map((r) => r.id));
        for (const r of records) changes.push(changeRow(kind, 'create', actor, null, r, note));
      }
      await writeChanges(tx, this.engine, changes);
    });
  }

  private checked(kind: RecordKind, value: unknown): RegisterRecord {
    const v = validateRecord(kind, value);
    if (!v.ok) throw new InvalidRecordError(String((value as { id?: unknown }).id ?? `new ${kind}`), v.issues);
    return v.value;
  }

  private async saveIn(
    tx: RegisterDb,
    actor: Actor,
    kind: RecordKind,
    record: RegisterRecord,
    expected: number,
    action: 'restore' | null,
    note: string | null,
  ): Promise<RegisterRecord> {
    const stored = await loadOne(tx, kind, record.id);
    if (!stored) throw new RecordNotFoundError(record.id);
    if (stored.version !== expected) throw await conflict(tx, kind, record.id, expected, stored);
    const next = { ...record, version: stored.version + 1 };
    if (diffRecords(kind, stored, next).length === 0) return stored;
    await this.checkInRegister(tx, kind, next);
    if (!(await updateRecord(tx, this.engine, kind, next, expected))) throw await conflict(tx, kind, record.id, expected);
    const how = action ?? (stored.status === 'current' && next.status === 'retired' ? 'retire' : 'update');
    await writeChanges(tx, this.engine, [changeRow(kind, how, actor, stored, next, note)]);
    return next;
  }

  /** The ids a record names exist, and its parts and prerequisites make no cycle. */
  private async checkInRegister(tx: RegisterDb, kind: RecordKind, record: RegisterRecord): Promise<void> {
    const named = referencedIds(kind, record);
    const found = await existingIds(tx, named);
    const issues = checkReferences(kind, record, (id) => found.has(id));
    if (kind === 'qualification') issues.push(...checkCycles(record as Qualification, await qualificationGraph(tx, record as Qualification)));
    if (issues.length > 0) throw new InvalidRecordError(record.id, issues);
  }
}


function kindOrThrow(id: string): RecordKind {
  const kind = kindOfId(id);
  if (!kind) throw new RecordNotFoundError(id);
  return kind;
}

/** DuckDB's and PostgreSQL's ways of saying two transactions wrote the same thing. */
export function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (e && (e.code === '40001' || e.code === '40P01')) return true;
  return typeof e?.message === 'string' && /TransactionContext Error: .*[Cc]onflict|write-write conflict/.test(e.message);
}

async function allocateId(tx: RegisterDb, kind: RecordKind): Promise<string> {
  const row = await tx
    .updateTable('register_ids')
    .set((eb) => ({ next: eb('next', '+', 1) }))
    .where('kind', '=', ID_PREFIX[kind])
    .returning('next')
    .executeTakeFirstOrThrow();
  return makeId(kind, Number(row.next) - 1);
}

/** Keep the id counter above ids written with their numbers given (imports, the sample). */
async function raiseCounter(tx: RegisterDb, kind: RecordKind, ids: readonly string[]): Promise<void> {
  const top = maxOf(ids.map((id) => idNumber(id) ?? 0), 0);
  if (top === 0) return;
  await tx
    .updateTable('register_ids')
    .set({ next: sql<number>`greatest(next, ${top + 1})` })
    .where('kind', '=', ID_PREFIX[kind])
    .execute();
}

function referencedIds(kind: RecordKind, record: RegisterRecord): string[] {
  const r = record as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const link of KIND_SPECS[kind].links) {
    for (const item of r[link.field] as unknown[]) out.push(typeof item === 'string' ? item : (((item as Record<string, unknown>).id ?? (item as Record<string, unknown>).qualificationId) as string));
  }
  if (kind === 'cluster') out.push(r.clusteringId as string);
  if (kind === 'area') out.push(r.frameworkId as string);
  return out;
}

async function existingIds(tx: RegisterDb, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const byKind = new Map<RecordKind, string[]>();
  for (const id of ids) {
    const kind = kindOfId(id);
    if (kind) appendTo(byKind, kind, id);
  }
  for (const [kind, list] of byKind) {
    const rows = await tx.selectFrom(KIND_SPECS[kind].table as 'register_roles').select('id').where('id', 'in', list).execute();
    rows.forEach((r) => found.add(r.id));
  }
  return found;
}

/** Parts and prerequisites of every qualification, with `record` as it is to be saved. */
async function qualificationGraph(tx: RegisterDb, record: Qualification): Promise<Map<string, Qualification>> {
  const graph = new Map<string, { parts: { id: string; mandatory: boolean }[]; prerequisites: string[] }>();
  const node = (id: string) => {
    let n = graph.get(id);
    if (!n) graph.set(id, (n = { parts: [], prerequisites: [] }));
    return n;
  };
  for (const p of await tx.selectFrom('register_parts').selectAll().execute()) node(p.qualification_id).parts.push({ id: p.part_id, mandatory: p.mandatory });
  for (const p of await tx.selectFrom('register_prerequisites').selectAll().execute()) node(p.qualification_id).prerequisites.push(p.required_id);
  graph.set(record.id, { parts: record.parts, prerequisites: record.prerequisites });
  return graph as unknown as Map<string, Qualification>;
}

async function snapshotAt(tx: RegisterDb, id: string, version: number): Promise<RegisterRecord | undefined> {
  const row = await tx.selectFrom('register_changes').select('after_json').where('record_id', '=', id).where('version', '=', version).executeTakeFirst();
  return row ? (JSON.parse(row.after_json) as RegisterRecord) : undefined;
}

/** The ConflictError for an edit of `expected`: what changed since, and who changed it last. */
async function conflict(tx: RegisterDb, kind: RecordKind, id: string, expected: number, stored?: RegisterRecord): Promise<ConflictError> {
  const now = stored ?? (await loadOne(tx, kind, id));
  if (!now) return new ConflictError(id, kind, expected, 0, [], null, null);
  const then = await snapshotAt(tx, id, expected);
  const last = await tx.selectFrom('register_changes').select(['actor', 'changed_at']).where('record_id', '=', id).where('version', '=', now.version).executeTakeFirst();
  return new ConflictError(id, kind, expected, now.version, diffRecords(kind, then ?? null, now), last?.actor ?? null, last?.changed_at ?? null);
}

/** Every record an import report touches is still as the report saw it. */
async function checkStillAsReported(tx: RegisterDb, entries: readonly ChangeEntry[]): Promise<void> {
  const byKind = new Map<RecordKind, ChangeEntry[]>();
  for (const e of entries) appendTo(byKind, e.kind, e);
  for (const [kind, list] of byKind) {
    const stored = new Map((await loadKind(tx, kind, list.map((e) => e.id))).map((r) => [r.id, r]));
    for (const e of list) {
      const now = stored.get(e.id);
      if (e.before === null && now) throw new ConflictError(e.id, kind, 0, now.version, diffRecords(kind, null, now), null, null);
      if (e.before !== null && (!now || now.version !== e.before.version)) throw await conflict(tx, kind, e.id, e.before.version, now);
    }
  }
}

function changeRow(kind: RecordKind, action: Change['action'], actor: Actor, before: RegisterRecord | null, after: RegisterRecord, note: string | null): ChangeRow {
  return {
    record_id: after.id,
    version: after.version,
    kind,
    action,
    actor: actor.name,
    changed_at: new Date().toISOString(),
    before_json: before === null ? null : JSON.stringify(before),
    after_json: JSON.stringify(after),
    note,
  };
}

async function writeChanges(tx: RegisterDb, engine: Engine, rows: readonly ChangeRow[]): Promise<void> {
  await insertBatched(tx, engine, 'register_changes', rows as unknown as Record<string, unknown>[]);
}

function changeFromRow(row: ChangeRow): Change {
  return {
    kind: row.kind as RecordKind,
    recordId: row.record_id,
    version: Number(row.version),
    action: row.action as Change['action'],
    actor: row.actor,
    at: row.changed_at,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as RegisterRecord),
    after: JSON.parse(row.after_json) as RegisterRecord,
    note: row.note,
  };
}
