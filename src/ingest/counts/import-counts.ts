/**
 * `routeways import-counts <folder>`: the count tables a warehouse computed
 * with the queries of `routeways sql`, read, checked and classified, then
 * written as a counts-only dataset in one transaction (src/store/counts.ts).
 * Everything is read and checked before the store is touched, so a bad file
 * leaves the store as it was.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { COUNT_TABLES } from '../../core/warehouse/queries.js';
import { loadClassifications } from '../../reference/classifications.js';
import type { Store } from '../../store/database.js';
import { writeCountsDataset, type CountsInput } from '../../store/counts.js';
import { readMappingFile } from '../../store/mappings.js';
import { readCountFile } from './count-files.js';
import { pathwayCounts, patternCounts, regionCounts } from './classify-counts.js';

export interface ImportCountsOptions {
  name: string;
  replace?: boolean;
  socVersion?: '2010' | '2020';
}

export interface ImportCountsReport {
  dataset: string;
  id: number;
  folder: string;
  /** People in regions.csv (every person of the extract). */
  people: number;
  /** People with a qualification and an occupation (the patterns'). */
  patternPeople: number;
  patterns: number;
  pathwayRows: number;
  /** People whose region matched nothing (or was blank). */
  unmatchedRegionPeople: number;
  related: number | null;
}

function readInput(folder: string, options: ImportCountsOptions): CountsInput {
  const cls = loadClassifications();
  const files = Object.fromEntries(COUNT_TABLES.map((t) => [t, readCountFile(folder, t)])) as Record<(typeof COUNT_TABLES)[number], ReturnType<typeof readCountFile>>;
  const relatedFile = join(folder, 'related.csv');
  const related = existsSync(relatedFile) ? { source: relatedFile, rows: readMappingFile(relatedFile) } : undefined;
  return {
    name: options.name,
    sourceDir: folder,
    socVersion: options.socVersion ?? '2020',
    regions: regionCounts(files.regions, cls),
    patterns: patternCounts(files.patterns, cls),
    pathways: pathwayCounts(files.pathways, cls),
    ...(related ? { related } : {}),
    files: Object.values(files).map((f) => ({ file: `${f.table}.csv`, rows: f.rows.length, rejected: 0, bytes: f.bytes, sha256: f.sha256 })),
  };
}

/** Import a folder of count tables as dataset `options.name`. */
export async function importCounts(store: Store, folderArg: string, options: ImportCountsOptions): Promise<ImportCountsReport> {
  if (!/^[A-Za-z0-9._-]+$/.test(options.name)) throw new InputError(`dataset name '${options.name}': expected letters, digits, '.', '_' or '-'`);
  const folder = resolve(folderArg);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError('not a folder', { file: folder });
  const input = readInput(folder, options);
  const id = await writeCountsDataset(store, input, { replace: options.replace ?? false });
  const sum = (xs: Array<{ people: number }>) => xs.reduce((s, x) => s + x.people, 0);
  return {
    dataset: options.name,
    id,
    folder,
    people: sum(input.regions),
    patternPeople: sum(input.patterns),
    patterns: input.patterns.length,
    pathwayRows: input.pathways.length,
    unmatchedRegionPeople: sum(input.regions.filter((r) => r.region === null)),
    related: input.related ? input.related.rows.length : null,
  };
}
