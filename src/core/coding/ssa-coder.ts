/**
 * Qualification titles to Sector Subject Areas (tier 1, and tier 2 where it
 * can): learnt from the dataset's own rows that carry an SSA, the SSA titles
 * and aliases themselves, and the coding memory. Same output as the
 * occupation coder.
 *
 * Order: the coding memory; the same title (by key) among the labelled rows
 * (its majority SSA, the majority's share as confidence); otherwise a
 * multinomial naive Bayes over the title's words (abbreviations expanded:
 * 'H&SC' -> health and social care), trained on the labelled rows and the
 * SSA titles, whose posterior is the confidence. The posterior is the
 * model's own estimate; unlike the occupation coder's it is not fitted on
 * held-out titles (each dataset trains its own model).
 */
import { buildAbbreviations, expandAbbreviations, type AbbreviationTable } from './abbreviations.js';
import { memoryKey } from './memory.js';
import { removeNoise } from './noise-words.js';
import { stem, words } from './normalise.js';
import type { Abbreviation, Alternative, CodedTitle, MemoryDecision } from './types.js';

export interface SsaArea {
  code: string;
  title: string;
  /** Tier 1 parent of a tier 2 area; undefined for tier 1. */
  parent?: string;
  aliases: readonly string[];
}

export interface LabelledQualification {
  title: string;
  /** SSA tier 1 code. */
  ssa: string;
  /** Tier 2 code when the row gave one. */
  ssa2?: string | null;
  count: number;
}

export interface SsaCoderInput {
  tier1: readonly SsaArea[];
  tier2: readonly SsaArea[];
  abbreviations: readonly Abbreviation[];
  labelled: readonly LabelledQualification[];
  threshold?: number;
}

export interface SsaCodedTitle extends CodedTitle {
  /** Tier 2 code where the coder can tell, else null. */
  code2: string | null;
  code2Title: string | null;
}

export interface SsaCoder {
  code(title: string, memory?: ReadonlyMap<string, MemoryDecision>): SsaCodedTitle;
}

const STOP = new Set(['and', 'of', 'the', 'in', 'for', 'a', 'to', 'with', 'at', 'on', 'level', 'award', 'certificate', 'diploma', 'course', 'qualification', 'nvq', 'entry', 'l1', 'l2', 'l3', '1', '2', '3', '4', '5', '6', '7', '8']);

function features(title: string, table: AbbreviationTable): string[] {
  const base = words(removeNoise(title).text);
  const out = new Set(base.map(stem));
  for (const e of expandAbbreviations(base, table, 2)) for (const t of e.tokens) out.add(t);
  return [...out].filter((t) => !STOP.has(t));
}

/** Label: a tier 2 code, or 't1:<code>' for rows that gave only tier 1. */
const tier1Of = (label: string, parent: ReadonlyMap<string, string>) => (label.startsWith('t1:') ? label.slice(3) : parent.get(label) ?? label);

