/** Options of the clusters analysis: defaults, ranges and help text in one place. */
import { z } from 'zod';
import { decimalNumber, isoDate, oneOf, shareNumber, wholeNumber } from '../../core/option-schemas.js';
import { DEFAULT_FDR } from '../../core/links/significance.js';
import { DEFAULT_TOP } from '../../core/clusters/report.js';

export const clustersOptions = z.object({
  levels: z
    .array(wholeNumber(1, 8))
    .default([])
    .meta({ flag: 'level', placeholder: 'n', description: 'only qualifications at these levels (1-8; repeatable or comma-separated)', label: 'Qualification levels' }),
  ssa: z
    .array(z.string().min(1))
    .default([])
    .meta({ placeholder: 'ssa', description: 'only qualifications in this sector subject area (tier 1 number or title; repeatable)', label: 'Sector subject areas' }),
  type: oneOf(['apprenticeship', 'classroom']).optional().meta({ description: 'only qualifications of this type: apprenticeship or classroom', label: 'Qualification type' }),
  from: isoDate().optional().meta({ placeholder: 'date', description: 'only qualifications achieved on or after this date (YYYY-MM-DD)', label: 'Achieved from' }),
  to: isoDate().optional().meta({ placeholder: 'date', description: 'only qualifications achieved on or before this date (YYYY-MM-DD)', label: 'Achieved to' }),
  minPeople: wholeNumber(1)
    .default(1)
    .meta({ placeholder: 'n', description: 'leave out qualifications and occupations held by fewer people before clustering', label: 'Fewest people for a qualification or occupation to be clustered' }),
  titles: oneOf(['raw', 'grouped'])
    .default('raw')
    .meta({ placeholder: 'titles', description: "titles as entered (raw), or spelling variants accepted with 'routeways code variants' counted as one (grouped)", label: 'Titles' }),
  occupationBy: oneOf(['title', 'soc'])
    .default('title')
    .meta({ placeholder: 'grouping', description: 'occupations by title (as entered) or soc (SOC sub-major group)', label: 'Occupations grouped by' }),
  resolution: decimalNumber(0)
    .default(1)
    .meta({ placeholder: 'gamma', description: 'resolution of the modularity (higher: more, smaller clusters)', label: 'Resolution of the clustering' }),
  seed: wholeNumber().default(1).meta({ placeholder: 'n', description: 'random seed (same data and seed give the same answer)', label: 'Random seed' }),
  restarts: wholeNumber(1).default(10).meta({ placeholder: 'n', description: 'clustering runs, the best kept', label: 'Clustering runs (best kept)' }),
  bootstrap: wholeNumber(0).default(100).meta({ placeholder: 'n', description: 'bootstrap replicates for confidence (0 for none)', label: 'Bootstrap replicates' }),
  fdr: shareNumber(true)
    .default(DEFAULT_FDR)
    .meta({ placeholder: 'q', description: 'false discovery rate for significant links and profile flags', label: 'False discovery rate' }),
  top: wholeNumber(1).default(DEFAULT_TOP).meta({ placeholder: 'n', description: 'members shown per cluster table', label: 'Members listed per cluster' }),
  linkTests: oneOf(['observed', 'all'])
    .default('observed')
    .meta({
      placeholder: 'family',
      description: 'q-values of links correct over the observed pairs (observed) or every qualification x occupation pair (all)',
      label: 'Link tests corrected over',
    }),
});

export type ClustersOptions = z.output<typeof clustersOptions>;
