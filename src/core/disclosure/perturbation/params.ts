/**
 * The parameters of a count perturbation table (p-table) for the cell key
 * method, as in Eurostat sdcTools' `ptable::create_cnt_ptable(D, V, js, pstay)`,
 * and the checks that refuse a table that cannot be made or would not do what
 * its parameters say.
 *
 * - D (`maxPerturbation`): no published count differs from the true count by more than D.
 * - V (`variance`): the variance of the perturbation of a count is at most V, and
 *   exactly V for the counts whose rows repeat (every count of D + js + 1 or more).
 * - js (`forbid`): no published value is 1..js (a true 1..js becomes 0 or more than js);
 *   zeros always stay zeros.
 * - pstay (optional): the least probability that a count is published unchanged
 *   (ptable lowers it in steps of 0.05 where the variance V could not be reached otherwise).
 * - maxZero (optional, Routeways' own, not in ptable): the false-zero cap, the largest
 *   probability that a true count above js is published as 0. ptable's maximum-entropy rows
 *   send a true 3 to 0 with probability 0.204 (D = 5, V = 3, js = 2), which empties small
 *   maps; the cap keeps those links drawn. The capped rows keep mean 0 and |v| <= D, and
 *   their variance stays at most V (it falls below V where the cap binds: fewer large
 *   downward moves). The price: a published 0 more surely hides a true 1..js (the
 *   risk-utility report's small-count risk for a published 0).
 */

export interface PTableParameters {
  /** D: the largest perturbation, a whole number 1..50. */
  maxPerturbation: number;
  /** V: the variance of the perturbation (above what js forces, below what D allows). */
  variance: number;
  /** js: published values 1..js never occur; 0 <= js < D. */
  forbid: number;
  /** Least probability of publishing a count unchanged, 0 < pstay < 1; undefined: the maximum-entropy solution. */
  pstay?: number;
  /**
   * ptable's monotony condition (default true): below the true count, the probability of a
   * perturbation grows towards 0 (p(-D) <= ... <= p(-1) <= p(0)). One value for every row, or
   * one per row i = 1..rows (as ptable's `mono` vector).
   */
  mono?: boolean | readonly boolean[];
  /** The false-zero cap: P(published 0) at most this for every true count above js, 0 < maxZero < 1; undefined: no cap (ptable's table). */
  maxZero?: number;
}

/**
 * The defaults Routeways publishes with: D = 5, V = 3, js = 2 (no 1s or 2s are ever published),
 * and a true count of 3 or more published as 0 with probability at most DEFAULT_MAX_ZERO.
 */
export const DEFAULT_MAX_ZERO = 0.005;
export const DEFAULT_PTABLE_PARAMETERS: Readonly<PTableParameters> = Object.freeze({ maxPerturbation: 5, variance: 3, forbid: 2, maxZero: DEFAULT_MAX_ZERO });

/** ptable's lower bound for every probability (so every allowed value keeps some chance). */
export const PROBABILITY_FLOOR = 1e-8;

/** The largest D accepted: the lookup stores perturbations as small integers, and wider noise is not a count table's job. */
export const MAX_D = 50;

export type PTableParameterName = 'maxPerturbation' | 'variance' | 'forbid' | 'pstay' | 'mono' | 'maxZero';

const NAMES: Record<PTableParameterName, string> = {
  maxPerturbation: 'D (the maximum perturbation)',
  variance: 'V (the variance)',
  forbid: 'js (the largest small value never published)',
  pstay: 'pstay (the probability of staying unchanged)',
  mono: 'mono',
  maxZero: 'maxZero (the false-zero cap)',
};

/**
 * A p-table parameter that cannot be used. Pure-core error: the CLI maps it to
 * a usage error (exit 2) naming its own option (`--variance`...), a policy file
 * loader to an input error naming the field. `reason` reads after the value.
 */
