/**
 * Perturbing a magnitude (a sum of values over a cell's people, e.g. summed
 * weights, or later the earnings of a progression measure): a simple version
 * of sdcTools cellKey's method for numeric variables (`ck_params_nums` with
 * type "top_contr" and the constant multiplier of `ck_simpleparams(p, epsilon)`):
 *
 *   published = total + sum_{l = 1..k} share * epsilon_l * |x_l| * noise_l
 *
 * where x_1, x_2, ... are the cell's k largest contributions by absolute value,
 * epsilon_1 = 1 >= epsilon_2 >= ... weighs them, and noise_l in [-1, 1] is
 * looked up by key from the count p-table's repeating row (large counts) as
 * v / D, so it has mean 0 and variance V / D^2. key_1 is the cell key and
 * key_l a fixed scrambling of key_(l-1) (cellKey scrambles the cell key's
 * digits the same way), so the same cell always gets the same noise.
 *
 * Not done here (cellKey has them): the "flex" multiplier that gives small
 * magnitudes a larger relative noise, and a separate noise table for very
 * small contributions.
 */
import { KEY_RANGE, isKey } from './cell-key.js';
import type { PerturbationLookup } from './lookup.js';

export interface MagnitudeSettings {
  /** The noise as a share of each large contribution, e.g. 0.05 (0 < share <= 1). */
  share: number;
  /** Weights of the largest, second largest... contribution; epsilon[0] must be 1, then non-increasing, each in [0, 1]. */
  epsilon: readonly number[];
}

export interface MagnitudeCell {
  /** The true magnitude (sum over the cell's people). */
  total: number;
  /** The cell's largest contributions (any order; only the epsilon.length largest by absolute value are used). */
  largest: readonly number[];
  /** The cell key of the people contributing. */
  key: number;
}

/** A fixed bijection of 0..4095 (a full-period linear congruential step), giving the l-th contribution its own key. */
export function scrambleKey(key: number): number {
  return (key * 1229 + 2713) % KEY_RANGE;
}

/** The noise in [-1, 1] of a key: the repeating row's perturbation divided by its largest |v|. */
export function magnitudeNoise(lookup: PerturbationLookup, key: number): number {
  const d = lookup.maxPerturbation;
  return d === 0 ? 0 : lookup.perturbation(lookup.maxI, key) / d;
}

export function checkMagnitudeSettings(s: MagnitudeSettings): void {
  if (!(s.share > 0 && s.share <= 1)) throw new RangeError(`share must be in (0, 1], got ${s.share}`);
  if (s.epsilon.length === 0 || s.epsilon[0] !== 1) throw new RangeError('epsilon must start with 1 (the largest contribution gets the full noise)');
  s.epsilon.forEach((e, l) => {
    if (!(e >= 0 && e <= 1) || (l > 0 && e > s.epsilon[l - 1])) throw new RangeError(`epsilon must be non-increasing values in [0, 1], got [${s.epsilon.join(', ')}]`);
  });
}

/** The published magnitude of a cell. A cell without contributions stays as it is. */
export function perturbMagnitude(lookup: PerturbationLookup, cell: MagnitudeCell, settings: MagnitudeSettings): number {
  checkMagnitudeSettings(settings);
  if (!isKey(cell.key)) throw new RangeError(`a cell key must be a whole number 0..${KEY_RANGE - 1}, got ${cell.key}`);
  const top = cell.largest
    .map((x) => Math.abs(x))
    .sort((a, b) => b - a)
    .slice(0, settings.epsilon.length);
  let noise = 0;
  let key = cell.key;
  top.forEach((x, l) => {
    if (l > 0) key = scrambleKey(key);
    noise += settings.share * settings.epsilon[l] * x * magnitudeNoise(lookup, key);
  });
  return cell.total + noise;
}
