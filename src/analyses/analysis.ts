/**
 * The shape every analysis has (src/analyses/<id>/): an id and title, an
 * options schema (zod: defaults, ranges and help text in one place; the CLI
 * builds its flags from it and the server validates queries with it), and a
 * `run` that takes an opened dataset and returns unprotected Results.
 *
 * The Results declare everything publishing needs (sections, table labels,
 * headline figures, method notes, settings as readers see them), so
 * disclosure control and the site never name an analysis: adding one means
 * adding a folder here and listing it in registry.ts.
 */
import type { z } from 'zod';
import { UsageError } from '../core/errors.js';
import type { Results, Settings } from '../core/results.js';
import type { OptionMeta } from '../core/option-schemas.js';
import { matchRegion, REGION_SPELLINGS } from '../reference/regions.js';
import type { Store } from '../store/database.js';
import { getDataset, type Dataset } from '../store/datasets.js';
import { datasetRegions } from '../store/regions.js';
import type { RecordKeyTable } from '../store/record-keys.js';

/** A dataset opened in a store: what an analysis runs on. */
export interface AnalysisContext {
  store: Store;
  dataset: Dataset;
  /** The dataset's record keys, prepared once for a run of many analyses (the cell key method); computed in each query when absent. */
  recordKeys?: RecordKeyTable;
  /** What several runs over the dataset need alike, counted once for a run of many analyses (see `shared`). */
  shared?: Map<string, Promise<unknown>>;
}

/** `compute()` once per context that has a `shared` map (a publish's reports), every time otherwise. */
export function shared<T>(context: AnalysisContext, key: string, compute: () => Promise<T>): Promise<T> {
  if (!context.shared) return compute();
  let p = context.shared.get(key) as Promise<T> | undefined;
  if (!p) context.shared.set(key, (p = compute()));
  return p;
}

/**
 * Drops what the shared values hold in the store (a value with a `drop()`,
 * such as a temporary table); call it once the run's analyses are done.
 */
export async function dropShared(context: AnalysisContext): Promise<void> {
  for (const p of context.shared?.values() ?? []) {
    const value = await p.catch(() => null);
    if (value !== null && typeof value === 'object' && typeof (value as { drop?: unknown }).drop === 'function') await (value as { drop(): Promise<void> }).drop();
  }
  context.shared?.clear();
}

/** Where one run looks, and how it reports progress. */
export interface RunScope {
  /** Region code, or null for all regions. */
  region: string | null;
  onProgress?: (done: number, total: number, what: string) => void;
  /** Results of the analyses run before this one for the same report (progression groups people by the clusters found). */
  earlier?: readonly Results[];
}

export type OptionsSchema = z.ZodObject<z.ZodRawShape>;

export interface Analysis<S extends OptionsSchema = OptionsSchema> {
  id: string;
  title: string;
  /** One line for help texts. */
  summary: string;
  options: S;
  /**
   * Why this analysis has nothing to do on a dataset (e.g. no employment histories), or null. The
   * pipeline leaves it out of every report with this note; absent: it always applies.
   */
  skipReason?(context: AnalysisContext): Promise<string | null>;
  run(context: AnalysisContext, options: z.output<S>, scope: RunScope): Promise<Results>;
}

/** An analysis with the options to run it with (validated by its schema). */
export interface AnalysisRun {
  analysis: Analysis;
  options: Record<string, unknown>;
}

/** Define an analysis (keeps the options type tied to the schema). */
export function defineAnalysis<S extends OptionsSchema>(a: Analysis<S>): Analysis {
  return a as unknown as Analysis;
}

function show(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.length > 0 ? v.map(String).join(', ') : null;
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => (show(x) === null ? [] : [`${k}: ${show(x)}`]));
    return parts.length > 0 ? parts.join('; ') : null;
  }
  return String(v);
}

/**
 * The settings rows of the method notes: each option of the schema that has a
 * readers' label (its meta `label`, else its description), with the value it ran with.
 */
export function settingNotes(schema: OptionsSchema, settings: Settings): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const meta = ((field as z.ZodType).meta?.() ?? {}) as OptionMeta & { label?: string; description?: string };
    const label = meta.label;
    const value = show(settings[key]);
    if (label && value !== null) rows.push([label, value]);
  }
  return rows;
}

/** Open a dataset of a store by name (InputError naming it when there is none). */
export async function openDataset(store: Store, name: string): Promise<AnalysisContext> {
  return { store, dataset: await getDataset(store, name) };
}

/**
 * The region code a user or the pipeline means: any spelling the shipped
 * regions know (src/reference/regions.ts), or a region value the dataset
 * holds as entered. Null stays null (all regions).
 */
export async function resolveRegion(context: AnalysisContext, region: string | null | undefined): Promise<string | null> {
  if (region === null || region === undefined) return null;
  const code = matchRegion(region);
  if (code !== null) return code;
  const present = await datasetRegions(context.store, context.dataset.id);
  const hit = present.find((p) => p.code.toLowerCase() === region.trim().toLowerCase());
  if (hit) return hit.code;
  throw new UsageError(`unknown region "${region}": expected ${REGION_SPELLINGS}`);
}

/** Options for an analysis from partial input: defaults applied, ranges checked (UsageError naming the option). */
export function parseOptions<S extends OptionsSchema>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const value = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), input);
  throw new UsageError(`${issue.path.join('.') || 'options'} ${issue.message}${value !== undefined ? `, got ${JSON.stringify(value)}` : ''}`);
}
