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
  args: { rejected: string | null; fileNo: (s: Staged) => number; peopleRejected: boolean; characteristics: CharacteristicColumn[] },
): Promise<Relations> {
  const rowsOf = (s: Staged) =>
    args.rejected
      ? `(SELECT rowid AS rid, * FROM ${s.table} WHERE rowid NOT IN (SELECT rid FROM ${args.rejected} WHERE file_no = ${args.fileNo(s)}))`
      : `(SELECT rowid AS rid, * FROM ${s.table})`;
  await createPeopleKeys(c, x.people, rowsOf(x.people), args.peopleRejected);
  const view = async (name: string, select: string) => {
    await c.run(`CREATE OR REPLACE TEMP VIEW ${name} AS ${select}`);
    return name;
  };
  // People rows (with their characteristics) that go in, with their person_key.
  const peopleRows = args.peopleRejected
    ? `(SELECT k.person_key, s.* FROM import_people k JOIN ${x.people.table} s ON s.rowid = k.rid)`
    : `(SELECT CAST(rowid AS INTEGER) AS person_key, * FROM ${x.people.table})`;
  const characteristics = characteristicValues(args.characteristics, 'p');
  const region = x.people.col('region')!;
  return {
    people: await view(
      'import_people_rows',
      `SELECT p.person_key, ${clean(`p.${x.people.col('person_id')!}`)} AS person_id, l.code AS region, ${storedRawSql(`p.${region}`, 'l.code', cleanOrNull)} AS region_raw,
        ${characteristics.sql} AS characteristic_values
       FROM ${peopleRows} p LEFT JOIN lk_region l ON l.raw = p.${region}`,
    ),
    characteristicNames: characteristics.names,
    qualifications: await view('import_qualification_rows', qualificationsSelect(x.qualifications, rowsOf(x.qualifications))),
    occupations: await view('import_occupation_rows', occupationsSelect(x.occupations, rowsOf(x.occupations))),
    related: x.related ? await view('import_related_rows', relatedSelect(x.related, rowsOf(x.related))) : undefined,
    benefits: x.benefits ? await view('import_benefit_rows', benefitsSelect(x.benefits, rowsOf(x.benefits))) : undefined,
    rowsOf,
  };
}

/** Temp table import_people: person_id (trimmed), person_key (dense 0..n-1 in file order), rid, region as entered. */
async function createPeopleKeys(c: DuckDBConnection, people: Staged, rows: string, renumber: boolean): Promise<void> {
  // The staging row number already is dense, unless rows were rejected.
  const keyExpr = renumber ? 'row_number() OVER (ORDER BY rid) - 1' : 'rid';
  await c.run(`CREATE OR REPLACE TEMP TABLE import_people AS
    SELECT ${clean(people.col('person_id')!)} AS person_id, CAST(${keyExpr} AS INTEGER) AS person_key, rid, ${people.col('region')!} AS region
    FROM ${rows}`);
}

function col(s: Staged, field: string, expr: (c: string) => string = cleanOrNull): string {
  const c = s.col(field);
  return c ? expr(`q.${c}`) : 'NULL';
}

/** The normalised value of a checked field, and the lookup join it needs (categorical fields). */
function normalised(s: Staged, field: string, joins: string[]): string {
  const spec = s.spec.fields.find((f) => f.name === field)!;
  const c = s.col(field);
  if (!c) return 'NULL';
  if (spec.categorical) {
    const lk = lookupName(s, field);
    joins.push(`LEFT JOIN ${lk} ON ${lk}.raw = q.${c}`);
    return `${lk}.val`;
  }
  return col(s, field, (x) => `CASE WHEN ${isBlank(x)} THEN NULL ELSE ${applySql(spec.normalise!, x)} END`);
}

/** Records join their person by person_id; those of ids not in people.csv drop out here. */
const linked = (s: Staged, rows: string, joins: string[]): string =>
  `FROM ${rows} q JOIN import_people k ON k.person_id = ${clean(`q.${s.col('person_id')}`)} ${joins.join(' ')}`;

function qualificationsSelect(s: Staged, rows: string): string {
  const joins: string[] = [];
  const ssa = s.col('ssa');
  if (ssa) joins.push(`LEFT JOIN lk_ssa l ON l.raw = q.${ssa}`);
  const [level, type, achieved, highest, weight] = ['level', 'type', 'achieved_on', 'highest', 'weight'].map((f) => normalised(s, f, joins));
  return `SELECT k.person_key, ${clean(`q.${s.col('qualification')}`)} AS title, ${col(s, 'code')} AS code,
      ${ssa ? 'l.code' : 'NULL'} AS ssa, ${ssa ? storedRawSql(`q.${ssa}`, 'l.code', cleanOrNull) : 'NULL'} AS ssa_raw, ${level} AS level, ${type} AS type,
      ${achieved} AS achieved_on, ${highest} AS highest, ${weight} AS weight
    ${linked(s, rows, joins)}`;
}

function occupationsSelect(s: Staged, rows: string): string {
  const joins: string[] = [];
  const soc = s.col('soc');
  if (soc) joins.push(`LEFT JOIN lk_soc l ON l.raw = q.${soc}`);
  const [employment, started, ended, hours, pay, period, contract, exit] = [
    'employment_type', 'started_on', 'ended_on', 'hours', 'pay', 'pay_period', 'contract', 'exit_reason',
  ].map((f) => normalised(s, f, joins));
  return `SELECT k.person_key, ${clean(`q.${s.col('occupation')}`)} AS title,
      ${soc ? 'l.code' : 'NULL'} AS soc, ${soc ? storedRawSql(`q.${soc}`, 'l.code', cleanOrNull) : 'NULL'} AS soc_raw, ${soc ? 'l.sub' : 'NULL'} AS soc_submajor, ${soc ? 'l.major' : 'NULL'} AS soc_major,
      ${employment} AS employment_type, ${started} AS started_on, ${ended} AS ended_on, ${hours} AS hours, ${pay} AS pay,
      ${period} AS pay_period, ${contract} AS contract, ${exit} AS exit_reason
    ${linked(s, rows, joins)}`;
}

/** Benefit claims: person, first and last day (inclusive; NULL while claiming). */
function benefitsSelect(s: Staged, rows: string): string {
  const joins: string[] = [];
  const [started, ended] = ['started_on', 'ended_on'].map((f) => normalised(s, f, joins));
  return `SELECT k.person_key, ${started} AS started_on, ${ended} AS ended_on ${linked(s, rows, joins)}`;
}

function relatedSelect(s: Staged, rows: string): string {
  return `SELECT a.code AS ssa, b.sub AS soc, ${applySql(BOOLEAN_SQL, `q.${s.col('related')}`)} AS related
    FROM ${rows} q JOIN lk_related_ssa a ON a.raw = q.${s.col('ssa')} JOIN lk_related_soc b ON b.raw = q.${s.col('soc')}`;
}
