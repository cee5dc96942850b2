/**
 * CSV for the coder's outputs (coded.csv, review lists, the memory export):
 * RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) prefixed with a single
 * quote, as OWASP advises for CSV injection.
 */
const FORMULA = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(safeCell).join(',')).join('\n') + '\n';
}
