/**
 * The publishing audit of a protected release, the same on every path that
 * publishes (`routeways protect`, `publish <dataset>`, `publish --release`,
 * `run`): the rank audit protect() ran (or readRelease re-ran), plus the
 * interval an attacker can infer for suppressed cells by linear programming
 * (HiGHS), which also uses what the layout states about the counts (the
 * release's facts: thresholds, orderings). A release where a suppressed cell
 * is pinned to one value is refused before anything is written.
 */
import { InputError } from '../core/errors.js';
import { assertProtected, type ProtectedRelease } from '../core/disclosure/release.js';
import { attackerIntervals, type IntervalReport } from './intervals.js';

export interface AuditReport {
  passed: boolean;
  method: string;
  policy: ProtectedRelease['policy'];
  cellsChecked: number;
  suppressed: { primary: number; secondary: number; total: number };
  publishedCells: number | null;
  rank: number | null;
  derivable: ProtectedRelease['audit']['derivable'];
  intervals: IntervalReport | null;
}

export interface AuditOptions {
  /** Suppressed cells to compute attacker intervals for (default: 200; 0 to skip the LP). */
  intervalCells?: number;
}

/** Run the publishing audit; throws InputError naming the cell when a suppressed cell can be worked out exactly. */
export async function auditRelease(release: ProtectedRelease, options: AuditOptions = {}): Promise<AuditReport> {
  assertProtected(release);
  // Only withheld cells have intervals to infer: the cell key method withholds none.
  const cells = release.policy.method === 'perturbation' ? 0 : (options.intervalCells ?? 200);
  const intervals = cells > 0 ? await attackerIntervals(release, cells) : null;
  const exact = intervals?.intervals.find((i) => i.exact);
  if (exact) {
    throw new InputError(
      `refusing to publish the release${release.region ? ` for region ${release.region}` : ''}: table ${exact.table}, cell ${exact.cell} can be worked out exactly (${exact.min}) from the published figures${release.facts?.length ? ", what the tables' layout says about them (thresholds, orderings)" : ''} and the fact that counts are not negative`,
    );
  }
  const a = release.audit;
  return {
    passed: a.passed,
    method: a.method ?? 'rank test',
    policy: release.policy,
    cellsChecked: a.checked,
    suppressed: { primary: a.primary ?? 0, secondary: a.secondary ?? 0, total: a.suppressedCells },
    publishedCells: a.publishedCells ?? null,
    rank: a.rank ?? null,
    derivable: a.derivable,
    intervals,
  };
}
