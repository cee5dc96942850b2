/**
 * The title coder's tables: the coding memory (every decision, with who and
 * when; the latest per title key is the one applied), each dataset's coding
 * results (what `code occupations|qualifications` found, read back by
 * `code review`), and accepted spelling-variant groups.
 */
import { listValue } from '@duckdb/node-api';
import type { Alternative, MemoryDecision } from '../core/coding/types.js';
import { inTransaction, queryRows, type Store, type Transaction } from './database.js';
import { asEnteredSql, keepAsEnteredSql } from './as-entered.js';
import { appendTo } from '../core/multimap.js';

/** What the reads need: a store, or the connection of an open transaction (they see its writes). */
type Reader = Pick<Store, 'connection'>;

export type CodingKind = 'occupation' | 'qualification';

export interface TitleCount {
  title: string;
  people: number;
}

/** Distinct titles of a dataset's occupations or qualifications with the people holding each, most people first. */
export async function distinctTitles(store: Reader, datasetId: number, kind: CodingKind): Promise<TitleCount[]> {
  const table = kind === 'occupation' ? 'occupations' : 'qualifications';
  const rows = await queryRows<{ title: string; people: bigint }>(
    store.connection,
    `SELECT title, count(DISTINCT person_key) AS people FROM ${table} WHERE dataset_id = $id GROUP BY title ORDER BY people DESC, title`,
    { id: datasetId },
  );
  return rows.map((r) => ({ title: r.title, people: Number(r.people) }));
}

/** Qualification titles that carry an SSA in the dataset: title, tier 1 code, the SSA as entered, rows. */
export async function labelledQualifications(store: Reader, datasetId: number): Promise<{ title: string; ssa: string; ssaRaw: string | null; count: number }[]> {
  const rows = await queryRows<{ title: string; ssa: string; ssa_raw: string | null; n: bigint }>(
    store.connection,
    `SELECT title, ssa, ${asEnteredSql('ssa_raw', 'ssa')} AS ssa_raw, count(*) AS n FROM qualifications WHERE dataset_id = $id AND ssa IS NOT NULL GROUP BY ALL ORDER BY title, ssa`,
    { id: datasetId },
  );
  return rows.map((r) => ({ title: r.title, ssa: r.ssa, ssaRaw: r.ssa_raw, count: Number(r.n) }));
}

export interface StoredResult {
  title: string;
  people: number;
  code: string | null;
  codeTitle: string | null;
  code2: string | null;
  confidence: number;
  decision: 'auto' | 'review';
  alternatives: Alternative[];
  reason: string;
}

/** Replace a dataset's coding results of one kind (one transaction). */
export async function saveResults(store: Store, datasetId: number, kind: ResultKind, results: readonly StoredResult[]): Promise<void> {
  await inTransaction(store, (tx) => writeResults(tx, datasetId, kind, results));
}

/**
 * Stored results are per title for 'occupation' and 'qualification'; 'soc2010'
 * rows record the conversion of a dataset's SOC 2010 codes (title: the 2010 code).
 */
export type ResultKind = CodingKind | 'soc2010';

