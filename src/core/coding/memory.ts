/**
 * The coding memory's key: the title with noise removed, normalised and
 * stemmed, so that 'Cleaner (nights)', 'cleaners' and 'CLEANER p/t' share
 * one decision. An organisation codes a title once.
 */
import { removeNoise } from './noise-words.js';
import { stem, words } from './normalise.js';

export function memoryKey(title: string): string {
  return words(removeNoise(title).text).map(stem).join(' ');
}
