/** `…-related-by-type`: related / not related by qualification type x employment type (DfE Tables 1 and 2). */
import type { ReportRow, ReportTable } from '../../results.js';
import { EMPLOYMENT_TYPE_SHORT, QUALIFICATION_TYPE_LABELS } from '../labels.js';
import { TOTAL, UNKNOWN } from '../leaves.js';
import type { Keys, ViewContext } from '../view-context.js';

export function relatedByTypeTable(x: ViewContext): ReportTable {
  const { weighted } = x;
  const qts = [...x.cubes.qtCodes.filter((q) => q !== UNKNOWN || x.n({ qt: q }) > 0), TOTAL];
  const ets = [...x.cubes.etCodes.filter((e) => e === 'full-time' || e === 'training' || x.n({ et: e }) > 0), TOTAL];
  const etRows = [...ets.filter((e) => e === 'training'), ...ets.filter((e) => e !== 'training')];
  const rows: ReportRow[] = [];
  for (const q of qts) {
    for (const e of etRows) {
      const k: Keys = { qt: q === TOTAL ? undefined : q, et: e === TOTAL ? undefined : e };
      rows.push({
        id: `${q}-${e}`,
        ...(q === TOTAL || e === TOTAL ? { total: true } : {}),
        cells: [
          x.text(q === TOTAL ? 'Total' : (QUALIFICATION_TYPE_LABELS[q] ?? q)),
          x.text(e === TOTAL ? 'Total' : (EMPLOYMENT_TYPE_SHORT[e] ?? e)),
          x.share({ ...k, rel: 'related' }, k),
          x.share({ ...k, rel: 'not-related' }, k),
          x.count(k),
          ...(weighted ? [x.effBase(k)] : []),
        ],
      });
    }
  }
  return {
    id: `${x.view.prefix}-related-by-type`,
    title: `People in related and not related occupations by highest qualification type and employment type (highest qualification at ${x.levelText}), ${x.view.where}`,
    section: 'pathways',
    columns: [
      { id: 'qualification_type', label: 'Highest qualification type' },
      { id: 'employment_type', label: 'Employment type' },
      { id: 'related', label: 'People in related occupation' },
      { id: 'not_related', label: 'People not in related occupation' },
      { id: 'people', label: 'Sample count' },
      ...(weighted ? [{ id: 'effective_base', label: 'Effective base (Kish)' }] : []),
    ],
    rows,
    notes: [...x.notes, `Shares on groups of fewer than ${x.t.minBase} people are not applicable ([z]).`],
  };
}