/** Replace a dataset's coding results of one kind inside an open transaction (the import's). */
export async function writeResults(tx: Transaction, datasetId: number, kind: ResultKind, results: readonly StoredResult[]): Promise<void> {
  const c = tx.connection;
  await c.run(`DELETE FROM coding_results WHERE dataset_id = $id AND kind = $kind`, { id: datasetId, kind });
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const chunk = 500;
  for (let i = 0; i < results.length; i += chunk) {
    const part = results.slice(i, i + chunk);
    const params: Record<string, string | number | null> = { id: datasetId, kind, now };
    const values = part.map((r, j) => {
      const p = (k: string, v: string | number | null) => {
        params[`${k}${j}`] = v;
        return `$${k}${j}`;
      };
      return `($id, $kind, ${p('t', r.title)}, ${p('p', r.people)}, ${p('c', r.code)}, ${p('ct', r.codeTitle)}, ${p('c2', r.code2)}, ${p('f', r.confidence)}, ${p('d', r.decision)}, ${p('a', JSON.stringify(r.alternatives))}, ${p('r', r.reason)}, CAST($now AS TIMESTAMP))`;
    });
    await c.run(
      `INSERT INTO coding_results (dataset_id, kind, title, people, code, code_title, code2, confidence, decision, alternatives, reason, coded_at) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

/** A dataset's stored coding results, most people first. */
export async function readResults(store: Reader, datasetId: number, kind: ResultKind): Promise<StoredResult[]> {
  const rows = await queryRows<{ title: string; people: bigint; code: string | null; code_title: string | null; code2: string | null; confidence: number; decision: string; alternatives: string | null; reason: string }>(
    store.connection,
    `SELECT title, people, code, code_title, code2, confidence, decision, CAST(alternatives AS VARCHAR) AS alternatives, reason
     FROM coding_results WHERE dataset_id = $id AND kind = $kind ORDER BY people DESC, title`,
    { id: datasetId, kind },
  );
  return rows.map((r) => ({
    title: r.title,
    people: Number(r.people),
    code: r.code,
    codeTitle: r.code_title,
    code2: r.code2,
    confidence: Number(r.confidence),
    decision: r.decision === 'auto' ? 'auto' : 'review',
    alternatives: r.alternatives ? (JSON.parse(r.alternatives) as Alternative[]) : [],
    reason: r.reason,
  }));
}

export interface Decision {
  kind: CodingKind;
  titleKey: string;
  title: string;
  code: string;
  code2?: string | null;
  decidedBy: string;
  /** ISO 8601; now when absent. */
  decidedAt?: string;
  source: 'accept' | 'set' | 'import';
}

/** Record decisions in the coding memory (one transaction). */
export async function recordDecisions(store: Store, decisions: readonly Decision[]): Promise<void> {
  await inTransaction(store, async () => {
    for (const d of decisions) {
      await store.connection.run(
        `INSERT INTO coding_decisions (kind, title_key, title, code, code2, decided_by, decided_at, source)
         VALUES ($kind, $key, $title, $code, $code2, $by, CAST($at AS TIMESTAMP), $source)`,
        {
          kind: d.kind,
          key: d.titleKey,
          title: d.title,
          code: d.code,
          code2: d.code2 ?? null,
          by: d.decidedBy,
          at: (d.decidedAt ?? new Date().toISOString()).replace('T', ' ').replace('Z', ''),
          source: d.source,
        },
      );
    }
  });
}

export interface MemoryRow extends MemoryDecision {
  kind: CodingKind;
  titleKey: string;
  title: string;
  source: string;
}

/** Every decision, oldest first (the memory's full history). */
export async function memoryHistory(store: Reader, kind?: CodingKind): Promise<MemoryRow[]> {
  const rows = await queryRows<{ kind: CodingKind; title_key: string; title: string; code: string; code2: string | null; decided_by: string; decided_at: Date; source: string }>(
    store.connection,
    `SELECT kind, title_key, title, code, code2, decided_by, decided_at, source FROM coding_decisions
     ${kind ? 'WHERE kind = $kind' : ''} ORDER BY decision_id`,
    kind ? { kind } : undefined,
  );
  return rows.map((r) => ({
    kind: r.kind,
    titleKey: r.title_key,
    title: r.title,
    code: r.code,
    code2: r.code2,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at instanceof Date ? r.decided_at.toISOString() : new Date(`${r.decided_at}Z`).toISOString(),
    source: r.source,
  }));
}

/** The memory applied: the latest decision per title key. */
export async function loadMemory(store: Reader, kind: CodingKind): Promise<Map<string, MemoryDecision>> {
  const memory = new Map<string, MemoryDecision>();
  for (const r of await memoryHistory(store, kind)) memory.set(r.titleKey, { code: r.code, code2: r.code2, decidedBy: r.decidedBy, decidedAt: r.decidedAt });
  return memory;
}

/**
 * Fill a dataset's missing codes from `codes` (title as entered -> code):
 * occupations get soc, soc_submajor and soc_major; qualifications get ssa.
 * Rows that already hold a code keep it. Returns the rows filled.
 */
export async function fillCodes(store: Store, datasetId: number, kind: CodingKind, codes: ReadonlyMap<string, string>): Promise<number> {
  if (codes.size === 0) return 0;
  return inTransaction(store, (tx) => fillCodesIn(tx, datasetId, kind, codes));
}

/** fillCodes inside an open transaction (the import's). */
export async function fillCodesIn(tx: Transaction, datasetId: number, kind: CodingKind, codes: ReadonlyMap<string, string>): Promise<number> {
  if (codes.size === 0) return 0;
  const c = tx.connection;
  await loadCodeTable(tx, 'coding_apply', [...codes.entries()]);
  const before = await countMissing(tx, datasetId, kind);
  if (kind === 'occupation') {
    await c.run(
      `UPDATE occupations SET soc = a.code, soc_submajor = left(a.code, 2), soc_major = left(a.code, 1), ${keepAsEnteredSql('soc_raw', 'soc')}
       FROM coding_apply a WHERE occupations.dataset_id = $id AND occupations.title = a.title AND occupations.soc IS NULL AND occupations.soc_submajor IS NULL`,
      { id: datasetId },
    );
  } else {
    await c.run(`UPDATE qualifications SET ssa = a.code, ${keepAsEnteredSql('ssa_raw', 'ssa')} FROM coding_apply a WHERE qualifications.dataset_id = $id AND qualifications.title = a.title AND qualifications.ssa IS NULL`, { id: datasetId });
  }
  const after = await countMissing(tx, datasetId, kind);
  await c.run(`DROP TABLE coding_apply`);
  return before - after;
}

/** A temp table (title, code) of key -> code pairs, 500 to a statement. */
async function loadCodeTable(tx: Transaction, table: string, entries: readonly (readonly [string, string])[]): Promise<void> {
  const c = tx.connection;
  await c.run(`CREATE OR REPLACE TEMP TABLE ${table} (title VARCHAR PRIMARY KEY, code VARCHAR NOT NULL)`);
  for (let i = 0; i < entries.length; i += 500) {
    const params: Record<string, string> = {};
    const values = entries.slice(i, i + 500).map(([t, code], j) => {
      params[`t${j}`] = t;
      params[`c${j}`] = code;
      return `($t${j}, $c${j})`;
    });
    await c.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`, params);
  }
}

