/**
 * Noise in job titles as case systems and job adverts hold them: hours and
 * contract terms ('p/t', 'temp', 'agency', 'nights', 'zero hours'), advert
 * filler ('required', 'immediate start'). They say nothing about the
 * occupation, so they are removed before lookup and named in the reason.
 * Weak words (seniority, trainee status) stay but count for little: SOC codes
 * an apprentice or a senior in the occupation they work in.
 */
import { normaliseText } from './normalise.js';

/** Phrases removed from the normalised text (longest first); matched on word boundaries. */
const NOISE_PHRASES = [
  'zero hours contract',
  'zero hour contract',
  'immediate start',
  'self employed',
  'part time',
  'full time',
  'night shift',
  'nights only',
  'day shift',
  'back shift',
  'late shift',
  'early shift',
  'zero hours',
  'zero hour',
  'fixed term',
  'ad hoc',
  'as and when',
  'per hour',
  'weekend only',
  'weekends only',
  'p/t',
  'f/t',
  'pt/ft',
  'temp to perm',
].sort((a, b) => b.length - a.length);

/** Single words removed. */
const NOISE_WORDS = new Set([
  'temp',
  'temps',
  'temporary',
  'agency',
  'nights',
  'night',
  'nightshift',
  'nightshifts',
  'days',
  'dayshift',
  'weekend',
  'weekends',
  'casual',
  'seasonal',
  'permanent',
  'perm',
  'contract',
  'contractor',
  'freelance',
  'ptime',
  'ftime',
  'parttime',
  'fulltime',
  'hrs',
  'hours',
  'hourly',
  'required',
  'wanted',
  'needed',
  'urgent',
  'urgently',
  'vacancy',
  'job',
  'role',
  'position',
  'ltd',
  'limited',
  'plc',
  'selfemployed',
  'self',
  'employed',
  'current',
  'previous',
  'former',
  'ex',
  'etc',
  'various',
  'x2',
  'x3',
]);

/** Words that say little about the occupation; they count for a quarter in scoring. */
export const WEAK_WORDS = new Set([
  'senior',
  'junior',
  'trainee',
  'apprentice',
  'graduate',
  'lead',
  'deputy',
  'general',
  'qualified',
  'experienced',
  'skilled',
  'semi',
  'multi',
  'level',
  'grade',
  'band',
  'and',
  'of',
  'the',
  'in',
  'for',
  'a',
  'to',
  'with',
  'at',
  'on',
]);

const PHRASE_PATTERNS = NOISE_PHRASES.map((p) => ({ phrase: p, re: new RegExp(`(^|[\\s])${p.replace(/[/]/g, '\\/')}(?=$|[\\s])`, 'g') }));

export interface Denoised {
  /** Normalised text without noise. */
  text: string;
  /** The noise found, in the order found. */
  removed: string[];
}

/** Remove noise phrases and words from a title (normalised first). */
export function removeNoise(raw: string): Denoised {
  let text = ` ${normaliseText(raw)} `;
  const removed: string[] = [];
  for (const { phrase, re } of PHRASE_PATTERNS) {
    if (!text.includes(phrase)) continue;
    const next = text.replace(re, ' ');
    if (next !== text) {
      removed.push(phrase);
      text = next;
    }
  }
  const kept: string[] = [];
  for (const w of text.split(/\s+/)) {
    if (w === '') continue;
    if (NOISE_WORDS.has(w) || /^\d+(am|pm|hr|hrs|h)$/.test(w) || /^\d+(\.\d+)?k$/.test(w)) removed.push(w);
    else kept.push(w);
  }
  return { text: kept.join(' '), removed };
}

export const isNoiseWord = (w: string): boolean => NOISE_WORDS.has(w);
