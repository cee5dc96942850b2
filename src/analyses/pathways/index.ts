/** The pathways analysis as a unit: seed 002's occupational pathways (DfE 2020). */
import { defineAnalysis } from '../analysis.js';
import { pathwaysOptions } from './options.js';
import { runPathways } from './run.js';

export const pathways = defineAnalysis({
  id: 'pathways',
  title: 'Pathways from subjects to occupations',
  summary: 'occupational pathways (DfE 2020 method): related-occupation rates, clear pathways and breakdowns, with 95% intervals',
  options: pathwaysOptions,
  run: async (context, options, scope) => (await runPathways(context, options, scope)).results,
});

export { pathwaysOptions, type PathwaysOptions } from './options.js';
export { levelOf, pathwayLabels, runPathways, runPathwaysLevels, type PathwaysInput } from './run.js';
