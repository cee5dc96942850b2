/**
 * Unprotected analysis results: the contract between the analyses (clusters,
 * pathways) and disclosure control.
 *
 * Every number an analysis wants to publish is expressed here in terms of
 * counts of people held in {@link CountTable}s. A {@link ReportTable} is what a
 * reader sees: rows of cells, each of which is a label, a count (a reference
 * into a count table), a share (numerator and denominator references), or a
 * statistic whose publication depends on some counts. Disclosure control
 * (src/core/disclosure) turns a {@link Results} bundle into a protected
 * release; nothing else may publish it.
 *
 * Results are INTERNAL: they hold unprotected small counts and must never be
 * written anywhere public. Files holding them carry `protected: false`.
 */

/** A category of a dimension. A category with `children` is a margin: it equals the sum of its children (when its table is additive). */
export interface Category {
  code: string;
  label: string;
  /** Codes of the categories that sum to this one (e.g. a SOC major group's sub-major groups, or a total's every leaf). */
  children?: string[];
}

/** A classification a count table is crossed by (region, SSA, SOC group, qualification type, cluster...). */
export interface Dimension {
  /** Stable identifier, e.g. "ssa", "soc_submajor", "qualification_type". */
  id: string;
  /** Heading for readers, e.g. "Sector subject area (tier 1)". */
  label: string;
  /** Classification it follows, for the standard labels, e.g. "SSA tier 1", "SOC 2020 sub-major group". */
  classification?: string;
  categories: Category[];
}

/** One cell of a count table. `keys[i]` is a category code of `dimensions[i]`. */
export interface CountCell {
  keys: string[];
  /** Distinct people (unweighted). */
  n: number;
  /** Sum of weights, when the analysis is weighted. */
  w?: number;
  /** Sum of squared weights (for the Kish effective base), when weighted. */
  w2?: number;
  /**
   * Cell key (the cell key method): the sum of the record keys of the cell's
   * distinct people modulo 4096, so the same people get the same perturbation
   * in every table. Internal, like n; never published.
   */
  key?: number;
}

/**
 * People counted over the cross product of some dimensions.
 *
 * When `additive` is true every person falls in exactly one leaf category of
 * each dimension, so every margin cell equals the sum of its children's cells
 * with the other keys fixed: these are the linear relations secondary
 * suppression must respect. When false (a person may be counted in several
 * categories, e.g. people holding each qualification of a cluster) the table
 * has no relations within itself.
 *
 * Cells absent from `cells` are true zeros.
 */
export interface CountTable {
  id: string;
  title: string;
  dimensions: Dimension[];
  additive: boolean;
  cells: CountCell[];
  /**
   * Tables that count the same people with the same totals, so that a cell of
   * one can be combined with cells of another (e.g. the same population by
   * SSA and by qualification type). Linked tables are protected together; the
   * shared margins are identified by equal `keys` on dimensions with equal ids.
   */
  linkedWith?: string[];
  /**
   * The table's cells add up across regions: in a set of reports published
   * together (all regions and each region, `protectSet`), a cell of the
   * all-regions report's table equals the sum of the same cell (same keys) of
   * the regional reports' tables plus the people of no published region. True:
   * every inner cell (all keys leaves; every cell when not additive). A list of
   * keys: only those cells (e.g. everyone analysed, but not the clusters, which
   * each region finds for itself). Absent: no such relation.
   */
  sumsAcrossRegions?: boolean | string[][];
}

/** A reference to one cell of a count table. */
export interface CellRef {
  table: string;
  keys: string[];
}

