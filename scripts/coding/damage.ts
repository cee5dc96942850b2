/**
 * Realistic damage to index titles, for the evaluation set's second half and
 * the calibration's synthetic training rows: the shorthand case workers type
 * ('asst', 'mgr', 'whse'), typing mistakes (a dropped, doubled, swapped or
 * neighbouring letter), noise ('p/t', 'temp', 'agency', 'nights'), reverse
 * word order as some systems store it ('Driver - bus'), and case.
 * The shorthand list here was written separately from the coder's
 * data/coding/abbreviations.csv; the two overlap because both list what
 * people commonly type (see docs/coding-evaluation.md).
 */
import { Random } from '../../src/core/random.js';
import { tokens } from '../../src/core/coding/normalise.js';
import type { IndexEntry } from '../../src/core/coding/types.js';

const SHORTHAND: Record<string, string[]> = {
  assistant: ['asst', 'assist', 'asst.'],
  manager: ['mgr', 'mngr'],
  supervisor: ['supvr', 'supv'],
  driver: ['drvr', 'drv'],
  operative: ['op', 'ops'],
  operator: ['opr', 'oper'],
  engineer: ['eng', 'engr'],
  technician: ['tech'],
  administrator: ['admin'],
  administrative: ['admin'],
  warehouse: ['whse', 'w/house'],
  maintenance: ['maint'],
  department: ['dept'],
  general: ['gen'],
  senior: ['snr', 'sr'],
  junior: ['jnr'],
  production: ['prod'],
  customer: ['cust'],
  service: ['serv'],
  services: ['svcs'],
  coordinator: ['coord', 'co-ord'],
  representative: ['rep'],
  executive: ['exec'],
  secretary: ['sec'],
  electrical: ['elec'],
  construction: ['constr'],
  and: ['&', '+'],
};

const NOISE = ['p/t', 'P/T', 'f/t', 'temp', 'Temp', 'agency', 'nights', '(nights)', '- nights', 'part time', 'PART TIME', 'zero hours', '(temp)', '- agency', 'casual', 'seasonal', 'weekends'];
const KEYBOARD = 'qwertyuiopasdfghjklzxcvbnm';

const pick = <T>(rng: Random, list: readonly T[]): T => list[rng.nextInt(list.length)];

function typo(word: string, rng: Random): string {
  const i = 1 + rng.nextInt(word.length - 2);
  switch (rng.nextInt(4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1); // dropped
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i); // doubled
    case 2:
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1); // swapped
    default: {
      const k = KEYBOARD.indexOf(word[i].toLowerCase());
      const near = k < 0 ? 'e' : KEYBOARD[Math.min(KEYBOARD.length - 1, k + 1)];
      return word.slice(0, i) + near + word.slice(i + 1); // neighbouring key
    }
  }
}

function recase(s: string, rng: Random): string {
  switch (rng.nextInt(4)) {
    case 0:
      return s.toLowerCase();
    case 1:
      return s.toUpperCase();
    case 2:
      return s.replace(/\b([a-z])/g, (c) => c.toUpperCase());
    default:
      return s;
  }
}

/** One damaged version of an index entry's title; never its exact natural or reverse-order text. */
export function damageTitle(entry: IndexEntry, rng: Random): string {
  const reverse = rng.nextFloat() < 0.25 && entry.indexocc.includes(',');
  let words = (reverse ? entry.indexocc.replace(/,\s*/, rng.nextFloat() < 0.5 ? ' - ' : ', ') : entry.natural).split(/\s+/);
  let changed = false;
  for (let attempt = 0; attempt < 6 && !changed; attempt++) {
    if (rng.nextFloat() < 0.55) {
      const options = words.map((w, i) => [w, i] as const).filter(([w]) => SHORTHAND[w.toLowerCase()]);
      if (options.length > 0) {
        const [w, i] = pick(rng, options);
        words[i] = pick(rng, SHORTHAND[w.toLowerCase()]);
        changed = true;
      }
    }
    if (rng.nextFloat() < 0.5) {
      const options = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{6,}$/.test(w));
      if (options.length > 0) {
        const [w, i] = pick(rng, options);
        words[i] = typo(w, rng);
        changed = true;
      }
    }
    if (rng.nextFloat() < 0.45) {
      const n = pick(rng, NOISE);
      words = rng.nextFloat() < 0.75 ? [...words, n] : [n, ...words];
      changed = true;
    }
  }
  if (!changed) words = [...words, pick(rng, NOISE)];
  return recase(words.join(' '), rng);
}

/**
 * Index entries whose title codes one way whatever the context: unqualified,
 * with every index entry of the same title giving the same unit group, and
 * no more than five words. Their code is the gold code of a damaged title.
 */
export function damageableEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  const codes = new Map<string, Set<string>>();
  for (const e of entries) {
    const k = tokens(e.natural).join(' ');
    const s = codes.get(k) ?? new Set<string>();
    s.add(e.soc);
    codes.set(k, s);
  }
  return entries.filter((e) => {
    if (!/^\d{4}$/.test(e.soc) || e.add || e.ind || e.see) return false;
    const k = tokens(e.natural).join(' ');
    const words = k.split(' ');
    return codes.get(k)!.size === 1 && words.length >= 1 && words.length <= 5 && /^[A-Za-z]/.test(e.natural) && !/\d/.test(e.natural);
  });
}
