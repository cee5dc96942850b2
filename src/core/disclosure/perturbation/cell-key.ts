/**
 * Record keys and cell keys (ABS TableBuilder, ONS Census 2021): every person
 * has a record key, a whole number 0..4095, and a cell's key is the sum of the
 * record keys of the distinct people in it, modulo 4096. The same set of people
 * always gives the same cell key, whatever table, order or query it comes from,
 * so it always gets the same perturbation.
 *
 * Record keys are derived in the store (src/store/record-keys.ts) from a secret;
 * neither they nor cell keys are ever published.
 */

/** Record and cell keys are 0..KEY_RANGE - 1. */
export const KEY_RANGE = 4096;

export function isKey(k: number): boolean {
  return Number.isInteger(k) && k >= 0 && k < KEY_RANGE;
}

function mustBeKey(k: number, what: string): number {
  if (!isKey(k)) throw new RangeError(`${what} must be a whole number 0..${KEY_RANGE - 1}, got ${k}`);
  return k;
}

/** The cell key of a set of people, given one record key per DISTINCT person (see cellKeyOfPeople to de-duplicate). */
export function cellKey(recordKeys: Iterable<number>): number {
  let s = 0;
  for (const k of recordKeys) s = (s + mustBeKey(k, 'a record key')) % KEY_RANGE;
  return s;
}

/** The cell key of the people listed, each person counted once however often listed. */
export function cellKeyOfPeople<P>(people: Iterable<P>, recordKeyOf: (person: P) => number): number {
  const seen = new Set<P>();
  let s = 0;
  for (const p of people) {
    if (seen.has(p)) continue;
    seen.add(p);
    s = (s + mustBeKey(recordKeyOf(p), 'a record key')) % KEY_RANGE;
  }
  return s;
}

/** The cell key of the union of DISJOINT sets of people, from their cell keys (e.g. a total over cells no person is in twice). */
export function combineKeys(...cellKeys: number[]): number {
  let s = 0;
  for (const k of cellKeys) s = (s + mustBeKey(k, 'a cell key')) % KEY_RANGE;
  return s;
}

/** The cell key of `whole` without `part`, where every person of `part` is in `whole` (e.g. the people of a total outside one cell). */
export function removeKey(whole: number, part: number): number {
  return (mustBeKey(whole, 'a cell key') - mustBeKey(part, 'a cell key') + KEY_RANGE) % KEY_RANGE;
}
