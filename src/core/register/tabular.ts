/**
 * The register as CSV: one file per kind (qualifications.csv, modules.csv,
 * roles.csv, clusterings.csv, clusters.csv, frameworks.csv, areas.csv,
 * providers.csv), one row per record. Cells are read leniently the way
 * keepers write them (yes/no, 'Level 3', 'Entry', '1,200'); lists of ids are
 * separated by ';'. A column left out of a file leaves that field as it is; an
 * empty cell clears it.
 *
 * Written cells that a spreadsheet would run as a formula (starting = + - @,
 * tab or carriage return) get a leading apostrophe, which reading removes, so
 * an export reads back as it was.
 */
import type { ImportProblem, IncomingRecord, ListHalf, Place } from './incoming.js';
import { QUALIFICATION_TYPES, type RecordKind, type RegisterRecord } from './types.js';

type Cell = { ok: true; value: unknown } | { ok: false; problem: string; expected: string };

export interface Column {
  column: string;
  /** Domain field it sets. */
  field: string;
  parse(cell: string): Cell;
  format(record: RegisterRecord): string;
  /** For the two columns of one list. */
  half?: Omit<ListHalf, 'ids'>;
}

const ok = (value: unknown): Cell => ({ ok: true, value });
const get = (r: RegisterRecord, f: string): unknown => (r as unknown as Record<string, unknown>)[f];

function textColumn(column: string, field: string, required = false): Column {
  return {
    column,
    field,
    parse: (c) => ok(c.trim() === '' && !required ? null : c),
    format: (r) => (get(r, field) as string | null) ?? '',
  };
}

const YES = new Set(['yes', 'y', 'true', '1', 'key', 'mandatory']);
const NO = new Set(['no', 'n', 'false', '0', '']);

function boolColumn(column: string, field: string): Column {
  return {
    column,
    field,
    parse: (c) => {
      const v = c.trim().toLowerCase();
      if (YES.has(v)) return ok(true);
      if (NO.has(v)) return ok(false);
      return { ok: false, problem: 'is not yes or no', expected: 'yes or no (true/false, 1/0); blank means no' };
    },
    format: (r) => (get(r, field) ? 'yes' : 'no'),
  };
}

/** 'Entry', 'E', 'Level 3', 'L3', '3' -> 0..8. */
export function parseLevel(cell: string): Cell {
  const v = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  if (v === '') return ok(null);
  if (v === 'entry' || v === 'e' || v === 'entry level' || v === '0') return ok(0);
  const m = /^(?:level |l ?)?([1-8])$/.exec(v);
  if (m) return ok(Number(m[1]));
  return { ok: false, problem: 'is not a level', expected: 'Entry or a level from 1 to 8 (3, Level 3 or L3)' };
}

const levelColumn: Column = {
  column: 'level',
  field: 'level',
  parse: parseLevel,
  format: (r) => {
    const l = get(r, 'level') as number | null;
    return l === null ? '' : l === 0 ? 'Entry' : String(l);
  },
};

function numberColumn(column: string, field: string, whole: boolean): Column {
  return {
    column,
    field,
    parse: (c) => {
      const v = c.trim().replace(/,/g, '');
      if (v === '') return ok(null);
      if (whole ? /^[0-9]+$/.test(v) : /^[0-9]+(\.[0-9]+)?$/.test(v)) return ok(Number(v));
      return { ok: false, problem: 'is not a number', expected: whole ? 'a whole number of hours, or blank' : 'a number, or blank' };
    },
    format: (r) => {
      const n = get(r, field) as number | null;
      return n === null ? '' : String(n);
    },
  };
}

const TYPE_WORDS = new Map<string, string>([
  ...QUALIFICATION_TYPES.map((t) => [t.toLowerCase(), t] as [string, string]),
  ['modern apprenticeship', 'apprenticeship'],
  ['apprenticeships', 'apprenticeship'],
  ['higher education', 'HE'],
  ['short', 'short course'],
]);

const typeColumn: Column = {
  column: 'type',
  field: 'type',
  parse: (c) => {
    const v = c.trim().toLowerCase().replace(/\s+/g, ' ');
    if (v === '') return ok(null);
    const t = TYPE_WORDS.get(v);
    return t ? ok(t) : { ok: false, problem: 'is not a qualification type', expected: `one of ${QUALIFICATION_TYPES.join(', ')}` };
  },
  format: (r) => (get(r, 'type') as string | null) ?? '',
};

