/**
 * The linear model of a release set: every report's count tables (each report
 * a list of Results for one region, or for all regions), with table keys that
 * are unique within a report and across the set, and the relations that make
 * counts add up across regions. protect() is the case of one report.
 */
import type { CellRef, Results } from '../results.js';
import { InputError } from '../errors.js';
import { buildTruthModel, type LinearModel, type ModelCell, type ModelTableInput, type RegionSum } from './model.js';

export interface JointSet {
  reports: Results[][];
  /** Every Results of every report, in order. */
  flat: Array<{ report: number; results: Results }>;
  /** Per flat index: count table id -> key unique within its report. */
  localKeys: Array<Map<string, string>>;
  /** Per flat index: count table id -> key in the joint model. */
  keys: Array<Map<string, string>>;
  /** Model key -> the report it belongs to and its key there. */
  tableInfo: Map<string, { report: number; local: string }>;
  model: LinearModel;
  /** The model cell a report cell's reference names (InputError saying where when it names nothing). */
  resolve(flatIndex: number, ref: CellRef, where: string): ModelCell;
  /** Flat index of the first Results of report k. */
  firstOf(k: number): number;
}

function validate(reports: Results[][]): void {
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

function modelInputs(results: Results[], keys: Array<Map<string, string>>): ModelTableInput[] {
  return results.flatMap((r, i) =>
    r.countTables.map((t) => {
      const linked = (t.linkedWith ?? []).map((id) => {
        const local = keys[i]!.get(id);
        if (local) return local;
        const elsewhere = keys.flatMap((m) => (m.has(id) ? [m.get(id)!] : []));
        if (elsewhere.length === 1) return elsewhere[0]!;
        throw new InputError(`count table ${t.id} of ${r.analysis} is linked with ${id}, which is not in the release`);
      });
      return { key: keys[i]!.get(t.id)!, dimensions: t.dimensions, additive: t.additive, linkedWith: linked, cells: t.cells };
    }),
  );
}

/**
 * The region sums of a release set: for each count table of the all-regions
 * report marked sumsAcrossRegions, the tables with the same key in the
 * regional reports (marked too).
 */
function regionSums(set: Pick<JointSet, 'flat' | 'localKeys' | 'keys'>): RegionSum[] {
  const byLocal = new Map<string, Array<{ key: string; region: string | null }>>();
  set.flat.forEach((f, i) => {
    for (const t of f.results.countTables) {
      if (!t.sumsAcrossRegions) continue;
      const local = set.localKeys[i]!.get(t.id)!;
      byLocal.set(local, [...(byLocal.get(local) ?? []), { key: set.keys[i]!.get(t.id)!, region: f.results.region }]);
    }
  });
  const sums: RegionSum[] = [];
  set.flat.forEach((f, i) => {
    if (f.results.region !== null) return;
    for (const t of f.results.countTables) {
      if (!t.sumsAcrossRegions) continue;
      const parts = (byLocal.get(set.localKeys[i]!.get(t.id)!) ?? []).filter((x) => x.region !== null).map((x) => x.key);
      if (parts.length > 0) sums.push({ total: set.keys[i]!.get(t.id)!, parts, cells: t.sumsAcrossRegions === true ? true : t.sumsAcrossRegions });
    }
  });
  return sums;
}

export function buildJointSet(reports: Results[][]): JointSet {
  validate(reports);
  const joint = reports.length > 1;
  const flat = reports.flatMap((rs, k) => rs.map((results) => ({ report: k, results })));
  const localKeys = reports.flatMap((rs) => tableKeys(rs));
  const prefixOf = (k: number) => (joint ? `${reports[k]![0]!.region ?? 'ALL'}/` : '');
  const keys = flat.map((f, i) => new Map([...localKeys[i]!].map(([id, key]) => [id, prefixOf(f.report) + key] as const)));
  const tableInfo = new Map<string, { report: number; local: string }>();
  flat.forEach((f, i) => {
    for (const [, key] of localKeys[i]!) tableInfo.set(prefixOf(f.report) + key, { report: f.report, local: key });
  });
  const firstOf = (k: number) => flat.findIndex((f) => f.report === k);
  const inputs = reports.flatMap((rs, k) => modelInputs(rs, keys.slice(firstOf(k), firstOf(k) + rs.length)));
  const model = buildTruthModel(inputs, joint ? regionSums({ flat, localKeys, keys }) : []);
  const resolve = (i: number, ref: CellRef, where: string): ModelCell => {
    const key = keys[i]!.get(ref.table);
    if (!key) throw new InputError(`${where} refers to count table ${ref.table}, which ${flat[i]!.results.analysis} does not have`);
    try {
      return model.cell(key, ref.keys);
    } catch (e) {
      throw new InputError(`${where}: ${(e as Error).message}`);
    }
  };
  return { reports, flat, localKeys, keys, tableInfo, model, resolve, firstOf };
}
