/**
 * From a title to the index words it is scored on: noise removed, each
 * reading of its abbreviations, run-together and split words mended, the
 * index's own respellings ('advisor' -> 'adviser'), spelling mistakes
 * corrected and the index's see-references followed.
 */
import { expandAbbreviations } from './abbreviations.js';
import type { CodingIndex } from './index-lookup.js';
import { removeNoise } from './noise-words.js';
import { stem, words } from './normalise.js';

export interface Reading {
  /** Index word ids, in title order (unknown words left out). */
  ids: number[];
  /** The corrected words joined: compared with the index's exact keys. */
  key: string;
  /** Words the index does not know, after correction. */
  unknown: string[];
  /** "drvr -> driver" */
  corrections: string[];
  /** "FLT = fork lift truck" */
  expanded: string[];
  /** All words of the reading (known or not). */
  wordCount: number;
}

export interface Prepared {
  readings: Reading[];
  /** Noise removed from the title. */
  removed: string[];
}

/** Index words for stemmed tokens. */
export function readTokens(index: CodingIndex, tokens: readonly string[], expanded: string[] = []): Reading {
  const out: string[] = [];
  const corrections: string[] = [];
  const known = (w: string) => index.wordId.has(w);
  for (let i = 0; i < tokens.length; i++) {
    const t = index.respell.get(tokens[i]) ?? tokens[i];
    const next = tokens[i + 1];
    if (next !== undefined) {
      const joined = index.compounds.join(t, next);
      if (joined && (!known(t) || !known(next))) {
        out.push(joined);
        corrections.push(`${t} ${next} -> ${joined}`);
        i++;
        continue;
      }
    }
    if (known(t)) {
      out.push(t);
      continue;
    }
    const split = index.compounds.split(t);
    if (split) {
      out.push(...split);
      corrections.push(`${t} -> ${split.join(' ')}`);
      continue;
    }
    const c = index.speller.correct(t);
    if (c && c.distance > 0) {
      out.push(index.respell.get(c.word) ?? c.word);
      corrections.push(`${t} -> ${c.word}`);
      continue;
    }
    out.push(t);
  }
  let final = out;
  const redirect = index.redirect.get(out.join(' '));
  if (redirect) final = [...redirect];
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const w of final) {
    const id = index.wordId.get(w);
    if (id === undefined) unknown.push(w);
    else ids.push(id);
  }
  return { ids, key: final.join(' '), unknown, corrections, expanded, wordCount: final.length };
}

/** Every reading of a raw title: as written, and with its abbreviations expanded. */
export function prepareTitle(index: CodingIndex, raw: string): Prepared {
  const { text, removed } = removeNoise(raw);
  const base = words(text);
  const readings = [readTokens(index, base.map(stem))];
  for (const e of expandAbbreviations(base, index.abbreviations)) readings.push(readTokens(index, e.tokens, e.expanded));
  return { readings, removed };
}
