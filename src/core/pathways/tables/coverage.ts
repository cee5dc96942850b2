/** `…-coverage`: who the pathway tables cover, and who was left out and why. */
import type { CellRef, ReportTable } from '../../results.js';
import { COVERAGE_LABELS } from '../labels.js';
import { TOTAL } from '../leaves.js';
import type { ViewContext } from '../view-context.js';

const ORDER = ['analysed', 'analysed-unmapped', 'no-ssa', 'no-occupation', 'no-soc', TOTAL];

export function coverageTable(x: ViewContext): ReportTable {
  const ck = (c: string): CellRef => ({ table: x.coverageId, keys: [...(x.view.region !== undefined ? [x.view.region] : []), c] });
  return {
    id: `${x.view.prefix}-coverage`,
    title: `People whose highest qualification is at ${x.levelText}: who the pathway tables cover, ${x.view.where}`,
    section: 'pathways',
    columns: [
      { id: 'group', label: 'Group' },
      { id: 'people', label: 'People' },
    ],
    rows: ORDER.map((c) => ({ id: c, ...(c === TOTAL ? { total: true } : {}), cells: [x.text(COVERAGE_LABELS[c]), { kind: 'count', ref: ck(c) }] })),
  };
}
