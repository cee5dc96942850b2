/**
 * Column mapping: real extracts name their columns differently. A mapping says
 * which header in the file holds each of Routeways' columns, for all files
 * (`person_id=PID`) or one file (`qualifications.level=NVQ_LEVEL`).
 * Given as a JSON file (flat `{"person_id": "PID"}` or per file
 * `{"qualifications": {"level": "NVQ_LEVEL"}}`) and/or repeated `--map` flags;
 * flags win over the file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, UsageError } from '../core/errors.js';
import { EXTRACT_FILES, type ExtractFileName, type FileSpec } from './extract-format.js';

/** File key ('people', 'qualifications', 'occupations', 'related', 'benefits', or '*' for all) -> our column -> header in the file. */
export type ColumnMap = Record<string, Record<string, string>>;

const FILE_KEYS = ['people', 'qualifications', 'occupations', 'related', 'benefits'] as const;

function fileKey(raw: string): string | undefined {
  const k = raw.trim().toLowerCase().replace(/\.csv$/, '');
  return (FILE_KEYS as readonly string[]).includes(k) ? k : undefined;
}

function knownFields(key: string): string[] {
  const specs = key === '*' ? EXTRACT_FILES : EXTRACT_FILES.filter((f) => f.file === `${key}.csv`);
  return [...new Set(specs.flatMap((f) => f.fields.map((x) => x.name)))];
}

function addEntry(map: ColumnMap, key: string, field: string, header: string, where: string): void {
  const f = field.trim().toLowerCase();
  if (!knownFields(key).includes(f)) {
    throw new UsageError(
      `${where}: '${field}' is not a column Routeways reads${key === '*' ? '' : ` from ${key}.csv`}; expected one of ${knownFields(key).join(', ')}`,
    );
  }
  if (header.trim() === '') throw new UsageError(`${where}: no header given for '${field}'`);
  (map[key] ??= {})[f] = header.trim();
}

/** Parse `--map` flags: `field=HEADER` or `file.field=HEADER`. */
export function parseMapFlags(flags: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--map ${flag}: expected column=HEADER, e.g. --map person_id=PID or --map qualifications.level=NVQ_LEVEL`);
    const left = flag.slice(0, eq);
    const header = flag.slice(eq + 1);
    const dot = left.lastIndexOf('.');
    let key = '*';
    let field = left;
    if (dot > 0) {
      const k = fileKey(left.slice(0, dot));
      if (!k) throw new UsageError(`--map ${flag}: '${left.slice(0, dot)}' is not an extract file; expected one of ${FILE_KEYS.join(', ')}`);
      key = k;
      field = left.slice(dot + 1);
    }
    addEntry(map, key, field, header, `--map ${flag}`);
  }
  return map;
}

const mapFileSchema = z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]));

/** Read a mapping JSON file. */
export function readMapFile(path: string): ColumnMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the column mapping: ${(err as Error).message}`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`the column mapping is not valid JSON (${(err as Error).message})`, { file: path });
  }
  const parsed = mapFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      `the column mapping must be a JSON object like {"person_id": "PID"} or {"qualifications": {"level": "NVQ_LEVEL"}}`,
      { file: path },
    );
  }
  const map: ColumnMap = {};
  for (const [k, v] of Object.entries(parsed.data)) {
    if (typeof v === 'string') {
      try {
        addEntry(map, '*', k, v, path);
      } catch (e) {
        throw new InputError((e as Error).message, { file: path });
      }
    } else {
      const key = fileKey(k);
      if (!key) throw new InputError(`'${k}' is not an extract file; expected one of ${FILE_KEYS.join(', ')}`, { file: path });
      for (const [field, header] of Object.entries(v)) {
        try {
          addEntry(map, key, field, header, path);
        } catch (e) {
          throw new InputError((e as Error).message, { file: path });
        }
      }
    }
  }
  return map;
}

/** Merge mappings; later ones win. */
export function mergeMaps(...maps: ColumnMap[]): ColumnMap {
  const out: ColumnMap = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) out[k] = { ...(out[k] ?? {}), ...v };
  return out;
}

export interface ResolvedColumn {
  /** 0-based position in the file. */
  index: number;
  /** The header as written in the file. */
  header: string;
  /** Our column name, when the header maps to one. */
  field?: string;
}

export interface ResolvedHeader {
  columns: ResolvedColumn[];
  /** Required columns not found: [field, header looked for]. */
  missing: { field: string; lookedFor: string }[];
  /** Headers that map to none of our columns (characteristics in people.csv; ignored elsewhere). */
  unknown: string[];
  /** Headers that appear more than once. */
  duplicates: string[];
  /** Explicit file-specific mappings naming a header that is not there. */
  unmatchedMappings: { field: string; header: string }[];
}

const norm = (s: string): string => s.trim().toLowerCase();

/** Match a file's header row to our columns. */
export function resolveHeader(spec: FileSpec, header: readonly string[], map: ColumnMap): ResolvedHeader {
  const key = spec.file.replace(/\.csv$/, '');
  const specific = map[key] ?? {};
  const general = map['*'] ?? {};
  const positions = new Map<string, number>();
  const duplicates: string[] = [];
  header.forEach((h, i) => {
    const n = norm(h);
    if (positions.has(n)) duplicates.push(h);
    else positions.set(n, i);
  });
  const columns: ResolvedColumn[] = header.map((h, index) => ({ index, header: h }));
  const missing: ResolvedHeader['missing'] = [];
  const unmatchedMappings: ResolvedHeader['unmatchedMappings'] = [];
  for (const f of spec.fields) {
    let at: number | undefined;
    let lookedFor = f.name;
    if (specific[f.name] !== undefined) {
      lookedFor = specific[f.name];
      at = positions.get(norm(lookedFor));
      if (at === undefined) unmatchedMappings.push({ field: f.name, header: lookedFor });
    } else if (general[f.name] !== undefined && positions.has(norm(general[f.name]))) {
      lookedFor = general[f.name];
      at = positions.get(norm(lookedFor));
    } else {
      if (general[f.name] !== undefined) lookedFor = `${general[f.name]} or ${f.name}`;
      at = positions.get(norm(f.name));
    }
    if (at !== undefined && columns[at].field === undefined) columns[at].field = f.name;
    else if (at === undefined && f.required) missing.push({ field: f.name, lookedFor });
  }
  const unknown = columns.filter((c) => c.field === undefined && !duplicates.includes(c.header)).map((c) => c.header);
  return { columns, missing, unknown, duplicates, unmatchedMappings };
}

export type { ExtractFileName };
