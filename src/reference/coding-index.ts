/**
 * Loads the title coder's reference data: the converted ONS SOC 2020 files
 * (data/soc2020/, see its README), Routeways' abbreviations
 * (data/coding/abbreviations.csv) and the fitted calibration
 * (data/coding/calibration.json). Built coders are cached per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { CalibrationModel } from '../core/coding/calibration.js';
import { buildCodingIndex, type CodingIndex } from '../core/coding/index-lookup.js';
import { createOccupationCoderFromIndex, type OccupationCoder } from '../core/coding/occupation-coder.js';
import { createSoc2010Converter, createSoc2010KeyConverter, type Soc2010Converter } from '../core/coding/soc2010.js';
import type { Abbreviation, SocCodingData } from '../core/coding/types.js';
import { InputError } from '../core/errors.js';
import { dataDir, loadClassifications } from './classifications.js';

/** The package's data/ folder (the coding index is in data/soc2020, the coder's own files in data/coding). */
export function codingDataDir(): string {
  return dataDir();
}

type Row = Record<string, string>;

export function readCsv(path: string, columns: readonly string[]): Row[] {
  let rows: Row[];
  try {
    rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`, { file: path });
  }
  if (rows.length > 0) for (const c of columns) if (!(c in rows[0])) throw new InputError(`missing column '${c}'`, { file: path, line: 1 });
  return rows;
}

/** Abbreviations for occupations or qualifications: the index's sheet (occupations) and Routeways' list. */
export function readAbbreviations(dir: string, kind: 'occupation' | 'qualification'): Abbreviation[] {
  const own = readCsv(join(dir, 'coding', 'abbreviations.csv'), ['abbreviation', 'meaning', 'for'])
    .filter((r) => r.for === kind || r.for === 'both')
    .map((r) => ({ abbreviation: r.abbreviation, meaning: r.meaning }));
  if (kind === 'qualification') return own;
  const ons = readCsv(join(dir, 'soc2020', 'abbreviations.csv'), ['abbreviation', 'meaning']).map((r) => ({ abbreviation: r.abbreviation, meaning: r.meaning }));
  return [...own, ...ons];
}

export function readSocCodingData(dir: string = codingDataDir()): SocCodingData {
  const soc = join(dir, 'soc2020');
  return {
    entries: readCsv(join(soc, 'index.csv'), ['soc2020', 'default', 'indexocc', 'natural', 'add', 'ind', 'see']).map((r) => ({
      soc: r.soc2020,
      default: r.default,
      indexocc: r.indexocc,
      natural: r.natural,
      add: r.add,
      ind: r.ind,
      see: r.see,
    })),
    unitGroups: readCsv(join(soc, 'unit-groups.csv'), ['code', 'title']).map((r) => ({ code: r.code, title: r.title })),
    relatedTitles: readCsv(join(soc, 'related-titles.csv'), ['soc2020', 'title']).map((r) => ({ soc: r.soc2020, title: r.title })),
    abbreviations: readAbbreviations(dir, 'occupation'),
    relations: readCsv(join(soc, 'soc2010-soc2020.csv'), ['soc2010', 'soc2020', 'share', 'people']).map((r) => ({
      soc2010: r.soc2010,
      soc2020: r.soc2020,
      share: Number(r.share),
      people: Number(r.people),
    })),
  };
}

export const CALIBRATION_FILE = join('coding', 'calibration.json');

/** The fitted calibration, or null before scripts/fit-coding-calibration.ts has been run. */
export function readCalibration(dir: string = codingDataDir()): CalibrationModel | null {
  const path = join(dir, CALIBRATION_FILE);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as CalibrationModel;
}

let cachedIndex: { dir: string; index: CodingIndex; data: SocCodingData } | null = null;

/** The coding index built from data/ (once per process). */
export function loadCodingIndex(dir: string = codingDataDir()): { index: CodingIndex; data: SocCodingData } {
  if (cachedIndex?.dir !== dir) {
    const data = readSocCodingData(dir);
    cachedIndex = { dir, data, index: buildCodingIndex(data) };
  }
  return cachedIndex;
}

export interface LoadOptions {
  threshold?: number;
  /** Use this calibration instead of the shipped one (null: none, raw scores). */
  calibration?: CalibrationModel | null;
  dir?: string;
}

export function loadOccupationCoder(options: LoadOptions = {}): OccupationCoder {
  const dir = options.dir ?? codingDataDir();
  const { index } = loadCodingIndex(dir);
  const calibration = options.calibration === undefined ? readCalibration(dir) : options.calibration;
  return createOccupationCoderFromIndex(index, { threshold: options.threshold, calibration });
}

export function loadSoc2010Converter(dir: string = codingDataDir()): Soc2010Converter {
  const { data, index } = loadCodingIndex(dir);
  return createSoc2010Converter(data.relations, index.unitTitle);
}

/** SOC 2010 unit or sub-major group (a dataset record's key) -> SOC 2020, with the share as confidence. */
export function loadSoc2010KeyConverter(dir: string = codingDataDir()): Soc2010Converter {
  const { data, index } = loadCodingIndex(dir);
  const subMajors = new Map(loadClassifications().data.soc['2020'].subMajor.map((s) => [s.code, s.title]));
  return createSoc2010KeyConverter(data.relations, index.unitTitle, subMajors);
}
