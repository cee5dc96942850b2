/**
 * Each person's contribution to each measure: in or out of its base, and
 * their outcome or value. The store's SQL computes the same from its person
 * table, with the same constants and operations.
 *
 * A REAL wage gain: hourly pay in the job at the end above the first job's
 * by more than prices rose between the two jobs' start dates, and by more
 * than `minGain` on top: end > first x ratio x (1 + minGain), where ratio is
 * index[year of the later start] / index[year of the first start] when a
 * price index is given, else (1 + inflation) ^ (days between the starts /
 * 365.25), 2% a year by default (the Bank of England's CPI target). A person
 * in the same job throughout has no gain (one pay per spell; spells.ts).
 */
import { UsageError } from '../errors.js';
import { yearOfDay, type Day } from './dates.js';
import type { MeanMeasure, MedianMeasure, ShareMeasure } from './catalogue.js';
import type { PersonOutcome } from './person.js';
import type { RealGainRule } from './settings.js';
import { NON_PERMANENT } from './spells.js';

export interface ValueContext {
  months: number;
  /** Hourly pay below this is low pay; null when no threshold could be set (no pay recorded), so the low-pay bases are empty. */
  lowPayThreshold: number | null;
  realGain: RealGainRule;
}

export interface PersonValues {
  /** null: not in the measure's base; else whether the person has the outcome. */
  shares: Record<ShareMeasure, boolean | null>;
  medians: Record<MedianMeasure, number | null>;
  means: Record<MeanMeasure, number | null>;
}

export const DAYS_PER_YEAR = 365.25;

/** How much prices rose from one day to another (see the module notes). */
export function priceRatio(rule: RealGainRule, from: Day, to: Day): number {
  if (rule.priceIndex) {
    const a = rule.priceIndex[yearOfDay(from)];
    const b = rule.priceIndex[yearOfDay(to)];
    const missing = a === undefined ? yearOfDay(from) : b === undefined ? yearOfDay(to) : null;
    if (missing !== null) throw new UsageError(`the price index has no value for ${missing} (a job in the data starts that year); add it, or leave the index out to assume ${rule.inflation * 100}% a year`);
    return b / a;
  }
  return Math.pow(1 + rule.inflation, (to - from) / DAYS_PER_YEAR);
}

/** The values of an analysed person. */
export function personValues(o: PersonOutcome, ctx: ValueContext): PersonValues {
  const { first, end } = o;
  const pay = first !== null && end !== null && first.hourly !== null && end.hourly !== null ? { f: first.hourly, e: end.hourly } : null;
  const hours = first !== null && end !== null && first.hours !== null && end.hours !== null ? end.hours - first.hours : null;
  const t = ctx.lowPayThreshold;
  const endLow = t !== null && end !== null && end.hourly !== null ? end.hourly < t : null;
  const firstLow = t !== null && first !== null && first.hourly !== null && first.hourly < t;
  const skills = first !== null && end !== null && first.skill !== null && end.skill !== null ? end.skill > first.skill : null;
  const tempStart = first !== null && first.contract !== null && NON_PERMANENT.includes(first.contract);
  const realGain = pay === null ? null : pay.e > pay.f * priceRatio(ctx.realGain, first!.startedOn, end!.startedOn) * (1 + ctx.realGain.minGain);
  return {
    shares: {
      in_work_end: end !== null,
      real_wage_gain: realGain,
      hours_up: hours === null ? null : hours > 0,
      temp_to_permanent: tempStart && end !== null && end.contract !== null ? end.contract === 'permanent' : null,
      involuntary_exit: o.inWorkInWindow ? o.involuntaryExit : null,
      repeat_claim: o.claimBase ? o.repeatClaim : null,
      low_pay: endLow,
      low_pay_persistence: firstLow && endLow !== null ? endLow : null,
      training: o.inWorkInWindow ? o.training : null,
      skill_up: skills,
    },
    medians: {
      wage_gain: pay === null ? null : pay.e / pay.f - 1,
      hours_change: hours,
      hourly_pay_end: end !== null ? end.hourly : null,
    },
    means: { months_in_work: (ctx.months * o.daysInWork) / o.window!.days },
  };
}

/** Throws the same UsageError as priceRatio when the index lacks any of `years` (the years the compared jobs start in). */
export function checkPriceIndex(rule: RealGainRule, years: Iterable<number>): void {
  if (!rule.priceIndex) return;
  for (const y of [...years].sort((a, b) => a - b)) {
    const day = Date.UTC(y, 0, 1) / 86_400_000;
    priceRatio(rule, day, day);
  }
}
