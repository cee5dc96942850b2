/**
 * Employment histories: the records progression is measured from.
 *
 * A person's history is their qualifications, their employment spells (rows
 * of occupations.csv) and their benefit claims (rows of benefits.csv).
 *
 * A spell runs from `startedOn` to `endedOn` INCLUSIVE (the last day worked);
 * `endedOn` null means still ongoing when the data were extracted. A row
 * without `startedOn` cannot be placed in time: it stays an occupation for
 * the other analyses but is not a spell here. A pay change within a job is a
 * new spell (a new row from the day the new pay starts), so each spell has
 * one pay, one contract and one number of hours.
 */
import type { Day } from './dates.js';
import type { PayPeriod } from './pay.js';

export const CONTRACTS = ['permanent', 'temporary', 'fixed-term', 'zero-hours', 'self-employed'] as const;
export type Contract = (typeof CONTRACTS)[number];
/** Contracts that count as not permanent for "temporary to permanent" (self-employment is neither). */
export const NON_PERMANENT: readonly Contract[] = ['temporary', 'fixed-term', 'zero-hours'];

export const EXIT_REASONS = ['voluntary', 'involuntary', 'unknown'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const EMPLOYMENT_TYPES = ['training', 'full-time', 'part-time'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export function isContract(v: string): v is Contract {
  return (CONTRACTS as readonly string[]).includes(v);
}
export function isExitReason(v: string): v is ExitReason {
  return (EXIT_REASONS as readonly string[]).includes(v);
}

export interface Spell {
  /** Source line in occupations.csv (1 = header), for problems. */
  line?: number;
  /** Listing order within the person's spells (ties are broken by it: first listed wins); defaults to the array index. */
  order?: number;
  title: string;
  /** SOC sub-major group (2 digits) and major group (1 digit), null when not coded. */
  socSubmajor: string | null;
  socMajor: string | null;
  employmentType: EmploymentType | null;
  startedOn: Day | null;
  endedOn: Day | null;
  /** Usual paid hours per week. */
  hours: number | null;
  pay: number | null;
  payPeriod: PayPeriod | null;
  contract: Contract | null;
  exitReason: ExitReason | null;
}

export interface BenefitClaim {
  /** Source line in benefits.csv (1 = header). */
  line?: number;
  startedOn: Day;
  /** Inclusive; null = still claiming when the data were extracted. */
  endedOn: Day | null;
}

export interface QualificationRecord {
  title: string;
  /** SSA tier 1 code. */
  ssa: string | null;
  level: number | null;
  type: 'apprenticeship' | 'classroom' | null;
  achievedOn: Day | null;
  highest: boolean | null;
}

export interface PersonHistory {
  personKey: number;
  region: string | null;
  qualifications: QualificationRecord[];
  spells: Spell[];
  claims: BenefitClaim[];
}

/** A spell that can be placed in time: dated, and not ending before it starts. */
export function isPlaced(s: Spell): s is Spell & { startedOn: Day } {
  return s.startedOn !== null && (s.endedOn === null || s.endedOn >= s.startedOn);
}

/** A claim that does not end before it starts. */
export function isValidClaim(c: BenefitClaim): boolean {
  return c.endedOn === null || c.endedOn >= c.startedOn;
}