const statusColumn: Column = {
  column: 'status',
  field: 'status',
  parse: (c) => {
    const v = c.trim().toLowerCase();
    if (v === '' || v === 'current') return ok('current');
    if (v === 'retired') return ok('retired');
    return { ok: false, problem: 'is not a status', expected: "'current' or 'retired' (blank means current)" };
  },
  format: (r) => r.status,
};

export function splitIds(cell: string): string[] {
  return cell
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function idListColumn(column: string, field: string): Column {
  return { column, field, parse: (c) => ok(splitIds(c)), format: (r) => (get(r, field) as string[]).join(';') };
}

function halfColumn(column: string, field: 'parts' | 'qualifications', flag: 'mandatory' | 'key', value: boolean): Column {
  return {
    column,
    field,
    half: { field, flag, value },
    parse: (c) => ok(splitIds(c)),
    format: (r) =>
      (get(r, field) as Record<string, unknown>[])
        .filter((x) => x[flag] === value)
        .map((x) => x.id)
        .join(';'),
  };
}

const coursesColumn: Column = {
  column: 'courses',
  field: 'courses',
  parse: (c) => {
    const out: { qualificationId: string; hours: number | null }[] = [];
    for (const item of splitIds(c)) {
      const m = /^([^=\s]+)\s*(?:=\s*([0-9]+(?:\.[0-9]+)?))?$/.exec(item);
      if (!m) return { ok: false, problem: `course '${item}' is not an id with optional hours`, expected: "qualification ids with their hours, such as 'Q12=120;Q40'" };
      out.push({ qualificationId: m[1], hours: m[2] === undefined ? null : Number(m[2]) });
    }
    return ok(out);
  },
  format: (r) =>
    (get(r, 'courses') as { qualificationId: string; hours: number | null }[])
      .map((c) => (c.hours === null ? c.qualificationId : `${c.qualificationId}=${c.hours}`))
      .join(';'),
};

const positionColumn: Column = {
  column: 'position',
  field: 'position',
  parse: (c) => (/^\s*[0-9]+\s*$/.test(c) ? ok(Number(c)) : { ok: false, problem: 'is not a position', expected: 'a whole number from 1' }),
  format: (r) => String(get(r, 'position')),
};

const idColumn: Column = { column: 'id', field: 'id', parse: (c) => ok(c.trim() === '' ? undefined : c.trim()), format: (r) => r.id };
const notes = textColumn('notes', 'notes');

export const CSV_COLUMNS: { readonly [K in RecordKind]: readonly Column[] } = {
  qualification: [
    idColumn,
    textColumn('title', 'title', true),
    boolColumn('key', 'key'),
    typeColumn,
    textColumn('awarding_body', 'awardingBody'),
    levelColumn,
    numberColumn('learning_hours', 'learningHours', true),
    textColumn('unit_code', 'unitCode'),
    textColumn('ssa', 'ssa'),
    notes,
    textColumn('source', 'source'),
    textColumn('source_url', 'sourceUrl'),
    statusColumn,
    halfColumn('mandatory_parts', 'parts', 'mandatory', true),
    halfColumn('optional_parts', 'parts', 'mandatory', false),
    idListColumn('prerequisites', 'prerequisites'),
    idListColumn('areas', 'areas'),
  ],
  module: [
    idColumn,
    textColumn('title', 'title', true),
    textColumn('unit_code', 'unitCode'),
    levelColumn,
    numberColumn('learning_hours', 'learningHours', true),
    notes,
    textColumn('source', 'source'),
    textColumn('source_url', 'sourceUrl'),
    statusColumn,
    idListColumn('areas', 'areas'),
  ],
  role: [
    idColumn,
    textColumn('name', 'name', true),
    notes,
    statusColumn,
    halfColumn('key_qualifications', 'qualifications', 'key', true),
    halfColumn('other_qualifications', 'qualifications', 'key', false),
  ],
  clustering: [idColumn, textColumn('name', 'name', true), notes, statusColumn],
  cluster: [idColumn, textColumn('clustering_id', 'clusteringId', true), textColumn('name', 'name', true), notes, statusColumn, idListColumn('roles', 'roles')],
  framework: [idColumn, textColumn('name', 'name', true), notes, statusColumn],
  area: [
    idColumn,
    textColumn('framework_id', 'frameworkId', true),
    positionColumn,
    textColumn('name', 'name', true),
    textColumn('description', 'description'),
    statusColumn,
  ],
  provider: [idColumn, textColumn('name', 'name', true), textColumn('url', 'url'), notes, statusColumn, coursesColumn],
};

/** The file name of each kind's CSV, and back. */
export const CSV_FILE: { readonly [K in RecordKind]: string } = {
  qualification: 'qualifications.csv',
  module: 'modules.csv',
  role: 'roles.csv',
  clustering: 'clusterings.csv',
  cluster: 'clusters.csv',
  framework: 'frameworks.csv',
  area: 'areas.csv',
  provider: 'providers.csv',
};

export function kindOfCsvName(name: string): RecordKind | undefined {
  const stem = name.toLowerCase().replace(/\.csv$/, '');
  for (const [kind, file] of Object.entries(CSV_FILE)) if (file.replace(/\.csv$/, '') === stem) return kind as RecordKind;
  return undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written to CSV: formula-like text gets a leading apostrophe (OWASP's advice). */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as read: the apostrophe `neutralise` added is taken off again. */
export function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function csvCell(text: string): string {
  const s = neutralise(text);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One kind's records as CSV text (RFC 4180 quoting, '\n' line ends, a header row). */
export function toCsv(kind: RecordKind, records: readonly RegisterRecord[]): string {
  const cols = CSV_COLUMNS[kind];
  const lines = [cols.map((c) => c.column).join(',')];
  for (const r of records) lines.push(cols.map((c) => csvCell(c.format(r))).join(','));
  return lines.join('\n') + '\n';
}

export interface CsvRow {
  /** Line on which the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** Turn the rows of one kind's CSV into incoming records, or list the problems. */
export function incomingFromCsv(
  kind: RecordKind,
  file: string,
  header: readonly string[],
  rows: readonly CsvRow[],
): { records: IncomingRecord[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const cols = CSV_COLUMNS[kind];
  const byName = new Map(cols.map((c) => [c.column, c]));
  const used: (Column | undefined)[] = header.map((h, i) => {
    const col = byName.get(h.trim().toLowerCase());
    if (!col) {
      problems.push({
        file,
        line: 1,
        column: i + 1,
        value: h,
        problem: `is not a column of ${CSV_FILE[kind]}`,
        expected: `columns from ${cols.map((c) => c.column).join(', ')}`,
      });
    }
    return col;
  });
  const required = cols.filter((c) => c.column !== 'id' && (c.column === 'title' || c.column === 'name'));
  for (const c of required) {
    if (!used.includes(c)) problems.push({ file, line: 1, problem: `has no '${c.column}' column`, expected: `a header with ${c.column}` });
  }
  if (problems.length > 0) return { records: [], problems };
  const records: IncomingRecord[] = [];
  for (const row of rows) {
    const rec = rowToIncoming(kind, file, used, row, problems);
    if (rec) records.push(rec);
  }
  return { records, problems };
}

function rowToIncoming(kind: RecordKind, file: string, used: readonly (Column | undefined)[], row: CsvRow, problems: ImportProblem[]): IncomingRecord | undefined {
  if (row.cells.length > used.length) {
    problems.push({ file, line: row.line, column: used.length + 1, problem: `the row has ${row.cells.length} fields but the header names ${used.length}`, expected: 'one field per column' });
    return undefined;
  }
  const rec: IncomingRecord = { kind, fields: {}, halves: [], file, line: row.line, at: {} };
  let bad = false;
  used.forEach((col, i) => {
    if (!col) return;
    const raw = unneutralise(row.cells[i] ?? '');
    const place: Place = { line: row.line, column: i + 1, value: raw };
    const cell = col.parse(raw);
    if (!cell.ok) {
      problems.push({ file, line: row.line, column: i + 1, field: col.column, value: raw, problem: cell.problem, expected: cell.expected });
      bad = true;
      return;
    }
    if (col.half) {
      rec.halves.push({ ...col.half, ids: cell.value as string[] });
      rec.at[col.field] ??= place;
    } else if (cell.value !== undefined) {
      rec.fields[col.field] = cell.value;
      rec.at[col.field] = place;
    }
  });
  return bad ? undefined : rec;
}

/** The CSV column that holds a domain field, for messages. */
export function columnOf(kind: RecordKind, field: string): string {
  return CSV_COLUMNS[kind].find((c) => c.field === field)?.column ?? field;
}

