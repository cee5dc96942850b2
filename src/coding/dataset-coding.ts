/**
 * Coding a dataset's titles: reads the distinct titles from the store, codes
 * them (the coding memory first), stores the results for review, and fills
 * the dataset's missing SOC and SSA codes from accepted codes.
 */
import { memoryKey } from '../core/coding/memory.js';
import { createSsaCoder, type SsaCodedTitle } from '../core/coding/ssa-coder.js';
import { groupVariants, type VariantGroup } from '../core/coding/variants.js';
import { loadClassifications } from '../reference/classifications.js';
import type { Dataset } from '../store/datasets.js';
import type { Store } from '../store/database.js';
import {
  distinctTitles,
  fillCodes,
  labelledQualifications,
  listVariantGroups,
  loadMemory,
  readResults,
  saveResults,
  type CodingKind,
  type StoredResult,
} from '../store/coding.js';
import { codingDataDir, loadOccupationCoder, readAbbreviations } from '../reference/coding-index.js';

export interface CodeOptions {
  threshold?: number;
  onProgress?: (done: number, total: number, phase?: string) => void;
}

/** Code every distinct occupation title of a dataset to SOC 2020 and store the results. */
export async function codeOccupations(store: Store, dataset: Dataset, options: CodeOptions = {}): Promise<StoredResult[]> {
  const titles = await distinctTitles(store, dataset.id, 'occupation');
  const memory = await loadMemory(store, 'occupation');
  const coder = loadOccupationCoder({ threshold: options.threshold });
  const results: StoredResult[] = [];
  titles.forEach((t, i) => {
    const c = coder.code(t.title, memory);
    results.push({ title: t.title, people: t.people, code: c.code, codeTitle: c.codeTitle, code2: null, confidence: c.confidence, decision: c.decision, alternatives: c.alternatives, reason: c.reason });
    if (i % 500 === 0) options.onProgress?.(i, titles.length, 'coding titles');
  });
  options.onProgress?.(titles.length, titles.length, 'coding titles');
  await saveResults(store, dataset.id, 'occupation', results);
  return results;
}

/** Code every distinct qualification title to SSA tier 1 (tier 2 where it can), learning from the rows that carry one. */
export async function codeQualifications(store: Store, dataset: Dataset, options: CodeOptions = {}): Promise<StoredResult[]> {
  const classifications = loadClassifications();
  const labelled = (await labelledQualifications(store, dataset.id)).map((l) => {
    const t2 = l.ssaRaw ? classifications.matchSsaTier2(l.ssaRaw) : null;
    return { title: l.title, ssa: l.ssa, ssa2: t2, count: l.count };
  });
  const d = classifications.data;
  const coder = createSsaCoder({
    tier1: d.ssaTier1.map((s) => ({ code: s.code, title: s.title, aliases: s.aliases })),
    tier2: d.ssaTier2.map((s) => ({ code: s.code, title: s.title, parent: s.parent, aliases: s.aliases })),
    abbreviations: readAbbreviations(codingDataDir(), 'qualification'),
    labelled,
    threshold: options.threshold,
  });
  const memory = await loadMemory(store, 'qualification');
  const titles = await distinctTitles(store, dataset.id, 'qualification');
  const results = titles.map((t) => {
    const c: SsaCodedTitle = coder.code(t.title, memory);
    return { title: t.title, people: t.people, code: c.code, codeTitle: c.codeTitle, code2: c.code2, confidence: c.confidence, decision: c.decision, alternatives: c.alternatives, reason: c.reason };
  });
  await saveResults(store, dataset.id, 'qualification', results);
  return results;
}

/** Titles waiting for review: stored results marked review with no decision in the memory, most people first. */
export async function reviewQueue(store: Store, dataset: Dataset, kind: CodingKind): Promise<StoredResult[]> {
  const memory = await loadMemory(store, kind);
  return (await readResults(store, dataset.id, kind)).filter((r) => r.decision === 'review' && !memory.has(memoryKey(r.title)));
}

export interface ApplyReport {
  kind: CodingKind;
  /** Titles with an accepted code (auto or reviewed). */
  titles: number;
  /** Records whose missing code was filled. */
  filled: number;
  /** Titles still waiting for review (not applied). */
  waiting: number;
}

/**
 * Fill the dataset's missing SOC (occupations) and SSA (qualifications)
 * codes from accepted codes: the coding memory's decisions first, then the
 * stored results decided 'auto'. Titles in review are left as they are.
 */
export async function applyAccepted(store: Store, dataset: Dataset, kind: CodingKind): Promise<ApplyReport> {
  const memory = await loadMemory(store, kind);
  const results = await readResults(store, dataset.id, kind);
  const byTitle = new Map(results.map((r) => [r.title, r]));
  const codes = new Map<string, string>();
  let waiting = 0;
  for (const t of await distinctTitles(store, dataset.id, kind)) {
    const m = memory.get(memoryKey(t.title));
    const r = byTitle.get(t.title);
    if (m) codes.set(t.title, m.code);
    else if (r && r.decision === 'auto' && r.code) codes.set(t.title, r.code);
    else if (r) waiting++;
  }
  const filled = await fillCodes(store, dataset.id, kind, codes);
  return { kind, titles: codes.size, filled, waiting };
}

export interface SuggestedGroup extends VariantGroup {
  /** The stored group that holds all its members, when one was accepted. */
  acceptedAs: string | null;
}

/** Spelling-variant groups among a dataset's titles, with the accepted groups they match. */
export async function suggestVariants(store: Store, dataset: Dataset, kind: CodingKind): Promise<SuggestedGroup[]> {
  const titles = await distinctTitles(store, dataset.id, kind);
  const groups = groupVariants(titles, readAbbreviations(codingDataDir(), kind));
  const accepted = await listVariantGroups(store, kind);
  return groups.map((g) => {
    const keys = new Set(g.members.map((m) => memoryKey(m.title)));
    const match = accepted.find((a) => [...keys].every((k) => a.members.some((m) => m.titleKey === k)));
    return { ...g, acceptedAs: match ? match.label : null };
  });
}
