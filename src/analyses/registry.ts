/**
 * The analyses a report is made of, in the order their sections appear. A new
 * analysis is a folder beside these (see analysis.ts) and one line here.
 */
import type { Analysis } from './analysis.js';
import { clusters } from './clusters/index.js';
import { pathways } from './pathways/index.js';
import { progression } from './progression/index.js';

export const ANALYSES: readonly Analysis[] = [clusters, pathways, progression];

export function analysisById(id: string): Analysis | undefined {
  return ANALYSES.find((a) => a.id === id);
}
