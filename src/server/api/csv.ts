/**
 * The API's tables as CSV, through the one CSV writer (src/core/csv.ts):
 * a code and a label column per dimension, perturbed counts, shares as
 * proportions, GSS symbols where a share is not applicable ([z]) and a
 * reliability column holding [u] where a share rests on a small base.
 */
import { toCsv, type CsvValue } from '../../core/csv.js';
import { cellText } from '../../release/files.js';
import type { PublishedTable } from '../../core/disclosure/release.js';
import type { AnswerCell, Destinations, QueryAnswer, Routes } from './types.js';

const TOTAL = ['total', 'Total'];

function shareFields(value: number | null | undefined, symbol: '[u]' | '[z]' | undefined): CsvValue[] {
  return [symbol === '[z]' || value === null || value === undefined ? '[z]' : value, symbol === '[u]' ? '[u]' : ''];
}

/** A query answer: one row per inner cell, then the row totals, column totals and the total. */
export function answerCsv(a: QueryAnswer): string {
  const header: CsvValue[] = a.dimensions.flatMap((d) => [`${d.id}_code`, d.id]);
  header.push('people');
  for (const m of ['row_share', 'column_share'] as const) if (a.query.measures.includes(m)) header.push(m, `${m}_reliability`);
  const labels = a.dimensions.map((d) => new Map(d.categories.map((c) => [c.code, c.label])));
  const nRows = a.query.rows.length;
  const line = (keys: Array<string | null>, c: AnswerCell): CsvValue[] => {
    const out: CsvValue[] = keys.flatMap((k, i) => (k === null ? TOTAL : [k, labels[i]!.get(k) ?? k]));
    out.push(c.people);
    if (a.query.measures.includes('row_share')) out.push(...(c.row_share !== undefined ? shareFields(c.row_share, c.symbols?.row_share) : ['', '']));
    if (a.query.measures.includes('column_share')) out.push(...(c.column_share !== undefined ? shareFields(c.column_share, c.symbols?.column_share) : ['', '']));
    return out;
  };
  const nCols = a.dimensions.length - nRows;
  const rows: CsvValue[][] = [header, ...a.cells.map((c) => line(c.keys, c))];
  if (nCols > 0) {
    for (const c of a.rowTotals) rows.push(line([...c.keys, ...Array<null>(nCols).fill(null)], c));
    for (const c of a.columnTotals) rows.push(line([...Array<null>(nRows).fill(null), ...c.keys], c));
  }
  rows.push(line(Array<null>(a.dimensions.length).fill(null), { keys: [], people: a.total }));
  return toCsv(rows);
}

export function destinationsCsv(d: Destinations): string {
  const rows: CsvValue[][] = [['soc_submajor_code', 'soc_submajor', 'people', 'share', 'share_reliability', 'related']];
  for (const o of d.occupations) rows.push([o.soc, o.title, o.people, ...shareFields(o.share, o.symbol), o.related === null ? '[x]' : o.related ? 'yes' : 'no']);
  rows.push([...TOTAL, d.people, '', '', '']);
  return toCsv(rows);
}

export function routesCsv(r: Routes): string {
  const rows: CsvValue[][] = [['qualification_id', 'qualification', 'people', 'share', 'share_reliability']];
  for (const q of r.qualifications) rows.push([q.id, q.title, q.people, ...shareFields(q.share, q.symbol)]);
  rows.push([...TOTAL, r.people, '', '']);
  return toCsv(rows);
}

/** A published report table as readers see it (symbols where figures are withheld). */
export function tableCsv(t: PublishedTable): string {
  return toCsv([t.columns.map((c) => c.label), ...t.rows.map((r) => r.cells.map(cellText))]);
}
