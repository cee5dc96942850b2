/**
 * `…-ssa-by-type` (DfE Tables 4 and 5) and `…-occupation-by-type` (Tables 6
 * and 7): each subject area, or each occupation, by qualification type and
 * employment type.
 */
import type { ReportTable } from '../../results.js';
import { EMPLOYMENT_TYPE_LABELS, OTHER_OCCUPATION_LABEL, OTHER_SSA_LABEL, QUALIFICATION_TYPE_LABELS } from '../labels.js';
import { UNKNOWN } from '../leaves.js';
import type { Keys, ViewContext } from '../view-context.js';

function typeColumns(x: ViewContext) {
  return {
    qt: x.cubes.qtCodes.filter((q) => q !== UNKNOWN || x.n({ qt: q }) > 0),
    et: x.cubes.etCodes.filter((e) => e === 'full-time' || e === 'training' || x.n({ et: e }) > 0),
  };
}

export function ssaByTypeTable(x: ViewContext): ReportTable {
  const cols = typeColumns(x);
  return {
    id: `${x.view.prefix}-ssa-by-type`,
    title: `People whose highest qualification is at ${x.levelText} by sector subject area, qualification type and employment type, ${x.view.where}`,
    section: 'pathways',
    columns: [
      { id: 'ssa', label: 'Sector subject area (tier 1)' },
      { id: 'people', label: 'Sample count' },
      { id: 'share', label: 'Perc' },
      ...cols.qt.map((q) => ({ id: `qt-${q}`, label: QUALIFICATION_TYPE_LABELS[q] ?? q })),
      ...cols.et.map((e) => ({ id: `et-${e}`, label: EMPLOYMENT_TYPE_LABELS[e] ?? e })),
    ],
    rows: x.ssaRows.map((r) => ({
      id: r.id,
      ...(r.total ? { total: true } : {}),
      cells: [
        x.text(r.kind === 'all' ? 'Total' : r.label),
        x.count(r.k),
        x.share(r.k, {}),
        ...cols.qt.map((q) => x.share({ ...r.k, qt: q }, r.k)),
        ...cols.et.map((e) => x.share({ ...r.k, et: e }, r.k)),
      ],
    })),
    notes: [...x.notes, `Sector subject areas with fewer than ${x.t.minBase} people are shown together as '${OTHER_SSA_LABEL}'.`],
  };
}

export function occupationByTypeTable(x: ViewContext): ReportTable {
  const cols = typeColumns(x);
  const v = x.view;
  const big = [...v.socN].filter(([, c]) => c >= x.t.minBase).map(([c]) => c);
  big.sort((a, b) => v.socN.get(b)! - v.socN.get(a)! || x.socLabel(a).localeCompare(x.socLabel(b)));
  const occRows: Array<{ id: string; label: string; k: Keys; total: boolean }> = [
    ...big.map((c) => ({ id: `soc-${c}`, label: x.socLabel(c), k: { soc: c }, total: false })),
    ...(v.otherSocCode ? [{ id: 'soc-other', label: OTHER_OCCUPATION_LABEL, k: { soc: v.otherSocCode }, total: false }] : []),
    { id: 'all', label: 'Total', k: {}, total: true },
  ];
  return {
    id: `${v.prefix}-occupation-by-type`,
    title: `People whose highest qualification is at ${x.levelText} by occupation, employment type and qualification type, ${v.where}`,
    section: 'pathways',
    columns: [
      { id: 'soc_submajor', label: 'Occupation (SOC sub-major group)' },
      { id: 'people', label: 'Sample count' },
      { id: 'share', label: 'Perc' },
      ...cols.et.map((e) => ({ id: `et-${e}`, label: EMPLOYMENT_TYPE_LABELS[e] ?? e })),
      ...cols.qt.map((q) => ({ id: `qt-${q}`, label: QUALIFICATION_TYPE_LABELS[q] ?? q })),
    ],
    rows: occRows.map((r) => ({
      id: r.id,
      ...(r.total ? { total: true } : {}),
      cells: [
        x.text(r.label),
        x.count(r.k),
        x.share(r.k, {}),
        ...cols.et.map((e) => x.share({ ...r.k, et: e }, r.k)),
        ...cols.qt.map((q) => x.share({ ...r.k, qt: q }, r.k)),
      ],
    })),
    notes: [...x.notes, `Occupations with fewer than ${x.t.minBase} people are shown together as '${OTHER_OCCUPATION_LABEL}'.`],
  };
}
