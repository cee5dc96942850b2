/**
 * The coding index as a lookup structure: entries with their title words in
 * natural and reverse word order, their qualifier words, the index words'
 * weights (inverse document frequency), postings from each word to the
 * entries using it, and the exact keys of every title. Built once from the
 * loaded data (src/coding/reference.ts); pure.
 */
import { buildAbbreviations, type AbbreviationTable } from './abbreviations.js';
import { WEAK_WORDS } from './noise-words.js';
import { normaliseText, stem, tokens, words } from './normalise.js';
import { hasQualifier, isDefault, qualifierTokens } from './qualifiers.js';
import { buildCompounds, Speller, type Compounds } from './spelling.js';
import type { IndexEntry, SocCodingData } from './types.js';

export interface LookupEntry {
  soc: string;
  /** "Driver, fork lift truck" (index) or the related title as written (Volume 1). */
  label: string;
  /** Natural-order key (stemmed tokens joined). */
  key: string;
  /** Distinct title word ids. */
  title: Int32Array;
  /** Distinct qualifier word ids not in the title. */
  qualifier: Int32Array;
  /** Id of the head word: the first word of the reverse-order title ('driver'). */
  head: number;
  titleWeight: number;
  qualified: boolean;
  isDefault: boolean;
  source: 'index' | 'related';
}

export interface CodingIndex {
  readonly entries: readonly LookupEntry[];
  readonly wordId: ReadonlyMap<string, number>;
  readonly words: readonly string[];
  /** Per word id: its weight in scoring (idf, a quarter for weak words). */
  readonly weight: Float64Array;
  /** Per word id: 1 for a weak word (src/core/coding/noise-words.ts). */
  readonly weak: Uint8Array;
  readonly titlePostings: readonly Int32Array[];
  readonly qualifierPostings: readonly Int32Array[];
  /** Natural and reverse-order keys -> entries with exactly that title. */
  readonly exactNatural: ReadonlyMap<string, readonly number[]>;
  readonly exactReverse: ReadonlyMap<string, readonly number[]>;
  /** Title key -> entry ids sharing it (all qualifiers). */
  readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** Keys the index refers elsewhere ("see also notes"). */
  readonly seeAlso: ReadonlySet<string>;
  /** Word -> the spelling the index uses for it ('advisor' -> 'adviser', from its 'see' entries). */
  readonly respell: ReadonlyMap<string, string>;
  /** Title key -> the title to code instead ('machine assistant' -> 'machinist'). */
  readonly redirect: ReadonlyMap<string, readonly string[]>;
  readonly unitTitle: ReadonlyMap<string, string>;
  readonly speller: Speller;
  readonly compounds: Compounds;
  readonly abbreviations: AbbreviationTable;
}

function reverseKey(indexocc: string): string {
  return tokens(indexocc.replace(/,/g, ' ')).join(' ');
}

/** 'see Adviser' -> ['adviser']; 'see also notes' and similar -> null. */
function seeTarget(see: string): string[] | null {
  const m = /^see\s+(?!also\b)(.+)$/i.exec(see.trim());
  if (!m) return null;
  // The target is an index title in reverse word order ('Worker, production'): its words, not its first part.
  const target = m[1].replace(/\(.*?\)/g, ' ').split(/;| or | and see /)[0];
  const t = tokens(target);
  return t.length > 0 ? t : null;
}

