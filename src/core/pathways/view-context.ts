/**
 * What every pathway report table of one view needs: cell references into the
 * main count table by named keys, the cells it shows (counts, shares with the
 * minimum-base rule, effective bases), the SSA rows in scope and shared notes.
 */
import type { CellRef, ReportCell } from '../results.js';
import type { PathwayCubes } from './dimensions.js';
import { OTHER_SSA_LABEL } from './labels.js';
import { TOTAL } from './leaves.js';
import type { PathwayOptions, PathwayThresholds } from './types.js';
import type { View } from './views.js';

/** Named keys of a cell of the main table; absent keys are totals. */
export type Keys = { ssa?: string; qt?: string; et?: string; soc?: string; rel?: string };

export interface SsaRow {
  id: string;
  label: string;
  k: Keys;
  total?: boolean;
  kind: 'ssa' | 'other' | 'all';
  members: string[];
}

export interface ViewContext {
  view: View;
  cubes: PathwayCubes;
  options: PathwayOptions;
  t: PathwayThresholds;
  weighted: boolean;
  mainId: string;
  coverageId: string;
  levelText: string;
  unmappedPeople: number;
  related: Map<string, boolean>;
  ssaLabel: (c: string) => string;
  socLabel: (c: string) => string;
  ref: (k: Keys) => CellRef;
  n: (k: Keys) => number;
  val: (k: Keys) => number;
  count: (k: Keys) => ReportCell;
  share: (num: Keys, den: Keys) => ReportCell;
  text: (s: string, dependsOn?: CellRef[]) => ReportCell;
  effBase: (k: Keys) => ReportCell;
  /** The codes of `codes` with people in the cell k + f(code). */
  present: (k: Keys, codes: string[], f: (c: string) => Keys) => string[];
  ssaRows: SsaRow[];
  notes: string[];
}

type Shared = Omit<ViewContext, 'view' | 'ref' | 'n' | 'val' | 'count' | 'share' | 'text' | 'effBase' | 'present' | 'ssaRows' | 'notes'>;

export function viewContext(shared: Shared, view: View): ViewContext {
  const { cube } = shared.cubes;
  const { t, weighted } = shared;
  const K = (k: Keys): string[] => [...(view.region !== undefined ? [view.region] : []), k.ssa ?? TOTAL, k.qt ?? TOTAL, k.et ?? TOTAL, k.soc ?? TOTAL, k.rel ?? TOTAL];
  const ref = (k: Keys): CellRef => ({ table: shared.mainId, keys: K(k) });
  const n = (k: Keys): number => cube.n(K(k));
  // The base rule is applied by disclosure control on the published base: a [z] decided on the true one would tell it.
  const share = (num: Keys, den: Keys): ReportCell =>
    n(den) === 0 ? { kind: 'not-applicable' } : { kind: 'share', num: ref(num), den: ref(den), minBase: t.minBase, ...(weighted ? { weighted: true } : {}) };
  const effBase = (k: Keys): ReportCell => {
    const c = cube.cell(K(k));
    const e = c.w2 ? (c.w! * c.w!) / c.w2 : 0;
    return { kind: 'stat', value: e, dependsOn: [ref(k)], decimals: 0, unit: 'number' };
  };
  return {
    ...shared,
    view,
    ref,
    n,
    val: (k) => cube.value(K(k), weighted),
    count: (k) => ({ kind: 'count', ref: ref(k) }),
    share,
    text: (s, dependsOn) => ({ kind: 'text', text: s, ...(dependsOn ? { dependsOn } : {}) }),
    effBase,
    present: (k, codes, f) => codes.filter((c) => n({ ...k, ...f(c) }) > 0),
    ssaRows: ssaRows(view, t.minBase, shared.ssaLabel),
    notes: [
      `People are counted once, by their highest qualification at ${shared.levelText} (its sector subject area and type) and their main occupation (the one started most recently).`,
      `Shares are of the people in the row${weighted ? ', weighted; counts are unweighted sample counts' : ''}; each share has a Wilson 95% confidence interval${weighted ? ' on the Kish effective base' : ''}.`,
    ],
  };
}

/** SSAs in scope (most people first), then 'Other', then all. */
function ssaRows(v: View, minBase: number, ssaLabel: (c: string) => string): SsaRow[] {
  const inScope = [...v.ssaN].filter(([, c]) => c >= minBase).map(([c]) => c);
  inScope.sort((a, b) => v.ssaN.get(b)! - v.ssaN.get(a)! || ssaLabel(a).localeCompare(ssaLabel(b)));
  return [
    ...inScope.map((c) => ({ id: `ssa-${c}`, label: ssaLabel(c), k: { ssa: c }, kind: 'ssa' as const, members: [c] })),
    ...(v.otherSsaCode ? [{ id: 'ssa-other', label: OTHER_SSA_LABEL, k: { ssa: v.otherSsaCode }, kind: 'other' as const, members: v.smallSsa }] : []),
    { id: 'all', label: 'All', k: {}, total: true, kind: 'all' as const, members: [...v.ssaN.keys()] },
  ];
}
