/**
 * A protected release: what disclosure control hands to publishing. Every
 * number in it has passed primary suppression, rounding and secondary
 * suppression, and the release has passed the audit.
 *
 * Only this module (src/core/disclosure) makes ProtectedRelease values: the
 * brand below cannot be produced elsewhere without a cast, and `isProtected`
 * checks at run time that a value really came from `protect` (or from
 * `readRelease`, which re-audits what it reads). Every publishing path
 * (files, report pages, the API) accepts a ProtectedRelease and nothing else.
 */
import type { Dimension, ReportColumn, Section, Settings, StandardLabels, TableDisplay } from '../results.js';

/** UK Government Statistical Service shorthand symbols. */
export type GssSymbol =
  /** confidential: suppressed to protect people */
  | '[c]'
  /** not available */
  | '[x]'
  /** not applicable */
  | '[z]'
  /** rounds to zero but is not zero */
  | '[low]'
  /** low reliability (shown beside a figure, not instead of it) */
  | '[u]';

export const SYMBOL_MEANINGS: Readonly<Record<GssSymbol, string>> = {
  '[c]': 'Confidential: withheld to protect the people behind the figure',
  '[x]': 'Not available',
  '[z]': 'Not applicable',
  '[low]': 'Rounds to zero but is not zero',
  '[u]': 'Low reliability: the figure rests on few people',
};

/** Why a cell holds a symbol instead of a number. */
export type SuppressionReason =
  | 'primary-small-count'
  | 'primary-small-base'
  | 'secondary'
  | 'depends-on-suppressed'
  | 'not-applicable'
  | 'not-available'
  | 'rounds-to-zero';

/** One published cell. Numbers are already rounded as the policy says. */
export type PublishedCell =
  | { kind: 'text'; text: string }
  /** A count of people (rounded per policy). `ref`: the count-table cell it shows (lets a reader re-audit). */
  | { kind: 'count'; value: number; ref?: PublishedCellRef }
  /** A share 0-1; `low`/`high`: Wilson 95% interval when given; `flag` [u]: low reliability (a base under the minimum, cell key method). */
  | { kind: 'share'; value: number; low?: number; high?: number; base?: number; flag?: '[u]' }
  | { kind: 'stat'; value: number; decimals?: number; unit?: 'share' | 'ratio' | 'number' }
  | { kind: 'symbol'; symbol: GssSymbol; reason: SuppressionReason }
  | { kind: 'empty' };

/** Which published count-table cell a report cell shows. */
export interface PublishedCellRef {
  table: string;
  keys: string[];
}

export interface PublishedRow {
  id: string;
  total?: boolean;
  cells: PublishedCell[];
}

export interface PublishedTable {
  id: string;
  /** The analysis the table comes from. */
  analysis?: string;
  /** Standard labels of the table's analysis (source, classification...). */
  labels?: Partial<StandardLabels>;
  title: string;
  caption?: string;
  section: string;
  columns: ReportColumn[];
  rows: PublishedRow[];
  notes?: string[];
  /** Drawn as a figure too (a flow diagram), as the analysis declared. */
  display?: TableDisplay;
}

/** The network for the map, with suppressed nodes and links left out. */
export interface PublishedNetwork {
  nodes: Array<{
    id: string;
    label: string;
    side: 'qualification' | 'occupation';
    cluster: string | null;
    people: number;
    confidence?: number;
  }>;
  links: Array<{ source: string; target: string; people: number; lift?: number; q?: number; significant?: boolean }>;
  clusters: Array<{ id: string; name: string; people: number | null }>;
  /** How many nodes and links were left out because their counts are suppressed. */
  omitted: { nodes: number; links: number };
}

/** The disclosure-control settings a release was made with (documented in src/core/disclosure/policy.ts). */
export interface PolicySummary {
  /** The disclosure method (absent in releases made before the cell key method: suppression). */
  method?: 'suppression' | 'perturbation';
  minCount: number;
  roundingBase: number | null;
  minBase: number;
  /** Whether an insider counted alone in a cell was guarded against. */
  protectSingletons?: boolean;
}

/**
 * The structure of a count table with its published cells: enough for anyone
 * (and readRelease) to rebuild the linear relations and re-run the rank audit.
 * Holds only published values (rounded) and symbols; unpublished cells are absent.
 */
