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
import { inTransaction, type Store, type Transaction } from '../store/database.js';
import {
  convertSocCodes,
  distinctTitles,
  fillCodesIn,
  labelledQualifications,
  listVariantGroups,
  loadMemory,
  readResults,
  socCodes,
  writeResults,
  type CodingKind,
  type StoredResult,
} from '../store/coding.js';
import { codingDataDir, loadOccupationCoder, loadSoc2010KeyConverter, readAbbreviations } from '../reference/coding-index.js';

export interface CodeOptions {
  threshold?: number;
  onProgress?: (done: number, total: number, phase?: string) => void;
}

/** Code every distinct occupation title of a dataset to SOC 2020 and store the results. */
export async function codeOccupations(store: Store, dataset: Dataset, options: CodeOptions = {}): Promise<StoredResult[]> {
  return inTransaction(store, (tx) => codeOccupationsIn(tx, dataset, options));
}

/** codeOccupations inside an open transaction (the import's, with --code). */
export async function codeOccupationsIn(store: Transaction, dataset: Pick<Dataset, 'id'>, options: CodeOptions = {}): Promise<StoredResult[]> {
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
  await writeResults(store, dataset.id, 'occupation', results);
  return results;
}

/** Code every distinct qualification title to SSA tier 1 (tier 2 where it can), learning from the rows that carry one. */
export async function codeQualifications(store: Store, dataset: Dataset, options: CodeOptions = {}): Promise<StoredResult[]> {
  return inTransaction(store, (tx) => codeQualificationsIn(tx, dataset, options));
}

/** codeQualifications inside an open transaction (the import's, with --code). */
export async function codeQualificationsIn(store: Transaction, dataset: Pick<Dataset, 'id'>, options: Pick<CodeOptions, 'threshold'> = {}): Promise<StoredResult[]> {
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
  await writeResults(store, dataset.id, 'qualification', results);
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
  return inTransaction(store, (tx) => applyAcceptedIn(tx, dataset, kind));
}

/** applyAccepted inside an open transaction (the import's, with --code). */
export async function applyAcceptedIn(store: Transaction, dataset: Pick<Dataset, 'id'>, kind: CodingKind): Promise<ApplyReport> {
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
  const filled = await fillCodesIn(store, dataset.id, kind, codes);
  return { kind, titles: codes.size, filled, waiting };
}

export interface Soc2010Report {
  /** Distinct SOC 2010 codes (unit or sub-major groups) found. */
  codes: number;
  /** Records whose code was converted. */
  converted: number;
  /** Records whose code the relationship table does not know (cleared; the code as entered stays in soc_raw). */
  cleared: number;
  /** Records converted with a confidence under the threshold (the 2010 code splits between 2020 groups). */
  uncertain: number;
  /** Record-weighted mean confidence of the conversions, 0-100. */
  meanConfidence: number;
  /** The least certain conversions, most records first: 2010 code, 2020 code, confidence, records. */
  leastCertain: { soc2010: string; soc2020: string; confidence: number; records: number }[];
}

/** Below this share a SOC 2010 conversion is counted as uncertain (CASCOT's auto-coding threshold). */
export const SOC2010_THRESHOLD = 64;

/**
 * Convert a SOC 2010 dataset's codes to SOC 2020 with the ONS relationship
 * table: each code to its most likely 2020 unit group (sub-major group for a
 * sub-major code), with its share as the confidence. The conversions are kept
 * as the dataset's 'soc2010' coding results (title: the 2010 code); the
 * dataset is marked SOC 2020 afterwards.
 */
export async function convertSoc2010In(tx: Transaction, dataset: Pick<Dataset, 'id'>, threshold: number = SOC2010_THRESHOLD): Promise<Soc2010Report> {
  const convert = loadSoc2010KeyConverter();
  const codes = new Map<string, string>();
  const results: StoredResult[] = [];
  const found = await socCodes(tx, dataset.id);
  let uncertain = 0;
  let weighted = 0;
  const shaky: Soc2010Report['leastCertain'] = [];
  for (const { code, records } of found) {
    const c = convert(code);
    if (!c) continue;
    codes.set(code, c.code);
    const fallback = code.length === 4 && c.code.length === 2;
    results.push({
      title: code, people: records, code: c.code, codeTitle: null, code2: null, confidence: c.confidence,
      decision: c.confidence >= threshold ? 'auto' : 'review', alternatives: c.alternatives,
      reason: `SOC 2010 ${code} -> SOC 2020 ${c.code} (relationship table${fallback ? ', by its sub-major group: the table has no such unit group' : ''}; ${c.confidence}% of dual-coded people)`,
    });
    weighted += c.confidence * records;
    if (c.confidence < threshold) {
      uncertain += records;
      shaky.push({ soc2010: code, soc2020: c.code, confidence: c.confidence, records });
    }
  }
  await writeResults(tx, dataset.id, 'soc2010', results);
  const { converted, cleared } = await convertSocCodes(tx, dataset.id, codes);
  return { codes: found.length, converted, cleared, uncertain, meanConfidence: converted > 0 ? Math.round(weighted / converted) : 0, leastCertain: shaky.slice(0, 10) };
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

/** What coding a dataset at import found and filled, per kind. */
export interface KindCoding extends ApplyReport {
  /** Distinct titles coded, and of those auto-coded (the rest wait for review). */
  coded: number;
  auto: number;
}

export interface DatasetCoding {
  /** SOC 2010 codes converted to SOC 2020 (a SOC 2010 dataset only). */
  soc2010: Soc2010Report | null;
  occupation: KindCoding;
  qualification: KindCoding;
}

/**
 * `import --code`, inside the import's transaction: convert SOC 2010 codes to
 * SOC 2020, code every distinct occupation and qualification title (the
 * coding memory first), and fill the missing SOC and SSA codes from accepted
 * codes, as `code occupations`, `code qualifications` and `code apply` do.
 */
export async function codeDatasetIn(tx: Transaction, dataset: { id: number; socVersion: '2010' | '2020' }, options: Pick<CodeOptions, 'threshold'> = {}): Promise<DatasetCoding> {
  const soc2010 = dataset.socVersion === '2010' ? await convertSoc2010In(tx, dataset) : null;
  const occupations = await codeOccupationsIn(tx, dataset, options);
  const qualifications = await codeQualificationsIn(tx, dataset, options);
  const counts = (r: readonly StoredResult[]) => ({ coded: r.length, auto: r.filter((x) => x.decision === 'auto').length });
  return {
    soc2010,
    occupation: { ...counts(occupations), ...(await applyAcceptedIn(tx, dataset, 'occupation')) },
    qualification: { ...counts(qualifications), ...(await applyAcceptedIn(tx, dataset, 'qualification')) },
  };
}
