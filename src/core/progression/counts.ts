/**
 * What a progression count pass returns, from the store's SQL or from
 * histories in memory: counts and order statistics by group, route counts,
 * and the context they were computed in. No records.
 */
import type { Day } from './dates.js';
import type { GroupAggregate } from './aggregate.js';
import type { RouteCount, RouteOptions } from './routes.js';
import type { GroupDimension, ProgressionSettings } from './settings.js';
import { medianInterval } from '../stats/median-interval.js';

export interface ProgressionCoverage {
  /** People in the population (the dataset, or one region of it). */
  people: number;
  /** Of them: no qualification (not followed up); the highest one has no achievement date; the window ends after the records do; followed up. */
  noQualification: number;
  noDate: number;
  incomplete: number;
  analysed: number;
}

export interface ProgressionContext {
  /** The last day the records cover (set, or the latest date recorded); null when nothing is dated. */
  observedTo: Day | null;
  /** Median hourly pay over every spell of the dataset with an hourly pay (all regions), and how many there were. */
  medianHourly: number | null;
  spellsWithPay: number;
  /** The low-pay threshold used (pounds an hour). */
  lowPayThreshold: number | null;
}

export interface CountOptions {
  /** Dimensions to group by (default SSA x level x region). */
  by?: GroupDimension[];
  /** Also every margin of `by` down to everyone (default true). */
  margins?: boolean;
  /** The grouping sets to report instead (each a subset of `by`, e.g. each dimension alone and everyone). */
  sets?: GroupDimension[][];
  /** Only people of this region (the context still comes from the whole dataset). */
  region?: string | null;
  routes?: Partial<RouteOptions>;
  /** Also the cell keys of every count (for the cell key method), from the record keys prepared for a run or computed in the query. */
  cellKeys?: boolean | { table: string; datasetId: number };
  /** The `cluster` dimension: the cluster of each qualification title (as entered) in one. */
  clusters?: ReadonlyMap<string, string>;
}

export interface ProgressionCounts {
  settings: ProgressionSettings;
  context: ProgressionContext;
  sets: GroupDimension[][];
  coverage: ProgressionCoverage;
  aggregates: GroupAggregate[];
  routeOptions: RouteOptions;
  routes: RouteCount[];
}

export const DEFAULT_BY: readonly GroupDimension[] = ['ssa', 'level', 'region'];
export const DEFAULT_ROUTES: Readonly<RouteOptions> = { occupationBy: 'soc', qualificationBy: 'title' };

/** The low-pay threshold: the set hourly figure, else the share of the median hourly pay (null without pay data). */
export function lowPayThreshold(settings: ProgressionSettings, medianHourly: number | null): number | null {
  if (settings.lowPay.hourly !== undefined) return settings.lowPay.hourly;
  return medianHourly === null ? null : settings.lowPay.share * medianHourly;
}

/** The median of hourly pays sorted ascending (null when none). */
export function medianHourlyPay(sorted: readonly number[]): number | null {
  return medianInterval(sorted).median;
}
