/**
 * How published cells read on a page and in a CSV download. One place, so the
 * page, the CSV and the tests that compare them agree on every number.
 */
import type { GssSymbol, PublishedCell, PublishedTable } from '../core/disclosure/release.js';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return whole.format(n);
}

/** A share 0-1 as a percentage with one decimal, e.g. 0.3412 -> "34.1%". */
export function formatShare(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

export function formatStat(value: number, decimals?: number, unit?: 'share' | 'ratio' | 'number'): string {
  if (unit === 'share') return formatShare(value);
  const d = decimals ?? 2;
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** The text a page shows for a cell (symbols as they are; explained by the page's key). */
export function formatCell(cell: PublishedCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'count':
      return formatCount(cell.value);
    case 'share':
      return formatShare(cell.value);
    case 'stat':
      return formatStat(cell.value, cell.decimals, cell.unit);
    case 'symbol':
      return cell.symbol;
    case 'empty':
      return '';
  }
}

/** The Wilson interval of a share, as a page shows it under the value. */
export function formatInterval(cell: PublishedCell): string | null {
  if (cell.kind !== 'share' || cell.low === undefined || cell.high === undefined) return null;
  return `${(cell.low * 100).toFixed(1)}–${(cell.high * 100).toFixed(1)}`;
}

/** Value written to a CSV cell: plain numbers (shares as percentages, 1 decimal), symbols as GSS symbols. */
export function csvValue(cell: PublishedCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'count':
      return String(cell.value);
    case 'share':
      return (cell.value * 100).toFixed(1);
    case 'stat':
      return cell.unit === 'share' ? (cell.value * 100).toFixed(1) : cell.value.toFixed(cell.decimals ?? 2);
    case 'symbol':
      return cell.symbol;
    case 'empty':
      return '';
  }
}

export type FieldType = 'string' | 'integer' | 'number';

/** The Frictionless type of each column: integer if only counts, number if only numbers, else string. */
export function columnTypes(table: PublishedTable): FieldType[] {
  return table.columns.map((_, i) => {
    let type: FieldType | null = null;
    for (const row of table.rows) {
      const c = row.cells[i];
      if (!c || c.kind === 'symbol' || c.kind === 'empty') continue;
      const t: FieldType = c.kind === 'count' ? 'integer' : c.kind === 'text' ? 'string' : 'number';
      if (type === null) type = t;
      else if (type !== t) type = type === 'string' || t === 'string' ? 'string' : 'number';
    }
    return type ?? 'string';
  });
}

/** Whether a column holds shares (written as percentages) or share-unit stats. */
export function columnIsPercent(table: PublishedTable, i: number): boolean {
  return table.rows.some((r) => {
    const c = r.cells[i];
    return c?.kind === 'share' || (c?.kind === 'stat' && c.unit === 'share');
  });
}

/** Whether any share in a column carries a Wilson interval (the CSV then adds two columns for it). */
export function columnHasInterval(table: PublishedTable, i: number): boolean {
  return table.rows.some((r) => {
    const c = r.cells[i];
    return c?.kind === 'share' && c.low !== undefined && c.high !== undefined;
  });
}

/** Whether any share in a column is marked [u] (the CSV then adds a column saying which). */
export function columnHasFlag(table: PublishedTable, i: number): boolean {
  return table.rows.some((r) => {
    const c = r.cells[i];
    return c?.kind === 'share' && c.flag !== undefined;
  });
}

/** Symbols that stand in place of a value (missing values to a CSV reader); [u] marks a value and has a column of its own. */
export const SYMBOLS: readonly GssSymbol[] = ['[c]', '[x]', '[z]', '[low]'];
