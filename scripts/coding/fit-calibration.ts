/**
 * Fits the coder's calibration (data/coding/calibration.json): a logistic
 * model of "the top code is right" on the coder's features, fitted on
 * - the train split of test/fixtures/coding/evaluation.csv (clear titles), and
 * - 2,000 synthetic rows: index titles that code one way, damaged by
 *   scripts/coding/damage.ts with another seed (7) than the evaluation set's,
 *   leaving out any title the evaluation set holds.
 * The test split is never read here.
 *
 *   npm run build && node dist/scripts/coding/fit-calibration.js
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../src/core/random.js';
import { fitCalibration } from '../../src/core/coding/calibration.js';
import { FEATURES } from '../../src/core/coding/occupation-coder.js';
import { CALIBRATION_FILE, codingDataDir, loadOccupationCoder, readSocCodingData } from '../../src/reference/coding-index.js';
import { readEvaluationSet } from '../../src/coding/evaluation-set.js';
import { damageableEntries, damageTitle } from './damage.js';

const SYNTHETIC = 2000;
const coder = loadOccupationCoder({ calibration: null });
const evaluation = readEvaluationSet('test/fixtures/coding/evaluation.csv');
const train = evaluation.filter((r) => r.split === 'train' && r.kind === 'clear');
const held = new Set(evaluation.map((r) => r.title.toLowerCase()));

const rows: { features: Record<string, number>; correct: boolean }[] = [];
const add = (title: string, soc: string, weight: number) => {
  const a = coder.analyse(title);
  if (!a.features || a.candidates.length === 0) return;
  for (let i = 0; i < weight; i++) rows.push({ features: a.features, correct: a.candidates[0].code === soc });
};
// The hand-written training titles count three times: they are what real extracts look like.
for (const r of train) add(r.title, r.soc, 3);
const rng = new Random(7);
const pool = damageableEntries(readSocCodingData().entries);
for (let n = 0; n < SYNTHETIC; ) {
  const e = pool[rng.nextInt(pool.length)];
  const title = damageTitle(e, rng);
  if (held.has(title.toLowerCase())) continue;
  add(title, e.soc, 1);
  n++;
}
const model = fitCalibration(rows, FEATURES, {
  l2: 1,
  fittedOn: `train split of test/fixtures/coding/evaluation.csv (${train.length} clear titles, weight 3) and ${SYNTHETIC} damaged index titles (seed 7)`,
});
const path = join(codingDataDir(), CALIBRATION_FILE);
writeFileSync(path, JSON.stringify(model, null, 2) + '\n');
const right = rows.filter((r) => r.correct).length;
process.stdout.write(`${path}: fitted on ${rows.length} rows (${right} right)\n`);
model.features.forEach((f, i) => process.stdout.write(`  ${f.padEnd(18)} ${model.weights[i].toFixed(3)}\n`));
