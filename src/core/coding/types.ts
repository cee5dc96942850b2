/** The title coder's data and results, as plain records (loaded by src/coding/reference.ts). */

/** One entry of the ONS SOC 2020 coding index (data/soc2020/index.csv). */
export interface IndexEntry {
  /** 4-digit unit group; '' where the index refers to another indexing word (`see`). */
  soc: string;
  /** Default-entry flag: O, I, A, Q, QS, M or ''. */
  default: string;
  /** Reverse word order: "Driver, fork lift truck". */
  indexocc: string;
  /** Natural word order: "Fork lift truck driver". */
  natural: string;
  /** Additional qualifier ("windows", "nos: professional"). */
  add: string;
  /** Industry qualifier ("retail trade"). */
  ind: string;
  see: string;
}

export interface UnitGroup {
  code: string;
  title: string;
}

export interface Abbreviation {
  /** As written: "HGV", "asst", "k/p". */
  abbreviation: string;
  /** What it stands for: "heavy goods vehicle". */
  meaning: string;
}

/** A SOC 2010 unit group's share going to a SOC 2020 unit group. */
export interface SocRelation {
  soc2010: string;
  soc2020: string;
  share: number;
  /** Dual-coded people behind the share (weights the sub-major groups' table). */
  people?: number;
}

/** Everything the occupation coder is built from. */
export interface SocCodingData {
  entries: readonly IndexEntry[];
  unitGroups: readonly UnitGroup[];
  /** Volume 1's related job titles: extra entries without qualifiers. */
  relatedTitles: readonly { soc: string; title: string }[];
  /** The index's own abbreviations sheet and Routeways' list of case-system shorthand. */
  abbreviations: readonly Abbreviation[];
  relations: readonly SocRelation[];
}

/** How a title was coded (the main reason first in `reason`). */
export type ReasonKind =
  | 'memory'
  | 'exact'
  | 'reverse-order'
  | 'qualifier'
  | 'default-entry'
  | 'partial'
  | 'abbreviation'
  | 'fuzzy'
  | 'noise-removed'
  | 'ambiguous'
  | 'no-match'
  | 'soc2010'
  | 'dataset'
  | 'keywords';

export interface Alternative {
  code: string;
  title: string;
  confidence: number;
}

export interface CodedTitle {
  /** The title as given. */
  title: string;
  /** The code (SOC 2020 unit group, or SSA tier 1/tier 2), null when nothing matched. */
  code: string | null;
  codeTitle: string | null;
  /** 0-100: the estimated probability that `code` is right. */
  confidence: number;
  decision: 'auto' | 'review';
  alternatives: Alternative[];
  /** Short, readable: "exact index entry 'Driver, fork lift truck'; abbreviation FLT = fork lift truck". */
  reason: string;
  reasons: ReasonKind[];
}

/** A decision from the coding memory: applied before anything else. */
export interface MemoryDecision {
  code: string;
  /** SSA tier 2 when known (qualifications). */
  code2?: string | null;
  decidedBy: string;
  decidedAt: string;
}
