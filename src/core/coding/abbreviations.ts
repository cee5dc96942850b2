/**
 * Abbreviations: the coding index's own sheet (HGV, KP, HCA...) and
 * Routeways' list of case-system shorthand (asst, mgr, drvr...), read as
 * token sequences. An abbreviation can stand for several things (the index
 * lists two meanings of PC and of CSA); all are offered and scoring picks.
 */
import { normaliseText, stem, words } from './normalise.js';
import type { Abbreviation } from './types.js';

export interface AbbreviationTable {
  /** Longest abbreviation in tokens. */
  readonly maxTokens: number;
  /** Meanings (stemmed tokens) of an abbreviation given as its normalised tokens joined by ' '. */
  readonly meanings: ReadonlyMap<string, readonly (readonly string[])[]>;
}

/** ONS sheet rows that are grade lists or notes rather than expansions. */
const NOT_AN_EXPANSION = /^(grades?\b|\(in combination\)|et cetera|and$|department|manufacturing|not otherwise specified)/i;

/** Build the table; `vocabulary`, when given, drops expansions whose words the index never uses. */
export function buildAbbreviations(list: readonly Abbreviation[]): AbbreviationTable {
  const meanings = new Map<string, (readonly string[])[]>();
  let maxTokens = 1;
  for (const a of list) {
    const meaning = a.meaning.trim();
    if (meaning === '' || NOT_AN_EXPANSION.test(meaning)) continue;
    const key = words(normaliseText(a.abbreviation)).join(' ');
    // Single letters ("A", "C" grades) would fire on every initial.
    if (key.replace(/\s/g, '').length < 2) continue;
    const expansion = words(normaliseText(meaning.replace(/\(.*?\)/g, ' '))).map(stem);
    if (expansion.length === 0 || expansion.join(' ') === key) continue;
    const list2 = meanings.get(key) ?? [];
    if (!list2.some((m) => m.join(' ') === expansion.join(' '))) list2.push(expansion);
    meanings.set(key, list2);
    maxTokens = Math.max(maxTokens, key.split(' ').length);
  }
  return { maxTokens, meanings };
}

export interface Expansion {
  /** Tokens with the abbreviations replaced (stemmed). */
  tokens: string[];
  /** "FLT = fork lift truck" for each abbreviation replaced. */
  expanded: string[];
}

/**
 * The ways of reading `wordList` (normalised, unstemmed words): each
 * abbreviation found is replaced by each of its meanings, up to `limit`
 * readings. The reading with no replacement is not included.
 */
export function expandAbbreviations(wordList: readonly string[], table: AbbreviationTable, limit = 4): Expansion[] {
  let readings: Expansion[] = [{ tokens: [], expanded: [] }];
  let any = false;
  for (let i = 0; i < wordList.length; ) {
    let matched = 0;
    let options: readonly (readonly string[])[] = [];
    for (let n = Math.min(table.maxTokens, wordList.length - i); n >= 1 && matched === 0; n--) {
      const key = wordList.slice(i, i + n).join(' ');
      const m = table.meanings.get(key);
      if (m) {
        matched = n;
        options = m;
      }
    }
    if (matched === 0) {
      const t = stem(wordList[i]);
      for (const r of readings) r.tokens.push(t);
      i++;
      continue;
    }
    any = true;
    const source = wordList.slice(i, i + matched).join(' ');
    const next: Expansion[] = [];
    for (const r of readings) {
      for (const m of options) {
        if (next.length >= limit) break;
        next.push({ tokens: [...r.tokens, ...m], expanded: [...r.expanded, `${source.toUpperCase()} = ${m.join(' ')}`] });
      }
    }
    readings = next;
    i += matched;
  }
  return any ? readings : [];
}