export function createSsaCoder(input: SsaCoderInput): SsaCoder {
  const threshold = input.threshold ?? 64;
  const table = buildAbbreviations(input.abbreviations);
  const parent = new Map(input.tier2.map((a) => [a.code, a.parent ?? '']));
  const t1Title = new Map(input.tier1.map((a) => [a.code, a.title]));
  const t2Title = new Map(input.tier2.map((a) => [a.code, a.title]));

  // Word counts per label, from the labelled rows and the SSA titles and aliases.
  const wordCounts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const priors = new Map<string, number>();
  const vocabulary = new Set<string>();
  const learn = (label: string, toks: readonly string[], weight: number) => {
    const m = wordCounts.get(label) ?? new Map<string, number>();
    for (const t of toks) {
      m.set(t, (m.get(t) ?? 0) + weight);
      vocabulary.add(t);
    }
    wordCounts.set(label, m);
    totals.set(label, (totals.get(label) ?? 0) + weight * toks.length);
    priors.set(label, (priors.get(label) ?? 0) + weight);
  };
  for (const a of input.tier2) learn(a.code, features([a.title, ...a.aliases].join(' '), table), 1);
  for (const a of input.tier1) learn(`t1:${a.code}`, features([a.title, ...a.aliases].join(' '), table), 1);
  const byKey = new Map<string, Map<string, number>>();
  for (const l of input.labelled) {
    const label = l.ssa2 ? l.ssa2 : `t1:${l.ssa}`;
    // Distinct titles teach the words; people only weight the prior (a title held by many is still one spelling).
    learn(label, features(l.title, table), 1);
    priors.set(label, (priors.get(label) ?? 0) + Math.log1p(l.count));
    const k = memoryKey(l.title);
    const m = byKey.get(k) ?? new Map<string, number>();
    m.set(label, (m.get(label) ?? 0) + l.count);
    byKey.set(k, m);
  }
  const labels = [...wordCounts.keys()];
  const priorTotal = [...priors.values()].reduce((a, b) => a + b, 0);
  const v = Math.max(vocabulary.size, 1);

  function result(title: string, dist: Map<string, number>, reason: string, reasons: CodedTitle['reasons']): SsaCodedTitle {
    const t1 = new Map<string, number>();
    for (const [label, p] of dist) {
      const c = tier1Of(label, parent);
      t1.set(c, (t1.get(c) ?? 0) + p);
    }
    const ranked = [...t1.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const [code, p] = ranked[0];
    const within = [...dist.entries()].filter(([l]) => !l.startsWith('t1:') && parent.get(l) === code).sort((a, b) => b[1] - a[1]);
    // Tier 2 when one area holds most of the tier 1 probability.
    const code2 = within.length > 0 && within[0][1] >= 0.6 * p ? within[0][0] : null;
    const confidence = Math.round(p * 100);
    const alternatives: Alternative[] = ranked.slice(1, 4).map(([c, q]) => ({ code: c, title: t1Title.get(c) ?? '', confidence: Math.round(q * 100) }));
    return {
      title,
      code,
      codeTitle: t1Title.get(code) ?? null,
      code2,
      code2Title: code2 ? t2Title.get(code2) ?? null : null,
      confidence,
      decision: confidence >= threshold ? 'auto' : 'review',
      alternatives,
      reason,
      reasons,
    };
  }

  function code(title: string, memory?: ReadonlyMap<string, MemoryDecision>): SsaCodedTitle {
    const key = memoryKey(title);
    const m = memory?.get(key);
    if (m) {
      return {
        title,
        code: m.code,
        codeTitle: t1Title.get(m.code) ?? null,
        code2: m.code2 ?? null,
        code2Title: m.code2 ? t2Title.get(m.code2) ?? null : null,
        confidence: 100,
        decision: 'auto',
        alternatives: [],
        reason: `coding memory: SSA ${m.code}${m.code2 ? ` (${m.code2})` : ''} set by ${m.decidedBy} on ${m.decidedAt.slice(0, 10)}`,
        reasons: ['memory'],
      };
    }
    const same = byKey.get(key);
    if (same) {
      const n = [...same.values()].reduce((a, b) => a + b, 0);
      const dist = new Map([...same.entries()].map(([l, c]) => [l, c / n]));
      return result(title, dist, `the dataset's own rows with this title (${n})`, ['dataset']);
    }
    const toks = features(title, table).filter((t) => vocabulary.has(t));
    if (toks.length === 0 || labels.length === 0) {
      return { title, code: null, codeTitle: null, code2: null, code2Title: null, confidence: 0, decision: 'review', alternatives: [], reason: 'no word known from the dataset or the SSA titles', reasons: ['no-match'] };
    }
    const logs = labels.map((label) => {
      let s = Math.log((priors.get(label)! + 1) / (priorTotal + labels.length));
      const counts = wordCounts.get(label)!;
      const total = totals.get(label)!;
      for (const t of toks) s += Math.log(((counts.get(t) ?? 0) + 0.1) / (total + 0.1 * v));
      return s;
    });
    const max = Math.max(...logs);
    const exps = logs.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    const dist = new Map(labels.map((l, i) => [l, exps[i] / sum]));
    return result(title, dist, `words ${toks.map((t) => `'${t}'`).join(', ')} as in the dataset's coded titles and the SSA titles`, ['keywords']);
  }

  return { code };
}
