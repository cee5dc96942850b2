/**
 * Qualifiers and default entries (ONS SOC 2020 Volume 2, coding rules and
 * conventions): an entry with an additional (ADD) or industry (IND)
 * qualifier applies only in that context ("Cleaner" + ADD "windows" is a
 * window cleaner, "Driver" + IND "bus service" a bus driver). A default entry
 * (flag O, I, A, Q, QS or M) gives the code when the qualifier is not known.
 */
import { normaliseText, stem, words } from './normalise.js';
import type { IndexEntry } from './types.js';

/** Words in qualifiers that carry no context: 'nos' is "not otherwise specified"; 'mfr' is kept as manufacturing. */
const QUALIFIER_STOP = new Set(['nos', 'and', 'of', 'the', 'in', 'for', 'a', 'to', 'not', 'other', 'than', 'etc', 'also', 'see', 'or', 'with', 'by', 'on', 'at', 'above', 'below', 'ground']);

/** Stemmed context words of an entry's qualifiers. */
export function qualifierTokens(entry: Pick<IndexEntry, 'add' | 'ind'>): string[] {
  const text = `${entry.add} ${entry.ind}`.replace(/\bmfr\b/gi, 'manufacturing');
  const out = new Set<string>();
  for (const w of words(normaliseText(text))) {
    if (QUALIFIER_STOP.has(w) || /^\d+$/.test(w)) continue;
    out.add(stem(w));
  }
  return [...out];
}

export const hasQualifier = (entry: Pick<IndexEntry, 'add' | 'ind'>): boolean => entry.add.trim() !== '' || entry.ind.trim() !== '';

export const isDefault = (entry: Pick<IndexEntry, 'default'>): boolean => entry.default.trim() !== '';

/**
 * How far an entry applies to a title, from its qualifiers:
 * - no qualifier: fully;
 * - a qualifier the title's other words match: fully (the context was given);
 * - a default entry whose qualifier was not given: nearly (the index's choice when it is not known);
 * - any other qualified entry whose qualifier was not given: only partly.
 */
export function qualifierFactor(hasQual: boolean, qualifierMatched: boolean, defaultEntry: boolean): number {
  if (!hasQual || qualifierMatched) return 1;
  return defaultEntry ? 0.92 : 0.85;
}
