/**
 * Finding an extract's files: the folder, then for each file of the format
 * (people, qualifications, occupations, related, benefits) either a CSV or a Parquet
 * file, checked to be a readable regular file before anything reads it, so a
 * folder, a symbolic link that loops or a file without read permission gets
 * a clear error instead of a failure deep inside a reader.
 */
import { closeSync, openSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { EXTRACT_FILES, fileBase, type FileSpec } from './extract-format.js';

export type FileFormat = 'csv' | 'parquet';

export interface ExtractFile {
  spec: FileSpec;
  /** The file's name as reported: people.csv, people.parquet, ... */
  file: string;
  path: string;
  format: FileFormat;
  bytes: number;
}

const FORMATS: readonly FileFormat[] = ['csv', 'parquet'];
const EXPECTED_FOLDER = 'a folder holding people.csv, qualifications.csv and occupations.csv (or the same names in .parquet)';

/** The extract's folder (absolute) and the files in it; throws InputError for anything unreadable or missing. */
export function locateExtract(folder: string): { dir: string; files: ExtractFile[] } {
  const dir = resolve(folder);
  const names = readFolder(dir);
  const files: ExtractFile[] = [];
  const missing: FileSpec[] = [];
  for (const spec of EXTRACT_FILES) {
    const present = FORMATS.filter((f) => names.has(`${fileBase(spec)}.${f}`));
    if (present.length > 1) {
      throw new InputError(`both ${fileBase(spec)}.csv and ${fileBase(spec)}.parquet are in ${dir}; keep the one to import`);
    }
    if (present.length === 0) {
      if (!spec.optional) missing.push(spec);
      continue;
    }
    const format = present[0];
    const file = `${fileBase(spec)}.${format}`;
    const path = join(dir, file);
    files.push({ spec, file, path, format, bytes: checkReadableFile(path, format).size });
  }
  if (missing.length > 0) {
    throw new InputError(
      `${missing.map((s) => s.file).join(', ')} not found in ${dir}; an extract is a folder with people.csv, qualifications.csv and occupations.csv (related.csv and benefits.csv optional), or the same names in .parquet`,
    );
  }
  return { dir, files };
}

function readFolder(dir: string): Set<string> {
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (err) {
    throw new InputError(`${fsProblem(err, dir, 'no such folder')}; expected ${EXPECTED_FOLDER}`);
  }
  if (!st.isDirectory()) throw new InputError(`${dir} is a file, not a folder; expected ${EXPECTED_FOLDER}`);
  try {
    return new Set(readdirSync(dir));
  } catch (err) {
    throw new InputError(`${fsProblem(err, dir, 'cannot read the folder')}; expected ${EXPECTED_FOLDER}`);
  }
}

/** stat (following links) and open the file once, to fail here with words rather than in a reader. */
function checkReadableFile(path: string, format: FileFormat): Stats {
  const expected = format === 'csv' ? 'a CSV file with a header row' : 'a Parquet file';
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    throw new InputError(`${fsProblem(err, path, 'cannot read')}; expected ${expected}`);
  }
  if (st.isDirectory()) throw new InputError(`${path} is a folder, not a file; expected ${expected}`);
  if (!st.isFile()) throw new InputError(`${path} is not a regular file (a pipe, socket or device); expected ${expected}`);
  try {
    closeSync(openSync(path, 'r'));
  } catch (err) {
    throw new InputError(`${fsProblem(err, path, 'cannot read')}; expected ${expected}`);
  }
  return st;
}

/** A file-system error in words, naming the path. */
function fsProblem(err: unknown, path: string, what: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' && what === 'no such folder') return `no such folder: ${path}`;
  if (code === 'ENOENT') return `${path} is a symbolic link to a file that does not exist`;
  if (code === 'ELOOP') return `${path} is a symbolic link that loops (it points back to itself)`;
  if (code === 'EACCES' || code === 'EPERM') return `${what} ${path}: permission denied (check the permissions of the file and its folder)`;
  if (code === 'ENOTDIR') return `${what} ${path}: a part of the path is a file, not a folder`;
  return `${what} ${path}: ${(err as Error).message}`;
}
