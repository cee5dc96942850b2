/** The progression analysis as a unit: seed 004's basket of progression measures and career routes. */
import { defineAnalysis } from '../analysis.js';
import { progressionOptions } from './options.js';
import { progressionSkipReason, runProgression } from './run.js';

export const progression = defineAnalysis({
  id: 'progression',
  title: 'Progression after a qualification',
  summary: 'the basket of progression measures (UKCES 2011) by SSA, level, type, title and region, with 95% intervals, and career routes',
  options: progressionOptions,
  skipReason: progressionSkipReason,
  run: async (context, options, scope) => (await runProgression(context, options, scope)).results,
});

export { progressionOptions, type ProgressionOptions } from './options.js';
export { progressionSkipReason, runProgression, type ProgressionRun } from './run.js';
