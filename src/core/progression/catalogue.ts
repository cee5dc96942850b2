/**
 * The basket of measures (seed 004, recommendation 1): what each one is, its
 * base (who it is a share or a median of) and how it is summarised.
 *
 * - share: people with the outcome among the base, with a Wilson 95% interval;
 * - median: the middle value over the base, with an exact order-statistic
 *   95% interval (src/core/stats/median-interval.ts);
 * - mean: the average over the base, with a normal 95% interval.
 *
 * "First job" and "job at the end" are defined in window.ts; hourly pay in
 * pay.ts; skill levels in skill.ts; "real" gains in person-values.ts.
 */

export const SHARE_MEASURES = [
  'in_work_end',
  'real_wage_gain',
  'hours_up',
  'temp_to_permanent',
  'involuntary_exit',
  'repeat_claim',
  'low_pay',
  'low_pay_persistence',
  'training',
  'skill_up',
] as const;
export const MEDIAN_MEASURES = ['wage_gain', 'hours_change', 'hourly_pay_end'] as const;
export const MEAN_MEASURES = ['months_in_work'] as const;

export type ShareMeasure = (typeof SHARE_MEASURES)[number];
export type MedianMeasure = (typeof MEDIAN_MEASURES)[number];
export type MeanMeasure = (typeof MEAN_MEASURES)[number];
export type MeasureId = ShareMeasure | MedianMeasure | MeanMeasure;
export type MeasureKind = 'share' | 'median' | 'mean';

/** How a value reads: a share (0-1), a relative change (0.1 = +10%), hours a week, pounds an hour, months. */
export type MeasureUnit = 'share' | 'change' | 'hours' | 'pounds-per-hour' | 'months';

export interface MeasureDefinition {
  id: MeasureId;
  kind: MeasureKind;
  unit: MeasureUnit;
  label: string;
  /** Who the base is, in plain words. */
  base: string;
  /** What is counted or summarised. */
  definition: string;
}

const FIRST_AND_END_PAY = 'people whose first job and job at the end of the window both have an hourly pay';

export const MEASURES: readonly MeasureDefinition[] = [
  { id: 'in_work_end', kind: 'share', unit: 'share', label: 'In work at the end of the window', base: 'people followed up', definition: 'in a job (any spell) on the day the window ends' },
  { id: 'months_in_work', kind: 'mean', unit: 'months', label: 'Months in work in the window', base: 'people followed up', definition: 'months of the window in work (days covered by any spell, overlapping spells counted once, as a share of the window times its months)' },
  { id: 'wage_gain', kind: 'median', unit: 'change', label: 'Wage gain, first job to the job at the end', base: FIRST_AND_END_PAY, definition: 'hourly pay at the end divided by hourly pay in the first job, minus 1 (before price rises); 0 for people in the same job throughout' },
  { id: 'real_wage_gain', kind: 'share', unit: 'share', label: 'With a real wage gain', base: FIRST_AND_END_PAY, definition: 'hourly pay at the end above the first job\'s by more than prices rose between the two jobs\' start dates (and the minimum gain)' },
  { id: 'hourly_pay_end', kind: 'median', unit: 'pounds-per-hour', label: 'Hourly pay at the end of the window', base: 'people in work at the end of the window with an hourly pay', definition: 'gross hourly pay of the job at the end' },
  { id: 'hours_up', kind: 'share', unit: 'share', label: 'Working more hours', base: 'people whose first job and job at the end both record hours', definition: 'more usual weekly hours at the end than in the first job' },
  { id: 'hours_change', kind: 'median', unit: 'hours', label: 'Change in weekly hours', base: 'people whose first job and job at the end both record hours', definition: 'weekly hours at the end minus weekly hours in the first job' },
  { id: 'temp_to_permanent', kind: 'share', unit: 'share', label: 'Temporary to permanent', base: 'people whose first job was temporary, fixed-term or zero-hours and whose job at the end records a contract', definition: 'a permanent contract at the end' },
  { id: 'involuntary_exit', kind: 'share', unit: 'share', label: 'Involuntary job exits', base: 'people in work at some time in the window', definition: 'a job ending in the window with exit reason involuntary' },
  { id: 'repeat_claim', kind: 'share', unit: 'share', label: 'Repeat benefit claims', base: 'people who had left a benefit claim before the window ended', definition: 'a new claim started in the window after an earlier claim ended' },
  { id: 'low_pay', kind: 'share', unit: 'share', label: 'In low pay at the end', base: 'people in work at the end of the window with an hourly pay', definition: 'hourly pay at the end below the low-pay threshold' },
  { id: 'low_pay_persistence', kind: 'share', unit: 'share', label: 'Still in low pay', base: 'people whose first job was low paid and who are in work at the end with an hourly pay', definition: 'still below the low-pay threshold at the end' },
  { id: 'training', kind: 'share', unit: 'share', label: 'Work-related training', base: 'people in work at some time in the window', definition: 'a spell of employment type training after the achievement date, in the window' },
  { id: 'skill_up', kind: 'share', unit: 'share', label: 'Moved up a skill level', base: 'people whose first job and job at the end both have a SOC major group', definition: 'the job at the end in a SOC major group of a higher skill level than the first job\'s' },
];

export function measureDefinition(id: MeasureId): MeasureDefinition {
  const d = MEASURES.find((m) => m.id === id);
  if (!d) throw new RangeError(`unknown progression measure '${id}'`);
  return d;
}
