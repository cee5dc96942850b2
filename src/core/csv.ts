/**
 * The one CSV writer: every CSV Routeways writes (site downloads, release
 * tables, internal analysis files, generated extracts) goes through it.
 *
 * - RFC 4180 quoting: a field with a comma, a double quote or a line break is
 *   quoted, quotes doubled; so is a field with leading or trailing spaces
 *   (readers that trim would otherwise lose them).
 * - Line ends are LF ("\n") after every row, the header included. RFC 4180
 *   names CRLF, but LF is what most open-data publishers and every CSV reader
 *   in use accept, and one choice everywhere is what matters.
 * - Formula neutralising (OWASP, "CSV injection"): a text cell starting with
 *   = + - @, a tab or a carriage return is prefixed with a single quote so a
 *   spreadsheet shows it as text instead of running it. Numbers, and text
 *   that is exactly a plain number such as "-3" or "-0.25", are left alone.
 */

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A text cell made safe to open in a spreadsheet. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One field: empty for null/undefined, numbers and booleans as written, text neutralised and quoted when needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const s = neutralise(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row, with its line end. */
export function csvLine(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(',') + '\n';
}

/** Rows (the header first) as CSV text. */
export function toCsv(rows: Iterable<readonly CsvValue[]>): string {
  let out = '';
  for (const r of rows) out += csvLine(r);
  return out;
}
