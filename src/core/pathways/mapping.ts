/**
 * Reads a related-occupation mapping (related.csv, or data/related/*.csv):
 * columns `ssa` (SSA tier 1 number or title), `soc` (2-digit SOC sub-major
 * group; a longer SOC code is cut to its first two digits) and `related`
 * (yes/no). Other columns (titles) are ignored. Bad rows are errors naming the
 * file, line, column and value.
 */
import { InputError } from '../errors.js';
import type { MappingRow } from './types.js';

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Normalise a title for matching: lower case, '&' as 'and', single spaces, no punctuation. */
export function normaliseTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * @param records the file's rows as parsed CSV, header first.
 * @param ssaMatcher matches SSA titles (and numbers) to tier 1 codes, e.g. the shipped classification; without it only numbers 1-15 are accepted.
 */
export function parseMappingRecords(records: string[][], file: string, ssaMatcher?: { matchSsa(value: string): string | null }): MappingRow[] {
  if (records.length === 0) throw new InputError('the mapping file is empty; expected a header row with ssa, soc, related', { file, line: 1 });
  const header = records[0].map((h) => h.trim().toLowerCase());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(`the mapping file has no '${name}' column; expected columns ssa, soc, related (found: ${records[0].join(', ')})`, { file, line: 1 });
    return i;
  };
  const [ci, si, ri] = [col('ssa'), col('soc'), col('related')];
  const seen = new Map<string, { related: boolean; line: number }>();
  const out: MappingRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const line = r + 1;
    if (rec.length === 1 && rec[0].trim() === '') continue;
    const rawSsa = (rec[ci] ?? '').trim();
    let ssa: string | undefined;
    if (/^\d+(\.0)?$/.test(rawSsa) && Number(rawSsa) >= 1 && Number(rawSsa) <= 15) ssa = String(Number(rawSsa));
    else ssa = ssaMatcher?.matchSsa(rawSsa) ?? undefined;
    if (!ssa) {
      throw new InputError(`ssa '${rawSsa}' is not a sector subject area tier 1; expected a number 1-15${ssaMatcher ? ' or an SSA tier 1 title' : ''}`, {
        file,
        line,
        column: ci + 1,
        field: 'ssa',
      });
    }
    const rawSoc = (rec[si] ?? '').trim();
    const digits = rawSoc.replace(/\D/g, '');
    if (digits.length < 2 || digits.length > 4 || digits !== rawSoc || digits[0] === '0') {
      throw new InputError(`soc '${rawSoc}' is not a SOC code; expected a 2-digit SOC sub-major group such as 52`, { file, line, column: si + 1, field: 'soc' });
    }
    const soc = digits.slice(0, 2);
    const rawRel = (rec[ri] ?? '').trim().toLowerCase();
    const related = YES.has(rawRel) ? true : NO.has(rawRel) ? false : undefined;
    if (related === undefined) {
      throw new InputError(`related '${rec[ri] ?? ''}' is not yes or no`, { file, line, column: ri + 1, field: 'related' });
    }
    const key = `${ssa}|${soc}`;
    const before = seen.get(key);
    if (before) {
      if (before.related !== related) {
        throw new InputError(`SSA ${ssa} and SOC ${soc} are given as ${related ? 'related' : 'not related'} here but the opposite on line ${before.line}`, {
          file,
          line,
          column: ri + 1,
          field: 'related',
        });
      }
      continue;
    }
    seen.set(key, { related, line });
    out.push({ ssa, soc, related });
  }
  if (out.length === 0) throw new InputError('the mapping file has no rows', { file, line: 2 });
  return out;
}
