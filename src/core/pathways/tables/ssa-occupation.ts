/** `…-ssa-occupation`: SSA x occupation shares and whether each occupation is related (the Annex D layout). */
import type { ReportCell, ReportRow, ReportTable } from '../../results.js';
import type { ViewContext } from '../view-context.js';
import { appendTo } from '../../multimap.js';

const EMPTY: ReportCell = { kind: 'empty' };

function occupationRows(x: ViewContext, s: string, inScope: boolean, mapped: string[]): ReportRow[] {
  const observed = x.present({ ssa: s }, x.cubes.socCodes, (c) => ({ soc: c }));
  const socs = [...new Set([...mapped, ...observed])].sort((a, b) => x.socLabel(a).localeCompare(x.socLabel(b)));
  return socs.map((c) => {
    const rel = x.related.get(`${s}|${c}`);
    const share = x.share({ ssa: s, soc: c }, { ssa: s });
    return {
      id: `ssa-${s}-soc-${c}`,
      cells: [
        x.text(x.socLabel(c), rel === undefined ? [x.ref({ ssa: s, soc: c })] : undefined),
        EMPTY,
        // Left empty under the minimum share by disclosure control, on the published share: a blank decided on the
        // true share would tell a withheld one ([c]) is at least the minimum.
        inScope && share.kind === 'share' && x.cubes.socCodes.includes(c) ? { ...share, minShown: x.t.minShare } : EMPTY,
        x.text(rel === undefined ? 'Not in mapping' : rel ? 'Yes' : 'No'),
      ],
    };
  });
}

export function ssaOccupationTable(x: ViewContext): ReportTable {
  const { t, options } = x;
  const mapped = new Map<string, string[]>();
  for (const r of options.mapping.rows) appendTo(mapped, r.ssa, r.soc);
  const rows: ReportRow[] = [];
  for (const s of [...x.view.ssaN.keys()].sort((a, b) => x.ssaLabel(a).localeCompare(x.ssaLabel(b)))) {
    const ok = x.view.ssaN.get(s)! >= t.minBase;
    rows.push({ id: `ssa-${s}`, total: true, cells: [x.text(x.ssaLabel(s)), ok ? x.count({ ssa: s }) : x.text(`< ${t.minBase}`), EMPTY, EMPTY] });
    rows.push(...occupationRows(x, s, ok, mapped.get(s) ?? []));
  }
  return {
    id: `${x.view.prefix}-ssa-occupation`,
    title: `Occupations of people whose highest qualification is at ${x.levelText}, by sector subject area, and whether each is related, ${x.view.where}`,
    section: 'pathways',
    columns: [
      { id: 'ssa_occupation', label: 'Sector subject area (tier 1) / occupation' },
      { id: 'people', label: 'Sample count' },
      { id: 'share', label: `% with ${options.level === 'all' ? 'any level' : `L${options.level}`}` },
      { id: 'related', label: 'Related occupation' },
    ],
    rows,
    notes: [
      ...x.notes,
      `Shares are shown for sector subject areas with ${t.minBase} or more people and only where the published share is ${Math.round(t.minShare * 100)}% or more; a withheld share ([c]) may be under or over ${Math.round(t.minShare * 100)}%.`,
      `Related occupation: the mapping '${options.mapping.name}' version ${options.mapping.version}.`,
    ],
  };
}
