/**
 * Record-level validation, in SQL over the staging tables: every problem
 * becomes a row of `import_problems` (src/ingest/problem-table.ts). One scan
 * per file counts the failures of every check; only the checks that failed
 * are run again to list their rows, so a clean extract is scanned once.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import type { Classifications } from '../core/classify/classifications.js';
import { MAX_FIELD_BYTES, applySql, clean, isBlank, type FieldSpec } from './extract-format.js';
import { buildLookup, socMatcher, ssaMatcher } from './match-values.js';
import { PROBLEMS_TABLE, insertProblems, lit } from './problem-table.js';
import type { Staged } from './staging.js';

/** One check on a staged column: the rows `where` holds are problems, listed by `select` (PROBLEM_COLUMNS). */
export interface Check {
  select: string;
  from: string;
  where: string;
}

/** The problem columns of a check on staging column `col` (header `header`, file column index + 1). */
const head = (fileNo: number, s: Staged, index: number, header: string, value: string, table = ''): string =>
  `${fileNo}, ${lit(s.file)}, ${table}rowid, ${index + 1}, ${lit(header)}, ${value}`;

/** A value as a problem shows it: its start when it is long, as for the length check. */
const shown = (col: string): string => `CASE WHEN strlen(${col}) > 200 THEN left(${col}, 40) || '...' ELSE ${col} END`;

/**
 * A value with a NUL byte, or longer than MAX_FIELD_BYTES: checked on every
 * column Routeways keeps (the fields it reads, and characteristics).
 */
export function textLimitChecks(fileNo: number, s: Staged, index: number, header: string): { nul: Check; long: Check } {
  const col = `c${index}`;
  return {
    nul: {
      select: `${head(fileNo, s, index, header, `replace(${col}, chr(0), '\\0')`)}, 'a NUL byte (character 0) in the value', 'text without NUL bytes', NULL`,
      from: s.table,
      where: `contains(${col}, chr(0))`,
    },
    long: {
      select: `${head(fileNo, s, index, header, `left(${col}, 40) || '...'`)}, 'the value is ' || format('{:,}', strlen(${col})) || ' bytes long',
        ${lit(`at most ${MAX_FIELD_BYTES.toLocaleString('en-GB')} bytes (${MAX_FIELD_BYTES / 1024} KiB) in one field`)}, NULL`,
      from: s.table,
      where: `strlen(${col}) > ${MAX_FIELD_BYTES}`,
    },
  };
}

/** The checks of one field. */
interface FieldChecks {
  /** Blank values, for a field that must not be blank. */
  blank?: Check;
  /** Checks whose failures are counted in the file's one scan. */
  counted: Check[];
  /** Checks already known to fail: their rows are listed. */
  failed: Check[];
  /** The field's NUL and length checks, screened together in the scan. */
  limits: Check[];
}

