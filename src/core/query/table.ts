/**
 * A query's answer made from true counts and cell keys: every count is
 * perturbed with the p-table lookup (the cell key method, as in reports, so
 * the same people give the same figure everywhere); margins are cells of their
 * own, counted in the store, never summed from perturbed parts; shares are
 * worked out from perturbed counts and marked [u] on a perturbed base under
 * the minimum base, [z] when the base is 0. Pure.
 */
import type { PerturbationLookup } from '../disclosure/perturbation/lookup.js';
import type { Measure } from './rules.js';

/** A counted cell: the values of its dimensions, true distinct people, cell key. Internal. */
export interface TrueCell {
  values: Array<string | number | boolean | null>;
  n: number;
  key: number;
}

/** One published cell of an answer. */
export interface AnswerCell {
  /** Category codes, one per dimension of the answer (rows then columns). */
  keys: string[];
  /** Perturbed count of people. */
  people: number;
  row_share?: number | null;
  column_share?: number | null;
  /** GSS symbols of the shares: [u] low reliability (the figure is shown), [z] not applicable (no figure). */
  symbols?: Partial<Record<'row_share' | 'column_share', '[u]' | '[z]'>>;
}

/** The four counts a query makes, each a set of true cells. */
export interface QueryCounts {
  inner: TrueCell[];
  /** By the row dimensions only (the row totals). */
  rows: TrueCell[];
  /** By the column dimensions only. */
  columns: TrueCell[];
  /** Everyone in the population (one cell, or none when nobody). */
  total: TrueCell[];
}

export interface PublishedCounts {
  cells: AnswerCell[];
  rowTotals: AnswerCell[];
  columnTotals: AnswerCell[];
  total: number;
}

const text = (v: TrueCell['values'][number]) => (v === null ? '' : String(v));

/** The perturbed count of a true cell: true zeros stay 0. */
export function publishCount(lookup: PerturbationLookup, n: number, key: number): number {
  return n === 0 ? 0 : lookup.perturb(n, key);
}

function share(num: number, den: number, minBase: number): { value: number | null; symbol?: '[u]' | '[z]' } {
  if (den <= 0) return { value: null, symbol: '[z]' };
  const value = Math.round((num / den) * 10000) / 10000;
  return den < minBase ? { value, symbol: '[u]' } : { value };
}

/**
 * Publish a query's counts: the inner cells (every combination of `categories`,
 * zeros included), row and column totals and the grand total, with the shares asked for.
 */
export function publishQuery(counts: QueryCounts, categories: string[][], nRowDims: number, measures: readonly Measure[], lookup: PerturbationLookup, minBase: number): PublishedCounts {
  const pub = (cells: TrueCell[]) => new Map(cells.map((c) => [c.values.map(text).join('\u0000'), publishCount(lookup, c.n, c.key)]));
  const inner = pub(counts.inner);
  const rowT = pub(counts.rows);
  const colT = pub(counts.columns);
  const total = counts.total[0] ? publishCount(lookup, counts.total[0].n, counts.total[0].key) : 0;
  const cells: AnswerCell[] = [];
  for (const keys of product(categories)) {
    const people = inner.get(keys.join('\u0000')) ?? 0;
    const cell: AnswerCell = { keys, people };
    const symbols: AnswerCell['symbols'] = {};
    if (measures.includes('row_share')) {
      const s = share(people, rowT.get(keys.slice(0, nRowDims).join('\u0000')) ?? 0, minBase);
      cell.row_share = s.value;
      if (s.symbol) symbols.row_share = s.symbol;
    }
    if (measures.includes('column_share')) {
      const s = share(people, nRowDims === keys.length ? total : (colT.get(keys.slice(nRowDims).join('\u0000')) ?? 0), minBase);
      cell.column_share = s.value;
      if (s.symbol) symbols.column_share = s.symbol;
    }
    if (Object.keys(symbols).length > 0) cell.symbols = symbols;
    cells.push(cell);
  }
  const totals = (dims: string[][], map: Map<string, number>) => [...product(dims)].map((keys) => ({ keys, people: map.get(keys.join('\u0000')) ?? 0 }));
  return {
    cells,
    rowTotals: totals(categories.slice(0, nRowDims), rowT),
    columnTotals: categories.length > nRowDims ? totals(categories.slice(nRowDims), colT) : [],
    total,
  };
}

/** Every combination of the lists, the first list slowest. */
export function* product(lists: string[][]): Generator<string[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [head, ...rest] = lists;
  for (const h of head!) for (const r of product(rest)) yield [h, ...r];
}
