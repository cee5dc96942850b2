/**
 * The cells of a release set, as both disclosure methods see them: every
 * report's Results with count-table keys that are unique within a report and
 * across the set, and a resolver from a report cell's reference to the count
 * it names (a true zero when the table does not list it).
 */
import type { CellRef, CountCell, Results } from '../results.js';
import { InputError } from '../errors.js';

/** A count-table cell a report refers to. `index` is unique in the set; `table` is the set-wide table key. */
export interface CellFact {
  index: number;
  table: string;
  keys: string[];
  n: number;
  w?: number;
  w2?: number;
  key?: number;
}

export interface CellSet<C extends CellFact = CellFact> {
  reports: Results[][];
  /** Every Results of every report, in order. */
  flat: Array<{ report: number; results: Results }>;
  /** Per flat index: count table id -> key unique within its report. */
  localKeys: Array<Map<string, string>>;
  /** Per flat index: count table id -> key in the set. */
  keys: Array<Map<string, string>>;
  /** Set key -> the report it belongs to and its key there. */
  tableInfo: Map<string, { report: number; local: string }>;
  /** The cell a report cell's reference names (InputError saying where when it names nothing). */
  resolve(flatIndex: number, ref: CellRef, where: string): C;
  /** Flat index of the first Results of report k. */
  firstOf(k: number): number;
}

export function validateReports(reports: Results[][]): void {
  if (reports.length === 0) throw new InputError('nothing to protect: no reports given');
  const seen = new Set<string>();
  for (const results of reports) {
    if (results.length === 0) throw new InputError('nothing to protect: no results given');
    for (const r of results) {
      if ((r as { protected: unknown }).protected !== false) throw new InputError(`results of ${r.analysis} are not unprotected Results (protected must be false)`);
      if (r.dataset !== reports[0]![0]!.dataset) throw new InputError(`results from different datasets (${reports[0]![0]!.dataset}, ${r.dataset}) cannot form one release`);
      if (r.region !== results[0]!.region) throw new InputError(`results for different regions (${results[0]!.region ?? 'all'}, ${r.region ?? 'all'}) cannot form one release`);
    }
    const code = results[0]!.region ?? '';
    if (seen.has(code)) throw new InputError(`two reports of one release set are both for ${code === '' ? 'all regions' : `region ${code}`}`);
    seen.add(code);
  }
}

/** Unique keys for the count tables of several Results: the id, or "analysis.id" when ids clash. */
function tableKeys(results: Results[]): Array<Map<string, string>> {
  const count = new Map<string, number>();
  for (const r of results) for (const t of r.countTables) count.set(t.id, (count.get(t.id) ?? 0) + 1);
  const used = new Set<string>();
  return results.map((r, i) => {
    const m = new Map<string, string>();
    for (const t of r.countTables) {
      if (m.has(t.id)) throw new InputError(`results of ${r.analysis}: two count tables are both called ${t.id}`);
      let key = count.get(t.id)! > 1 ? `${r.analysis}.${t.id}` : t.id;
      if (used.has(key)) key = `${r.analysis}${i}.${t.id}`;
      used.add(key);
      m.set(t.id, key);
    }
    return m;
  });
}

/** The naming part of a cell set (no resolver yet). */
export function setNames(reports: Results[][]): Omit<CellSet, 'resolve'> {
  validateReports(reports);
  const joint = reports.length > 1;
  const flat = reports.flatMap((rs, k) => rs.map((results) => ({ report: k, results })));
  const localKeys = reports.flatMap((rs) => tableKeys(rs));
  const prefixOf = (k: number) => (joint ? `${reports[k]![0]!.region ?? 'ALL'}/` : '');
  const keys = flat.map((f, i) => new Map([...localKeys[i]!].map(([id, key]) => [id, prefixOf(f.report) + key] as const)));
  const tableInfo = new Map<string, { report: number; local: string }>();
  flat.forEach((f, i) => {
    for (const [, key] of localKeys[i]!) tableInfo.set(prefixOf(f.report) + key, { report: f.report, local: key });
  });
  return { reports, flat, localKeys, keys, tableInfo, firstOf: (k) => flat.findIndex((f) => f.report === k) };
}

const SEP = '\u0001';

/**
 * A cell set resolving references straight to the listed cells (no linear
 * model): what the cell key method needs. Every cell a report shows must be
 * listed with its key, or be a true zero of a known category.
 */
export function buildCellSet(reports: Results[][]): CellSet {
  const names = setNames(reports);
  const tables = new Map<string, { codes: Array<Set<string>>; cells: Map<string, CountCell> }>();
  names.flat.forEach(({ results }, i) => {
    for (const t of results.countTables) {
      const key = names.keys[i]!.get(t.id)!;
      tables.set(key, { codes: t.dimensions.map((d) => new Set(d.categories.map((c) => c.code))), cells: new Map(t.cells.map((c) => [c.keys.join(SEP), c])) });
    }
  });
  const facts = new Map<string, CellFact>();
  const resolve = (i: number, ref: CellRef, where: string): CellFact => {
    const key = names.keys[i]!.get(ref.table);
    if (!key) throw new InputError(`${where} refers to count table ${ref.table}, which ${names.flat[i]!.results.analysis} does not have`);
    const id = key + SEP + ref.keys.join(SEP);
    const known = facts.get(id);
    if (known) return known;
    const t = tables.get(key)!;
    if (ref.keys.length !== t.codes.length || ref.keys.some((k, d) => !t.codes[d]!.has(k))) throw new InputError(`${where}: count table ${ref.table} has no cell [${ref.keys.join(', ')}]`);
    const c = t.cells.get(ref.keys.join(SEP));
    const fact: CellFact = { index: facts.size, table: key, keys: ref.keys, n: c?.n ?? 0, ...(c?.w !== undefined ? { w: c.w, w2: c.w2 ?? 0 } : {}), ...(c?.key !== undefined ? { key: c.key } : c ? {} : { key: 0 }) };
    facts.set(id, fact);
    return fact;
  };
  return { ...names, resolve };
}
