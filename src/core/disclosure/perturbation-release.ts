/**
 * The cell key method applied to a release set (ONS Census 2021, ABS
 * TableBuilder, Eurostat sdcTools cellKey): every count a report shows, totals
 * included, is published as true count + a perturbation looked up in the
 * p-table by its cell key (the sum of its people's record keys modulo 4096).
 * The same people always give the same published value, in every table,
 * report and region; totals are perturbed as cells of their own, never
 * summed from perturbed parts; zeros stay zeros and no 1..js is published.
 * Shares are worked out from the perturbed numerator and denominator, marked
 * [u] (low reliability) on a perturbed base under the minimum base; declared
 * ratios (lifts) from perturbed counts too, so nothing published undoes the
 * noise. Nothing is withheld, so no linear model or suppression is needed.
 */
import type { Results } from '../results.js';
import { InputError } from '../errors.js';
import { shareOf } from '../stats/share.js';
import { buildCellSet, type CellFact, type CellSet } from './cell-set.js';
import type { DisclosurePolicy } from './policy.js';
import { PerturbationLookup } from './perturbation/lookup.js';
import { generatePTable, type PTable } from './perturbation/ptable.js';
import { ReportCellPublisher, symbol } from './publish-cell.js';
import type { PublishedCell, ReleaseBody } from './release.js';
import { publishCountTables, reportRelease, type ReportContext } from './report-release.js';
import { shownCells } from './shown-cells.js';

export const PERTURBATION_METHOD =
  'Cell key method: every count was changed by a small amount looked up from its cell key, the same for the same people in every table; nothing was withheld';

/** Publishes cells by their cell keys. */
export class PerturbationPublisher extends ReportCellPublisher {
  private readonly cache = new Map<number, number>();

  constructor(
    readonly lookup: PerturbationLookup,
    private readonly policy: DisclosurePolicy,
    private readonly local: (c: CellFact) => string,
  ) {
    super();
  }

  /** The published count of a cell: true zeros stay 0. */
  value(c: CellFact): number {
    let v = this.cache.get(c.index);
    if (v === undefined) {
      if (c.n > 0 && c.key === undefined) {
        throw new InputError(`count table ${c.table} cell [${c.keys.join(', ')}] has no cell key: results made before the cell key method; run the analysis again`);
      }
      v = c.n === 0 ? 0 : this.lookup.perturb(c.n, c.key!);
      this.cache.set(c.index, v);
    }
    return v;
  }

  withheld(): boolean {
    return false;
  }

  /** True and published base both at least the minimum: a reader never sees a median beside a base under it. */
  protected baseTooSmall(c: CellFact): boolean {
    return c.n < this.policy.minBase || this.value(c) < this.policy.minBase;
  }

  status(c: CellFact): PublishedCell {
    return { kind: 'count', value: this.value(c), ref: { table: this.local(c), keys: c.keys } };
  }

  protected share(num: CellFact, den: CellFact, weightedAsked: boolean): PublishedCell {
    const top = Math.min(this.value(num), this.value(den));
    const base = this.value(den);
    if (base === 0) return symbol('[x]', 'not-available');
    const weighted = weightedAsked && num.w !== undefined && den.w !== undefined && den.w > 0;
    // Unweighted: from the published counts alone. Weighted: the weighted share rounded to whole percent (weights are not perturbed).
    const s = weighted ? shareOf(num, den, true) : shareOf({ n: top }, { n: base }, false);
    const value = weighted ? Math.round(s.value * 100) / 100 : s.value;
    return { kind: 'share', value, low: s.low, high: s.high, base, ...(base < this.policy.minBase ? { flag: '[u]' as const } : {}) };
  }
}

export interface PerturbationDetail {
  lookup: PerturbationLookup;
  /** Every shown cell with its true and published count (internal: for the risk-utility report and tests). */
  cells: Array<{ fact: CellFact; published: number }>;
}

function perturbationReport(set: CellSet, publisher: PerturbationPublisher, policy: DisclosurePolicy, shown: CellFact[], report: number): ReportContext {
  const first = set.firstOf(report);
  const mine = shown.filter((c) => set.tableInfo.get(c.table)!.report === report);
  return {
    results: set.reports[report]!,
    resolver: (j, where) => (ref) => set.resolve(first + j, ref, where),
    local: (c) => set.tableInfo.get(c.table)!.local,
    publisher,
    policy: { method: 'perturbation', minCount: policy.ptable.forbid + 1, roundingBase: null, minBase: policy.minBase },
    countTables: () => publishCountTables(set, report, mine, (c) => publisher.status(c)),
    audit: () => ({ passed: true, suppressedCells: 0, checked: 0, derivable: [], primary: 0, secondary: 0, publishedCells: mine.length, method: PERTURBATION_METHOD }),
  };
}

/**
 * Protect a release set with the cell key method: one release per report,
 * in the order given. `ptable` replaces the one the policy's parameters make.
 */
export function perturbSet(reports: Results[][], policy: DisclosurePolicy, ptable?: PTable): { releases: ReleaseBody[]; detail: PerturbationDetail; set: CellSet } {
  const set = buildCellSet(reports);
  const lookup = new PerturbationLookup(ptable ?? generatePTable(policy.ptable));
  const publisher = new PerturbationPublisher(lookup, policy, (c) => set.tableInfo.get(c.table)!.local);
  const shown = [...shownCells(set).values()].sort((a, b) => a.index - b.index);
  const releases = reports.map((_, k) => reportRelease(perturbationReport(set, publisher, policy, shown, k)));
  return { releases, set, detail: { lookup, cells: shown.map((fact) => ({ fact, published: publisher.value(fact) })) } };
}
