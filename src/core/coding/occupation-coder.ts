/**
 * The occupation coder: a free-text job title to a SOC 2020 unit group with
 * a calibrated confidence, a decision (auto at or above the threshold, else
 * review), the next best codes and the reason. Built from the loaded index
 * (pure; src/coding/reference.ts loads data/soc2020/).
 *
 * Order: the coding memory (an organisation's decisions) first; then each
 * reading of the title (as written, abbreviations expanded) scored against
 * the index, the best kept; then ambiguity (titles the index itself cannot
 * code without context go to review) and calibration.
 */
import { ambiguityOf } from './ambiguity.js';
import { predict, type CalibrationModel } from './calibration.js';
import { buildCodingIndex, type CodingIndex } from './index-lookup.js';
import { memoryKey } from './memory.js';
import { prepareTitle, type Reading } from './prepare.js';
import { Scorer, type CodeCandidate } from './scoring.js';
import type { Alternative, CodedTitle, MemoryDecision, ReasonKind, SocCodingData } from './types.js';

export const DEFAULT_THRESHOLD = 64;

/** The features calibration uses, named. */
export const FEATURES = [
  'score',
  'margin',
  'titleCover',
  'inputCover',
  'exact',
  'qualifierMatched',
  'defaultUsed',
  'corrections',
  'abbreviations',
  'unknownShare',
  'spread',
  'agreement',
  'related',
  'headMatched',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

export interface Analysis {
  reading: Reading | null;
  candidates: CodeCandidate[];
  removed: string[];
  features: Features | null;
}

export interface OccupationCoderOptions {
  threshold?: number;
  calibration?: CalibrationModel | null;
}

export interface OccupationCoder {
  readonly index: CodingIndex;
  readonly threshold: number;
  analyse(title: string): Analysis;
  code(title: string, memory?: ReadonlyMap<string, MemoryDecision>): CodedTitle;
}

export function createOccupationCoder(data: SocCodingData, options: OccupationCoderOptions = {}): OccupationCoder {
  return createOccupationCoderFromIndex(buildCodingIndex(data), options);
}

export function createOccupationCoderFromIndex(index: CodingIndex, options: OccupationCoderOptions = {}): OccupationCoder {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const calibration = options.calibration ?? null;
  const scorer = new Scorer(index);

  function analyse(title: string): Analysis {
    const prepared = prepareTitle(index, title);
    let best: { reading: Reading; candidates: CodeCandidate[] } | null = null;
    for (const reading of prepared.readings) {
      if (reading.ids.length === 0) continue;
      const candidates = scorer.score(reading.ids, 6, reading.unknown.length);
      if (candidates.length === 0) continue;
      if (!best || candidates[0].score > best.candidates[0].score + 1e-9) best = { reading, candidates };
    }
    if (!best) return { reading: null, candidates: [], removed: prepared.removed, features: null };
    return { ...best, removed: prepared.removed, features: featuresOf(index, best.reading, best.candidates) };
  }

  function code(title: string, memory?: ReadonlyMap<string, MemoryDecision>): CodedTitle {
    const remembered = memory?.get(memoryKey(title));
    if (remembered) return fromMemory(index, title, remembered);
    const a = analyse(title);
    if (!a.reading || !a.features) {
      return { title, code: null, codeTitle: null, confidence: 0, decision: 'review', alternatives: [], reason: 'no index word in the title', reasons: ['no-match'] };
    }
    const top = a.candidates[0];
    const entry = index.entries[top.best.entry];
    let p = calibration ? predict(calibration, a.features) : top.score;
    // A title given without context (no qualifier of the entry matched) is checked against the index's ambiguity.
    const amb = top.best.qualifierMatched ? null : ambiguityOf(index, a.reading.key);
    if (amb?.ambiguous) p = Math.min(p, amb.share(top.code));
    const confidence = Math.round(p * 100);
    const reasons: ReasonKind[] = [];
    const parts: string[] = [];
    describeMatch(index, a, reasons, parts);
    if (amb?.ambiguous) {
      reasons.unshift('ambiguous');
      parts.unshift(`ambiguous without more context: ${amb.why}`);
    }
    return {
      title,
      code: top.code,
      codeTitle: index.unitTitle.get(top.code) ?? null,
      confidence,
      decision: !amb?.ambiguous && confidence >= threshold ? 'auto' : 'review',
      alternatives: alternativesOf(index, a.candidates, p),
      reason: parts.join('; '),
      reasons,
    };
  }

  return { index, threshold, analyse, code };
}

function featuresOf(index: CodingIndex, reading: Reading, candidates: CodeCandidate[]): Features {
  const top = candidates[0];
  const entry = index.entries[top.best.entry];
  const total = candidates.reduce((s, c) => s + c.score, 0);
  const amb = ambiguityOf(index, entry.key);
  const exact = entry.key === reading.key || (index.exactReverse.get(reading.key) ?? []).includes(top.best.entry);
  return {
    score: top.score,
    margin: top.score - (candidates[1]?.score ?? 0),
    titleCover: top.best.titleCover,
    inputCover: top.best.inputCover,
    exact: exact ? 1 : 0,
    qualifierMatched: top.best.qualifierMatched ? 1 : 0,
    defaultUsed: entry.qualified && !top.best.qualifierMatched ? 1 : 0,
    corrections: reading.corrections.length,
    abbreviations: reading.expanded.length,
    unknownShare: reading.wordCount === 0 ? 1 : reading.unknown.length / reading.wordCount,
    spread: Math.log(1 + amb.unitGroups),
    agreement: total > 0 ? top.score / total : 0,
    related: entry.source === 'related' ? 1 : 0,
    headMatched: top.best.headMatched ? 1 : 0,
  };
}

function describeMatch(index: CodingIndex, a: Analysis, reasons: ReasonKind[], parts: string[]): void {
  const top = a.candidates[0];
  const entry = index.entries[top.best.entry];
  const f = a.features!;
  const label = entry.source === 'related' ? `SOC 2020 Volume 1 related job title '${entry.label}'` : `index entry '${entry.label}'`;
  if (f.exact && !entry.qualified) {
    const reverse = entry.key !== a.reading!.key;
    reasons.push(reverse ? 'reverse-order' : 'exact');
    parts.push(`${reverse ? 'reverse word order of ' : 'exact '}${label}`);
  } else if (top.best.qualifierMatched) {
    reasons.push('qualifier');
    parts.push(`${label} with its qualifier matched`);
  } else if (entry.qualified && entry.isDefault && f.titleCover === 1) {
    reasons.push('default-entry');
    parts.push(`default ${label} (qualifier not given)`);
  } else {
    reasons.push('partial');
    parts.push(`closest ${label}${entry.qualified ? ' (used without its qualifier)' : ''}`);
  }
  if (a.reading!.expanded.length > 0) {
    reasons.push('abbreviation');
    parts.push(`abbreviation ${a.reading!.expanded.join(', ')}`);
  }
  if (a.reading!.corrections.length > 0) {
    reasons.push('fuzzy');
    parts.push(`spelling ${a.reading!.corrections.join(', ')}`);
  }
  if (a.removed.length > 0) {
    reasons.push('noise-removed');
    parts.push(`ignored ${a.removed.map((r) => `'${r}'`).join(', ')}`);
  }
}

function alternativesOf(index: CodingIndex, candidates: CodeCandidate[], p: number): Alternative[] {
  const others = candidates.slice(1);
  const total = others.reduce((s, c) => s + c.score, 0);
  return others.slice(0, 3).map((c) => ({
    code: c.code,
    title: index.unitTitle.get(c.code) ?? '',
    confidence: total > 0 ? Math.round((1 - p) * (c.score / total) * 100) : 0,
  }));
}

function fromMemory(index: CodingIndex, title: string, m: MemoryDecision): CodedTitle {
  return {
    title,
    code: m.code,
    codeTitle: index.unitTitle.get(m.code) ?? null,
    confidence: 100,
    decision: 'auto',
    alternatives: [],
    reason: `coding memory: ${m.code} set by ${m.decidedBy} on ${m.decidedAt.slice(0, 10)}`,
    reasons: ['memory'],
  };
}