/** Checks of one field: blank, not valid (per row, or per distinct value for categorical fields), text limits. */
async function fieldChecks(c: DuckDBConnection, fileNo: number, s: Staged, f: FieldSpec): Promise<FieldChecks> {
  const col = s.col(f.name);
  if (!col) return { counted: [], failed: [], limits: [] };
  const at = s.resolved.columns.find((x) => x.field === f.name)!;
  const { nul, long } = textLimitChecks(fileNo, s, at.index, at.header);
  const limits = s.mayHoldNul ? [nul, long] : [long];
  const checks: FieldChecks = { counted: [], failed: [], limits };
  if (f.notBlank) {
    checks.blank = { select: `${head(fileNo, s, at.index, at.header, col)}, 'blank', ${lit(f.expected ?? 'a value')}, NULL`, from: s.table, where: isBlank(col) };
  }
  if (f.normalise && f.categorical) {
    // Normalise each distinct value once, and check its length and bytes once; rows are scanned
    // only if some value is bad.
    const lk = lookupName(s, f.name);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${lk} AS
      SELECT raw, CASE WHEN ${isBlank('raw')} THEN NULL ELSE ${applySql(f.normalise, 'raw')} END AS val,
             NOT ${isBlank('raw')} AND (${applySql(f.normalise, 'raw')}) IS NULL AS bad
      FROM (SELECT DISTINCT ${col} AS raw FROM ${s.table})`);
    const beyond = `strlen(raw) > ${MAX_FIELD_BYTES}${s.mayHoldNul ? ` OR contains(raw, chr(0))` : ''}`;
    const [bad, outside] = (await c.runAndReadAll(`SELECT count(*) FILTER (WHERE bad), count(*) FILTER (WHERE ${beyond}) FROM ${lk}`)).getRowsJS()[0].map(Number);
    if (bad > 0) {
      checks.failed.push({
        select: `${head(fileNo, s, at.index, at.header, shown(`t.${col}`), 't.')}, 'not valid', ${lit(f.expected ?? 'a valid value')}, NULL`,
        from: `${s.table} t JOIN ${lk} l ON l.raw = t.${col}`,
        where: 'l.bad',
      });
    }
    if (outside > 0) checks.failed.push(...limits);
    checks.limits = [];
  } else if (f.normalise) {
    checks.counted.push({
      select: `${head(fileNo, s, at.index, at.header, shown(col))}, 'not valid', ${lit(f.expected ?? 'a valid value')}, NULL`,
      from: s.table,
      where: `NOT ${isBlank(col)} AND (${applySql(f.normalise, col)}) IS NULL`,
    });
  }
  return checks;
}

/** Text fields stored as entered, trimmed (the rest are normalised or looked up). */
const TEXT_FIELDS = ['person_id', 'qualification', 'code', 'occupation'];

/** What checking one staged file found: problems added, and its text fields that need no trimming. */
export interface FileCheck {
  problems: number;
  /** Fields whose every value is tidy (no space to trim, none empty): the write stores them as read. */
  tidy: Set<string>;
}

/** Add the problems of one staged file's fields (not its characteristics: characteristics.ts). */
export async function validateStaged(c: DuckDBConnection, fileNo: number, s: Staged): Promise<FileCheck> {
  const counted: Check[] = [];
  const failed: Check[] = [];
  const limits: Check[] = [];
  const blanks = new Map<string, Check>();
  for (const f of s.spec.fields) {
    const checks = await fieldChecks(c, fileNo, s, f);
    counted.push(...checks.counted);
    failed.push(...checks.failed);
    limits.push(...checks.limits);
    if (checks.blank) blanks.set(f.name, checks.blank);
  }
  const pid = s.spec.file === 'people.csv' ? s.col('person_id') : undefined;
  const text = TEXT_FIELDS.filter((f) => s.col(f));
  // A blank value is NULL or untidy (empty, or spaces only): a text field's untidy count and its
  // NULLs screen it, which costs no second test per value.
  for (const [field, check] of blanks) if (!text.includes(field)) counted.push(check);
  const counts = [
    'count(*) AS total',
    ...counted.map((x, i) => `count(*) FILTER (WHERE ${x.where}) AS k${i}`),
    // The NUL and length checks of all columns screened at once: values that fail them are rare.
    limits.length > 0 ? `count(*) FILTER (WHERE ${limits.map((x) => x.where).join(' OR ')}) AS limits` : '0 AS limits',
    // Distinct hashes rather than ids, a fifth of a second cheaper at 10M: equal ids have equal hashes, so
    // as many hashes as ids means no duplicates; fewer (duplicates, or very rarely a collision) and
    // duplicateIds lists the exact ones.
    pid ? `count(${pid}) FILTER (WHERE NOT ${isBlank(pid)}) - count(DISTINCT CASE WHEN NOT ${isBlank(pid)} THEN hash(${clean(pid)}) END) AS dup` : '0 AS dup',
    // Trimming every value of a text field cost about a second per 10M rows written; most files need none.
    ...text.flatMap((f) => [`count(*) FILTER (WHERE ${untidy(s.col(f)!)}) AS u_${f}`, `count(${s.col(f)}) AS n_${f}`]),
  ];
  const [row] = await queryRows<Record<string, bigint | number>>(c, `SELECT ${counts.join(', ')} FROM ${s.table}`);
  const n = (k: string) => Number(row[k]);
  const tidy = new Set(text.filter((f) => n(`u_${f}`) === 0));
  failed.unshift(...counted.filter((_, i) => n(`k${i}`) > 0));
  for (const [field, check] of blanks) {
    if (text.includes(field) && (n(`u_${field}`) > 0 || n(`n_${field}`) < n('total'))) failed.unshift(check);
  }
  if (n('limits') > 0) failed.push(...limits);
  let total = 0;
  for (const x of failed) total += await listProblems(c, x);
  if (pid && n('dup') > 0) total += await duplicateIds(c, fileNo, s, pid);
  return { problems: total, tidy };
}

/** A value clean() or cleanOrNull() would change. */
const untidy = (col: string): string => `starts_with(${col}, ' ') OR ends_with(${col}, ' ') OR ${col} = ''`;

export async function listProblems(c: DuckDBConnection, x: Check): Promise<number> {
  return insertProblems(c, `SELECT ${x.select} FROM ${x.from} WHERE ${x.where}`);
}

/** Every occurrence after the first of a person_id is a problem; the first stays. */
async function duplicateIds(c: DuckDBConnection, fileNo: number, s: Staged, pid: string): Promise<number> {
  const at = s.resolved.columns.find((x) => x.field === 'person_id')!;
  return insertProblems(
    c,
    `SELECT ${fileNo}, ${lit(s.file)}, rid, ${at.index + 1}, ${lit(at.header)}, pid, 'duplicate person_id', ${lit(`each person_id once in ${s.file}`)}, first_rid
     FROM (SELECT rowid AS rid, ${clean(pid)} AS pid, min(rowid) OVER (PARTITION BY ${clean(pid)}) AS first_rid
           FROM ${s.table} WHERE NOT ${isBlank(pid)})
     WHERE rid <> first_rid`,
  );
}

/** Temp lookup table of a categorical field: raw (as in the file) -> val (normalised), bad. */
export function lookupName(s: Staged, field: string): string {
  return `lk_${s.table}_${field}`;
}

/** related.csv: SSA and SOC values that match the classifications, each pair once. */
export async function validateRelated(c: DuckDBConnection, fileNo: number, s: Staged, cl: Classifications): Promise<void> {
  const ssa = s.col('ssa')!;
  const soc = s.col('soc')!;
  await buildLookup(c, 'lk_related_ssa', s.table, ssa, ssaMatcher(cl));
  await buildLookup(c, 'lk_related_soc', s.table, soc, socMatcher(cl));
  const at = (f: string) => s.resolved.columns.find((x) => x.field === f)!;
  const where = (f: string) => `${fileNo}, ${lit(s.file)}, t.rowid, ${at(f).index + 1}, ${lit(at(f).header)}`;
  await insertProblems(
    c,
    `SELECT ${where('ssa')}, t.${ssa}, 'not a sector subject area', 'an SSA tier 1 number (1-15) or title', NULL
     FROM ${s.table} t LEFT JOIN lk_related_ssa l ON l.raw = t.${ssa} WHERE NOT ${isBlank(`t.${ssa}`)} AND l.code IS NULL`,
  );
  await insertProblems(
    c,
    `SELECT ${where('soc')}, t.${soc}, 'not a SOC sub-major group', 'a 2-digit SOC sub-major group code or title', NULL
     FROM ${s.table} t LEFT JOIN lk_related_soc l ON l.raw = t.${soc} WHERE NOT ${isBlank(`t.${soc}`)} AND l.sub IS NULL`,
  );
  await insertProblems(
    c,
    `SELECT ${fileNo}, ${lit(s.file)}, rid, ${at('soc').index + 1}, ${lit(at('soc').header)}, v, 'the same SSA and SOC pair again', 'each SSA and SOC pair once', first_rid
     FROM (SELECT t.rowid AS rid, t.${ssa} || ' / ' || t.${soc} AS v, min(t.rowid) OVER (PARTITION BY a.code, b.sub) AS first_rid
           FROM ${s.table} t JOIN lk_related_ssa a ON a.raw = t.${ssa} JOIN lk_related_soc b ON b.raw = t.${soc}
           WHERE a.code IS NOT NULL AND b.sub IS NOT NULL)
     WHERE rid <> first_rid`,
  );
}

export { PROBLEMS_TABLE };
