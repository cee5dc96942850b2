/**
 * Writes the demo outcome extract (people.csv, qualifications.csv,
 * occupations.csv with employment histories, benefits.csv, and related.csv
 * when the DfE mapping ships with the project) into a folder. Deterministic: the same seed and options give the
 * same bytes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataDir, loadClassifications } from '../reference/classifications.js';
import {
  BENEFITS_HEADER,
  buildDemoExtract,
  checkDemoOptions,
  OCCUPATIONS_HEADER,
  PEOPLE_HEADER,
  QUALIFICATIONS_HEADER,
  type DemoCounts,
  type DemoOptions,
  type Planted,
} from './build.js';
import { CsvFileWriter } from './csv-writer.js';

export type { DemoOptions, Planted, DemoCounts } from './build.js';

export interface DemoExtract {
  /** Absolute paths of the files written, in the order people, qualifications, occupations[, related], benefits. */
  files: string[];
  /** People in people.csv. */
  people: number;
  /** Rows written per file and the linkage the extract was drawn with. */
  counts: DemoCounts & { related: number };
  planted: Planted;
}

/** The DfE SSA-to-SOC mapping the project ships (data/related/dfe-2020.csv), if present. */
export function shippedRelatedMapping(): string | null {
  const path = join(dataDir(), 'related', 'dfe-2020.csv');
  return existsSync(path) ? path : null;
}

export async function generateDemoExtract(dir: string, options: DemoOptions): Promise<DemoExtract> {
  checkDemoOptions(options);
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const people = new CsvFileWriter(join(out, 'people.csv'), PEOPLE_HEADER);
  const quals = new CsvFileWriter(join(out, 'qualifications.csv'), QUALIFICATIONS_HEADER);
  const occs = new CsvFileWriter(join(out, 'occupations.csv'), OCCUPATIONS_HEADER);
  const benefits = new CsvFileWriter(join(out, 'benefits.csv'), BENEFITS_HEADER);
  let result: ReturnType<typeof buildDemoExtract>;
  try {
    result = buildDemoExtract(options, loadClassifications(), {
      person: (f) => people.row(f),
      qualification: (f) => quals.row(f),
      occupation: (f) => occs.row(f),
      benefit: (f) => benefits.row(f),
    });
  } finally {
    people.close();
    quals.close();
    occs.close();
    benefits.close();
  }
  const files = [people.path, quals.path, occs.path];

  let related = 0;
  // A related.csv left from an earlier run must not be imported with this extract.
  rmSync(join(out, 'related.csv'), { force: true });
  const mapping = shippedRelatedMapping();
  if (mapping) {
    const rows: Record<string, string>[] = parse(readFileSync(mapping, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true });
    if (rows.length > 0 && ['ssa', 'soc', 'related'].every((c) => c in rows[0])) {
      const w = new CsvFileWriter(join(out, 'related.csv'), ['ssa', 'soc', 'related']);
      for (const r of rows) w.row([r.ssa, r.soc, r.related]);
      w.close();
      related = w.rows;
      files.push(w.path);
    }
  }
  files.push(benefits.path);
  return { files, people: result.counts.people, counts: { ...result.counts, related }, planted: result.planted };
}
