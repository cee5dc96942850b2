/** The clusters analysis as a unit: seed 000's co-clustering of qualifications and occupations. */
import { defineAnalysis } from '../analysis.js';
import { clustersOptions } from './options.js';
import { runClusters } from './run.js';

export const clusters = defineAnalysis({
  id: 'clusters',
  title: 'Clusters of qualifications and occupations',
  summary: 'find clusters of qualifications and occupations, with confidence, significant links and profiles',
  options: clustersOptions,
  run: async (context, options, scope) => (await runClusters(context, options, scope)).results,
});

export { clustersOptions, type ClustersOptions } from './options.js';
export { runClusters, type ClustersDetail, type ClustersInput } from './run.js';
