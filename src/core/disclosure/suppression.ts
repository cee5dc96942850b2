/**
 * The suppression decisions of a release set: primary suppression (small
 * counts, small remainders), GaussSuppression-style secondary suppression over
 * the shown cells, then the independent rank audit, which must pass.
 */
import type { LinearModel } from './model.js';
import type { DisclosurePolicy } from './policy.js';
import { primarySuppress, singletonInnerCells } from './primary.js';
import { gaussSuppress } from './secondary.js';
import { auditModel, type AuditResult } from './audit.js';
import { boundPinnedCells } from './bound-pins.js';

export interface SuppressOptions {
  onProgress?: (done: number, total: number) => void;
  /**
   * Candidate order for secondary suppression. 'totals-first' (default): margins are the last
   * to be suppressed, then larger counts; 'by-count': larger counts first whatever they are
   * (GaussSuppression's default), margins first on ties.
   */
  order?: 'totals-first' | 'by-count';
}

export interface Suppression {
  primary: number[];
  secondary: number[];
  singletons: number[];
  /** Shown cells published with a value, ascending. */
  published: number[];
  audit: AuditResult;
  withheld(cell: number): 'primary' | 'secondary' | null;
}

/** The release could not be made safe (should not happen) or failed its audit. */
export class AuditFailure extends Error {
  override name = 'AuditFailure';
  constructor(
    message: string,
    readonly findings: AuditResult['derivable'],
  ) {
    super(message);
  }
}

function candidateOrder(model: LinearModel, order: SuppressOptions['order']) {
  // Preference for publication: margins (totals) first, then larger counts; so small inner cells go first.
  return (a: number, b: number): number => {
    const x = model.cells[a]!;
    const y = model.cells[b]!;
    if (order === 'by-count') return y.n - x.n || y.support.length - x.support.length || a - b;
    return Number(y.margin) - Number(x.margin) || y.n - x.n || y.support.length - x.support.length || a - b;
  };
}

/** Rounds of "withhold one more cell" for bound-pinned primaries before the audit judges what is left. */
const MAX_BOUND_ROUNDS = 20;

/**
 * Secondary suppression, then (as GaussSuppression's interval protection does) one more withheld cell for
 * each published cell whose withheld primary parts are pinned by their bounds (bound-pins.ts), again until
 * none is left. The cells added are protected like primaries from then on and reported as secondary.
 */
function secondaryWithBounds(
  model: LinearModel,
  shown: Set<number>,
  policy: DisclosurePolicy,
  input: { primary: number[]; candidates: number[]; forced: number[]; singletons: number[] },
  options: SuppressOptions,
): number[] {
  const primarySet = new Set(input.primary);
  const extra: number[] = [];
  for (let round = 0; ; round++) {
    const extraSet = new Set(extra);
    const { secondary } = gaussSuppress({ ...input, model, primary: [...input.primary, ...extra], candidates: input.candidates.filter((c) => !extraSet.has(c)), onProgress: options.onProgress });
    const withheld = new Set([...input.primary, ...extra, ...secondary]);
    const more = boundPinnedCells(model, shown, primarySet, withheld, policy.minCount).filter((c) => !extraSet.has(c));
    if (more.length === 0 || round >= MAX_BOUND_ROUNDS) return [...extra, ...secondary].sort((a, b) => a - b);
    extra.push(...more);
  }
}

export function suppress(model: LinearModel, shown: Set<number>, policy: DisclosurePolicy, options: SuppressOptions = {}): Suppression {
  const primary = primarySuppress(model, policy);
  const primarySet = new Set(primary);
  const singletons = policy.protectSingletons ? singletonInnerCells(model) : [];
  const forced: number[] = [];
  const candidates: number[] = [];
  for (const c of shown) {
    if (primarySet.has(c)) continue;
    if (model.cells[c]!.n === 0) forced.push(c);
    else candidates.push(c);
  }
  candidates.sort(candidateOrder(model, options.order));
  const secondary = secondaryWithBounds(model, shown, policy, { primary, candidates, forced, singletons }, options);
  const secondarySet = new Set(secondary);
  const published = [...shown].filter((c) => !primarySet.has(c) && !secondarySet.has(c)).sort((a, b) => a - b);
  const audit = auditModel({ model, published, suppressed: [...primary, ...secondary], primary, singletons });
  if (!audit.passed) {
    const f = audit.derivable[0]!;
    throw new AuditFailure(`disclosure audit failed: ${audit.derivable.length} suppressed cell(s) can be worked out; first: table ${f.table}, cell ${f.label}: ${f.why}`, audit.derivable);
  }
  return {
    primary,
    secondary,
    singletons,
    published,
    audit,
    withheld: (c) => (primarySet.has(c) ? 'primary' : secondarySet.has(c) ? 'secondary' : null),
  };
}