/** What a report table cell shows. */
export type ReportCell =
  /**
   * Text such as a cluster name, or a category label. `dependsOn`: suppress the text when any of these counts is
   * suppressed (e.g. "most common occupation" on a small base); the release shows those counts, so that what the
   * text's presence says about them (a row listed because people are in it) is in the audit's model.
   */
  | { kind: 'text'; text: string; dependsOn?: CellRef[] }
  /** A count of people. */
  | { kind: 'count'; ref: CellRef }
  /**
   * A share (0-1) of `den` that is `num`, worked out by disclosure control from the published counts. `weighted`: use
   * the w sums, n for the base rules. `minShown`: left empty when the published share is under it (a display threshold
   * decided on published figures, so an empty cell and a withheld one tell nothing about the true count).
   * `minBase`: not applicable ([z]) when the published base is under it (the analysis's base rule, on published figures).
   */
  | { kind: 'share'; num: CellRef; den: CellRef; weighted?: boolean; minShown?: number; minBase?: number }
  /**
   * Any other statistic (confidence, lift, distinct occupations). Suppressed when any count it rests on is. `decimals` for display.
   * `ratio`: the statistic is prod(numerator) / prod(denominator) x scale of counts (a lift): disclosure control
   * publishes it computed from the published counts, so it cannot undo their protection.
   */
  | {
      kind: 'stat';
      value: number;
      dependsOn: CellRef[];
      decimals?: number;
      unit?: 'share' | 'ratio' | 'number';
      ratio?: { numerator: CellRef[]; denominator: CellRef[]; scale?: number };
      /**
       * A distinct count (number of occupations): the number of these cells published as non-zero, worked out by
       * disclosure control from the published cells (which the release then shows), so it tells nothing more than they do.
       */
      distinct?: CellRef[];
      /**
       * A magnitude (a median pay, a mean of months) resting on the people of this cell: published only when
       * they are at least the policy's minimum base (their true count, and under the cell key method their
       * published count too), else [c]. The analysis rounds the value to the precision it states.
       */
      base?: CellRef;
    }
  /** Does not apply here (GSS [z]), e.g. 'na' figures of the 'Other' row. */
  | { kind: 'not-applicable' }
  /** Empty cell (no value and nothing to say). */
  | { kind: 'empty' };

export interface ReportColumn {
  id: string;
  label: string;
}

export interface ReportRow {
  /** Stable key within the table. */
  id: string;
  cells: ReportCell[];
  /** A row that sums others (rendered in bold, not sorted). */
  total?: boolean;
}

/** A table as readers see it, in the order it is published. */
export interface ReportTable {
  id: string;
  title: string;
  caption?: string;
  /** Which section of a report it belongs to, e.g. "clusters", "profiles", "pathways". */
  section: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Notes for readers (definitions, caveats), in plain words. */
  notes?: string[];
  /** Also draw the table as a figure: `flow`, a flow (Sankey) diagram of its rows (see TableDisplay). */
  display?: TableDisplay;
}

/**
 * A table also drawn as a flow diagram: each row is a link from the node in
 * column `from` to the node in column `to`, as wide as the count in column
 * `value`. The text of column `step` says which step a link is; a step's
 * `to` nodes are the next step's `from` nodes (same label), so nodes are
 * placed by step (step k's `from` nodes in column k of the diagram). Rows
 * whose count is withheld or zero are not drawn.
 */
export interface TableDisplay {
  kind: 'flow';
  step: number;
  from: number;
  to: number;
  value: number;
}

/** The nodes and links of a qualification x occupation network, for the map. Counts are references. */
export interface NetworkResult {
  nodes: Array<{
    id: string;
    label: string;
    side: 'qualification' | 'occupation';
    cluster: string | null;
    /** People holding this qualification / entering this occupation among those analysed. */
    people: CellRef;
    /** Share of bootstrap replicates in which the node stays with its cluster's co-members (0-1). */
    confidence?: number;
  }>;
  links: Array<{
    source: string;
    target: string;
    /** People holding both. */
    people: CellRef;
    /** A lift as computed (published as given); better declare `population`, and the published lift is worked out from published counts. */
    lift?: number;
    q?: number;
    significant?: boolean;
  }>;
  clusters: Array<{ id: string; name: string; people: CellRef }>;
  /** Everyone analysed: with the node and link counts, the published lift of each link is worked out from published counts. */
  population?: CellRef;
}

