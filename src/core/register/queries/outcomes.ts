/**
 * Outcomes of a role or cluster (seed 003 asks where people holding a role's
 * qualifications went): the register's qualifications matched to the titles
 * a dataset records. A title matches when it is the same once case,
 * punctuation and spacing are set aside, or when it is an accepted spelling
 * variant of one (the title coder's variant groups). The counts themselves
 * come from the dataset's protected figures, never from here.
 */
import type { RegisterLookup } from '../lookup.js';
import { titleKey } from './overprovision.js';
import { targetQualifications, type Target } from './coverage.js';
import { appendTo } from '../../multimap.js';

/** A unit code (QAN) as compared: letters and digits only, upper case ('601/1234/5' = '60112345'). */
export function codeKey(code: string): string {
  return code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

export interface DatasetTitle {
  /** The dataset's key for the title (what a query filters on). */
  key: string;
  title: string;
}

export interface OutcomeMatch {
  qualificationId: string;
  title: string;
  /** The dataset titles it was matched to, and how. */
  matches: Array<DatasetTitle & { by: 'code' | 'title' | 'variant' }>;
}

/**
 * Match the target's qualifications (key ones, or all with `keyOnly` false)
 * to dataset titles. `variants` maps a title to the other spellings accepted
 * as the same qualification.
 */
export function matchOutcomeTitles(
  look: RegisterLookup,
  target: Target,
  titles: readonly DatasetTitle[],
  options: {
    keyOnly?: boolean;
    variants?: ReadonlyMap<string, readonly string[]>;
    /** Titles the dataset records under each unit code (codeKey(code) -> titles). */
    byCode?: ReadonlyMap<string, readonly string[]>;
  } = {},
): OutcomeMatch[] {
  const byKey = new Map<string, DatasetTitle[]>();
  for (const t of titles) {
    const k = titleKey(t.title);
    appendTo(byKey, k, t);
  }
  return targetQualifications(look, target, options.keyOnly ?? true).map((q) => {
    const coded = (q.unitCode ? (options.byCode?.get(codeKey(q.unitCode)) ?? []) : []).flatMap((title) => byKey.get(titleKey(title)) ?? []).map((t) => ({ ...t, by: 'code' as const }));
    const seen = new Set(coded.map((t) => t.key));
    const direct = (byKey.get(titleKey(q.title)) ?? []).filter((t) => !seen.has(t.key) && (seen.add(t.key), true)).map((t) => ({ ...t, by: 'title' as const }));
    const variant = (options.variants?.get(titleKey(q.title)) ?? [])
      .flatMap((v) => byKey.get(titleKey(v)) ?? [])
      .filter((t) => !seen.has(t.key) && (seen.add(t.key), true))
      .map((t) => ({ ...t, by: 'variant' as const }));
    return { qualificationId: q.id, title: q.title, matches: [...coded, ...direct, ...variant] };
  });
}
