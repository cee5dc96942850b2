/**
 * Pay made comparable: every pay figure turned into gross pay per hour.
 *
 * Assumptions (stated in the method notes):
 * - `pay` is gross pay as recorded, before tax, for the period `pay_period`;
 *   `hours` is the usual paid hours per week of the same job.
 * - A year has 52.143 weeks (365 / 7 = 52.1429, to three decimals; leap
 *   years are ignored); a month is a twelfth of a year (4.345 weeks).
 * - hour: the pay itself (hours not needed); week: pay / hours;
 *   month: pay x 12 / (52.143 x hours); year: pay / (52.143 x hours).
 * - No hourly pay without a positive pay, or without positive hours for a
 *   week, month or year: such a spell's pay is not comparable and it leaves
 *   the pay measures' bases (it still counts as work).
 *
 * The store's SQL (src/store/progression-counts.ts) uses the same constants
 * and the same order of operations, so both give identical doubles.
 */

export const PAY_PERIODS = ['hour', 'week', 'month', 'year'] as const;
export type PayPeriod = (typeof PAY_PERIODS)[number];

/** Weeks in a year (365 / 7, to 3 decimals). */
export const WEEKS_PER_YEAR = 52.143;
export const MONTHS_PER_YEAR = 12;

export function isPayPeriod(v: string): v is PayPeriod {
  return (PAY_PERIODS as readonly string[]).includes(v);
}

/** Gross pay per hour, or null when it cannot be worked out (see the module notes). */
export function hourlyPay(pay: number | null, period: PayPeriod | null, hoursPerWeek: number | null): number | null {
  if (pay === null || period === null || !(pay > 0)) return null;
  if (period === 'hour') return pay;
  if (hoursPerWeek === null || !(hoursPerWeek > 0)) return null;
  if (period === 'week') return pay / hoursPerWeek;
  if (period === 'month') return (pay * MONTHS_PER_YEAR) / (WEEKS_PER_YEAR * hoursPerWeek);
  return pay / (WEEKS_PER_YEAR * hoursPerWeek);
}

/** The pay for `period` that gives `hourly` back through hourlyPay (generators of histories: the demo, tests). */
export function payForHourly(hourly: number, hoursPerWeek: number, period: PayPeriod): number {
  if (period === 'hour') return hourly;
  if (period === 'week') return hourly * hoursPerWeek;
  if (period === 'month') return (hourly * hoursPerWeek * WEEKS_PER_YEAR) / MONTHS_PER_YEAR;
  return hourly * hoursPerWeek * WEEKS_PER_YEAR;
}
