/** Options of the progression analysis (seed 004's basket of measures and career routes): defaults, ranges, help and readers' labels. */
import { z } from 'zod';
import { decimalNumber, isoDate, oneOf, shareNumber, wholeNumber } from '../../core/option-schemas.js';
import { DEFAULT_SETTINGS } from '../../core/progression/settings.js';

export const PROGRESSION_DIMENSIONS = ['ssa', 'level', 'type', 'title', 'cluster', 'region'] as const;

export const progressionOptions = z.object({
  months: wholeNumber(1, 240)
    .default(DEFAULT_SETTINGS.months)
    .meta({ placeholder: 'n', description: "follow-up window in months from the highest qualification's achievement date", label: 'Follow-up window (months)' }),
  by: z
    .array(oneOf(PROGRESSION_DIMENSIONS))
    .min(1, { error: 'needs at least one of ssa, level, type, title, cluster, region' })
    .default([...PROGRESSION_DIMENSIONS])
    .meta({
      placeholder: 'dims',
      description: "a measures table by each of these: ssa, level, type, title, cluster (the clusters analysis's cluster of the qualification), region (region only across all regions)",
      label: 'Measures tables by',
    }),
  minBase: wholeNumber(1)
    .default(DEFAULT_SETTINGS.minBase)
    .meta({ placeholder: 'n', description: 'smallest base for a median or mean to be shown (and for a share not to be flagged)', label: 'Minimum base' }),
  lowPay: decimalNumber(0)
    .optional()
    .meta({ placeholder: 'pounds', description: 'low pay: below this gross hourly pay (default: --low-pay-share of the median hourly pay)', label: 'Low pay below (pounds an hour)' }),
  lowPayShare: shareNumber()
    .default(DEFAULT_SETTINGS.lowPay.share)
    .meta({ placeholder: 'share', description: "low pay: below this share of the dataset's median hourly pay", label: 'Low pay below this share of the median hourly pay' }),
  inflation: decimalNumber(-0.5, 1)
    .default(DEFAULT_SETTINGS.realGain.inflation)
    .meta({ placeholder: 'share', description: 'yearly price rise a real wage gain must beat (0.02 for 2%)', label: 'Price rise a year for real wage gains' }),
  minGain: decimalNumber(0, 10)
    .default(DEFAULT_SETTINGS.realGain.minGain)
    .meta({ placeholder: 'share', description: 'a real wage gain must also exceed this share', label: 'Smallest real wage gain' }),
  observedTo: isoDate()
    .optional()
    .meta({ placeholder: 'date', description: 'the last day the records cover (default: the latest date recorded)', label: 'Records cover up to' }),
  routesFrom: oneOf(['title', 'ssa'])
    .default('title')
    .meta({ placeholder: 'grouping', description: 'career routes start from the qualification title (as entered) or its ssa (sector subject area)', label: 'Career routes start from' }),
  routesBy: oneOf(['soc', 'title'])
    .default('soc')
    .meta({ placeholder: 'grouping', description: 'jobs on career routes by soc (SOC sub-major group) or title (as entered)', label: 'Jobs on career routes grouped by' }),
  flowQualifications: wholeNumber(1, 40)
    .default(8)
    .meta({ placeholder: 'n', description: 'qualifications drawn in the career-route diagram (the largest)', label: 'Qualifications in the route diagram' }),
  flowJobs: wholeNumber(1, 40)
    .default(8)
    .meta({ placeholder: 'n', description: 'occupations drawn in each column of the diagram (others joined)', label: 'Occupations in each column of the route diagram' }),
  routesEach: wholeNumber(1, 20)
    .default(3)
    .meta({ placeholder: 'n', description: 'most common routes listed for each qualification drawn', label: 'Routes listed for each qualification' }),
});

export type ProgressionOptions = z.output<typeof progressionOptions>;
