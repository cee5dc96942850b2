/**
 * From the warehouse's count tables (values as held there) to the counts a
 * counts-only dataset stores: each value checked, region, SSA, SOC and the
 * two types classified as `import` classifies them (the shipped
 * classifications; unmatched values become NULL), and rows that classify
 * alike added up. Every count is a sum of people and every cell key a sum of
 * record keys, so adding rows up after classifying gives what counting the
 * classified records would.
 */
import type { Classifications } from '../../core/classify/classifications.js';
import { KEY_RANGE } from '../../core/disclosure/perturbation/cell-key.js';
import type { CoverageStatus } from '../../core/pathways/types.js';
import type { CountPathwayRow, CountPattern } from '../../store/counts.js';
import { problem, type CountFile, type RawRow } from './count-files.js';

function wholeNumber(file: CountFile, line: number, v: RawRow, column: string, min: number, blank = false): number | null {
  const s = v[column] ?? null;
  if (s === null && blank) return null;
  if (s === null || !/^\d+$/.test(s.trim()) || Number(s) < min || !Number.isSafeInteger(Number(s))) {
    throw problem(file, line, column, s, `a whole number of at least ${min}${blank ? ' or blank' : ''}`);
  }
  return Number(s);
}

function decimal(file: CountFile, line: number, v: RawRow, column: string): number | null {
  const s = v[column] ?? null;
  if (s === null) return null;
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n)) throw problem(file, line, column, s, 'a number or blank');
  return n;
}

function titles(file: CountFile, line: number, v: RawRow, column: string): string[] {
  const s = v[column] ?? null;
  let parsed: unknown;
  try {
    parsed = s === null ? null : JSON.parse(s);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.some((x) => typeof x !== 'string' || x.trim() === '')) {
    throw problem(file, line, column, s, 'a JSON array of one or more titles, e.g. ["Fork Lift Truck"]');
  }
  return [...new Set(parsed as string[])].sort();
}

const key = (parts: unknown[]) => JSON.stringify(parts);
const mod = (n: number) => n % KEY_RANGE;
const trimmed = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? null : s.trim());

/** People per region code (NULL: blank or unmatched). */
export function regionCounts(file: CountFile, cls: Classifications): Array<{ region: string | null; people: number }> {
  const sums = new Map<string | null, number>();
  for (const { line, values } of file.rows) {
    const people = wholeNumber(file, line, values, 'people', 1)!;
    const region = cls.matchRegion(trimmed(values.region));
    sums.set(region, (sums.get(region) ?? 0) + people);
  }
  return [...sums].map(([region, people]) => ({ region, people }));
}

/** The incidence patterns, with regions classified and patterns that then coincide added up. */
export function patternCounts(file: CountFile, cls: Classifications): CountPattern[] {
  const out = new Map<string, CountPattern>();
  for (const { line, values } of file.rows) {
    const people = wholeNumber(file, line, values, 'people', 1)!;
    const keySum = wholeNumber(file, line, values, 'key_sum', 0)!;
    const p: CountPattern = { region: cls.matchRegion(trimmed(values.region)), qualifications: titles(file, line, values, 'qualifications'), occupations: titles(file, line, values, 'occupations'), people, keySum: mod(keySum) };
    const k = key([p.region, p.qualifications, p.occupations]);
    const had = out.get(k);
    if (had) {
      had.people += people;
      had.keySum = mod(had.keySum + p.keySum);
    } else out.set(k, p);
  }
  return [...out.values()];
}

/** 'apprenticeship' | 'classroom' from the spellings import accepts. */
export function qualificationType(raw: string | null): string | null {
  const s = trimmed(raw)?.toLowerCase() ?? null;
  if (s === null) return null;
  const letters = s.replace(/[^a-z]/g, '');
  if (letters === 'apprenticeship' || letters === 'apprentice') return 'apprenticeship';
  if (letters === 'classroom' || letters === 'classroombased') return 'classroom';
  return null;
}

/** 'training' | 'full-time' | 'part-time' from the spellings import accepts. */
export function employmentType(raw: string | null): string | null {
  const s = trimmed(raw)?.toLowerCase() ?? null;
  if (s === null) return null;
  const letters = s.replace(/[^a-z]/g, '');
  if (letters === 'training' || letters === 'employmentwithtraining') return 'training';
  if (letters === 'fulltime') return 'full-time';
  if (letters === 'parttime') return 'part-time';
  return null;
}

function hasOccupation(file: CountFile, line: number, v: RawRow): boolean {
  const s = v.has_occupation?.trim().toLowerCase() ?? null;
  if (s === '1' || s === 'true') return true;
  if (s === '0' || s === 'false') return false;
  throw problem(file, line, 'has_occupation', v.has_occupation ?? null, '1 or 0');
}

/** The pathway row's coverage status and classified values, as pathwayCountSql decodes them. */
function classifyPathway(file: CountFile, line: number, v: RawRow, cls: Classifications) {
  const ssa = cls.matchSsa(trimmed(v.ssa));
  const soc = cls.matchSoc(trimmed(v.soc)).subMajor;
  const status: CoverageStatus = !hasOccupation(file, line, v) ? 'no-occupation' : soc === null ? 'no-soc' : ssa === null ? 'no-ssa' : 'analysed';
  const analysed = status === 'analysed';
  return {
    status,
    ssa: analysed ? ssa : null,
    qt: analysed ? qualificationType(v.qualification_type ?? null) : null,
    soc: analysed ? soc : null,
    et: analysed ? employmentType(v.employment_type ?? null) : null,
  };
}

function level(file: CountFile, line: number, v: RawRow): number | null {
  const n = wholeNumber(file, line, v, 'level', 1, true);
  if (n !== null && n > 8) throw problem(file, line, 'level', v.level ?? null, 'a level from 1 to 8, or blank');
  return n;
}

function addTo(had: CountPathwayRow, r: CountPathwayRow): void {
  had.n += r.n;
  had.keySum = mod(had.keySum + r.keySum);
  had.w = had.w === null || r.w === null ? (had.w ?? r.w) : had.w + r.w;
  had.w2 = had.w2 === null || r.w2 === null ? (had.w2 ?? r.w2) : had.w2 + r.w2;
  had.missingW += r.missingW;
}

/** The pathway cube by region, classified and added up. */
export function pathwayCounts(file: CountFile, cls: Classifications): CountPathwayRow[] {
  const out = new Map<string, CountPathwayRow>();
  for (const { line, values } of file.rows) {
    const r: CountPathwayRow = {
      level: level(file, line, values),
      region: cls.matchRegion(trimmed(values.region)),
      ...classifyPathway(file, line, values, cls),
      n: wholeNumber(file, line, values, 'people', 1)!,
      keySum: mod(wholeNumber(file, line, values, 'key_sum', 0)!),
      w: decimal(file, line, values, 'weight_sum'),
      w2: decimal(file, line, values, 'weight_sq_sum'),
      missingW: wholeNumber(file, line, values, 'missing_weight', 0)!,
    };
    const k = key([r.level, r.region, r.status, r.ssa, r.qt, r.soc, r.et]);
    const had = out.get(k);
    if (had) addTo(had, r);
    else out.set(k, r);
  }
  return [...out.values()];
}
