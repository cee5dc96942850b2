/** Readers' words for the pathways tables (the DfE's, where it had some). */

export const QUALIFICATION_TYPE_LABELS: Readonly<Record<string, string>> = {
  apprenticeship: 'Apprenticeship',
  classroom: 'Classroom-based',
  unknown: 'Type not known',
};

export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  'full-time': 'Full-time employment',
  training: 'Employment with training',
  'part-time': 'Part-time employment',
  unknown: 'Employment type not known',
};

/** Short forms the DfE used in Tables 1 and 2. */
export const EMPLOYMENT_TYPE_SHORT: Readonly<Record<string, string>> = {
  'full-time': 'Full-time job',
  training: 'As part of training',
  'part-time': 'Part-time job',
  unknown: 'Not known',
};

export const COVERAGE_LABELS: Readonly<Record<string, string>> = {
  analysed: 'Analysed',
  'analysed-mapped': 'Analysed, subject and occupation covered by the mapping',
  'analysed-unmapped': 'Analysed, subject and occupation not covered by the mapping (counted as not related)',
  'no-ssa': 'Not analysed: sector subject area of the highest qualification not known',
  'no-occupation': 'Not analysed: no occupation recorded',
  'no-soc': 'Not analysed: occupation has no SOC sub-major group',
  total: 'All people whose highest qualification is at this level',
};

export const OTHER_SSA_LABEL = 'Other sector subject areas';
export const OTHER_OCCUPATION_LABEL = 'Other occupations';

export function levelLabel(level: 2 | 3 | 'all'): string {
  return level === 'all' ? 'any level' : `level ${level}`;
}

export function levelId(level: 2 | 3 | 'all'): string {
  return level === 'all' ? 'all' : `l${level}`;
}
