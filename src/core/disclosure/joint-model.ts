/**
 * The linear model of a release set (the suppression method): every report's
 * count tables (cell-set.ts names them) and the relations that make counts
 * add up across regions. protect() is the case of one report.
 */
import type { CellRef, Results } from '../results.js';
import { InputError } from '../errors.js';
import { buildTruthModel, type LinearModel, type ModelCell, type ModelTableInput, type RegionSum } from './model.js';
import { setNames, type CellSet } from './cell-set.js';
import { appendTo } from '../multimap.js';

/** The cell set of the suppression method: references resolve to the cells of one linear model. */
export interface JointSet extends CellSet<ModelCell> {
  model: LinearModel;
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
      appendTo(byLocal, local, { key: set.keys[i]!.get(t.id)!, region: f.results.region });
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
  const names = setNames(reports);
  const { flat, localKeys, keys, firstOf } = names;
  const joint = reports.length > 1;
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
  return { ...names, model, resolve };
}