export interface PublishedCountTable {
  id: string;
  title: string;
  dimensions: Dimension[];
  additive: boolean;
  linkedWith?: string[];
  cells: Array<{ keys: string[]; value: number } | { keys: string[]; symbol: GssSymbol; reason: SuppressionReason }>;
  /** The table's cells add up across the regions of a release set (see Results' CountTable). */
  sumsAcrossRegions?: boolean | string[][];
  /** Published cells of this table that count the same people as a published cell of a linked table. */
  sameAs?: Array<{ keys: string[]; table: string; otherKeys: string[] }>;
}

export interface AuditSummary {
  passed: boolean;
  suppressedCells: number;
  /** Suppressed cells the audit checked, and the ones it found derivable (must be 0 to publish). */
  checked: number;
  derivable: Array<{ table: string; cell: string; why: string }>;
  /** Cells suppressed by the primary rules (small counts, including unpublished margins) and by secondary suppression. */
  primary?: number;
  secondary?: number;
  /** Cells published with a value (count-table cells referenced by the release). */
  publishedCells?: number;
  /** Rank of the published relations the audit solved against. */
  rank?: number;
  /** How the audit was done, in plain words. */
  method?: string;
}

/** A headline figure as published: one figure, or the list items whose figures could be published. */
export interface PublishedHeadline {
  id: string;
  label: string;
  analysis: string;
  figure?: PublishedCell;
  items?: Array<{ text: string; figure?: PublishedCell }>;
  sentence?: { text: string; withheld?: string };
}

/** What the release's analyses declared for readers: sections, headlines, method notes and settings in words. */
export interface Publication {
  sections: Section[];
  headlines: PublishedHeadline[];
  analyses: Array<{ id: string; title: string; labels: Partial<StandardLabels>; methodNotes: string[]; settingNotes: Array<[string, string]> }>;
}

declare const protectedBrand: unique symbol;

export interface ProtectedRelease {
  readonly [protectedBrand]: true;
  readonly dataset: string;
  readonly region: string | null;
  readonly analyses: string[];
  readonly policy: PolicySummary;
  readonly tables: readonly PublishedTable[];
  readonly network?: PublishedNetwork;
  readonly labels: Partial<StandardLabels>;
  /** The analysts' choices per analysis (never what the analyses found). */
  readonly settings: Record<string, Settings>;
  readonly publication: Publication;
  readonly audit: AuditSummary;
  /** The count tables behind the release, published cells only (for re-auditing and downloads). */
  readonly countTables: readonly PublishedCountTable[];
  /** What the tables' layout says about their counts (thresholds, orderings): part of the attacker's model. */
  readonly facts?: readonly PublishedFact[];
}

/** A LayoutFact in the release's count-table names: min <= sum(coef x cell) <= max. */
export interface PublishedFact {
  terms: Array<{ table: string; keys: string[]; coef: number }>;
  min?: number;
  max?: number;
  why: string;
}

/** The body of a release before it is sealed (also what release.json holds). */
export type ReleaseBody = Omit<ProtectedRelease, typeof protectedBrand>;

// Run-time proof of origin: only values sealed here count as protected.
const sealed = new WeakSet<object>();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as Record<string, unknown>)) deepFreeze(v);
  }
  return x;
}

/**
 * INTERNAL to src/core/disclosure: seal an audited release body. Called only by
 * protect() and verifyRelease(), after the audit passed. Freezes the value.
 */
export function sealRelease(body: ReleaseBody): ProtectedRelease {
  if (!body.audit.passed) throw new Error('refusing to seal a release that failed the audit');
  const release = deepFreeze(JSON.parse(JSON.stringify(body)) as ReleaseBody) as unknown as ProtectedRelease;
  sealed.add(release);
  return release;
}

/** True only for a value made by protect() or readRelease() (re-audited) in this process. */
export function isProtected(x: unknown): x is ProtectedRelease {
  return typeof x === 'object' && x !== null && sealed.has(x);
}

/** Throw unless x is a sealed protected release (for publishing paths). */
export function assertProtected(x: unknown): asserts x is ProtectedRelease {
  if (!isProtected(x)) throw new Error('only a protected release (from protect() or readRelease()) can be published');
}
