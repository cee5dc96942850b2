/**
 * The validated extract as the relations the store writes (temp views over
 * the staging tables, with the columns of DATASET_INPUT_COLUMNS in
 * src/store/write-dataset.ts): rows with problems left out, values trimmed
 * and normalised with the same SQL validation used, records linked to
 * people by person_id, classification values matched through the lookups.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasetInput } from '../store/write-dataset.js';
import { characteristicValues, type CharacteristicColumn } from './characteristics.js';
import { BOOLEAN_SQL, applySql, clean, cleanOrNull, isBlank } from './extract-format.js';
import type { Staged } from './staging.js';
import { lookupName } from './validate.js';
import { storedRawSql } from '../store/as-entered.js';
import { readLookup } from './lookup-read.js';

export interface StagedExtract {
  people: Staged;
  qualifications: Staged;
  occupations: Staged;
  related?: Staged;
  benefits?: Staged;
}

export type Relations = Pick<DatasetInput, 'people' | 'characteristicNames' | 'qualifications' | 'occupations' | 'benefits'> & {
  /** related.csv's rows (ssa, soc, related), when the extract has one. */
  related?: string;
  /** Each file's rows that go in (staging rows less rejected ones), with `rid` the staging row number. */
  rowsOf: (s: Staged) => string;
};

/**
 * Create the views. `rejected` is the temp table (file_no, rid) of rows with
 * problems, or null when there are none; `fileNo` gives each staged file's
 * number in it. `peopleRejected`: some people.csv rows are left out, so
 * person_key must be renumbered densely.
 */
export async function createRelations(
  c: DuckDBConnection,
  x: StagedExtract,
  args: {
    rejected: string | null;
    fileNo: (s: Staged) => number;
    peopleRejected: boolean;
    characteristics: CharacteristicColumn[];
    /** Each file's text fields that need no trimming (validate.ts). */
    tidy: (s: Staged) => ReadonlySet<string>;
  },
): Promise<Relations> {
  const text: TextOf = (s, field, alias, expr = clean) => {
    const column = s.col(field);
    if (!column) return 'NULL';
    return args.tidy(s).has(field) ? `${alias}.${column}` : expr(`${alias}.${column}`);
  };
  const rowsOf = (s: Staged) =>
    args.rejected
      ? `(SELECT rowid AS rid, * FROM ${s.table} WHERE rowid NOT IN (SELECT rid FROM ${args.rejected} WHERE file_no = ${args.fileNo(s)}))`
      : `(SELECT rowid AS rid, * FROM ${s.table})`;
  await createPeopleKeys(c, x.people, rowsOf(x.people), { renumber: args.peopleRejected, idsAsRead: args.tidy(x.people).has('person_id'), text });
  const view = async (name: string, select: string) => {
    await c.run(`CREATE OR REPLACE TEMP VIEW ${name} AS ${select}`);
    return name;
  };
  // People rows (with their characteristics) that go in, with their person_key.
  const peopleRows = args.peopleRejected
    ? `(SELECT k.person_key, s.* FROM import_people k JOIN ${x.people.table} s ON s.rowid = k.rid)`
    : `(SELECT CAST(rowid AS INTEGER) AS person_key, * FROM ${x.people.table})`;
  const characteristics = characteristicValues(args.characteristics, 'p');
  const regionCol = x.people.col('region')!;
  const region = await readLookup(c, 'lk_region', `p.${regionCol}`, 'l', classified(), { complete: await covers(c, 'lk_region', x.people, regionCol) });
  return {
    people: await view(
      'import_people_rows',
      `SELECT p.person_key, ${text(x.people, 'person_id', 'p')} AS person_id, ${region.sql.code} AS region, ${region.sql.raw_stored} AS region_raw,
        ${characteristics.sql} AS characteristic_values
       FROM ${peopleRows} p ${region.join}`,
    ),
    characteristicNames: characteristics.names,
    qualifications: await view('import_qualification_rows', await qualificationsSelect(c, text, x.qualifications, rowsOf(x.qualifications))),
    occupations: await view('import_occupation_rows', await occupationsSelect(c, text, x.occupations, rowsOf(x.occupations))),
    related: x.related ? await view('import_related_rows', relatedSelect(x.related, rowsOf(x.related))) : undefined,
    benefits: x.benefits ? await view('import_benefit_rows', await benefitsSelect(c, text, x.benefits, rowsOf(x.benefits))) : undefined,
    rowsOf,
  };
}

/** Temp table (or view) import_people: person_id (trimmed), person_key (dense 0..n-1 in file order), rid, region as entered. */
async function createPeopleKeys(
  c: DuckDBConnection,
  people: Staged,
  rows: string,
  how: { renumber: boolean; idsAsRead: boolean; text: TextOf },
): Promise<void> {
  const { renumber, text } = how;
  // The staging row number already is dense, unless rows were rejected.
  const keyExpr = renumber ? 'row_number() OVER (ORDER BY rid) - 1' : 'rid';
  // A view when nothing is computed (dense keys, ids as read): writing 10M ids to a table cost a second.
  const kind = renumber || !how.idsAsRead ? 'TABLE' : 'VIEW';
  await c.run(`CREATE OR REPLACE TEMP ${kind} import_people AS
    SELECT ${text(people, 'person_id', 'r')} AS person_id, CAST(${keyExpr} AS INTEGER) AS person_key, rid, r.${people.col('region')!} AS region
    FROM ${rows} r`);
}

