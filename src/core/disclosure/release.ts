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
import type { ReportColumn, StandardLabels } from '../results.js';

/** UK Government Statistical Service shorthand symbols. */
export type GssSymbol =
  /** confidential: suppressed to protect people */
  | '[c]'
  /** not available */
  | '[x]'
  /** not applicable */
  | '[z]'
  /** rounds to zero but is not zero */
  | '[low]';

export const SYMBOL_MEANINGS: Readonly<Record<GssSymbol, string>> = {
  '[c]': 'Confidential: withheld to protect the people behind the figure',
  '[x]': 'Not available',
  '[z]': 'Not applicable',
  '[low]': 'Rounds to zero but is not zero',
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
  /** A count of people (rounded per policy). */
  | { kind: 'count'; value: number }
  /** A share 0-1, computed from unrounded counts; `low`/`high`: Wilson 95% interval when given. */
  | { kind: 'share'; value: number; low?: number; high?: number; base?: number }
  | { kind: 'stat'; value: number; decimals?: number; unit?: 'share' | 'ratio' | 'number' }
  | { kind: 'symbol'; symbol: GssSymbol; reason: SuppressionReason }
  | { kind: 'empty' };

export interface PublishedRow {
  id: string;
  total?: boolean;
  cells: PublishedCell[];
}

export interface PublishedTable {
  id: string;
  title: string;
  caption?: string;
  section: string;
  columns: ReportColumn[];
  rows: PublishedRow[];
  notes?: string[];
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
  minCount: number;
  roundingBase: number | null;
  minBase: number;
}

export interface AuditSummary {
  passed: boolean;
  suppressedCells: number;
  /** Suppressed cells the audit checked, and the ones it found derivable (must be 0 to publish). */
  checked: number;
  derivable: Array<{ table: string; cell: string; why: string }>;
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
  readonly settings: Record<string, unknown>;
  readonly audit: AuditSummary;
}
