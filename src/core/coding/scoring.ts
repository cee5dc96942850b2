/**
 * Scoring index entries against a title's words. For entry e and the title's
 * known words U (each weighted by its inverse document frequency, weak words
 * by a quarter):
 *
 *   title cover  = weight of e's title words found in U / weight of e's title words
 *   input cover  = weight of U's words found in e's title or qualifiers / weight of U
 *   score        = sqrt(title cover x input cover) x qualifier factor x head factor
 *
 * The qualifier factor is 1 for an unqualified entry or one whose qualifier
 * the title's other words match, less for a default entry or another
 * qualified entry used without its context (src/core/coding/qualifiers.ts);
 * the head factor is lower when the entry's head word (the first of its
 * reverse-order title: 'driver' in 'Driver, bus') is not in the title.
 * Entries are found through the postings of U's words (an accumulator per
 * entry), so the cost is the length of those postings, not of the index.
 */
import type { CodingIndex } from './index-lookup.js';
import { qualifierFactor } from './qualifiers.js';

export interface EntryScore {
  entry: number;
  score: number;
  titleCover: number;
  inputCover: number;
  qualifierMatched: boolean;
  headMatched: boolean;
}

export interface CodeCandidate {
  code: string;
  score: number;
  /** The best entry for the code. */
  best: EntryScore;
  /** Entries scoring within 0.05 of the best for this code. */
  support: number;
}

export const HEAD_MISSING_FACTOR = 0.75;
/** About the weight of a common index word (idf of a word in ~1,000 of the 34,000 entries). */
export const UNKNOWN_WORD_WEIGHT = 2;

/** Reusable accumulators (one coder codes titles one at a time). */
export class Scorer {
  private readonly acc: Float64Array;
  private readonly qacc: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;

  constructor(private readonly index: CodingIndex) {
    const n = index.entries.length;
    this.acc = new Float64Array(n);
    this.qacc = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.mark = new Uint8Array(n);
  }

  /**
   * Candidate codes for distinct known word ids, best first (at most `limit`).
   * `unknown` words (not in the index even after correction) count in the
   * title's weight at UNKNOWN_WORD_WEIGHT each: an unread abbreviation is not nothing.
   */
  score(wordIds: readonly number[], limit = 6, unknown = 0): CodeCandidate[] {
    const { index, acc, qacc, touched, mark } = this;
    const ids = [...new Set(wordIds)];
    let inputWeight = 0;
    for (const w of ids) inputWeight += index.weight[w];
    if (inputWeight === 0) return [];
    inputWeight += unknown * UNKNOWN_WORD_WEIGHT;
    const inInput = new Set(ids);
    // Entries are found through the postings of the title's strong words; weak words ('and', 'senior')
    // and qualifier words only add to entries found that way (their postings are long and say little alone).
    const strong = ids.filter((w) => !index.weak[w]);
    const weak = ids.filter((w) => index.weak[w]);
    let nTouched = 0;
    for (const w of strong.length > 0 ? strong : weak) {
      const ww = index.weight[w];
      for (const e of index.titlePostings[w]) {
        if (mark[e] === 0) {
          mark[e] = 1;
          touched[nTouched++] = e;
        }
        acc[e] += ww;
      }
    }
    if (strong.length > 0) {
      for (let k = 0; k < nTouched; k++) {
        const title = index.entries[touched[k]].title;
        for (const w of weak) if (title.includes(w)) acc[touched[k]] += index.weight[w];
      }
    }
    for (const w of ids) {
      const ww = index.weight[w];
      for (const e of index.qualifierPostings[w]) if (mark[e] === 1) qacc[e] += ww;
    }
    const byCode = new Map<string, CodeCandidate>();
    for (let k = 0; k < nTouched; k++) {
      const e = touched[k];
      const m = acc[e];
      const q = qacc[e];
      acc[e] = 0;
      qacc[e] = 0;
      mark[e] = 0;
      const entry = index.entries[e];
      const titleCover = m / entry.titleWeight;
      const inputCover = Math.min(1, (m + q) / inputWeight);
      const headMatched = inInput.has(entry.head);
      // Between an entry whose title holds the words and one whose qualifier does, the title wins (slightly).
      const s =
        Math.sqrt(titleCover * inputCover) *
        (0.98 + (0.02 * m) / (m + q)) *
        qualifierFactor(entry.qualified, q > 0, entry.isDefault) *
        (headMatched ? 1 : HEAD_MISSING_FACTOR);
      const c = byCode.get(entry.soc);
      if (c && s < c.score - 1e-12) {
        if (c.score - s <= 0.05) c.support++;
        continue;
      }
      const es: EntryScore = { entry: e, score: s, titleCover, inputCover, qualifierMatched: q > 0, headMatched };
      if (!c) byCode.set(entry.soc, { code: entry.soc, score: s, best: es, support: 1 });
      else if (s > c.score + 1e-12 || preferEntry(index, es, c.best)) {
        c.support = s - c.score > 0.05 ? 1 : c.support + 1;
        c.score = s;
        c.best = es;
      } else c.support++;
    }
    return [...byCode.values()].sort((a, b) => b.score - a.score || b.support - a.support || a.code.localeCompare(b.code)).slice(0, limit);
  }
}

/** Between equal scores: an unqualified index entry, then a default entry, then Volume 1's related titles. */
function preferEntry(index: CodingIndex, a: EntryScore, b: EntryScore): boolean {
  const rank = (s: EntryScore) => {
    const e = index.entries[s.entry];
    return (e.source === 'index' ? 0 : 4) + (!e.qualified || s.qualifierMatched ? 0 : e.isDefault ? 1 : 2);
  };
  return rank(a) < rank(b);
}
