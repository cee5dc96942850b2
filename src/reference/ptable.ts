/**
 * Reading a p-table file: the default one shipped in data/ptable/default.csv
 * (made by scripts/ptable-default.ts with D = 5, V = 3, js = 2, false-zero cap 0.005) or one a user
 * wrote with `routeways ptable`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { DEFAULT_PTABLE_PARAMETERS } from '../core/disclosure/perturbation/params.js';
import { parsePTableCsv } from '../core/disclosure/perturbation/ptable-csv.js';
import type { PTable } from '../core/disclosure/perturbation/ptable.js';
import { dataDir } from './classifications.js';

/** data/ptable/default.csv of this installation. */
export function defaultPTablePath(): string {
  return join(dataDir(), 'ptable', 'default.csv');
}

/** Read and check a p-table CSV. Throws InputError naming the file, line and column. */
export function readPTableFile(path: string): PTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`cannot read the p-table file ${path}; write one with: routeways ptable --out ${path}`, { file: path });
  }
  return parsePTableCsv(text, path);
}

/** The shipped default p-table, with the parameters it was made with. */
export function readDefaultPTable(): PTable {
  return { ...readPTableFile(defaultPTablePath()), parameters: { ...DEFAULT_PTABLE_PARAMETERS } };
}
