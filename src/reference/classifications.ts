/**
 * Loads the reference data the project ships (data/*.csv, see data/README.md)
 * and builds the matchers in src/core/classify. The data folder is found from
 * this module's own location, so it works from src/ and from dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createClassifications, type Classifications } from '../core/classify/classifications.js';
import type { ClassificationData, SocVersion } from '../core/classify/types.js';
import { InputError } from '../core/errors.js';

export type { Classifications } from '../core/classify/classifications.js';

/** The package's data/ folder: the nearest ancestor of this module holding data/regions.csv. */
export function dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'data', 'regions.csv')) && existsSync(join(dir, 'package.json'))) return join(dir, 'data');
    const up = dirname(dir);
    if (up === dir) throw new Error(`Routeways data folder not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

type Row = Record<string, string>;

function readTable(dir: string, file: string, columns: string[]): Row[] {
  const path = join(dir, file);
  let rows: Row[];
  try {
    rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new InputError(`cannot read classification file: ${(err as Error).message}`, { file: path });
  }
  for (const [i, row] of rows.entries()) {
    for (const c of columns) {
      if (!(c in row)) throw new InputError(`missing column '${c}'`, { file: path, line: 1 });
      if (c !== 'aliases' && c !== 'report_code' && row[c] === '') {
        throw new InputError(`empty '${c}'; expected a value`, { file: path, line: i + 2, field: c });
      }
    }
  }
  return rows;
}

const splitAliases = (s: string | undefined): string[] =>
  (s ?? '').split('|').map((a) => a.trim()).filter((a) => a !== '');

/** Reads the shipped classification records. */
export function readClassificationData(dir: string = dataDir()): ClassificationData {
  const soc = (v: SocVersion) => ({
    major: readTable(dir, `soc${v}-major.csv`, ['code', 'title']).map((r) => ({ code: r.code, title: r.title })),
    subMajor: readTable(dir, `soc${v}-submajor.csv`, ['code', 'title', 'parent']).map((r) => ({
      code: r.code,
      title: r.title,
      parent: r.parent,
    })),
  });
  return {
    regions: readTable(dir, 'regions.csv', ['code', 'name', 'gss_code', 'report_code', 'aliases']).map((r) => ({
      code: r.code,
      name: r.name,
      gssCode: r.gss_code,
      reportCode: r.report_code === '' ? null : r.report_code,
      aliases: splitAliases(r.aliases),
    })),
    ssaTier1: readTable(dir, 'ssa-tier1.csv', ['code', 'title', 'aliases']).map((r) => ({
      code: r.code,
      title: r.title,
      aliases: splitAliases(r.aliases),
    })),
    ssaTier2: readTable(dir, 'ssa-tier2.csv', ['code', 'title', 'parent', 'aliases']).map((r) => ({
      code: r.code,
      title: r.title,
      parent: r.parent,
      aliases: splitAliases(r.aliases),
    })),
    soc: { '2010': soc('2010'), '2020': soc('2020') },
  };
}

let cached: Classifications | undefined;

/** The shipped classifications with their matchers (read once per process). */
export function loadClassifications(dir?: string): Classifications {
  if (dir !== undefined) return createClassifications(readClassificationData(dir));
  cached ??= createClassifications(readClassificationData());
  return cached;
}
