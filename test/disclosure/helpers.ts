/** Builders for small count tables and Results used by the disclosure tests and bench. */
import { Random } from '../../src/core/random.js';
import type { Category, CountCell, CountTable, Dimension, ReportTable, Results } from '../../src/core/results.js';

/** A dimension with leaves and a grand total "T" (optionally groups: code -> leaves). */
export function dim(id: string, leaves: string[], groups?: Record<string, string[]>): Dimension {
  const cats: Category[] = leaves.map((c) => ({ code: c, label: c }));
  const top = groups ? Object.keys(groups) : leaves;
  if (groups) for (const [g, kids] of Object.entries(groups)) cats.push({ code: g, label: g, children: kids });
  cats.push({ code: 'T', label: 'Total', children: top });
  return { id, label: id, categories: cats };
}

function ancestors(d: Dimension, leaf: string): string[] {
  const out = [leaf];
  const byCode = new Map(d.categories.map((c) => [c.code, c] as const));
  const contains = (code: string, l: string): boolean => {
    const c = byCode.get(code)!;
    if (!c.children?.length) return code === l;
    return c.children.some((k) => contains(k, l));
  };
  for (const c of d.categories) if (c.children?.length && contains(c.code, leaf)) out.push(c.code);
  return out;
}

/** An additive table over dims, inner counts from `value(leafKeys)`; every margin cell is listed. */
export function additiveTable(id: string, dims: Dimension[], value: (keys: string[]) => number, linkedWith?: string[]): CountTable {
  const leaves = dims.map((d) => d.categories.filter((c) => !c.children?.length).map((c) => c.code));
  let combos: string[][] = [[]];
  for (const l of leaves) combos = combos.flatMap((p) => l.map((x) => [...p, x]));
  const cells = new Map<string, CountCell>();
  for (const keys of combos) {
    const n = value(keys);
    let margins: string[][] = [[]];
    keys.forEach((k, i) => (margins = margins.flatMap((p) => ancestors(dims[i]!, k).map((a) => [...p, a]))));
    for (const m of margins) {
      const key = m.join('|');
      const c = cells.get(key) ?? { keys: m, n: 0 };
      c.n += n;
      cells.set(key, c);
    }
  }
  const t: CountTable = { id, title: id, dimensions: dims, additive: true, cells: [...cells.values()].filter((c) => c.n > 0) };
  if (linkedWith) t.linkedWith = linkedWith;
  return t;
}

/** Every cell of a table's full cross product (margins included). */
export function allKeys(t: CountTable): string[][] {
  let combos: string[][] = [[]];
  for (const d of t.dimensions) combos = combos.flatMap((p) => d.categories.map((c) => [...p, c.code]));
  return combos;
}

/** A report table showing the given cells of a count table, one row each. */
export function reportOf(t: CountTable, keys: string[][] = allKeys(t)): ReportTable {
  return {
    id: `report-${t.id}`,
    title: t.title,
    section: 'test',
    columns: [
      { id: 'cell', label: 'Cell' },
      { id: 'people', label: 'People' },
    ],
    rows: keys.map((k) => ({ id: k.join('|'), cells: [{ kind: 'text', text: k.join(' x ') }, { kind: 'count', ref: { table: t.id, keys: k } }] })),
  };
}

export function resultsOf(tables: CountTable[], reports: ReportTable[] = tables.map((t) => reportOf(t)), analysis = 'test'): Results {
  return { protected: false, analysis, dataset: 'demo', region: null, settings: {}, countTables: tables, reportTables: reports };
}

/** A deterministic pseudo-random generator: the core's seeded Random, as a float source. */
export function rng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.nextFloat();
}
