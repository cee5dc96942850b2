/**
 * Calibration: turns what the coder saw (score, margin over the next code,
 * how the words were matched) into the probability that its code is right,
 * with a logistic model (Platt scaling on several features) fitted on a
 * training split of hand-coded titles (scripts/fit-coding-calibration.ts)
 * and reported on a held-out split (docs/coding-evaluation.md).
 *
 * Fitting is Newton-Raphson on the L2-penalised log-likelihood (IRLS): a
 * dozen features, a few hundred to a few thousand rows, converges in ~10
 * steps. Deterministic.
 */

export interface CalibrationModel {
  /** Feature names, in the order of `weights`. */
  features: string[];
  weights: number[];
  bias: number;
  /** Means and standard deviations used to standardise each feature before weighting. */
  means: number[];
  scales: number[];
  /** Where and how it was fitted (for the record). */
  fittedOn?: string;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The calibrated probability for one feature vector (named as in the model). */
export function predict(model: CalibrationModel, features: Readonly<Record<string, number>>): number {
  let z = model.bias;
  model.features.forEach((f, i) => {
    const x = ((features[f] ?? 0) - model.means[i]) / model.scales[i];
    z += model.weights[i] * x;
  });
  return sigmoid(z);
}

/** Solve A x = b (A small, symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pivot = m[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not the bias). */
  l2?: number;
  iterations?: number;
  fittedOn?: string;
}

/** Fit a logistic model: rows of named features and whether the code was right. */
export function fitCalibration(
  rows: readonly { features: Readonly<Record<string, number>>; correct: boolean }[],
  featureNames: readonly string[],
  options: FitOptions = {},
): CalibrationModel {
  const l2 = options.l2 ?? 1;
  const d = featureNames.length;
  const means = featureNames.map((f) => rows.reduce((s, r) => s + (r.features[f] ?? 0), 0) / Math.max(rows.length, 1));
  const scales = featureNames.map((f, i) => {
    const v = rows.reduce((s, r) => s + ((r.features[f] ?? 0) - means[i]) ** 2, 0) / Math.max(rows.length, 1);
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const x = rows.map((r) => [1, ...featureNames.map((f, i) => ((r.features[f] ?? 0) - means[i]) / scales[i])]);
  const y = rows.map((r) => (r.correct ? 1 : 0));
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (options.iterations ?? 50); it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const p = sigmoid(x[i].reduce((s, v, j) => s + v * beta[j], 0));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j <= d; j++) {
        grad[j] += (y[i] - p) * x[i][j];
        for (let k = j; k <= d; k++) hess[j][k] += w * x[i][j] * x[i][k];
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[j][k] = hess[k][j];
    for (let j = 1; j <= d; j++) {
      grad[j] -= l2 * beta[j];
      hess[j][j] += l2;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return {
    features: [...featureNames],
    weights: beta.slice(1),
    bias: beta[0],
    means,
    scales,
    ...(options.fittedOn ? { fittedOn: options.fittedOn } : {}),
  };
}

export interface CalibrationBand {
  /** Confidence band, e.g. [80, 90). */
  from: number;
  to: number;
  titles: number;
  meanConfidence: number;
  /** Observed share right (null when no titles fall in the band). */
  observed: number | null;
}

/** Observed accuracy per confidence band (the reliability table). */
export function calibrationTable(results: readonly { confidence: number; correct: boolean }[], edges: readonly number[] = [0, 20, 40, 64, 80, 90, 101]): CalibrationBand[] {
  const bands: CalibrationBand[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBand = results.filter((r) => r.confidence >= edges[i] && r.confidence < edges[i + 1]);
    bands.push({
      from: edges[i],
      to: Math.min(edges[i + 1], 100),
      titles: inBand.length,
      meanConfidence: inBand.length === 0 ? 0 : inBand.reduce((s, r) => s + r.confidence, 0) / inBand.length,
      observed: inBand.length === 0 ? null : inBand.filter((r) => r.correct).length / inBand.length,
    });
  }
  return bands;
}
