/** The shapes of a counted network (src/store/network.ts counts it from records, counts-network.ts from a warehouse's patterns). */
import type { PersonIncidence } from '../core/graph/incidence.js';
import type { LinkCounts } from '../core/links/significance.js';

export type OccupationGrouping = 'title' | 'soc';

export interface NetworkFilters {
  /** Region code (people.region), e.g. 'YH'. */
  region?: string | null;
  /** Qualification levels to keep (1-8). */
  levels?: number[];
  /** SSA tier 1 codes to keep ('1'..'15'). */
  ssa?: string[];
  /** Qualification type to keep. */
  type?: 'apprenticeship' | 'classroom';
  /** Keep qualifications achieved on or after this ISO date (YYYY-MM-DD). Qualifications without a date are dropped when a range is given. */
  from?: string;
  /** Keep qualifications achieved on or before this ISO date. */
  to?: string;
  /** Drop nodes held by fewer people than this (default 1: keep all). */
  minPeople?: number;
  /** Occupations by title as entered (default) or by SOC sub-major group (occupations without a usable SOC code are then left out). */
  occupationBy?: OccupationGrouping;
  /** Titles counted under a label (accepted spelling variants): [title as entered, label] pairs per side. */
  titleLabels?: { qualification?: Array<[string, string]>; occupation?: Array<[string, string]> };
}

export interface NodeList {
  /** The value nodes are keyed by: the title as entered, or the SOC sub-major group code. Index = dense node index. */
  keys: string[];
  /** People analysed holding each node. */
  people: Int32Array;
  /** The cell key of each node's people (sum of their record keys modulo 4096; the cell key method). */
  cellKeys: Int32Array;
}

export interface CharacteristicColumn {
  /** Column name in people.csv. */
  name: string;
  /** 'boolean' when every recorded value is 'true' or 'false'. */
  kind: 'boolean' | 'category';
  /** The distinct recorded values, sorted (for booleans: ['false', 'true']). */
  values: string[];
  /** For each analysed person, the index into `values`, or -1 when not recorded. */
  codes: Int32Array;
}

export interface NetworkData {
  datasetId: number;
  filters: NetworkFilters;
  /** People analysed (N). */
  people: number;
  /** person_key of each analysed person (dense index -> key). */
  personKeys: Int32Array;
  /** Record key (0..4095) of each analysed person, for cell keys; internal, never published. */
  recordKeys: Int32Array;
  qualifications: NodeList;
  occupations: NodeList;
  occupationBy: OccupationGrouping;
  /** w(q, o) for every pair with at least one person, ordered by q then o. */
  links: LinkCounts;
  /** The cell key of each link's people, in the order of `links`. */
  linkKeys: Int32Array;
  incidence: PersonIncidence;
  characteristics: CharacteristicColumn[];
  /** Rounds of the minimum-people fixed point (1 when nothing was dropped). */
  rounds: number;
}
