/**
 * The outcome extract's files and columns (BRIEF.md, "Input"), and for each
 * checked column the SQL that normalises a raw text value and the words that
 * say what was expected. Validation and the write use the same expressions,
 * so what is accepted is exactly what is stored.
 */

export type ExtractFileName = 'people.csv' | 'qualifications.csv' | 'occupations.csv' | 'related.csv' | 'benefits.csv';

/**
 * The largest value Routeways keeps, in bytes (UTF-8): 64 KiB. Titles, codes
 * and characteristics are short; a longer field is a broken export (a quote
 * that swallowed lines, a document pasted into a cell), and would bloat every
 * table and report it reaches.
 */
export const MAX_FIELD_BYTES = 65_536;

/** 'people' for people.csv: the name without its extension (a file may also be people.parquet). */
export function fileBase(spec: FileSpec): string {
  return spec.file.replace(/\.csv$/, '');
}

export interface FieldSpec {
  name: string;
  required: boolean;
  /**
   * SQL turning the raw text `{v}` (a VARCHAR, maybe NULL) into the stored value;
   * NULL means "not valid" when the raw value is not blank. Absent: stored as text.
   */
  normalise?: string;
  /** What a valid value looks like, for problem reports. */
  expected?: string;
  /** A blank value is a problem (person_id, titles). */
  notBlank?: boolean;
  /**
   * Few distinct values (level, type, yes/no): normalised once per distinct
   * value in a lookup table instead of once per row.
   */
  categorical?: boolean;
}

export interface FileSpec {
  file: ExtractFileName;
  /** Absent files are fine only when optional (related.csv). */
  optional: boolean;
  fields: FieldSpec[];
  /** people.csv: columns not in `fields` are characteristics; elsewhere they are reported and ignored. */
  extraColumnsAreCharacteristics: boolean;
}

/**
 * The value without surrounding spaces. trim() on every one of 10M values is
 * a large part of an import's time; most values have no spaces to remove, and
 * starts_with/ends_with are cheap tests (DuckDB's trim removes spaces only).
 */
export const clean = (col: string): string => `(CASE WHEN starts_with(${col}, ' ') OR ends_with(${col}, ' ') THEN trim(${col}) ELSE ${col} END)`;

/**
 * Blank = NULL, empty or only spaces. A CASE, so that trim() runs only on the values starting with
 * a space: written as ORs, DuckDB trimmed every value (ten times the cost of the whole test).
 */
export const isBlank = (col: string): string => `(CASE WHEN starts_with(${col}, ' ') THEN trim(${col}) = '' ELSE coalesce(${col} = '', true) END)`;

/** The cleaned value, NULL when blank. */
export const cleanOrNull = (col: string): string => `NULLIF(${clean(col)}, '')`;

// Each normaliser tries the common spellings with plain comparisons first and
// only falls back to a regular expression for the rest: at 10M rows the
// difference is seconds.
const LEVEL_RE = `TRY_CAST(regexp_extract(lower(trim({v})), '^(?:level|lvl|l)?\\s*([0-9]+)$', 1) AS INTEGER)`;
const levelSql = `CASE WHEN trim({v}) IN ('1','2','3','4','5','6','7','8') THEN CAST(trim({v}) AS INTEGER)
  WHEN ${LEVEL_RE} BETWEEN 1 AND 8 THEN ${LEVEL_RE} END`;

const typeSql = `CASE lower(trim({v})) WHEN 'classroom' THEN 'classroom' WHEN 'apprenticeship' THEN 'apprenticeship'
  ELSE CASE regexp_replace(lower(trim({v})), '[^a-z]', '', 'g')
    WHEN 'apprenticeship' THEN 'apprenticeship' WHEN 'apprentice' THEN 'apprenticeship'
    WHEN 'classroom' THEN 'classroom' WHEN 'classroombased' THEN 'classroom' END END`;

const employmentSql = `CASE lower(trim({v})) WHEN 'full-time' THEN 'full-time' WHEN 'part-time' THEN 'part-time' WHEN 'training' THEN 'training'
  ELSE CASE regexp_replace(lower(trim({v})), '[^a-z]', '', 'g')
    WHEN 'training' THEN 'training' WHEN 'employmentwithtraining' THEN 'training'
    WHEN 'fulltime' THEN 'full-time' WHEN 'parttime' THEN 'part-time' END END`;

export const BOOLEAN_SQL = `CASE lower(trim({v}))
  WHEN 'true' THEN true WHEN 't' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true WHEN '1' THEN true
  WHEN 'false' THEN false WHEN 'f' THEN false WHEN 'no' THEN false WHEN 'n' THEN false WHEN '0' THEN false END`;

const dateSql = `COALESCE(TRY_CAST(trim({v}) AS DATE), CAST(TRY_STRPTIME(trim({v}), '%d/%m/%Y') AS DATE))`;

// Employment histories (issue 14). Pay may be written with a pound sign or thousands separators (£1,250.00).
const numberSql = (v: string) => `TRY_CAST(replace(replace(trim(${v}), ',', ''), '£', '') AS DOUBLE)`;
const hoursSql = `CASE WHEN ${numberSql('{v}')} BETWEEN 0 AND 168 THEN ${numberSql('{v}')} END`;
const paySql = `CASE WHEN ${numberSql('{v}')} >= 0 AND isfinite(${numberSql('{v}')}) THEN ${numberSql('{v}')} END`;
const payPeriodSql = `CASE regexp_replace(lower(trim({v})), '[^a-z]', '', 'g')
  WHEN 'hour' THEN 'hour' WHEN 'hourly' THEN 'hour' WHEN 'perhour' THEN 'hour'
  WHEN 'week' THEN 'week' WHEN 'weekly' THEN 'week' WHEN 'perweek' THEN 'week'
  WHEN 'month' THEN 'month' WHEN 'monthly' THEN 'month' WHEN 'permonth' THEN 'month'
  WHEN 'year' THEN 'year' WHEN 'yearly' THEN 'year' WHEN 'annual' THEN 'year' WHEN 'annually' THEN 'year' WHEN 'peryear' THEN 'year' WHEN 'perannum' THEN 'year' END`;