export function buildCodingIndex(data: SocCodingData): CodingIndex {
  const wordId = new Map<string, number>();
  const wordList: string[] = [];
  const df: number[] = [];
  const idOf = (w: string): number => {
    let id = wordId.get(w);
    if (id === undefined) {
      id = wordList.length;
      wordId.set(w, id);
      wordList.push(w);
      df.push(0);
    }
    return id;
  };

  const raw: { soc: string; label: string; natural: string[]; reverse: string; qual: string[]; qualified: boolean; isDefault: boolean; source: 'index' | 'related' }[] = [];
  const seeAlso = new Set<string>();
  const respell = new Map<string, string>();
  const redirect = new Map<string, readonly string[]>();
  const byKeyAll = new Map<string, number[]>();
  for (const e of data.entries as IndexEntry[]) {
    const natural = tokens(e.natural || e.indexocc);
    if (natural.length === 0) continue;
    if (e.soc === '') {
      const key = natural.join(' ');
      const target = seeTarget(e.see);
      if (target && natural.length === 1 && target.length === 1 && !hasQualifier(e)) respell.set(natural[0], target[0]);
      else if (target && !hasQualifier(e)) redirect.set(key, target);
      else seeAlso.add(key);
      continue;
    }
    // A qualifier of 'nos' alone (not otherwise specified) carries no context: the entry applies as it is.
    const qual = qualifierTokens(e);
    raw.push({ soc: e.soc, label: e.indexocc, natural, reverse: reverseKey(e.indexocc), qual, qualified: qual.length > 0, isDefault: isDefault(e), source: 'index' });
  }
  for (const r of data.relatedTitles) {
    // 'Labourer (landscape gardening)': the words in brackets are a qualifier, as in the index.
    const natural = tokens(r.title.replace(/\(.*?\)/g, ' '));
    if (natural.length === 0) continue;
    const qual = qualifierTokens({ add: (/\((.*?)\)/.exec(r.title)?.[1] ?? ''), ind: '' });
    raw.push({ soc: r.soc, label: r.title, natural, reverse: natural.join(' '), qual, qualified: qual.length > 0, isDefault: false, source: 'related' });
  }

  const entries: LookupEntry[] = [];
  const exactNatural = new Map<string, number[]>();
  const exactReverse = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  for (const r of raw) {
    const titleIds = [...new Set(r.natural.map(idOf))];
    const qualIds = [...new Set(r.qual.map(idOf))].filter((q) => !titleIds.includes(q));
    for (const t of titleIds) df[t]++;
    for (const q of qualIds) df[q]++;
    const i = entries.length;
    const key = r.natural.join(' ');
    entries.push({
      soc: r.soc,
      label: r.label,
      key,
      title: Int32Array.from(titleIds),
      qualifier: Int32Array.from(qualIds),
      head: idOf(r.reverse.split(' ')[0]),
      titleWeight: 0,
      qualified: r.qualified,
      isDefault: r.isDefault,
      source: r.source,
    });
    push(exactNatural, key, i);
    if (r.reverse !== key) push(exactReverse, r.reverse, i);
    push(byKeyAll, key, i);
  }

  const n = entries.length;
  const weight = new Float64Array(wordList.length);
  const weak = new Uint8Array(wordList.length);
  wordList.forEach((w, id) => {
    const idf = Math.log((n + 1) / (df[id] + 1)) + 1;
    weak[id] = WEAK_WORDS.has(w) ? 1 : 0;
    weight[id] = weak[id] ? idf * 0.25 : idf;
  });
  const titleLists: number[][] = wordList.map(() => []);
  const qualLists: number[][] = wordList.map(() => []);
  entries.forEach((e, i) => {
    let w = 0;
    for (const t of e.title) {
      titleLists[t].push(i);
      w += weight[t];
    }
    e.titleWeight = w;
    for (const q of e.qualifier) qualLists[q].push(i);
  });

  const frequency = new Map<string, number>();
  wordList.forEach((w, id) => frequency.set(w, df[id]));
  const unitTitle = new Map(data.unitGroups.map((u) => [u.code, u.title]));
  return {
    entries,
    wordId,
    words: wordList,
    weight,
    weak,
    titlePostings: titleLists.map((l) => Int32Array.from(l)),
    qualifierPostings: qualLists.map((l) => Int32Array.from(l)),
    exactNatural,
    exactReverse,
    byKey: byKeyAll,
    seeAlso,
    respell,
    redirect,
    unitTitle,
    speller: new Speller(frequency),
    compounds: buildCompounds(raw.map((r) => r.natural), frequency),
    abbreviations: buildAbbreviations(data.abbreviations),
  };
}

/** Normalised words of a text (for callers outside the coder that need the same cut). */
export const normalisedWords = (text: string): string[] => words(normaliseText(text));
export { stem };
