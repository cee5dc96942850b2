/** Reads an evaluation set (test/fixtures/coding/evaluation.csv: title, soc2020, kind, source, split). */
import type { GoldTitle } from '../core/coding/evaluation.js';
import { readCsv } from '../reference/coding-index.js';

export interface EvaluationRow extends GoldTitle {
  source: string;
  split: 'train' | 'test';
}

export function readEvaluationSet(path: string): EvaluationRow[] {
  return readCsv(path, ['title', 'soc2020', 'kind', 'source', 'split']).map((r) => ({
    title: r.title,
    soc: r.soc2020,
    kind: r.kind === 'ambiguous' ? 'ambiguous' : 'clear',
    source: r.source,
    split: r.split === 'train' ? 'train' : 'test',
  }));
}
