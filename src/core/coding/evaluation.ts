/**
 * Measuring the coder on an evaluation set: share auto-coded, accuracy at 4
 * and 2 digits among the auto-coded (and over all clear titles), share of
 * ambiguous titles sent to review, and the calibration table.
 */
import { calibrationTable, type CalibrationBand } from './calibration.js';
import type { CodedTitle } from './types.js';

export interface GoldTitle {
  title: string;
  /** Gold SOC 2020 unit group; '' for an ambiguous title. */
  soc: string;
  kind: 'clear' | 'ambiguous';
}

export interface EvaluationReport {
  clear: number;
  ambiguous: number;
  autoShare: number;
  /** Among auto-coded clear titles. */
  autoAccuracy4: number;
  autoAccuracy2: number;
  /** Top code over every clear title, auto or not (what SOCMapper's figures measure). */
  allAccuracy4: number;
  allAccuracy2: number;
  ambiguousToReview: number;
  calibration: CalibrationBand[];
  misses: { title: string; gold: string; code: string | null; confidence: number; decision: string; reason: string }[];
}

const share = (n: number, d: number) => (d === 0 ? 0 : n / d);

export function evaluate(gold: readonly GoldTitle[], coded: readonly CodedTitle[]): EvaluationReport {
  const clear = gold.map((g, i) => ({ g, c: coded[i] })).filter((x) => x.g.kind === 'clear');
  const ambiguous = gold.map((g, i) => ({ g, c: coded[i] })).filter((x) => x.g.kind === 'ambiguous');
  const auto = clear.filter((x) => x.c.decision === 'auto');
  const right4 = (x: (typeof clear)[number]) => x.c.code === x.g.soc;
  const right2 = (x: (typeof clear)[number]) => x.c.code !== null && x.c.code.slice(0, 2) === x.g.soc.slice(0, 2);
  return {
    clear: clear.length,
    ambiguous: ambiguous.length,
    autoShare: share(auto.length, clear.length),
    autoAccuracy4: share(auto.filter(right4).length, auto.length),
    autoAccuracy2: share(auto.filter(right2).length, auto.length),
    allAccuracy4: share(clear.filter(right4).length, clear.length),
    allAccuracy2: share(clear.filter(right2).length, clear.length),
    ambiguousToReview: share(ambiguous.filter((x) => x.c.decision === 'review').length, ambiguous.length),
    calibration: calibrationTable(clear.map((x) => ({ confidence: x.c.confidence, correct: right4(x) }))),
    misses: clear
      .filter((x) => !right4(x))
      .map((x) => ({ title: x.g.title, gold: x.g.soc, code: x.c.code, confidence: x.c.confidence, decision: x.c.decision, reason: x.c.reason })),
  };
}
