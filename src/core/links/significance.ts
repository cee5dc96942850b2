/**
 * Statistically validated links (Tumminello et al. 2011): for each
 * qualification–occupation pair with at least one person holding both,
 * the lift w N / (n_q n_o), the one-sided hypergeometric p-value
 * P(X >= w) of seeing that many people under independence, and the
 * Benjamini–Hochberg q-value over all pairs tested. A link is significant
 * when q <= the chosen false discovery rate.
 *
 * Pairs with w = 0 are not links and are not tested: their p-value is 1 and
 * counting them would only make m larger (so q-values here are those of the
 * observed links, as in the Tumminello method the number of tests is the
 * number of observed links unless `tests` says otherwise).
 */
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { hypergeometricLogUpperTail } from '../stats/hypergeometric.js';

/** The link table in compact form: link i joins qualification q[i] and occupation o[i], held by w[i] people. */
export interface LinkCounts {
  q: Int32Array;
  o: Int32Array;
  w: Int32Array;
}

export interface LinkSignificanceInput {
  links: LinkCounts;
  /** People holding each qualification (among those analysed). */
  qualificationPeople: ArrayLike<number>;
  /** People in each occupation (among those analysed). */
  occupationPeople: ArrayLike<number>;
  /** People analysed (N). */
  people: number;
}

export interface LinkSignificanceOptions {
  /** False discovery rate for `significant` (default 0.05). */
  fdr?: number;
  /**
   * Number of hypotheses for the BH correction. Default: the number of
   * observed links. Pass nQualifications * nOccupations to correct over
   * every possible pair (more conservative).
   */
  tests?: number;
}

export interface LinkSignificance {
  lift: Float64Array;
  /** One-sided hypergeometric p-value P(X >= w). */
  p: Float64Array;
  /** log of p (keeps links ordered when p underflows to 0). */
  logP: Float64Array;
  /** Benjamini–Hochberg q-value. */
  q: Float64Array;
  /** 1 when q <= fdr. */
  significant: Uint8Array;
  fdr: number;
  tests: number;
}

export const DEFAULT_FDR = 0.05;

export function linkSignificance(input: LinkSignificanceInput, options: LinkSignificanceOptions = {}): LinkSignificance {
  const fdr = options.fdr ?? DEFAULT_FDR;
  if (!(fdr > 0 && fdr < 1)) throw new RangeError(`false discovery rate must be between 0 and 1, got ${fdr}`);
  const { links, qualificationPeople: nq, occupationPeople: no, people: N } = input;
  const m = links.w.length;
  const tests = options.tests ?? m;
  if (tests < m) throw new RangeError(`tests (${tests}) cannot be fewer than the links tested (${m})`);
  const lift = new Float64Array(m);
  const p = new Float64Array(m);
  const logP = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const w = links.w[i];
    const a = nq[links.q[i]];
    const b = no[links.o[i]];
    if (w > a || w > b || a > N || b > N) {
      throw new RangeError(`link ${i}: ${w} people hold both, but the qualification has ${a} and the occupation ${b} of ${N}`);
    }
    lift[i] = (w * N) / (a * b);
    logP[i] = hypergeometricLogUpperTail(N, a, b, w);
    p[i] = Math.exp(logP[i]);
  }
  // Pairs nobody holds (beyond the m links) have p = 1: they count in the family, not in the ranking.
  const q = benjaminiHochberg(p, tests);
  const significant = new Uint8Array(m);
  for (let i = 0; i < m; i++) significant[i] = q[i] <= fdr ? 1 : 0;
  return { lift, p, logP, q, significant, fdr, tests };
}