/** Standard labels for published statistics (seed 004; UKCES). */
export interface StandardLabels {
  source: string;
  regularity: string;
  /** ISO date the statistics were produced. */
  date: string;
  classification: string[];
  spatialAvailability: string;
}

/** A setting value: what an analyst chose (scalars, lists of them, or a group of such). */
export type SettingValue = string | number | boolean | null | Array<string | number | boolean> | { [key: string]: SettingValue };

/**
 * The analyst's choices, made before looking at the data (the options an
 * analysis ran with): safe to publish, and published in each release.
 */
export type Settings = { [key: string]: SettingValue };

/** What an analysis found while running (people analysed, nodes, links, modularity): exact and unprotected, never published. */
export type Findings = { [key: string]: number | string | boolean | null };

/** A part of a report that an analysis's tables belong to (ReportTable.section is its id). */
export interface Section {
  id: string;
  heading: string;
  /** A paragraph introducing the section, in plain words. */
  intro?: string;
}

/** One entry of a headline list: a label (e.g. a cluster's name) and the figure beside it. */
export interface HeadlineItem {
  /** Usually a text cell depending on the counts it names, so it is withheld with them. */
  text: ReportCell;
  figure?: ReportCell;
  /** Leave the item out when its figure is withheld (default: show the text alone). */
  requireFigure?: boolean;
}

/**
 * A headline figure of a report: a column of the site's index and a sentence of
 * the report's overview. Either one figure (people analysed) or a list (the
 * clusters, the clear pathways), whose published length is the headline number.
 *
 * Sentences are templates the site fills from the published figures:
 * `{value}` the figure; `{count}` the items published; `{items}` the first
 * three as "text (figure)"; `{where}` the report's place ("in London",
 * "across all regions"); `{count|one|many}` and `{items|one|many}` choose a
 * word by number.
 */
export interface Headline {
  id: string;
  /** Heading on the index, e.g. "People analysed". */
  label: string;
  figure?: ReportCell;
  items?: HeadlineItem[];
  /** Order of the published items: as given, or by published figure, largest first. */
  order?: 'as-given' | 'figure-desc';
  sentence?: {
    text: string;
    /** Used instead when the figure is withheld (no sentence when absent). */
    withheld?: string;
  };
}

/**
 * A linear fact the layout of a report states about its counts, beyond the
 * counts themselves: a display threshold (rows shown have 30 or more people, the
 * rest fewer), an ordering (the most common occupation has at least as many
 * people as each other), a choice made on the true counts (a clear pathway).
 * min <= sum(coef x cell) <= max (integers: a strict "fewer than 30" is max 29).
 * Published with the release, so that the audit's attacker uses it too.
 */
export interface LayoutFact {
  terms: Array<{ ref: CellRef; coef: number }>;
  min?: number;
  max?: number;
  /** In plain words, for the audit report. */
  why: string;
  /** Stated only where these counts are published (the text that tells it is withheld with them). */
  when?: CellRef[];
}

/** Everything one analysis run wants to publish, unprotected. */
export interface Results {
  protected: false;
  /** Stable id of the analysis, e.g. "clusters", "pathways". */
  analysis: string;
  /** Readers' name of the analysis, e.g. "Clusters of qualifications and occupations". */
  title?: string;
  dataset: string;
  /** Region code the results are restricted to, or null for all regions. */
  region: string | null;
  /** The analyst's choices (safe to publish; see Settings). */
  settings: Settings;
  /** What the run found (unprotected; never published). */
  findings?: Findings;
  countTables: CountTable[];
  reportTables: ReportTable[];
  network?: NetworkResult;
  /** What the report tables' layout says about their counts (thresholds, orderings), for the audit's model. */
  facts?: LayoutFact[];
  /** Standard labels of this analysis's tables (source, classification...). */
  labels?: Partial<StandardLabels>;
  /** The report sections its tables go in, in order. */
  sections?: Section[];
  headlines?: Headline[];
  /** Method notes in plain words ("how the figures were made"). */
  methodNotes?: string[];
  /** The settings as readers see them in the method notes: [label, value]. */
  settingNotes?: Array<[string, string]>;
}
