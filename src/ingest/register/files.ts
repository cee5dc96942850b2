/**
 * The register's files: reading an import (a JSON document, one kind's CSV,
 * or a folder of CSVs named after their kinds) into incoming records with the
 * line and column of every value, and writing an export (the whole register
 * as one JSON document, or a folder of CSVs) that reads back as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { InputError } from '../../core/errors.js';
import type { ImportProblem, IncomingRecord, Place } from '../../core/register/incoming.js';
import { CSV_FILE, incomingFromCsv, kindOfCsvName, toCsv } from '../../core/register/tabular.js';
import { COLLECTION, RECORD_KINDS, type RecordKind, type RegisterData, type RegisterRecord } from '../../core/register/types.js';
import { parseRecords, readHeader } from '../csv-file.js';

export const EXPORT_FORMAT = 'routeways-register';
export const EXPORT_FORMAT_VERSION = 1;

export interface ReadResult {
  records: IncomingRecord[];
  problems: ImportProblem[];
  /** The files read. */
  files: string[];
}

/** Read an import: a .json file, a .csv file (its kind from `kind` or its name), or a folder of kind-named CSVs. */
export async function readRegisterImport(path: string, kind?: RecordKind): Promise<ReadResult> {
  if (!existsSync(path)) throw new InputError(`there is no file or folder ${path}`);
  if (statSync(path).isDirectory()) return readCsvFolder(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return { ...readJsonImport(path), files: [path] };
  if (ext === '.csv') {
    const k = kind ?? kindOfCsvName(basename(path));
    if (!k) {
      throw new InputError(
        `cannot tell which records ${basename(path)} holds; name it after its kind (${Object.values(CSV_FILE).join(', ')}) or give --kind`,
        { file: basename(path) },
      );
    }
    return { ...(await readCsvImport(path, k)), files: [path] };
  }
  throw new InputError(`${basename(path)} is neither .json nor .csv; expected a register export (.json), a CSV file, or a folder of CSV files`);
}

async function readCsvFolder(dir: string): Promise<ReadResult> {
  const out: ReadResult = { records: [], problems: [], files: [] };
  const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.csv'));
  for (const name of names) {
    const kind = kindOfCsvName(name);
    if (!kind) {
      out.problems.push({ file: name, problem: 'is not a register file', expected: `CSV files named ${Object.values(CSV_FILE).join(', ')}` });
      continue;
    }
    const r = await readCsvImport(join(dir, name), kind);
    out.records.push(...r.records);
    out.problems.push(...r.problems);
    out.files.push(join(dir, name));
  }
  if (out.files.length === 0 && out.problems.length === 0) {
    throw new InputError(`${dir} holds no register CSV files; expected ${Object.values(CSV_FILE).join(', ')}`);
  }
  // Parents before the records that name them, so a folder imports in one go.
  out.records.sort((a, b) => RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind));
  return out;
}

export async function readCsvImport(path: string, kind: RecordKind): Promise<{ records: IncomingRecord[]; problems: ImportProblem[] }> {
  const file = basename(path);
  const { header } = await readHeader(path, file, 'utf-8');
  const rows: { line: number; cells: string[] }[] = [];
  for await (const rec of parseRecords(path, file, 'utf-8')) {
    if (rec.fields.every((f) => f.trim() === '')) continue;
    rows.push({ line: rec.line, cells: rec.fields });
  }
  return incomingFromCsv(kind, file, header, rows);
}

/** Line and column (from 1) of each offset in a text. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

export function readJsonImport(path: string): { records: IncomingRecord[]; problems: ImportProblem[] } {
  const file = basename(path);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const at = positions(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const problems = errors.slice(0, 20).map((e) => ({ file, ...at(e.offset), problem: `is not valid JSON (${printParseErrorCode(e.error)})`, expected: 'a register export: {"qualifications": [...], "modules": [...], ...}' }));
    return { records: [], problems: problems.length > 0 ? problems : [{ file, problem: 'is empty', expected: 'a JSON object' }] };
  }
  if (root.type !== 'object') return { records: [], problems: [{ file, ...at(root.offset), problem: 'is not a JSON object', expected: 'a register export: {"qualifications": [...], ...}' }] };
  const records: IncomingRecord[] = [];
  const problems: ImportProblem[] = [];
  const kindOfKey = new Map(RECORD_KINDS.map((k) => [COLLECTION[k] as string, k]));
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const key = keyNode?.value as string;
    const kind = kindOfKey.get(key);
    if (!kind) {
      if (!['format', 'formatVersion', 'exportedAt'].includes(key)) {
        problems.push({ file, ...at(keyNode.offset), field: key, problem: 'is not part of a register', expected: `keys from ${[...kindOfKey.keys()].join(', ')}` });
      }
      continue;
    }
    if (valueNode?.type !== 'array') {
      problems.push({ file, ...at(valueNode?.offset ?? prop.offset), field: key, problem: 'is not a list', expected: `a list of ${key}` });
      continue;
    }
    for (const item of valueNode.children ?? []) {
      const rec = jsonRecord(kind, file, item, text, at, problems);
      if (rec) records.push(rec);
    }
  }
  records.sort((a, b) => RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind) || a.line - b.line);
  return { records, problems };
}

function jsonRecord(kind: RecordKind, file: string, node: Node, text: string, at: ReturnType<typeof positions>, problems: ImportProblem[]): IncomingRecord | undefined {
  const start = at(node.offset);
  if (node.type !== 'object') {
    problems.push({ file, ...start, problem: `is not a ${kind} record`, expected: 'a JSON object' });
    return undefined;
  }
  const rec: IncomingRecord = { kind, fields: {}, halves: [], file, line: start.line, at: {} };
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    const field = k.value as string;
    // A record's version in a file is for reading only: the register keeps its own.
    if (field === 'version') continue;
    const place: Place = { ...at(v.offset), value: text.slice(v.offset, v.offset + Math.min(v.length, 200)) };
    rec.fields[field] = nodeValue(v);
    rec.at[field] = place;
  }
  return rec;
}

function nodeValue(node: Node): unknown {
  if (node.type === 'array') return (node.children ?? []).map(nodeValue);
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [p.children![0].value as string, nodeValue(p.children![1])]));
  return node.value;
}

/** The whole register as one JSON document. */
export function exportDocument(data: RegisterData, exportedAt = new Date().toISOString()): Record<string, unknown> {
  const doc: Record<string, unknown> = { format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, exportedAt };
  for (const kind of RECORD_KINDS) doc[COLLECTION[kind]] = data[COLLECTION[kind]];
  return doc;
}

/** Write the register to `out`: a .json file, or a folder of CSV files (one per kind). */
export function writeRegisterExport(data: RegisterData, out: string): { files: string[]; records: number } {
  const records = RECORD_KINDS.reduce((n, k) => n + (data[COLLECTION[k]] as RegisterRecord[]).length, 0);
  if (extname(out).toLowerCase() === '.json') {
    writeFileSync(out, JSON.stringify(exportDocument(data), null, 2) + '\n');
    return { files: [out], records };
  }
  if (existsSync(out) && !statSync(out).isDirectory()) throw new InputError(`${out} is a file; give a .json file name or a folder for CSV files`);
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const kind of RECORD_KINDS) {
    const path = join(out, CSV_FILE[kind]);
    writeFileSync(path, toCsv(kind, data[COLLECTION[kind]] as RegisterRecord[]));
    files.push(path);
  }
  return { files, records };
}
