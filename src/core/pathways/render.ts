/**
 * Reads report cells back into numbers, for internal (unprotected) output and
 * for tests: counts, shares with their Wilson 95% interval (on the Kish
 * effective base when weighted) and statistics. Works for any Results.
 */
import type { CellRef, CountCell, ReportCell, ReportTable, Results } from '../results.js';
import { shareOf } from '../stats/share.js';

export type ResolvedCell =
  | { kind: 'text'; text: string }
  | { kind: 'count'; n: number; w?: number }
  | { kind: 'share'; value: number; low: number; high: number; base: number; effectiveBase: number }
  | { kind: 'stat'; value: number }
  | { kind: 'not-applicable' }
  | { kind: 'empty' };

export class CellResolver {
  private readonly tables = new Map<string, Map<string, CountCell>>();

  constructor(results: Results) {
    for (const t of results.countTables) this.tables.set(t.id, new Map(t.cells.map((c) => [c.keys.join('\u0001'), c])));
  }

  cell(ref: CellRef): CountCell {
    const t = this.tables.get(ref.table);
    if (!t) throw new Error(`report cell refers to unknown count table ${ref.table}`);
    return t.get(ref.keys.join('\u0001')) ?? { keys: ref.keys, n: 0, w: 0, w2: 0 };
  }

  resolve(c: ReportCell): ResolvedCell {
    switch (c.kind) {
      case 'text':
        return { kind: 'text', text: c.text };
      case 'count': {
        const x = this.cell(c.ref);
        return { kind: 'count', n: x.n, ...(x.w !== undefined ? { w: x.w } : {}) };
      }
      case 'share': {
        // The display rules as disclosure control applies them on published figures, here on the true ones (internal).
        const den = this.cell(c.den);
        if (c.minBase !== undefined && den.n < c.minBase) return { kind: 'not-applicable' };
        const s = shareOf(this.cell(c.num), den, c.weighted ?? false);
        return c.minShown !== undefined && s.value < c.minShown - 1e-12 ? { kind: 'empty' } : s;
      }
      case 'stat':
        return { kind: 'stat', value: c.value };
      default:
        return { kind: c.kind };
    }
  }
}

export { shareOf };

function fmt(x: number, d: number): string {
  return Number.isInteger(x) && d === 0 ? String(x) : x.toFixed(d);
}

/**
 * A report table as CSV rows (header first). Each share column becomes three:
 * the share, and the low and high ends of its 95% interval. 'na' figures are
 * written as [z], as in a release.
 */
const resolvers = new WeakMap<Results, CellResolver>();

export function reportTableRows(results: Results, table: ReportTable): string[][] {
  let r = resolvers.get(results);
  if (!r) resolvers.set(results, (r = new CellResolver(results)));
  const shareCols = new Set<number>();
  table.rows.forEach((row) => row.cells.forEach((c, i) => c.kind === 'share' && shareCols.add(i)));
  const header: string[] = [];
  table.columns.forEach((col, i) => {
    header.push(col.label);
    if (shareCols.has(i)) header.push(`${col.label} (95% CI low)`, `${col.label} (95% CI high)`);
  });
  const out = [header];
  for (const row of table.rows) {
    const line: string[] = [];
    row.cells.forEach((c, i) => {
      const x = r.resolve(c);
      let v = '';
      let lo = '';
      let hi = '';
      if (x.kind === 'text') v = x.text;
      else if (x.kind === 'count') v = String(x.n);
      else if (x.kind === 'share') [v, lo, hi] = [fmt(x.value, 4), fmt(x.low, 4), fmt(x.high, 4)];
      else if (x.kind === 'stat') v = fmt(x.value, Number.isInteger(x.value) ? 0 : 4);
      else if (x.kind === 'not-applicable') v = '[z]';
      line.push(v);
      if (shareCols.has(i)) line.push(lo, hi);
    });
    out.push(line);
  }
  return out;
}

/** A count table as CSV rows: one column per dimension (codes), then n (and w, w2 when weighted). */
export function countTableRows(table: Results['countTables'][number]): string[][] {
  const weighted = table.cells.some((c) => c.w !== undefined);
  const out = [[...table.dimensions.map((d) => d.id), 'n', ...(weighted ? ['w', 'w2'] : [])]];
  for (const c of table.cells) out.push([...c.keys, String(c.n), ...(weighted ? [String(c.w ?? 0), String(c.w2 ?? 0)] : [])]);
  return out;
}

