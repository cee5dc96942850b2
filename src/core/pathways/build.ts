/**
 * The pathways analysis (seed 002, DfE 2020) from counts: the count tables
 * disclosure control protects, and the report tables that reference them.
 *
 * Count tables (one level per run; `<lvl>` is l2, l3 or all):
 * - `pathways-<lvl>`: people by [region,] SSA x qualification type x
 *   employment type x occupation (SOC sub-major group) x related. Additive:
 *   each person has one highest qualification and one main occupation (see
 *   types.ts). Margins: `total` in every dimension; 'Other sector subject
 *   areas' (`other`, `other-2`...: the SSAs under the minimum base, which can
 *   differ by region) and 'Other occupations' likewise. Every published cell
 *   of every pathways report table is a cell of this one table, so secondary
 *   suppression sees all their relations at once.
 * - `pathways-<lvl>-coverage`: who was analysed and who was not, and why.
 *   Its `analysed` cell equals the main table's total (linked).
 *
 * Report tables, for all people (and, with byRegion, for each region:
 * `pathways-<lvl>-r-<REGION>-...`):
 * - `...-ssa` (DfE Tables 8/9), `...-ssa-occupation` (Annex D),
 *   `...-related-by-type` (Tables 1/2), `...-ssa-by-type` (Tables 4/5),
 *   `...-occupation-by-type` (Tables 6/7), `...-coverage`.
 *
 * The DfE's 'na' becomes `not-applicable` ([z]): figures that do not apply to
 * the 'Other' and 'All' rows, and shares on bases under the minimum base.
 */
import type { Category, CellRef, CountTable, Dimension, ReportCell, ReportRow, ReportTable, Results } from '../results.js';
import { buildCube, type Cube, type LeafCell } from './cube.js';
import {
  COVERAGE_LABELS,
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPE_SHORT,
  OTHER_OCCUPATION_LABEL,
  OTHER_SSA_LABEL,
  QUALIFICATION_TYPE_LABELS,
  levelId,
  levelLabel,
} from './labels.js';
import { DFE_THRESHOLDS, type PathwayCounts, type PathwayOptions, type PathwayThresholds } from './types.js';

export const TOTAL = 'total';
const UNKNOWN = 'unknown';
const QUAL_ORDER = ['apprenticeship', 'classroom'];
const EMP_ORDER = ['full-time', 'training', 'part-time'];

type Keys = { ssa?: string; qt?: string; et?: string; soc?: string; rel?: string };

interface View {
  /** Region key in the count tables ('total' for everyone; undefined without a region dimension). */
  region?: string;
  /** Report table id prefix. */
  prefix: string;
  /** Words for captions. */
  where: string;
  ssaN: Map<string, number>;
  socN: Map<string, number>;
  smallSsa: string[];
  smallSoc: string[];
  otherSsaCode?: string;
  otherSocCode?: string;
}

