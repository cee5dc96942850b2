/**
 * A query answer laid out for reading: one line per combination of the row
 * dimensions' categories, one column per column category and measure, and
 * the row totals; then a totals line. Pure, so the page, the chart and the
 * tests read the same grid. Totals are the service's own perturbed margins,
 * never sums of perturbed cells.
 */
import type { AnswerCell, QueryAnswer } from '../api/types.js';
import { MEASURE_LABELS } from './builder-state.js';
import { formatCount, shareText } from './figures.js';

export interface GridLine {
  labels: string[];
  /** Text of every value column. */
  values: string[];
  /** People per column category (the chart's bars), null when absent. */
  people: Array<number | null>;
}

export interface Grid {
  rowHeaders: string[];
  valueHeaders: string[];
  series: string[];
  lines: GridLine[];
  totals: GridLine;
}

function measureText(cell: AnswerCell | undefined, measure: string): string {
  if (!cell) return '0';
  if (measure === 'people') return formatCount(cell.people);
  const m = measure as 'row_share' | 'column_share';
  return shareText(cell[m], cell.symbols?.[m]);
}

function* combos(lists: string[][]): Generator<string[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = lists;
  for (const v of first) for (const tail of combos(rest)) yield [v, ...tail];
}

export function answerGrid(answer: QueryAnswer): Grid {
  const nRows = answer.query.rows.length;
  const rowDims = answer.dimensions.slice(0, nRows);
  const colDims = answer.dimensions.slice(nRows);
  const measures = answer.query.measures.length > 0 ? answer.query.measures : ['people'];
  const byKey = new Map(answer.cells.map((c) => [c.keys.join('\u0000'), c]));
  const rowTotals = new Map(answer.rowTotals.map((c) => [c.keys.join('\u0000'), c]));
  const colTotals = new Map(answer.columnTotals.map((c) => [c.keys.join('\u0000'), c]));
  const colCombos = [...combos(colDims.map((d) => d.categories.map((c) => c.code)))];
  const label = (dims: typeof rowDims, keys: string[]) => keys.map((k, i) => dims[i].categories.find((c) => c.code === k)?.label ?? k);
  const colNames = colCombos.map((k) => label(colDims, k).join(', '));
  const valueHeaders: string[] = [];
  for (const name of colDims.length > 0 ? colNames : ['']) {
    for (const m of measures) valueHeaders.push([name, MEASURE_LABELS[m] ?? m].filter(Boolean).join(': '));
  }
  if (colDims.length > 0) valueHeaders.push('Total: people');
  const lines: GridLine[] = [];
  for (const rk of combos(rowDims.map((d) => d.categories.map((c) => c.code)))) {
    const cells = colCombos.map((ck) => byKey.get([...rk, ...ck].join('\u0000')));
    const values = cells.flatMap((c) => measures.map((m) => measureText(c, m)));
    const total = rowTotals.get(rk.join('\u0000'));
    if (colDims.length > 0) values.push(formatCount(total?.people ?? 0));
    lines.push({ labels: label(rowDims, rk), values, people: cells.map((c) => c?.people ?? 0) });
  }
  const totalCells = colCombos.map((ck) => (colDims.length > 0 ? colTotals.get(ck.join('\u0000')) : undefined));
  const totals: GridLine = {
    labels: ['Total', ...rowDims.slice(1).map(() => '')],
    values: colDims.length > 0 ? [...totalCells.flatMap((c) => measures.map((m) => (m === 'people' ? formatCount(c?.people ?? 0) : ''))), formatCount(answer.total)] : measures.map((m) => (m === 'people' ? formatCount(answer.total) : '')),
    people: totalCells.map((c) => c?.people ?? null),
  };
  return { rowHeaders: rowDims.map((d) => d.label), valueHeaders, series: colDims.length > 0 ? colNames : ['People'], lines, totals };
}
