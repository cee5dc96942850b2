/**
 * How one cell is published once suppression has decided (the suppression method): counts rounded,
 * shares and their Wilson 95% intervals from the published (rounded) counts, so
 * that they pin no count closer than its rounding; statistics withheld with the
 * counts they rest on, symbols for everything withheld.
 */
import type { CellRef, ReportCell } from '../results.js';
import { shareOf } from '../stats/share.js';
import type { CellFact } from './cell-set.js';
import type { CellPublisher } from './report-release.js';
import type { DisclosurePolicy } from './policy.js';
import type { GssSymbol, PublishedCell, SuppressionReason } from './release.js';
import { roundCount } from './rounding.js';
import type { Suppression } from './suppression.js';

export function symbol(s: GssSymbol, reason: SuppressionReason): PublishedCell {
  return { kind: 'symbol', symbol: s, reason };
}

type StatCell = Extract<ReportCell, { kind: 'stat' }>;

/**
 * A statistic as published: a declared ratio of counts is worked out from
 * the published counts (so it tells no more than they do); any other value
 * as computed. [c] when a count of the ratio is withheld, [x] when undefined.
 */
export function publishStat(c: StatCell, published: (ref: CellRef) => PublishedCell): PublishedCell {
  let value = c.value;
  // A distinct count from the published cells: those not published as 0 (withheld cells are not zeros).
  if (c.distinct) value = c.distinct.map(published).filter((v) => !(v.kind === 'count' && v.value === 0)).length;
  if (c.ratio) {
    const values = [...c.ratio.numerator, ...c.ratio.denominator].map(published);
    if (values.some((v) => v.kind !== 'count')) return symbol('[c]', 'depends-on-suppressed');
    const v = values.map((x) => (x.kind === 'count' ? x.value : 0));
    const top = v.slice(0, c.ratio.numerator.length).reduce((a, b) => a * b, 1);
    const bottom = v.slice(c.ratio.numerator.length).reduce((a, b) => a * b, 1);
    value = bottom > 0 ? (top / bottom) * (c.ratio.scale ?? 1) : Number.NaN;
  }
  if (!Number.isFinite(value)) return symbol('[x]', 'not-available');
  return { kind: 'stat', value, ...(c.decimals !== undefined ? { decimals: c.decimals } : {}), ...(c.unit !== undefined ? { unit: c.unit } : {}) };
}

/**
 * How report cells are published from how their counts are: text withheld
 * with the counts it depends on, counts by status, shares and statistics
 * from the cells they rest on. Each method says how a count and a share are
 * published.
 */
export abstract class ReportCellPublisher implements CellPublisher {
  abstract status(c: CellFact): PublishedCell;
  abstract withheld(c: CellFact): boolean;
  /** Whether a magnitude's base is under the minimum base (a median or mean is then not published). */
  protected abstract baseTooSmall(c: CellFact): boolean;
  protected abstract share(num: CellFact, den: CellFact, weighted: boolean): PublishedCell;

  cell(c: ReportCell, resolve: (ref: CellRef) => CellFact): PublishedCell {
    switch (c.kind) {
      case 'text':
        return (c.dependsOn ?? []).some((r) => this.withheld(resolve(r))) ? symbol('[c]', 'depends-on-suppressed') : { kind: 'text', text: c.text };
      case 'count':
        return this.status(resolve(c.ref));
      case 'share': {
        const base = this.status(resolve(c.den));
        if (c.minBase !== undefined && base.kind === 'count' && base.value < c.minBase) return symbol('[z]', 'not-applicable');
        const s = this.share(resolve(c.num), resolve(c.den), c.weighted === true);
        // The display threshold on the published share, never on the true one.
        return s.kind === 'share' && c.minShown !== undefined && s.value < c.minShown - 1e-12 ? { kind: 'empty' } : s;
      }
      case 'stat':
        if (c.dependsOn.some((r) => this.withheld(resolve(r)))) return symbol('[c]', 'depends-on-suppressed');
        if (c.base) {
          const base = resolve(c.base);
          if (this.withheld(base)) return symbol('[c]', 'depends-on-suppressed');
          if (base.n === 0) return symbol('[x]', 'not-available');
          if (this.baseTooSmall(base)) return symbol('[c]', 'primary-small-base');
        }
        return publishStat(c, (ref) => this.status(resolve(ref)));
      case 'not-applicable':
        return symbol('[z]', 'not-applicable');
      case 'empty':
        return { kind: 'empty' };
    }
  }
}

/** Publishes cells by the suppression decisions: `local` names a cell's table as the report knows it. */
export class SuppressionPublisher extends ReportCellPublisher {
  constructor(
    private readonly suppression: Suppression,
    private readonly policy: DisclosurePolicy,
    private readonly local: (c: CellFact) => string,
  ) {
    super();
  }

  withheld(c: CellFact): boolean {
    return this.suppression.withheld(c.index) !== null;
  }

  protected baseTooSmall(c: CellFact): boolean {
    return c.n < this.policy.minBase;
  }

  /** A count-table cell as published. */
  status(c: CellFact): PublishedCell {
    const w = this.suppression.withheld(c.index);
    if (w === 'primary') return symbol('[c]', 'primary-small-count');
    if (w === 'secondary') return symbol('[c]', 'secondary');
    const r = roundCount(c.n, this.policy.roundingBase);
    if (r.kind === 'low') return symbol('[low]', 'rounds-to-zero');
    return { kind: 'count', value: r.value, ref: { table: this.local(c), keys: c.keys } };
  }

  protected share(num: CellFact, den: CellFact, weightedAsked: boolean): PublishedCell {
    if (this.withheld(num) || this.withheld(den)) return symbol('[c]', 'depends-on-suppressed');
    if (den.n === 0) return symbol('[x]', 'not-available');
    // Every figure from the published counts: the base rule on the rounded base, and the share and its
    // Wilson interval from the rounded numerator and base (from unrounded counts they would pin both).
    const top = this.status(num);
    const bottom = this.status(den);
    if (bottom.kind !== 'count' || bottom.value < this.policy.minBase) return symbol('[c]', 'primary-small-base');
    if (top.kind !== 'count') return symbol('[low]', 'rounds-to-zero');
    const weighted = weightedAsked && num.w !== undefined && den.w !== undefined && den.w > 0;
    // Weighted: from the weight sums (not counts), its interval on the Kish effective base.
    const s = weighted ? shareOf(num, den, true) : shareOf({ n: Math.min(top.value, bottom.value) }, { n: bottom.value }, false);
    return { kind: 'share', value: s.value, low: s.low, high: s.high, base: bottom.value };
  }
}
