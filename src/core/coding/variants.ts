/**
 * Spelling variants: raw titles that are the same thing ('FLT', 'Fork Lift
 * Truck', 'forklift licence'; 'CSCS', 'CSCS Card') grouped under a suggested
 * label with a confidence, for review.
 *
 * Each title gets a canonical form: noise removed, abbreviations expanded,
 * generic words dropped ('licence', 'card', 'course', 'level 2'), stemmed,
 * and written without spaces (so 'fork lift' meets 'forklift'). Titles with
 * the same form join (confidence 95, or 90 when an abbreviation was needed);
 * forms whose letter trigrams nearly coincide (one contains the other's, and
 * their Jaccard similarity is at least 0.5: 'forklift' / 'forklifttruck')
 * join with confidence 50 + 45 x similarity. Groups are connected
 * components; a group's confidence is its weakest join. The label is the
 * spelling most people hold.
 */
import { buildAbbreviations, expandAbbreviations } from './abbreviations.js';
import { removeNoise } from './noise-words.js';
import { stem, words } from './normalise.js';
import type { Abbreviation } from './types.js';
import { appendTo } from '../multimap.js';

export interface TitleCount {
  title: string;
  people: number;
}

export interface VariantGroup {
  label: string;
  confidence: number;
  people: number;
  members: TitleCount[];
  /** The canonical form the members share (or the first member's). */
  form: string;
}

const GENERIC = new Set(['licence', 'license', 'card', 'cards', 'certificate', 'cert', 'certification', 'course', 'training', 'award', 'qualification', 'level', 'l1', 'l2', 'l3', 'nvq', 'ticket', 'skill', 'skills', 'basic', 'and', 'the', 'of', 'in', 'for', 'a']);

interface Form {
  form: string;
  abbreviated: boolean;
}

function formOf(title: string, table: ReturnType<typeof buildAbbreviations>): Form {
  const base = words(removeNoise(title).text).filter((w) => !/^\d+$/.test(w));
  const expanded = expandAbbreviations(base, table, 1)[0];
  const toks = (expanded ? expanded.tokens : base.map(stem)).filter((t) => !GENERIC.has(t) && !/^\d+$/.test(t));
  return { form: toks.join(''), abbreviated: expanded !== undefined };
}

function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

export function groupVariants(titles: readonly TitleCount[], abbreviations: readonly Abbreviation[]): VariantGroup[] {
  const table = buildAbbreviations(abbreviations);
  const byForm = new Map<string, { members: TitleCount[]; abbreviated: boolean }>();
  for (const t of titles) {
    const f = formOf(t.title, table);
    if (f.form === '') continue;
    const g = byForm.get(f.form) ?? { members: [], abbreviated: false };
    g.members.push(t);
    g.abbreviated ||= f.abbreviated;
    byForm.set(f.form, g);
  }
  const forms = [...byForm.keys()].sort();
  const parentOf = forms.map((_, i) => i);
  const find = (i: number): number => (parentOf[i] === i ? i : (parentOf[i] = find(parentOf[i])));
  const linkConfidence = new Map<number, number>();
  const grams = forms.map(trigrams);
  // Candidate pairs through shared trigrams, so the cost follows the overlap, not n^2.
  const byGram = new Map<string, number[]>();
  grams.forEach((g, i) => g.forEach((x) => appendTo(byGram, x, i)));
  for (let i = 0; i < forms.length; i++) {
    if (forms[i].length < 6) continue;
    const seen = new Set<number>();
    for (const x of grams[i]) for (const j of byGram.get(x) ?? []) if (j > i && forms[j].length >= 6) seen.add(j);
    for (const j of seen) {
      const a = grams[i];
      const b = grams[j];
      let common = 0;
      for (const x of a) if (b.has(x)) common++;
      const jaccard = common / (a.size + b.size - common);
      const containment = common / Math.min(a.size, b.size);
      if (containment >= 0.9 && jaccard >= 0.5) {
        const c = Math.round(50 + 45 * jaccard);
        const [ri, rj] = [find(i), find(j)];
        if (ri !== rj) {
          parentOf[rj] = ri;
          linkConfidence.set(ri, Math.min(linkConfidence.get(ri) ?? 100, linkConfidence.get(rj) ?? 100, c));
        }
      }
    }
  }
  const groups = new Map<number, { forms: number[] }>();
  forms.forEach((_, i) => {
    const r = find(i);
    groups.set(r, { forms: [...(groups.get(r)?.forms ?? []), i] });
  });
  const out: VariantGroup[] = [];
  for (const [root, g] of groups) {
    const members = g.forms.flatMap((i) => byForm.get(forms[i])!.members);
    if (members.length < 2) continue;
    const exactConf = Math.min(...g.forms.map((i) => (byForm.get(forms[i])!.members.length > 1 ? (byForm.get(forms[i])!.abbreviated ? 90 : 95) : 100)));
    const confidence = Math.min(exactConf, linkConfidence.get(root) ?? 100);
    members.sort((a, b) => b.people - a.people || a.title.localeCompare(b.title));
    out.push({ label: members[0].title, confidence, people: members.reduce((s, m) => s + m.people, 0), members, form: forms[g.forms[0]] });
  }
  return out.sort((a, b) => b.people - a.people || a.label.localeCompare(b.label));
}
