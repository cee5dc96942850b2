/**
 * Records read from an import file, before they are matched with the
 * register: only the fields the file gives (a column left out, or a JSON
 * property left out, leaves that field as it is), with where each came from
 * so that every problem names file, line and column.
 */
import type { RecordKind } from './types.js';

export interface Place {
  line: number;
  column: number;
  /** The text as written in the file. */
  value: string;
}

/**
 * Half of a two-column list: `mandatory_parts` and `optional_parts` set the
 * parts with and without the flag; `key_qualifications` and
 * `other_qualifications` a role's qualifications. A file with one of the two
 * columns changes that half only.
 */
export interface ListHalf {
  field: 'parts' | 'qualifications';
  flag: 'mandatory' | 'key';
  value: boolean;
  ids: string[];
}

export interface IncomingRecord {
  kind: RecordKind;
  /** Domain field name -> value, for the fields the file gives. */
  fields: Record<string, unknown>;
  halves: ListHalf[];
  file: string;
  /** Line on which the record starts (CSV: 1 is the header). */
  line: number;
  /** Where each given field is in the file (for halves, under the list field's name). */
  at: Record<string, Place>;
}

/** A problem with an import file, printed as `file:line:column: field 'x' value 'y': problem; expected ...`. */
export interface ImportProblem {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  value?: string;
  problem: string;
  expected?: string;
}

export function formatImportProblem(p: ImportProblem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.column !== undefined) where += `:${p.column}`;
  const subject = [p.field !== undefined ? `field '${p.field}'` : '', p.value !== undefined ? `value '${shorten(p.value)}'` : ''].filter(Boolean).join(' ');
  return `${where}: ${subject ? subject + ': ' : ''}${p.problem}${p.expected ? `; expected ${p.expected}` : ''}`;
}

function shorten(s: string): string {
  const one = s.replace(/\r?\n/g, '\\n');
  return one.length > 60 ? one.slice(0, 57) + '...' : one;
}

/** Split a validation message 'expected X' into problem and expectation. */
export function problemFromMessage(message: string): { problem: string; expected?: string } {
  const m = /^(?:is missing \()?expected (.*?)\)?$/.exec(message);
  if (m) return { problem: message.startsWith('is missing') ? 'is missing' : 'is not valid', expected: m[1] };
  return { problem: message };
}