const contractSql = `CASE regexp_replace(lower(trim({v})), '[^a-z]', '', 'g')
  WHEN 'permanent' THEN 'permanent' WHEN 'temporary' THEN 'temporary' WHEN 'temp' THEN 'temporary'
  WHEN 'fixedterm' THEN 'fixed-term' WHEN 'zerohours' THEN 'zero-hours' WHEN 'zerohour' THEN 'zero-hours'
  WHEN 'selfemployed' THEN 'self-employed' END`;
const exitSql = `CASE regexp_replace(lower(trim({v})), '[^a-z]', '', 'g')
  WHEN 'voluntary' THEN 'voluntary' WHEN 'involuntary' THEN 'involuntary' WHEN 'unknown' THEN 'unknown' END`;
const DATE_EXPECTED = 'a date as YYYY-MM-DD or DD/MM/YYYY';

const weightSql = `CASE WHEN TRY_CAST(trim({v}) AS DOUBLE) >= 0 AND isfinite(TRY_CAST(trim({v}) AS DOUBLE)) THEN TRY_CAST(trim({v}) AS DOUBLE) END`;

export const EXTRACT_FILES: readonly FileSpec[] = [
  {
    file: 'people.csv',
    optional: false,
    extraColumnsAreCharacteristics: true,
    fields: [
      { name: 'person_id', required: true, notBlank: true, expected: 'a person_id (not blank)' },
      { name: 'region', required: true },
    ],
  },
  {
    file: 'qualifications.csv',
    optional: false,
    extraColumnsAreCharacteristics: false,
    fields: [
      { name: 'person_id', required: true, notBlank: true, expected: 'a person_id (not blank)' },
      { name: 'qualification', required: true, notBlank: true, expected: 'a qualification title (not blank)' },
      { name: 'code', required: false },
      { name: 'ssa', required: false },
      { name: 'level', required: false, normalise: levelSql, categorical: true, expected: 'a level from 1 to 8' },
      { name: 'type', required: false, normalise: typeSql, categorical: true, expected: "'apprenticeship' or 'classroom'" },
      { name: 'achieved_on', required: false, normalise: dateSql, expected: DATE_EXPECTED },
      { name: 'highest', required: false, normalise: BOOLEAN_SQL, categorical: true, expected: 'true or false (yes/no, 1/0)' },
      { name: 'weight', required: false, normalise: weightSql, expected: 'a number, 0 or more' },
    ],
  },
  {
    file: 'occupations.csv',
    optional: false,
    extraColumnsAreCharacteristics: false,
    fields: [
      { name: 'person_id', required: true, notBlank: true, expected: 'a person_id (not blank)' },
      { name: 'occupation', required: true, notBlank: true, expected: 'an occupation title (not blank)' },
      { name: 'soc', required: false },
      { name: 'employment_type', required: false, normalise: employmentSql, categorical: true, expected: "'training', 'full-time' or 'part-time'" },
      { name: 'started_on', required: false, normalise: dateSql, expected: DATE_EXPECTED },
      { name: 'ended_on', required: false, normalise: dateSql, expected: `${DATE_EXPECTED} (the last day of the spell)` },
      { name: 'hours', required: false, normalise: hoursSql, expected: 'usual paid hours per week, a number from 0 to 168' },
      { name: 'pay', required: false, normalise: paySql, expected: 'gross pay for the pay_period, a number, 0 or more' },
      { name: 'pay_period', required: false, normalise: payPeriodSql, categorical: true, expected: "'hour', 'week', 'month' or 'year'" },
      {
        name: 'contract', required: false, normalise: contractSql, categorical: true,
        expected: "'permanent', 'temporary', 'fixed-term', 'zero-hours' or 'self-employed'",
      },
      { name: 'exit_reason', required: false, normalise: exitSql, categorical: true, expected: "'voluntary', 'involuntary' or 'unknown'" },
    ],
  },
  {
    file: 'related.csv',
    optional: true,
    extraColumnsAreCharacteristics: false,
    fields: [
      { name: 'ssa', required: true, notBlank: true, expected: 'a sector subject area (tier 1 number or title)' },
      { name: 'soc', required: true, notBlank: true, expected: 'a 2-digit SOC sub-major group' },
      { name: 'related', required: true, notBlank: true, normalise: BOOLEAN_SQL, expected: 'yes or no (true/false)' },
    ],
  },
  {
    file: 'benefits.csv',
    optional: true,
    extraColumnsAreCharacteristics: false,
    fields: [
      { name: 'person_id', required: true, notBlank: true, expected: 'a person_id (not blank)' },
      { name: 'started_on', required: true, notBlank: true, normalise: dateSql, expected: `${DATE_EXPECTED} (the first day of the claim)` },
      { name: 'ended_on', required: false, normalise: dateSql, expected: `${DATE_EXPECTED} (the last day of the claim; blank while claiming)` },
    ],
  },
];

export function fileSpec(file: ExtractFileName): FileSpec {
  const spec = EXTRACT_FILES.find((f) => f.file === file);
  if (!spec) throw new Error(`unknown extract file ${file}`);
  return spec;
}

/** Substitute a column reference into a normaliser. */
export function applySql(template: string, col: string): string {
  return template.replaceAll('{v}', col);
}
