/**
 * A register record as a web form: one field per CSV column of its kind
 * (tabular.ts), so the form reads and writes cells exactly as a keeper's
 * spreadsheet does ('Level 3', 'yes', 'Q12;Q40') and its problems name the
 * same columns. The id and status are not form fields: ids never change, and
 * retiring or restoring is an action of its own.
 */
import { mergeIncoming } from './change-report.js';
import { CSV_COLUMNS, incomingFromCsv } from './tabular.js';
import type { RecordKind, RegisterRecord } from './types.js';

export interface FormField {
  /** The CSV column, used as the form field's name. */
  name: string;
  label: string;
  hint: string | null;
  multiline: boolean;
}

const HINTS: Record<string, string> = {
  key: 'yes or no',
  level: "'Entry' or a level from 1 to 8",
  ssa: "tier 1 '1' to '15' or tier 2 such as '1.3'",
  mandatory_parts: 'module or qualification ids separated by ; (for example M12;Q3)',
  optional_parts: 'module or qualification ids separated by ;',
  prerequisites: 'module or qualification ids separated by ;',
  areas: 'area ids separated by ; (for example A1;A4)',
  key_qualifications: 'qualification ids separated by ;',
  other_qualifications: 'qualification ids separated by ;',
  roles: 'role ids separated by ;',
  courses: "qualification ids with their hours, such as 'Q12=120;Q40'",
  clustering_id: 'for example G1',
  framework_id: 'for example F1',
  position: 'a whole number from 1',
  type: 'NVQ, VRQ, HE, apprenticeship, professional, short course or other',
};

const MULTILINE = new Set(['notes', 'description']);
const NOT_EDITED = new Set(['id', 'status']);

function label(column: string): string {
  const words = column.replace(/_id$/, '').replaceAll('_', ' ');
  const text = column === 'ssa' ? 'Sector subject area' : column === 'url' || column === 'source_url' ? words.replace('url', 'web address') : words;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The fields of a kind's form, in the order of its CSV columns. */
export function formFields(kind: RecordKind): FormField[] {
  return CSV_COLUMNS[kind]
    .filter((c) => !NOT_EDITED.has(c.column))
    .map((c) => ({ name: c.column, label: label(c.column), hint: HINTS[c.column] ?? null, multiline: MULTILINE.has(c.column) }));
}

/** A record's current values as the form shows them. */
export function formValues(kind: RecordKind, record: RegisterRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of CSV_COLUMNS[kind]) if (!NOT_EDITED.has(c.column)) out[c.column] = c.format(record);
  return out;
}

export interface FormProblem {
  /** The form field (CSV column) at fault. */
  field: string;
  message: string;
}

export type FormResult = { ok: true; record: Record<string, unknown> } | { ok: false; problems: FormProblem[] };

/**
 * The record a submitted form describes: `before` (null for a new record)
 * with the form's cells over it. Cells are read as CSV cells are; the record
 * is validated as a whole when it is saved.
 */
export function recordFromForm(kind: RecordKind, values: Readonly<Record<string, string>>, before: RegisterRecord | null): FormResult {
  const fields = formFields(kind);
  const header = fields.map((f) => f.name);
  const cells = header.map((h) => values[h] ?? '');
  const read = incomingFromCsv(kind, 'form', header, [{ line: 1, cells }]);
  if (read.problems.length > 0 || read.records.length !== 1) {
    return { ok: false, problems: read.problems.map((p) => ({ field: p.field ?? '', message: `${p.problem}${p.expected ? `; expected ${p.expected}` : ''}` })) };
  }
  return { ok: true, record: mergeIncoming(read.records[0], before, before?.id ?? '') };
}

/** The form field that holds a domain field, for a save's problems ('parts' -> 'mandatory_parts'). */
export function formFieldOf(kind: RecordKind, domainField: string): string {
  const top = domainField.split(/[.[]/)[0];
  return CSV_COLUMNS[kind].find((c) => c.field === top)?.column ?? '';
}

export interface Rebased {
  /** The form again: the record as it is now, with the editor's own changes over it. */
  values: Record<string, string>;
  /** Fields both the editor and the other change touched, differently. */
  clashes: string[];
}

/**
 * After a conflict: carry an editor's changes (their form against `base`, the
 * version they opened) over to `current`, so that saving again keeps both
 * people's work instead of writing the old values back.
 */
export function rebaseForm(kind: RecordKind, base: RegisterRecord, current: RegisterRecord, submitted: Readonly<Record<string, string>>): Rebased {
  const was = formValues(kind, base);
  const now = formValues(kind, current);
  const values: Record<string, string> = {};
  const clashes: string[] = [];
  for (const f of formFields(kind)) {
    const mine = submitted[f.name] ?? was[f.name];
    const changedByMe = mine !== was[f.name];
    values[f.name] = changedByMe ? mine : now[f.name];
    if (changedByMe && now[f.name] !== was[f.name] && now[f.name] !== mine) clashes.push(f.name);
  }
  return { values, clashes };
}
