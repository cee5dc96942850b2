/**
 * Spelling mistakes: a word the index does not know is corrected to the
 * nearest word it does (restricted Damerau-Levenshtein distance, so a swap of
 * two letters counts once: 'mangaer'), found through the symmetric-delete
 * method (SymSpell, Garbe 2012): every index word's deletions up to distance 2
 * are keyed in advance, so a lookup costs a few dozen map reads, not a scan of
 * the vocabulary. Written here because the npm SymSpell ports are unmaintained
 * and the distance must allow transpositions (fastest-levenshtein does not).
 *
 * Also: run-together and split words ('forklift' / 'fork lift', 'care taker' /
 * 'caretaker'), and shorthand without vowels ('drvr', 'mngr').
 */

export interface Correction {
  word: string;
  distance: number;
}

/** Restricted Damerau-Levenshtein (optimal string alignment) distance, or max+1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** How far a word of this length may be from its correction. */
export function allowedDistance(length: number): number {
  if (length < 4) return 0;
  if (length < 7) return 1;
  return 2;
}

function deletes(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletes(d, depth - 1, out);
    }
  }
}

const skeleton = (w: string): string => w[0] + w.slice(1).replace(/[aeiouy]/g, '');

export class Speller {
  private readonly byDelete = new Map<string, number[]>();
  private readonly words: string[];
  private readonly bySkeleton = new Map<string, number>();
  private readonly cache = new Map<string, Correction | null>();

  /** `frequency`: how many index entries use each word (ties go to the commoner word). */
  constructor(private readonly frequency: ReadonlyMap<string, number>) {
    this.words = [...frequency.keys()].filter((w) => w.length >= 3 && !/\d/.test(w));
    this.words.forEach((w, i) => {
      const keys = new Set<string>([w]);
      deletes(w, allowedDistance(w.length), keys);
      for (const k of keys) {
        const list = this.byDelete.get(k);
        if (list) list.push(i);
        else this.byDelete.set(k, [i]);
      }
      const s = skeleton(w);
      const had = this.bySkeleton.get(s);
      if (had === undefined || (frequency.get(this.words[had]) ?? 0) < (frequency.get(w) ?? 0)) this.bySkeleton.set(s, i);
    });
  }

  knows(word: string): boolean {
    return this.frequency.has(word);
  }

  /** The nearest known word within the allowed distance, or null. */
  correct(word: string): Correction | null {
    if (this.frequency.has(word)) return { word, distance: 0 };
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const found = this.search(word);
    this.cache.set(word, found);
    return found;
  }

  private search(word: string): Correction | null {
    // Vowel-less shorthand: 'drvr' -> 'driver' (only when the word has no vowel after its first letter).
    if (word.length >= 3 && !/[aeiouy]/.test(word.slice(1)) && !/\d/.test(word)) {
      const i = this.bySkeleton.get(word);
      if (i !== undefined) return { word: this.words[i], distance: 1 };
    }
    // Three letters: only two swapped letters are read as a mistake ('hvg' -> 'hgv').
    if (word.length === 3) {
      for (let i = 0; i < 2; i++) {
        const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
        if (this.frequency.has(swapped)) return { word: swapped, distance: 1 };
      }
      return null;
    }
    const max = allowedDistance(word.length);
    if (max === 0) return null;
    const keys = new Set<string>([word]);
    deletes(word, max, keys);
    let best: Correction | null = null;
    let bestFreq = -1;
    for (const k of keys) {
      const list = this.byDelete.get(k);
      if (!list) continue;
      for (const i of list) {
        const w = this.words[i];
        if (w[0] !== word[0] && word.length < 7) continue; // short words: keep the first letter (few typos are there)
        const d = editDistance(word, w, max);
        if (d > max) continue;
        const f = this.frequency.get(w) ?? 0;
        if (best === null || d < best.distance || (d === best.distance && f > bestFreq)) {
          best = { word: w, distance: d };
          bestFreq = f;
        }
      }
    }
    return best;
  }
}

/**
 * Compounds: `joins` maps a run-together word to the index's two words
 * ('forklift' -> ['fork', 'lift']) and `pairs` says which two-word sequences
 * the index writes apart. Built from the index's own titles.
 */
export interface Compounds {
  split(word: string): readonly string[] | null;
  /** The index's single word for two words written apart ('care' + 'taker' -> 'caretaker'), or null. */
  join(a: string, b: string): string | null;
}

export function buildCompounds(titles: readonly (readonly string[])[], vocabulary: ReadonlyMap<string, number>): Compounds {
  const splits = new Map<string, readonly string[]>();
  const pairs = new Set<string>();
  for (const t of titles) {
    for (let i = 0; i + 1 < t.length; i++) {
      const joined = t[i] + t[i + 1];
      pairs.add(`${t[i]} ${t[i + 1]}`);
      if (!vocabulary.has(joined) && t[i].length >= 3 && t[i + 1].length >= 3) splits.set(joined, [t[i], t[i + 1]]);
    }
  }
  return {
    split: (word) => splits.get(word) ?? null,
    join: (a, b) => {
      const joined = a + b;
      return vocabulary.has(joined) && !pairs.has(`${a} ${b}`) ? joined : null;
    },
  };
}