/** The SOC code a record is converted by: its unit group (4 digits), else its sub-major group. */
const socKey = (t: string) => `CASE WHEN length(${t}.soc) = 4 THEN ${t}.soc ELSE ${t}.soc_submajor END`;

/** A dataset's distinct SOC keys (4-digit unit groups, or 2-digit sub-major groups) with their records. */
export async function socCodes(store: Reader, datasetId: number): Promise<{ code: string; records: number }[]> {
  const rows = await queryRows<{ code: string; n: bigint }>(
    store.connection,
    `SELECT ${socKey('o')} AS code, count(*) AS n FROM occupations o
     WHERE o.dataset_id = $id AND ${socKey('o')} IS NOT NULL GROUP BY ALL ORDER BY n DESC, code`,
    { id: datasetId },
  );
  return rows.map((r) => ({ code: r.code, records: Number(r.n) }));
}

/**
 * Replace a dataset's SOC 2010 codes by SOC 2020 ones (`codes`: a record's
 * key, its 2010 unit group or sub-major group, -> the 2020 unit group or
 * sub-major group) and mark the dataset as SOC 2020. The code as entered
 * stays in soc_raw; a key with no counterpart is cleared (it would be read as
 * a 2020 code); records with a major group only keep it (the nine major
 * groups are the same). Returns the records converted and cleared.
 */
export async function convertSocCodes(tx: Transaction, datasetId: number, codes: ReadonlyMap<string, string>): Promise<{ converted: number; cleared: number }> {
  const c = tx.connection;
  await loadCodeTable(tx, 'coding_soc2010', [...codes.entries()]);
  const count = async (sql: string) => Number((await queryRows<{ n: bigint }>(c, sql, { id: datasetId }))[0].n);
  const converted = await count(`SELECT count(*) AS n FROM occupations o JOIN coding_soc2010 a ON a.title = ${socKey('o')} WHERE o.dataset_id = $id`);
  const unknown = `${socKey('occupations')} IS NOT NULL AND ${socKey('occupations')} NOT IN (SELECT title FROM coding_soc2010)`;
  const cleared = await count(`SELECT count(*) AS n FROM occupations WHERE dataset_id = $id AND ${unknown}`);
  await c.run(`UPDATE occupations SET soc = NULL, soc_submajor = NULL, soc_major = NULL, ${keepAsEnteredSql('soc_raw', 'soc')} WHERE dataset_id = $id AND ${unknown}`, { id: datasetId });
  await c.run(
    `UPDATE occupations SET soc = CASE WHEN length(a.code) = 4 THEN a.code END, soc_submajor = left(a.code, 2), soc_major = left(a.code, 1),
       ${keepAsEnteredSql('soc_raw', 'soc')}
     FROM coding_soc2010 a WHERE occupations.dataset_id = $id AND a.title = ${socKey('occupations')}`,
    { id: datasetId },
  );
  await c.run(`UPDATE datasets SET soc_version = '2020' WHERE dataset_id = $id`, { id: datasetId });
  await c.run(`DROP TABLE coding_soc2010`);
  return { converted, cleared };
}

