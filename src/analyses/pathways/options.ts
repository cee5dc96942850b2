/** Options of the pathways analysis (seed 002, DfE 2020): defaults are the DfE's. */
import { z } from 'zod';
import { oneOf, shareNumber, wholeNumber } from '../../core/option-schemas.js';
import { DFE_THRESHOLDS } from '../../core/pathways/types.js';

export const pathwaysOptions = z.object({
  level: oneOf(['2', '3', 'all'])
    .default('all')
    .meta({ placeholder: 'level', description: "level of the highest qualification: 2, 3 or 'all'", label: 'Level of the highest qualification' }),
  mapping: z
    .string()
    .min(1)
    .optional()
    .meta({ placeholder: 'name', description: "related-occupation mapping, name or name@version (default: the dataset's related.csv, else dfe-2020)", label: 'Related-occupation mapping' }),
  clearPathway: shareNumber()
    .default(DFE_THRESHOLDS.clearPathway)
    .meta({ placeholder: 'share', description: 'share of an SSA in one occupation that makes a clear pathway', label: 'Share of a subject in one occupation for a clear pathway' }),
  minBase: wholeNumber(0)
    .default(DFE_THRESHOLDS.minBase)
    .meta({ placeholder: 'n', description: 'groups with fewer people are not reported on their own', label: 'Smallest group reported on its own' }),
  minShare: shareNumber()
    .default(DFE_THRESHOLDS.minShare)
    .meta({ placeholder: 'share', description: 'SSA x occupation shares below this are not shown', label: 'Smallest share shown' }),
  weighted: z
    .boolean()
    .default(false)
    .meta({ flag: 'weight', description: "weighted shares using the qualifications' weight column (counts stay unweighted)", label: 'Weighted' }),
  byRegion: z
    .boolean()
    .default(false)
    .meta({ pipeline: false, description: 'tables for every region as well as all together, protected together', label: 'Tables for each region' }),
});

export type PathwaysOptions = z.output<typeof pathwaysOptions>;
