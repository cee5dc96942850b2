/**
 * The settings of the progression measures, with their defaults and checks.
 */
import { UsageError } from '../errors.js';
import { dayFromIso, type Day } from './dates.js';

/**
 * Dimensions people can be grouped by (each person is counted once, by their highest qualification).
 * `cluster` is the cluster that qualification's title is in (the clusters analysis's partition).
 */
export const GROUP_DIMENSIONS = ['ssa', 'level', 'type', 'title', 'cluster', 'region'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export interface RealGainRule {
  /**
   * Prices by calendar year (any base, e.g. CPIH 2015 = 100). When given, a
   * gain is real when the later job's hourly pay, in the first job's prices
   * (deflated by index[later year] / index[first year]), is above the first
   * job's by more than `minGain`. Every year the jobs start in must be there.
   */
  priceIndex?: Readonly<Record<number, number>>;
  /** Without a price index, prices are taken to rise by this share a year (default 0.02, the Bank of England's CPI target). */
  inflation: number;
  /** A real gain must exceed this share on top of price rises (default 0: any rise above prices). */
  minGain: number;
}

export interface ProgressionSettings {
  /** Follow-up window in calendar months from the qualification's achievement date (default 12). */
  months: number;
  /** Bases under this are flagged (DfE: 30). */
  minBase: number;
  /** Low pay: below `share` x the dataset's median hourly pay (default 2/3, the OECD and ONS definition), or below `hourly` when set. */
  lowPay: { share: number; hourly?: number };
  realGain: RealGainRule;
  /** The last day the records cover; people whose window ends later are left out. Default: the latest date in the spells and claims. */
  observedTo?: Day;
}

export const DEFAULT_SETTINGS: Readonly<ProgressionSettings> = Object.freeze({
  months: 12,
  minBase: 30,
  lowPay: { share: 2 / 3 },
  realGain: { inflation: 0.02, minGain: 0 },
});

export interface SettingsInput {
  months?: number;
  minBase?: number;
  lowPayShare?: number;
  lowPayHourly?: number;
  inflation?: number;
  minGain?: number;
  priceIndex?: Record<number, number>;
  /** ISO date. */
  observedTo?: string;
}

/** Settings from options, checked; throws UsageError naming the setting and what it takes. */
export function progressionSettings(input: SettingsInput = {}): ProgressionSettings {
  const months = input.months ?? DEFAULT_SETTINGS.months;
  if (!Number.isInteger(months) || months < 1 || months > 240) throw new UsageError(`--months must be a whole number of months from 1 to 240, got ${months}`);
  const minBase = input.minBase ?? DEFAULT_SETTINGS.minBase;
  if (!Number.isInteger(minBase) || minBase < 1) throw new UsageError(`--min-base must be a whole number of people (1 or more), got ${minBase}`);
  const share = input.lowPayShare ?? DEFAULT_SETTINGS.lowPay.share;
  if (!(share > 0 && share <= 1)) throw new UsageError(`--low-pay-share must be above 0 and at most 1 (a share of the median hourly pay), got ${share}`);
  if (input.lowPayHourly !== undefined && !(input.lowPayHourly > 0)) throw new UsageError(`--low-pay must be an hourly pay above 0, got ${input.lowPayHourly}`);
  const inflation = input.inflation ?? DEFAULT_SETTINGS.realGain.inflation;
  if (!(inflation > -0.5 && inflation < 1)) throw new UsageError(`--inflation must be a yearly share between -0.5 and 1 (0.02 for 2%), got ${inflation}`);
  const minGain = input.minGain ?? DEFAULT_SETTINGS.realGain.minGain;
  if (!(minGain >= 0 && minGain < 10)) throw new UsageError(`--min-gain must be a share of 0 or more (0.05 for 5%), got ${minGain}`);
  if (input.priceIndex) {
    for (const [year, v] of Object.entries(input.priceIndex)) {
      if (!/^\d{4}$/.test(year) || !(v > 0)) throw new UsageError(`the price index needs a 4-digit year and a value above 0 for each row, got ${year}: ${v}`);
    }
  }
  let observedTo: Day | undefined;
  if (input.observedTo !== undefined) {
    try {
      observedTo = dayFromIso(input.observedTo);
    } catch {
      throw new UsageError(`--observed-to must be a date YYYY-MM-DD, got '${input.observedTo}'`);
    }
  }
  return {
    months,
    minBase,
    lowPay: { share, ...(input.lowPayHourly !== undefined ? { hourly: input.lowPayHourly } : {}) },
    realGain: { inflation, minGain, ...(input.priceIndex ? { priceIndex: { ...input.priceIndex } } : {}) },
    ...(observedTo !== undefined ? { observedTo } : {}),
  };
}