function byCode(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolveThresholds(t: Partial<PathwayThresholds> | undefined): PathwayThresholds {
  const r = { ...DFE_THRESHOLDS, ...(t ?? {}) };
  for (const k of ['clearPathway', 'minShare'] as const) {
    if (!(r[k] >= 0 && r[k] <= 1)) throw new RangeError(`threshold ${k} must be a share between 0 and 1, got ${r[k]}`);
  }
  if (!(Number.isInteger(r.minBase) && r.minBase >= 0)) throw new RangeError(`threshold minBase must be a whole number >= 0, got ${r.minBase}`);
  return r;
}

/** Build the pathway tables for one level from aggregated counts. */
export function buildPathways(counts: PathwayCounts, options: PathwayOptions): Results {
  const t = resolveThresholds(options.thresholds);
  const weighted = options.weighted ?? false;
  if (weighted && !counts.weighted) throw new RangeError('weighted tables asked for, but the counts carry no weights');
  const byRegion = options.byRegion ?? false;
  if (byRegion && !counts.byRegion) throw new RangeError('tables by region asked for, but the counts are not by region');
  const lvl = levelId(options.level);
  const mainId = `pathways-${lvl}`;
  const coverageId = `${mainId}-coverage`;
  const related = new Map(options.mapping.rows.map((r) => [`${r.ssa}|${r.soc}`, r.related]));
  const ssaLabel = (c: string): string => options.labels.ssa[c] ?? `SSA ${c}`;
  const socLabel = (c: string): string => options.labels.soc[c] ?? `SOC ${c}`;
  const regionLabel = (c: string): string => options.labels.region?.[c] ?? c;

  // 1. Leaves of the main table and of the coverage table, for this level.
  const rows = counts.rows.filter((r) => options.level === 'all' || r.level === options.level);
  const main = new Map<string, LeafCell>();
  const cover = new Map<string, LeafCell>();
  const add = (m: Map<string, LeafCell>, keys: string[], n: number, w?: number, w2?: number): void => {
    const id = keys.join('|');
    const c = m.get(id);
    if (c) {
      c.n += n;
      if (weighted) {
        c.w! += w ?? 0;
        c.w2! += w2 ?? 0;
      }
    } else m.set(id, { keys, n, ...(weighted ? { w: w ?? 0, w2: w2 ?? 0 } : {}) });
  };
  const regionKey = (r: { region?: string | null }): string => r.region ?? UNKNOWN;
  let unmappedPeople = 0;
  for (const r of rows) {
    const reg = byRegion ? [regionKey(r)] : [];
    if (r.status !== 'analysed' || r.ssa === null || r.soc === null) {
      add(cover, [...reg, r.status], r.n, r.w, r.w2);
      continue;
    }
    const rel = related.get(`${r.ssa}|${r.soc}`);
    if (rel === undefined) unmappedPeople += r.n;
    add(cover, [...reg, rel === undefined ? 'analysed-unmapped' : 'analysed-mapped'], r.n, r.w, r.w2);
    add(
      main,
      [...reg, r.ssa, r.qualificationType ?? UNKNOWN, r.employmentType ?? UNKNOWN, r.soc, rel ? 'related' : 'not-related'],
      r.n,
      r.w,
      r.w2,
    );
  }
  const o = byRegion ? 1 : 0;
  const leaves = [...main.values()];

  // 2. Views: everyone, then each region; group sizes decide what is in scope.
  const regions = byRegion ? [...new Set(leaves.map((l) => l.keys[0]))].sort(byCode) : [];
  const views: View[] = [];
  const makeView = (region: string | undefined, prefix: string, where: string): View => {
    const ssaN = new Map<string, number>();
    const socN = new Map<string, number>();
    for (const l of leaves) {
      if (region !== undefined && region !== TOTAL && l.keys[0] !== region) continue;
      ssaN.set(l.keys[o], (ssaN.get(l.keys[o]) ?? 0) + l.n);
      socN.set(l.keys[o + 3], (socN.get(l.keys[o + 3]) ?? 0) + l.n);
    }
    const smallSsa = [...ssaN].filter(([, n]) => n < t.minBase).map(([c]) => c).sort(byCode);
    const smallSoc = [...socN].filter(([, n]) => n < t.minBase).map(([c]) => c).sort(byCode);
    return { region, prefix, where, ssaN, socN, smallSsa, smallSoc };
  };
  const regionWhere = options.region ? `in ${regionLabel(options.region)}` : 'in all regions';
  views.push(makeView(byRegion ? TOTAL : undefined, mainId, regionWhere));
  for (const r of regions) views.push(makeView(r, `${mainId}-r-${r}`, `in ${regionLabel(r)}`));

  // 'Other' margins: one category per distinct set of small groups.
  const otherCodes = (assign: (v: View, code: string) => void, pick: (v: View) => string[]): Map<string, string[]> => {
    const codes = new Map<string, string[]>();
    const byKey = new Map<string, string>();
    views.forEach((v) => {
      const set = pick(v);
      if (set.length === 0) return;
      const key = set.join(',');
      let code = byKey.get(key);
      if (!code) {
        code = byKey.size === 0 ? 'other' : `other-${byKey.size + 1}`;
        byKey.set(key, code);
        codes.set(code, set);
      }
      assign(v, code);
    });
    return codes;
  };
  const otherSsa = otherCodes((v, c) => (v.otherSsaCode = c), (v) => v.smallSsa);
  const otherSoc = otherCodes((v, c) => (v.otherSocCode = c), (v) => v.smallSoc);

  // 3. Dimensions and the main count table.
  const leafCodes = (i: number): string[] => [...new Set(leaves.map((l) => l.keys[i]))].sort(byCode);
  const ordered = (present: string[], order: string[], always: string[]): string[] => {
    const set = new Set([...present, ...always]);
    return [...order.filter((c) => set.has(c)), ...[...set].filter((c) => !order.includes(c) && c !== UNKNOWN).sort(), ...(set.has(UNKNOWN) ? [UNKNOWN] : [])];
  };
  const withTotal = (leafCats: Category[], margins: Category[], totalLabel: string): Category[] => [
    ...leafCats,
    ...margins,
    { code: TOTAL, label: totalLabel, children: leafCats.map((c) => c.code) },
  ];
  const ssaCodes = leafCodes(o);
  const qtCodes = ordered(leafCodes(o + 1), QUAL_ORDER, QUAL_ORDER);
  const etCodes = ordered(leafCodes(o + 2), EMP_ORDER, ['full-time', 'training']);
  const socCodes = leafCodes(o + 3);
  const dims: Dimension[] = [];
  if (byRegion) {
    dims.push({
      id: 'region',
      label: 'Region',
      classification: 'Routeways regions',
      categories: withTotal(regions.map((r) => ({ code: r, label: r === UNKNOWN ? 'Region not known' : regionLabel(r) })), [], 'All regions'),
    });
  }
  dims.push(
    {
      id: 'ssa',
      label: 'Sector subject area (tier 1) of highest qualification',
      classification: 'SSA tier 1',
      categories: withTotal(
        ssaCodes.map((c) => ({ code: c, label: ssaLabel(c) })),
        [...otherSsa].map(([code, children]) => ({ code, label: OTHER_SSA_LABEL, children })),
        'All sector subject areas',
      ),
    },
    {
      id: 'qualification_type',
      label: 'Highest qualification type',
      categories: withTotal(qtCodes.map((c) => ({ code: c, label: QUALIFICATION_TYPE_LABELS[c] ?? c })), [], 'All qualification types'),
    },
    {
      id: 'employment_type',
      label: 'Employment type',
      categories: withTotal(etCodes.map((c) => ({ code: c, label: EMPLOYMENT_TYPE_LABELS[c] ?? c })), [], 'All employment types'),
    },
    {
      id: 'soc_submajor',
      label: 'Occupation (SOC sub-major group)',
      classification: options.socClassification ?? 'SOC 2010 sub-major group',
      categories: withTotal(
        socCodes.map((c) => ({ code: c, label: socLabel(c) })),
        [...otherSoc].map(([code, children]) => ({ code, label: OTHER_OCCUPATION_LABEL, children })),
        'All occupations',
      ),
    },
    {
      id: 'related',
      label: 'Occupation related to the subject',
      classification: `Related-occupation mapping ${options.mapping.name} v${options.mapping.version}`,
      categories: withTotal(
        [
          { code: 'related', label: 'Related occupation' },
          { code: 'not-related', label: 'Not related occupation' },
        ],
        [],
        'All',
      ),
    },
  );
  const level = levelLabel(options.level);
  const cube = buildCube(
    { id: mainId, title: `People whose highest qualification is at ${level}, by subject, qualification type, employment type, occupation and whether it is related`, dimensions: dims, linkedWith: [coverageId] },
    leaves,
    weighted,
  );

  const coverCats: Category[] = [
    { code: 'analysed-mapped', label: COVERAGE_LABELS['analysed-mapped'] },
    { code: 'analysed-unmapped', label: COVERAGE_LABELS['analysed-unmapped'] },
    { code: 'no-ssa', label: COVERAGE_LABELS['no-ssa'] },
    { code: 'no-occupation', label: COVERAGE_LABELS['no-occupation'] },
    { code: 'no-soc', label: COVERAGE_LABELS['no-soc'] },
    { code: 'analysed', label: COVERAGE_LABELS.analysed, children: ['analysed-mapped', 'analysed-unmapped'] },
    { code: TOTAL, label: COVERAGE_LABELS.total, children: ['analysed-mapped', 'analysed-unmapped', 'no-ssa', 'no-occupation', 'no-soc'] },
  ];
  const coverDims: Dimension[] = [...(byRegion ? [dims[0]] : []), { id: 'coverage', label: 'Coverage', categories: coverCats }];
  const coverCube = buildCube(
    { id: coverageId, title: `People whose highest qualification is at ${level}: who was analysed`, dimensions: coverDims, linkedWith: [mainId] },
    cover.values(),
    weighted,
  );

  // 4. Report tables.
  const reportTables: ReportTable[] = [];
  for (const v of views) {
    const K = (k: Keys): string[] => [
      ...(v.region !== undefined ? [v.region] : []),
      k.ssa ?? TOTAL,
      k.qt ?? TOTAL,
      k.et ?? TOTAL,
      k.soc ?? TOTAL,
      k.rel ?? TOTAL,
    ];
    const ref = (k: Keys): CellRef => ({ table: mainId, keys: K(k) });
    const n = (k: Keys): number => cube.n(K(k));
    const val = (k: Keys): number => cube.value(K(k), weighted);
    const count = (k: Keys): ReportCell => ({ kind: 'count', ref: ref(k) });
    const share = (num: Keys, den: Keys): ReportCell =>
      n(den) < t.minBase || n(den) === 0 ? { kind: 'not-applicable' } : { kind: 'share', num: ref(num), den: ref(den), ...(weighted ? { weighted: true } : {}) };
    const text = (s: string, dependsOn?: CellRef[]): ReportCell => ({ kind: 'text', text: s, ...(dependsOn ? { dependsOn } : {}) });
    const na: ReportCell = { kind: 'not-applicable' };
    const empty: ReportCell = { kind: 'empty' };
    const effBase = (k: Keys): ReportCell => {
      const c = cube.cell(K(k));
      const e = c.w2 ? (c.w! * c.w!) / c.w2 : 0;
      return { kind: 'stat', value: e, dependsOn: [ref(k)], decimals: 0, unit: 'number' };
    };
    const inScope = [...v.ssaN].filter(([, c]) => c >= t.minBase).map(([c]) => c);
    inScope.sort((a, b) => v.ssaN.get(b)! - v.ssaN.get(a)! || ssaLabel(a).localeCompare(ssaLabel(b)));
    const ssaRows: Array<{ id: string; label: string; k: Keys; total?: boolean; kind: 'ssa' | 'other' | 'all'; members: string[] }> = [
      ...inScope.map((c) => ({ id: `ssa-${c}`, label: ssaLabel(c), k: { ssa: c }, kind: 'ssa' as const, members: [c] })),
      ...(v.otherSsaCode ? [{ id: 'ssa-other', label: OTHER_SSA_LABEL, k: { ssa: v.otherSsaCode }, kind: 'other' as const, members: v.smallSsa }] : []),
      { id: 'all', label: 'All', k: {}, total: true, kind: 'all' as const, members: [...v.ssaN.keys()] },
    ];
    const present = (k: Keys, codes: string[], f: (c: string) => Keys): string[] => codes.filter((c) => n({ ...k, ...f(c) }) > 0);
    const notes = [
      `People are counted once, by their highest qualification at ${level} (its sector subject area and type) and their main occupation (the one started most recently).`,
      `Shares are of the people in the row${weighted ? ', weighted; counts are unweighted sample counts' : ''}; each share has a Wilson 95% confidence interval${weighted ? ' on the Kish effective base' : ''}.`,
    ];

    // 4a. Per SSA: DfE Tables 8 and 9.
    {
      const columns = [
        { id: 'ssa', label: 'Sector subject area (tier 1)' },
        { id: 'people', label: 'Sample count' },
        ...(weighted ? [{ id: 'effective_base', label: 'Effective base (Kish)' }] : []),
        { id: 'occupations', label: 'Number of occupations' },
        { id: 'related', label: 'People in related occupations' },
        { id: 'top_occupation', label: 'Most common occupation' },
        { id: 'top_share', label: 'Share in the most common occupation' },
        { id: 'clear_pathway', label: 'Clear occupational pathway' },
        { id: 'in_clear_pathway', label: 'People in clear occupational pathways' },
      ];
      const out: ReportRow[] = ssaRows.map((r) => {
        const occupations = r.kind === 'all' ? present({}, socCodes, (c) => ({ soc: c })) : socCodes.filter((s) => r.members.some((m) => n({ ssa: m, soc: s }) > 0));
        const cells: ReportCell[] = [
          text(r.label),
          count(r.k),
          ...(weighted ? [effBase(r.k)] : []),
          { kind: 'stat', value: occupations.length, dependsOn: [ref(r.k)], decimals: 0, unit: 'number' },
          share({ ...r.k, rel: 'related' }, r.k),
        ];
        if (r.kind !== 'ssa') {
          cells.push(na, na, na, na);
        } else {
          let top = '';
          for (const s of occupations) {
            if (top === '' || val({ ...r.k, soc: s }) > val({ ...r.k, soc: top })) top = s;
          }
          const topShare = val(r.k) > 0 ? val({ ...r.k, soc: top }) / val(r.k) : 0;
          const clear = topShare >= t.clearPathway - 1e-12;
          const deps = [ref({ ...r.k, soc: top }), ref(r.k)];
          cells.push(
            text(socLabel(top), deps),
            share({ ...r.k, soc: top }, r.k),
            text(clear ? 'Yes' : 'No', deps),
            clear ? share({ ...r.k, soc: top }, r.k) : { kind: 'stat', value: 0, dependsOn: deps, decimals: 0, unit: 'share' },
          );
        }
        return { id: r.id, cells, ...(r.total ? { total: true } : {}) };
      });
      reportTables.push({
        id: `${v.prefix}-ssa`,
        title: `Type of occupations of people whose highest qualification is at ${level}, by sector subject area, ${v.where}`,
        section: 'pathways',
        columns,
        rows: out,
        notes: [
          ...notes,
          `Sector subject areas with fewer than ${t.minBase} people are shown together as '${OTHER_SSA_LABEL}'.`,
          `A clear occupational pathway is an occupation taken by ${Math.round(t.clearPathway * 100)}% or more of the people with a qualification in the subject; 'People in clear occupational pathways' is that share, or 0% when there is none. Not applicable ([z]) to the grouped and total rows.`,
          `Related occupations follow the mapping '${options.mapping.name}' version ${options.mapping.version}.`,
          ...(unmappedPeople > 0 ? ['Some people are in subject and occupation pairs the mapping does not cover; they are counted as not in a related occupation (see the coverage table).'] : []),
        ],
      });
    }

    // 4b. SSA x occupation shares: the Annex D layout.
    {
      const out: ReportRow[] = [];
      const ssas = [...v.ssaN.keys()].sort((a, b) => ssaLabel(a).localeCompare(ssaLabel(b)));
      const mapped = new Map<string, string[]>();
      for (const r of options.mapping.rows) mapped.set(r.ssa, [...(mapped.get(r.ssa) ?? []), r.soc]);
      for (const s of ssas) {
        const base = v.ssaN.get(s)!;
        const ok = base >= t.minBase;
        out.push({ id: `ssa-${s}`, total: true, cells: [text(ssaLabel(s)), ok ? count({ ssa: s }) : text(`< ${t.minBase}`), empty, empty] });
        const observed = present({ ssa: s }, socCodes, (c) => ({ soc: c }));
        const socs = [...new Set([...(mapped.get(s) ?? []), ...observed])].sort((a, b) => socLabel(a).localeCompare(socLabel(b)));
        for (const c of socs) {
          const rel = related.get(`${s}|${c}`);
          const shareValue = val({ ssa: s }) > 0 ? val({ ssa: s, soc: c }) / val({ ssa: s }) : 0;
          out.push({
            id: `ssa-${s}-soc-${c}`,
            cells: [
              text(socLabel(c), rel === undefined ? [ref({ ssa: s, soc: c })] : undefined),
              empty,
              ok && shareValue >= t.minShare - 1e-12 ? share({ ssa: s, soc: c }, { ssa: s }) : empty,
              text(rel === undefined ? 'Not in mapping' : rel ? 'Yes' : 'No'),
            ],
          });
        }
      }
      reportTables.push({
        id: `${v.prefix}-ssa-occupation`,
        title: `Occupations of people whose highest qualification is at ${level}, by sector subject area, and whether each is related, ${v.where}`,
        section: 'pathways',
        columns: [
          { id: 'ssa_occupation', label: 'Sector subject area (tier 1) / occupation' },
          { id: 'people', label: 'Sample count' },
          { id: 'share', label: `% with ${options.level === 'all' ? 'any level' : `L${options.level}`}` },
          { id: 'related', label: 'Related occupation' },
        ],
        rows: out,
        notes: [
          ...notes,
          `Shares are shown for sector subject areas with ${t.minBase} or more people and only where they are ${Math.round(t.minShare * 100)}% or more.`,
          `Related occupation: the mapping '${options.mapping.name}' version ${options.mapping.version}.`,
        ],
      });
    }

    // 4c. Related / not related by qualification type x employment type: Tables 1 and 2.
    {
      const out: ReportRow[] = [];
      const qts = [...qtCodes.filter((q) => q !== UNKNOWN || n({ qt: q }) > 0), TOTAL];
      const ets = [...etCodes.filter((e) => e === 'full-time' || e === 'training' || n({ et: e }) > 0), TOTAL];
      const etRows = [...ets.filter((e) => e === 'training'), ...ets.filter((e) => e !== 'training')];
      for (const q of qts) {
        for (const e of etRows) {
          const k: Keys = { qt: q === TOTAL ? undefined : q, et: e === TOTAL ? undefined : e };
          out.push({
            id: `${q}-${e}`,
            ...(q === TOTAL || e === TOTAL ? { total: true } : {}),
            cells: [
              text(q === TOTAL ? 'Total' : QUALIFICATION_TYPE_LABELS[q] ?? q),
              text(e === TOTAL ? 'Total' : EMPLOYMENT_TYPE_SHORT[e] ?? e),
              share({ ...k, rel: 'related' }, k),
              share({ ...k, rel: 'not-related' }, k),
              count(k),
              ...(weighted ? [effBase(k)] : []),
            ],
          });
        }
      }
      reportTables.push({
        id: `${v.prefix}-related-by-type`,
        title: `People in related and not related occupations by highest qualification type and employment type (highest qualification at ${level}), ${v.where}`,
        section: 'pathways',
        columns: [
          { id: 'qualification_type', label: 'Highest qualification type' },
          { id: 'employment_type', label: 'Employment type' },
          { id: 'related', label: 'People in related occupation' },
          { id: 'not_related', label: 'People not in related occupation' },
          { id: 'people', label: 'Sample count' },
          ...(weighted ? [{ id: 'effective_base', label: 'Effective base (Kish)' }] : []),
        ],
        rows: out,
        notes: [...notes, `Shares on groups of fewer than ${t.minBase} people are not applicable ([z]).`],
      });
    }

    // 4d. SSA by qualification type and employment type: Tables 4 and 5.
    const qtCols = qtCodes.filter((q) => q !== UNKNOWN || n({ qt: q }) > 0);
    const etCols = etCodes.filter((e) => e === 'full-time' || e === 'training' || n({ et: e }) > 0);
    {
      const out: ReportRow[] = ssaRows.map((r) => ({
        id: r.id,
        ...(r.total ? { total: true } : {}),
        cells: [
          text(r.kind === 'all' ? 'Total' : r.label),
          count(r.k),
          share(r.k, {}),
          ...qtCols.map((q) => share({ ...r.k, qt: q }, r.k)),
          ...etCols.map((e) => share({ ...r.k, et: e }, r.k)),
        ],
      }));
      reportTables.push({
        id: `${v.prefix}-ssa-by-type`,
        title: `People whose highest qualification is at ${level} by sector subject area, qualification type and employment type, ${v.where}`,
        section: 'pathways',
        columns: [
          { id: 'ssa', label: 'Sector subject area (tier 1)' },
          { id: 'people', label: 'Sample count' },
          { id: 'share', label: 'Perc' },
          ...qtCols.map((q) => ({ id: `qt-${q}`, label: QUALIFICATION_TYPE_LABELS[q] ?? q })),
          ...etCols.map((e) => ({ id: `et-${e}`, label: EMPLOYMENT_TYPE_LABELS[e] ?? e })),
        ],
        rows: out,
        notes: [...notes, `Sector subject areas with fewer than ${t.minBase} people are shown together as '${OTHER_SSA_LABEL}'.`],
      });
    }

    // 4e. Occupation by employment type and qualification type: Tables 6 and 7.
    {
      const big = [...v.socN].filter(([, c]) => c >= t.minBase).map(([c]) => c);
      big.sort((a, b) => v.socN.get(b)! - v.socN.get(a)! || socLabel(a).localeCompare(socLabel(b)));
      const occRows = [
        ...big.map((c) => ({ id: `soc-${c}`, label: socLabel(c), k: { soc: c } as Keys, total: false })),
        ...(v.otherSocCode ? [{ id: 'soc-other', label: OTHER_OCCUPATION_LABEL, k: { soc: v.otherSocCode } as Keys, total: false }] : []),
        { id: 'all', label: 'Total', k: {} as Keys, total: true },
      ];
      reportTables.push({
        id: `${v.prefix}-occupation-by-type`,
        title: `People whose highest qualification is at ${level} by occupation, employment type and qualification type, ${v.where}`,
        section: 'pathways',
        columns: [
          { id: 'soc_submajor', label: 'Occupation (SOC sub-major group)' },
          { id: 'people', label: 'Sample count' },
          { id: 'share', label: 'Perc' },
          ...etCols.map((e) => ({ id: `et-${e}`, label: EMPLOYMENT_TYPE_LABELS[e] ?? e })),
          ...qtCols.map((q) => ({ id: `qt-${q}`, label: QUALIFICATION_TYPE_LABELS[q] ?? q })),
        ],
        rows: occRows.map((r) => ({
          id: r.id,
          ...(r.total ? { total: true } : {}),
          cells: [
            text(r.label),
            count(r.k),
            share(r.k, {}),
            ...etCols.map((e) => share({ ...r.k, et: e }, r.k)),
            ...qtCols.map((q) => share({ ...r.k, qt: q }, r.k)),
          ],
        })),
        notes: [...notes, `Occupations with fewer than ${t.minBase} people are shown together as '${OTHER_OCCUPATION_LABEL}'.`],
      });
    }

    // 4f. Coverage: who was analysed.
    {
      const ck = (c: string): CellRef => ({ table: coverageId, keys: [...(v.region !== undefined ? [v.region] : []), c] });
      const order = ['analysed', 'analysed-unmapped', 'no-ssa', 'no-occupation', 'no-soc', TOTAL];
      reportTables.push({
        id: `${v.prefix}-coverage`,
        title: `People whose highest qualification is at ${level}: who the pathway tables cover, ${v.where}`,
        section: 'pathways',
        columns: [
          { id: 'group', label: 'Group' },
          { id: 'people', label: 'People' },
        ],
        rows: order.map((c) => ({ id: c, ...(c === TOTAL ? { total: true } : {}), cells: [text(COVERAGE_LABELS[c]), { kind: 'count', ref: ck(c) }] })),
      });
    }
  }

  // Each person is counted once, in their region: across the reports of one publish run the
  // all-regions cells are the sums of the regional ones (by-region tables hold their own regions).
  const countTables: CountTable[] = byRegion ? [cube.table, coverCube.table] : [{ ...cube.table, sumsAcrossRegions: true }, { ...coverCube.table, sumsAcrossRegions: true }];
  return {
    protected: false,
    analysis: 'pathways',
    dataset: options.dataset,
    region: options.region ?? null,
    settings: {
      level: options.level,
      mapping: { name: options.mapping.name, version: options.mapping.version },
      thresholds: t,
      weighted,
      byRegion,
      highestQualification: 'the qualification marked highest, else the highest level, then the latest achieved, then the first listed',
      mainOccupation: 'the occupation started most recently, then the first listed',
      unmapped: 'people in subject and occupation pairs the mapping does not cover are counted as not related',
    },
    countTables,
    reportTables,
    labels: {
      source: `Routeways pathways analysis of dataset '${options.dataset}'`,
      classification: ['SSA tier 1', options.socClassification ?? 'SOC 2010 sub-major group'],
      spatialAvailability: byRegion ? 'All regions and each region' : options.region ? `Region ${regionLabel(options.region)}` : 'All regions',
    },
  };
}

export type { Cube };
