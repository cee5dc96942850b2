/**
 * Title normalisation for coding: lower case, accents dropped, '&' read as
 * 'and', punctuation to spaces, then a light stemmer so plurals and
 * possessives meet their index form ("cleaners" -> "cleaner", "men's" -> "men").
 * Slashes split words ("Carpenter/Joiner") except in the shorthand the
 * noise-word list reads first ("p/t", "f/t").
 */

/** The normalised text of a title: what tokens are cut from. */
export function normaliseText(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalised text; slashes split words. */
export function words(text: string): string[] {
  return text.split(/[\s/]+/).filter((w) => w !== '');
}

const KEEP_S = /(ss|us|is|ous|ics|ss)$/;
const IRREGULAR: Record<string, string> = {
  men: 'man',
  women: 'woman',
  staff: 'staff',
  children: 'child',
  people: 'person',
  wives: 'wife',
  knives: 'knife',
  shelves: 'shelf',
  leaves: 'leaf',
};

/**
 * A light English stemmer for plurals (Porter's step 1a, with exceptions):
 * enough to match "windows"/"window", "batteries"/"battery",
 * "coaches"/"coach", "tradesmen"/"tradesman". Both the index and the titles
 * go through it, so an over-eager cut on one side is made on the other too.
 */
export function stem(word: string): string {
  // Short words, codes and acronyms without vowels ('cscs', 'hgvs') are left alone.
  if (word.length <= 3 || /\d/.test(word) || !/[aeiouy]/.test(word)) return word;
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.endsWith('men') && word.length > 5) return `${word.slice(0, -3)}man`;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !KEEP_S.test(word)) return word.slice(0, -1);
  return word;
}

/** Normalised, stemmed tokens of a title. */
export function tokens(raw: string): string[] {
  return words(normaliseText(raw)).map(stem);
}

/** A title's key: its stemmed tokens joined by spaces (how index titles and memory entries are matched). */
export function titleKey(raw: string): string {
  return tokens(raw).join(' ');
}
