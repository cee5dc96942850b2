/**
 * Inputs of the pathways analysis (seed 002, DfE 2020): counts, not records.
 *
 * The store's SQL (src/store/pathway-counts.ts) reduces the records to one row
 * per combination of the classifying variables below; an organisation whose
 * data sits elsewhere can run the same aggregation there and hand over rows
 * of this shape.
 *
 * Who is counted, and with what (the DfE's rules, made explicit):
 * - each person once, by their HIGHEST qualification: the qualification marked
 *   `highest`, else the one with the highest level, then the latest
 *   `achieved_on`, then the first listed. Its SSA, level and type classify the
 *   person, so SSAs partition people.
 * - each person's MAIN occupation: the one started most recently (`started_on`),
 *   ties and undated jobs resolved by the order in occupations.csv (first
 *   listed). The DfE kept "a single qualification/occupation combination for
 *   each young person" (Annex A); its survey recorded one main activity. Its
 *   SOC sub-major group and employment type classify the person, so
 *   occupations partition people too and the count tables are additive.
 */

export type PathwayLevel = 2 | 3 | 'all';

/** Why a person whose highest qualification is at the level is or is not analysed. */
export type CoverageStatus = 'analysed' | 'no-occupation' | 'no-soc' | 'no-ssa';

/** One row of the aggregated counts. */
export interface PathwayCountRow {
  /** Level of the person's highest qualification (null when not recorded). */
  level: number | null;
  /** Region code, when counted by region (null = region not known). */
  region?: string | null;
  status: CoverageStatus;
  /** SSA tier 1 code; null unless status is 'analysed'. */
  ssa: string | null;
  /** 'apprenticeship' | 'classroom' | null (not known). */
  qualificationType: string | null;
  /** SOC sub-major group (2 digits); null unless status is 'analysed'. */
  soc: string | null;
  /** 'training' | 'full-time' | 'part-time' | null (not known). */
  employmentType: string | null;
  /** Distinct people. */
  n: number;
  /** Cell key of those people (the cell key method), when counted with record keys. */
  key?: number;
  /** Sum of weights and of squared weights, when weighted. */
  w?: number;
  w2?: number;
}

export interface PathwayCounts {
  rows: PathwayCountRow[];
  weighted: boolean;
  byRegion: boolean;
}

/** A related-occupation mapping: SSA tier 1 x SOC sub-major group -> related. */
export interface MappingRow {
  ssa: string;
  soc: string;
  related: boolean;
}

export interface RelatedMapping {
  name: string;
  version: number;
  rows: MappingRow[];
}

/** Every threshold of the analysis, with the DfE's values as defaults. */
export interface PathwayThresholds {
  /** An SSA offers a clear pathway when at least this share of its people enter one occupation (DfE: 30%). */
  clearPathway: number;
  /** Groups (SSAs, occupations, type groups) with fewer people than this are not reported on their own (DfE: 30). */
  minBase: number;
  /** SSA x occupation shares below this are not shown (DfE: 10%). */
  minShare: number;
}

export const DFE_THRESHOLDS: Readonly<PathwayThresholds> = Object.freeze({ clearPathway: 0.3, minBase: 30, minShare: 0.1 });

/** Readers' labels for codes. Missing codes fall back to the code. */
export interface PathwayLabels {
  ssa: Record<string, string>;
  soc: Record<string, string>;
  region?: Record<string, string>;
}

export interface PathwayOptions {
  dataset: string;
  level: PathwayLevel;
  mapping: RelatedMapping;
  thresholds?: Partial<PathwayThresholds>;
  labels: PathwayLabels;
  /** The region the counts were restricted to (null: all regions). */
  region?: string | null;
  /** Count tables carry a region dimension and report tables are made for each region as well as for all together. */
  byRegion?: boolean;
  /** Use the weights: weighted shares, Kish effective bases; counts stay unweighted ("sample counts"). */
  weighted?: boolean;
  /** Classification the SOC codes follow, for the standard labels (default "SOC 2010 sub-major group"). */
  socClassification?: string;
}