export class PTableParameterError extends Error {
  override name = 'PTableParameterError';
  constructor(
    readonly parameter: PTableParameterName,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${NAMES[parameter]} = ${String(value)} ${reason}`);
  }
}

/**
 * The smallest variance js allows: a true count i in 1..js must move to 0 or
 * to js + 1 or more, and the two-point distribution on -i and js + 1 - i with
 * mean 0 has variance i (js + 1 - i), largest for i near (js + 1) / 2.
 */
export function minimumVariance(js: number): number {
  return Math.floor((js + 1) / 2) * Math.ceil((js + 1) / 2) * (js > 0 ? 1 : 0);
}

/** The largest variance D allows: uniform noise on -D..D (the maximum-entropy solution without a variance bound) has variance D (D + 1) / 3. */
export function maximumVariance(d: number): number {
  return (d * (d + 1)) / 3;
}

/** The number of rows with their own distribution besides 0: ptable's ncat (D without js, D + js + 1 with). */
export function rowCount(d: number, js: number): number {
  return js === 0 ? d : d + js + 1;
}

/**
 * The smallest false-zero cap that leaves every row a distribution: a true count of js + 1
 * has no downward move but to 0, so its mean 0 needs (js + 1) P(0) >= the upward moves
 * 1..D, each of which keeps at least PROBABILITY_FLOOR.
 */
export function minimumMaxZero(d: number, js: number): number {
  return (PROBABILITY_FLOOR * ((d * (d + 1)) / 2)) / (js + 1);
}

type CheckedParameters = Required<Omit<PTableParameters, 'pstay' | 'maxZero'>> & Pick<PTableParameters, 'pstay' | 'maxZero'>;

/** Check the parameters; returns them with defaults filled in. Throws PTableParameterError. */
export function checkPTableParameters(p: PTableParameters): CheckedParameters {
  const { maxPerturbation: d, variance: v, forbid: js, pstay, maxZero } = p;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) throw new PTableParameterError('maxPerturbation', d, 'must be a whole number of at least 1');
  if (d > MAX_D) throw new PTableParameterError('maxPerturbation', d, `must be at most ${MAX_D}`);
  if (typeof js !== 'number' || !Number.isInteger(js) || js < 0) throw new PTableParameterError('forbid', js, 'must be a whole number, 0 or more (0: small values may be published)');
  if (js >= d) {
    throw new PTableParameterError('forbid', js, `must be smaller than D = ${d}: a true count of 1 must be able to move above ${js} by at most D`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new PTableParameterError('variance', v, 'must be a number above 0');
  const vMin = minimumVariance(js);
  if (v <= vMin) {
    throw new PTableParameterError(
      'variance',
      v,
      `is too small for js = ${js}: a true count of ${js === 1 ? '1' : `1 to ${js}`} must become 0 or ${js + 1} or more, which needs a variance above ${vMin}`,
    );
  }
  const vMax = maximumVariance(d);
  if (v >= vMax) {
    throw new PTableParameterError(
      'variance',
      v,
      `is too large for D = ${d}: even uniform noise on -${d}..${d} has a variance of only ${fmt(vMax)}, so V would never be reached; choose V below ${fmt(vMax)} or a larger D`,
    );
  }
  if (pstay !== undefined && (typeof pstay !== 'number' || !Number.isFinite(pstay) || pstay <= 0 || pstay >= 1)) {
    throw new PTableParameterError('pstay', pstay, 'must be a probability strictly between 0 and 1');
  }
  checkMaxZero(maxZero, d, js);
  const rows = rowCount(d, js);
  const mono = p.mono ?? true;
  if (Array.isArray(mono) && mono.length !== rows) {
    throw new PTableParameterError('mono', `[${mono.join(', ')}]`, `must have one value per row i = 1..${rows} (${rows} values)`);
  }
  return { maxPerturbation: d, variance: v, forbid: js, pstay, mono, maxZero };
}

function checkMaxZero(maxZero: number | undefined, d: number, js: number): void {
  if (maxZero === undefined) return;
  if (typeof maxZero !== 'number' || !Number.isFinite(maxZero) || maxZero <= 0 || maxZero >= 1) {
    throw new PTableParameterError('maxZero', maxZero, 'must be a probability strictly between 0 and 1 (leave it out for no cap)');
  }
  const least = minimumMaxZero(d, js);
  // A little above the bound: at the bound itself the row is a single point the solver cannot reach from inside.
  if (maxZero <= 2 * least) {
    throw new PTableParameterError(
      'maxZero',
      maxZero,
      `is too small for D = ${d}, js = ${js}: a true count of ${js + 1} can only move down to 0, so keeping its mean at 0 ` +
        `against the upward moves 1..${d} needs a chance of 0 above ${(2 * least).toExponential(1)}`,
    );
  }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
