/** `…-ssa`: type of occupations by sector subject area (DfE Tables 8 and 9), and the clear pathways it shows. */
import type { HeadlineItem, LayoutFact, ReportCell, ReportRow, ReportTable } from '../../results.js';
import { topFacts } from '../facts.js';
import { OTHER_SSA_LABEL } from '../labels.js';
import type { SsaRow, ViewContext } from '../view-context.js';

const NA: ReportCell = { kind: 'not-applicable' };

/** The most common occupation of an SSA row, its share and whether it is a clear pathway. */
function topOccupation(x: ViewContext, r: SsaRow, occupations: string[]): { cells: ReportCell[]; clear: HeadlineItem | null; facts: LayoutFact[] } {
  let top = '';
  for (const s of occupations) if (top === '' || x.val({ ...r.k, soc: s }) > x.val({ ...r.k, soc: top })) top = s;
  const topShare = x.val(r.k) > 0 ? x.val({ ...r.k, soc: top }) / x.val(r.k) : 0;
  const clear = topShare >= x.t.clearPathway - 1e-12;
  const deps = [x.ref({ ...r.k, soc: top }), x.ref(r.k)];
  const share = x.share({ ...r.k, soc: top }, r.k);
  return {
    cells: [x.text(x.socLabel(top), deps), share, x.text(clear ? 'Yes' : 'No', deps), clear ? share : { kind: 'stat', value: 0, dependsOn: deps, decimals: 0, unit: 'share' }],
    clear: clear ? { text: x.text(`${r.label} into ${x.socLabel(top)}`, deps), figure: share, requireFigure: true } : null,
    facts: topFacts(x, r.k, top, occupations, clear),
  };
}

export function ssaTable(x: ViewContext): { table: ReportTable; clear: HeadlineItem[]; facts: LayoutFact[] } {
  const { t, weighted } = x;
  const socCodes = x.cubes.socCodes;
  const clear: HeadlineItem[] = [];
  const facts: LayoutFact[] = [];
  const rows: ReportRow[] = x.ssaRows.map((r) => {
    const occupations = r.kind === 'all' ? x.present({}, socCodes, (c) => ({ soc: c })) : socCodes.filter((s) => r.members.some((m) => x.n({ ssa: m, soc: s }) > 0));
    const cells: ReportCell[] = [
      x.text(r.label),
      x.count(r.k),
      ...(weighted ? [x.effBase(r.k)] : []),
      // Worked out from the published occupation cells of the row (all shown, zeros too): a count of the true
      // non-zero cells would tell which withheld ones hold people.
      { kind: 'stat', value: occupations.length, dependsOn: [x.ref(r.k)], decimals: 0, unit: 'number', distinct: socCodes.map((s) => x.ref({ ...r.k, soc: s })) },
      x.share({ ...r.k, rel: 'related' }, r.k),
    ];
    if (r.kind !== 'ssa') cells.push(NA, NA, NA, NA);
    else {
      const top = topOccupation(x, r, occupations);
      cells.push(...top.cells);
      facts.push(...top.facts);
      if (top.clear) clear.push(top.clear);
    }
    return { id: r.id, cells, ...(r.total ? { total: true } : {}) };
  });
  const m = x.options.mapping;
  return {
    clear,
    facts,
    table: {
      id: `${x.view.prefix}-ssa`,
      title: `Type of occupations of people whose highest qualification is at ${x.levelText}, by sector subject area, ${x.view.where}`,
      section: 'pathways',
      columns: [
        { id: 'ssa', label: 'Sector subject area (tier 1)' },
        { id: 'people', label: 'Sample count' },
        ...(weighted ? [{ id: 'effective_base', label: 'Effective base (Kish)' }] : []),
        { id: 'occupations', label: 'Number of occupations' },
        { id: 'related', label: 'People in related occupations' },
        { id: 'top_occupation', label: 'Most common occupation' },
        { id: 'top_share', label: 'Share in the most common occupation' },
        { id: 'clear_pathway', label: 'Clear occupational pathway' },
        { id: 'in_clear_pathway', label: 'People in clear occupational pathways' },
      ],
      rows,
      notes: [
        ...x.notes,
        `Sector subject areas with fewer than ${t.minBase} people are shown together as '${OTHER_SSA_LABEL}'.`,
        `A clear occupational pathway is an occupation taken by ${Math.round(t.clearPathway * 100)}% or more of the people with a qualification in the subject; 'People in clear occupational pathways' is that share, or 0% when there is none. Not applicable ([z]) to the grouped and total rows.`,
        `Related occupations follow the mapping '${m.name}' version ${m.version}.`,
        ...(x.unmappedPeople > 0 ? ['Some people are in subject and occupation pairs the mapping does not cover; they are counted as not in a related occupation (see the coverage table).'] : []),
      ],
    },
  };
}