/** SQL of a text field of alias's row as stored: trimmed, unless the file needs none (`expr`: clean, or cleanOrNull where blank is NULL). */
type TextOf = (s: Staged, field: string, alias: string, expr?: (c: string) => string) => string;

/** A classification lookup's columns: the code (and for SOC its groups), and what `*_raw` stores (as-entered.ts). */
const classified = (...more: string[]): Record<string, string> => ({
  code: 'code',
  raw_stored: storedRawSql('raw', 'code', cleanOrNull),
  ...Object.fromEntries(more.map((m) => [m, m])),
});

/** The normalised value of a checked field, read through its lookup (categorical fields) or computed per row. */
async function normalised(c: DuckDBConnection, s: Staged, field: string, joins: string[]): Promise<string> {
  const spec = s.spec.fields.find((f) => f.name === field)!;
  const col = s.col(field);
  if (!col) return 'NULL';
  if (spec.categorical) {
    const lk = lookupName(s, field);
    // Built from every distinct value (validate.ts), blank ones included.
    const read = await readLookup(c, lk, `q.${col}`, lk, { val: 'val' }, { complete: true });
    joins.push(read.join);
    return read.sql.val;
  }
  const x = `q.${col}`;
  return `CASE WHEN ${isBlank(x)} THEN NULL ELSE ${applySql(spec.normalise!, x)} END`;
}

const normalisedAll = async (c: DuckDBConnection, s: Staged, fields: string[], joins: string[]): Promise<string[]> => {
  const out: string[] = [];
  for (const f of fields) out.push(await normalised(c, s, f, joins));
  return out;
};

/** A classified column read through its lookup, or NULLs when the file has no such column. */
async function classifiedColumn(c: DuckDBConnection, s: Staged, field: string, lk: string, joins: string[], ...more: string[]): Promise<Record<string, string>> {
  const column = s.col(field);
  const columns = classified(...more);
  if (!column) return Object.fromEntries(Object.keys(columns).map((k) => [k, 'NULL']));
  const read = await readLookup(c, lk, `q.${column}`, 'l', columns, { complete: await covers(c, lk, s, column) });
  joins.push(read.join);
  return read.sql;
}

/** The classification lookup holds every non-NULL value of the column: buildLookup leaves blank ones out, and counts the rows of the rest. */
async function covers(c: DuckDBConnection, lk: string, s: Staged, column: string): Promise<boolean> {
  const r = await c.runAndReadAll(`SELECT (SELECT count(${column}) FROM ${s.table}) = (SELECT coalesce(sum(n), 0) FROM ${lk})`);
  return r.getRows()[0][0] === true;
}

/** Records join their person by person_id; those of ids not in people.csv drop out here. */
const linked = (text: TextOf, s: Staged, rows: string, joins: string[]): string =>
  `FROM ${rows} q JOIN import_people k ON k.person_id = ${text(s, 'person_id', 'q')} ${joins.join(' ')}`;

async function qualificationsSelect(c: DuckDBConnection, text: TextOf, s: Staged, rows: string): Promise<string> {
  const joins: string[] = [];
  const ssa = await classifiedColumn(c, s, 'ssa', 'lk_ssa', joins);
  const [level, type, achieved, highest, weight] = await normalisedAll(c, s, ['level', 'type', 'achieved_on', 'highest', 'weight'], joins);
  return `SELECT k.person_key, ${text(s, 'qualification', 'q')} AS title, ${text(s, 'code', 'q', cleanOrNull)} AS code,
      ${ssa.code} AS ssa, ${ssa.raw_stored} AS ssa_raw, ${level} AS level, ${type} AS type,
      ${achieved} AS achieved_on, ${highest} AS highest, ${weight} AS weight
    ${linked(text, s, rows, joins)}`;
}

async function occupationsSelect(c: DuckDBConnection, text: TextOf, s: Staged, rows: string): Promise<string> {
  const joins: string[] = [];
  const soc = await classifiedColumn(c, s, 'soc', 'lk_soc', joins, 'sub', 'major');
  const [employment, started, ended, hours, pay, period, contract, exit] = await normalisedAll(
    c, s, ['employment_type', 'started_on', 'ended_on', 'hours', 'pay', 'pay_period', 'contract', 'exit_reason'], joins,
  );
  return `SELECT k.person_key, ${text(s, 'occupation', 'q')} AS title,
      ${soc.code} AS soc, ${soc.raw_stored} AS soc_raw, ${soc.sub} AS soc_submajor, ${soc.major} AS soc_major,
      ${employment} AS employment_type, ${started} AS started_on, ${ended} AS ended_on, ${hours} AS hours, ${pay} AS pay,
      ${period} AS pay_period, ${contract} AS contract, ${exit} AS exit_reason
    ${linked(text, s, rows, joins)}`;
}

/** Benefit claims: person, first and last day (inclusive; NULL while claiming). */
async function benefitsSelect(c: DuckDBConnection, text: TextOf, s: Staged, rows: string): Promise<string> {
  const joins: string[] = [];
  const [started, ended] = await normalisedAll(c, s, ['started_on', 'ended_on'], joins);
  return `SELECT k.person_key, ${started} AS started_on, ${ended} AS ended_on ${linked(text, s, rows, joins)}`;
}

function relatedSelect(s: Staged, rows: string): string {
  return `SELECT a.code AS ssa, b.sub AS soc, ${applySql(BOOLEAN_SQL, `q.${s.col('related')}`)} AS related
    FROM ${rows} q JOIN lk_related_ssa a ON a.raw = q.${s.col('ssa')} JOIN lk_related_soc b ON b.raw = q.${s.col('soc')}`;
}