async function countMissing(store: Reader, datasetId: number, kind: CodingKind): Promise<number> {
  const sql =
    kind === 'occupation'
      ? `SELECT count(*) AS n FROM occupations WHERE dataset_id = $id AND soc IS NULL AND soc_submajor IS NULL`
      : `SELECT count(*) AS n FROM qualifications WHERE dataset_id = $id AND ssa IS NULL`;
  const rows = await queryRows<{ n: bigint }>(store.connection, sql, { id: datasetId });
  return Number(rows[0].n);
}

export interface StoredVariantGroup {
  id: number;
  kind: CodingKind;
  label: string;
  decidedBy: string;
  decidedAt: string;
  members: { titleKey: string; title: string }[];
}

export async function saveVariantGroup(store: Store, kind: CodingKind, label: string, members: readonly { titleKey: string; title: string }[], decidedBy: string): Promise<number> {
  return inTransaction(store, async () => {
    const rows = await queryRows<{ id: number }>(
      store.connection,
      `INSERT INTO variant_groups (kind, label, decided_by, decided_at) VALUES ($kind, $label, $by, CAST($at AS TIMESTAMP)) RETURNING group_id AS id`,
      { kind, label, by: decidedBy, at: new Date().toISOString().replace('T', ' ').replace('Z', '') },
    );
    const id = rows[0].id;
    const seen = new Set<string>();
    for (const m of members) {
      if (seen.has(m.titleKey)) continue;
      seen.add(m.titleKey);
      await store.connection.run(`INSERT INTO variant_members (group_id, title_key, title) VALUES ($id, $key, $title)`, { id, key: m.titleKey, title: m.title });
    }
    return id;
  });
}

export async function listVariantGroups(store: Store, kind: CodingKind): Promise<StoredVariantGroup[]> {
  const groups = await queryRows<{ id: number; label: string; decided_by: string; decided_at: Date }>(
    store.connection,
    `SELECT group_id AS id, label, decided_by, decided_at FROM variant_groups WHERE kind = $kind ORDER BY group_id`,
    { kind },
  );
  const members = await queryRows<{ id: number; title_key: string; title: string }>(
    store.connection,
    `SELECT m.group_id AS id, m.title_key, m.title FROM variant_members m JOIN variant_groups g USING (group_id) WHERE g.kind = $kind ORDER BY m.group_id, m.title`,
    { kind },
  );
  return groups.map((g) => ({
    id: g.id,
    kind,
    label: g.label,
    decidedBy: g.decided_by,
    decidedAt: g.decided_at instanceof Date ? g.decided_at.toISOString() : String(g.decided_at),
    members: members.filter((m) => m.id === g.id).map((m) => ({ titleKey: m.title_key, title: m.title })),
  }));
}

/** A qualification code as compared: letters and digits only, upper case ('601/1234/5' = '60112345'). */
export const CODE_KEY_SQL = (col: string) => `upper(regexp_replace(${col}, '[^A-Za-z0-9]', '', 'g'))`;

/**
 * The titles a dataset records under each of `codes` (compared as CODE_KEY_SQL does), for matching a
 * register's unit codes (QANs) to a dataset's titles. Titles only: no counts leave.
 */
export async function titlesByCode(store: Store, datasetId: number, codes: readonly string[]): Promise<Map<string, string[]>> {
  const keys = [...new Set(codes.map((c) => c.replace(/[^A-Za-z0-9]/g, '').toUpperCase()).filter((c) => c !== ''))];
  const out = new Map<string, string[]>();
  if (keys.length === 0) return out;
  const reader = await store.connection.runAndReadAll(
    `SELECT DISTINCT ${CODE_KEY_SQL('code')} AS k, title FROM qualifications WHERE dataset_id = $d AND code IS NOT NULL AND list_contains($keys, ${CODE_KEY_SQL('code')}) ORDER BY k, title`,
    { d: datasetId, keys: listValue(keys) },
  );
  for (const r of reader.getRowObjectsJS() as Array<{ k: string; title: string }>) appendTo(out, r.k, r.title);
  return out;
}
