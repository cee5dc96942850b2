/**
 * The rules an on-the-fly query must pass before any figure leaves (ONS's
 * custom-dataset service and ABS TableBuilder enforce the same kind): a
 * bounded number of dimensions and cells, a minimum population, a sparsity
 * rule, and fields that may not be used (alone or together). Pure: the store
 * counts, these functions judge. A refusal says why and what to change.
 */
import { z } from 'zod';

/** Everything a query asks for; dimension ids as the dataset lists them. */
export interface QuerySpec {
  rows: string[];
  columns?: string[];
  /** Dimension id -> category codes to keep. */
  filters?: Record<string, string[]>;
  measures?: Measure[];
}

export const MEASURES = ['people', 'row_share', 'column_share'] as const;
export type Measure = (typeof MEASURES)[number];

export interface QueryRules {
  /** Dimensions a table may cross, not counting region. */
  maxDimensions: number;
  /** Largest number of inner cells (product of the categories of the dimensions asked for). */
  maxCells: number;
  /** Fewest true people in the query's population (everyone the filters keep). */
  minPopulation: number;
  /** A cell is sparse when it holds fewer true people than this (but some). */
  sparseBelow: number;
  /** Refuse when more than this share of the non-zero inner cells is sparse. */
  maxSparseShare: number;
  /** Dimensions that may not be asked for, in rows, columns or filters. */
  excludedFields: string[];
  /** Sets of dimensions that may not be used together. */
  excludedCombinations: string[][];
  /** Fewest true people a title (qualification or occupation as entered) needs to be listed or searched. */
  minTitlePeople: number;
}

export const DEFAULT_QUERY_RULES: Readonly<QueryRules> = Object.freeze({
  maxDimensions: 3,
  maxCells: 2000,
  minPopulation: 30,
  sparseBelow: 3,
  maxSparseShare: 0.5,
  excludedFields: [],
  excludedCombinations: [],
  minTitlePeople: 10,
});

/** The `query` part of a policy file: every field optional, unknown ones refused. */
export const queryRulesSchema = z
  .object({
    maxDimensions: z.number().int().min(1).max(3).optional(),
    maxCells: z.number().int().min(1).max(2000).optional(),
    minPopulation: z.number().int().min(0).optional(),
    sparseBelow: z.number().int().min(1).optional(),
    maxSparseShare: z.number().min(0).max(1).optional(),
    excludedFields: z.array(z.string()).optional(),
    excludedCombinations: z.array(z.array(z.string()).min(2)).optional(),
    minTitlePeople: z.number().int().min(1).optional(),
  })
  .strict();

export type QueryRulesInput = z.input<typeof queryRulesSchema>;

/** The rules: defaults, then what a policy file says (throws naming the setting). */
export function resolveQueryRules(input?: unknown): QueryRules {
  if (input === undefined) return { ...DEFAULT_QUERY_RULES };
  const parsed = queryRulesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`invalid query rule query.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...DEFAULT_QUERY_RULES, ...parsed.data };
}

/** Why a query is refused, and what to change; `field` names the request field at fault. */
export interface Refusal {
  rule: 'unknown-dimension' | 'unknown-category' | 'too-many-dimensions' | 'too-many-cells' | 'small-population' | 'sparse' | 'excluded-field' | 'repeated-dimension' | 'no-rows';
  reason: string;
  fix: string;
  field?: string;
}

/** What the rules need to know of the dataset's dimensions: id -> category codes. */
export type DimensionCategories = ReadonlyMap<string, readonly string[]>;

/** The region dimension's id: it does not count towards maxDimensions. */
export const REGION = 'region';

function shapeRefusals(spec: QuerySpec, dims: DimensionCategories, rules: QueryRules): Refusal[] {
  const out: Refusal[] = [];
  const asked = [...spec.rows, ...(spec.columns ?? [])];
  if (spec.rows.length === 0) out.push({ rule: 'no-rows', reason: 'the query asks for no rows', fix: 'choose at least one dimension for the rows', field: 'rows' });
  const seen = new Set<string>();
  for (const d of asked) {
    if (seen.has(d)) out.push({ rule: 'repeated-dimension', reason: `dimension ${d} is asked for twice`, fix: `use ${d} once, in rows or in columns`, field: d });
    seen.add(d);
  }
  for (const d of [...asked, ...Object.keys(spec.filters ?? {})]) {
    if (!dims.has(d)) out.push({ rule: 'unknown-dimension', reason: `this dataset has no dimension ${d}`, fix: `choose from: ${[...dims.keys()].join(', ')}`, field: d });
  }
  const inner = [...seen].filter((d) => d !== REGION);
  if (inner.length > rules.maxDimensions) {
    out.push({ rule: 'too-many-dimensions', reason: `the query crosses ${inner.length} dimensions besides region; at most ${rules.maxDimensions} are allowed`, fix: 'choose fewer dimensions' });
  }
  return out;
}

function exclusionRefusals(spec: QuerySpec, rules: QueryRules): Refusal[] {
  const used = new Set([...spec.rows, ...(spec.columns ?? []), ...Object.keys(spec.filters ?? {})]);
  const out: Refusal[] = [];
  for (const f of rules.excludedFields) {
    if (used.has(f)) out.push({ rule: 'excluded-field', reason: `dimension ${f} may not be used in a query`, fix: `leave ${f} out`, field: f });
  }
  for (const combo of rules.excludedCombinations) {
    if (combo.every((f) => used.has(f))) {
      out.push({ rule: 'excluded-field', reason: `dimensions ${combo.join(' and ')} may not be used together`, fix: `leave out one of ${combo.join(', ')}` });
    }
  }
  return out;
}

/** The categories each asked dimension keeps after the filters. */
export function keptCategories(spec: QuerySpec, dims: DimensionCategories): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of [...spec.rows, ...(spec.columns ?? [])]) {
    const all = dims.get(d) ?? [];
    const f = spec.filters?.[d];
    out.set(d, f ? all.filter((c) => f.includes(c)) : [...all]);
  }
  return out;
}

/**
 * The refusals a query earns before anything is counted: unknown or excluded
 * dimensions and categories, too many dimensions, too many cells.
 */
export function checkShape(spec: QuerySpec, dims: DimensionCategories, rules: QueryRules): Refusal[] {
  const out = [...shapeRefusals(spec, dims, rules), ...exclusionRefusals(spec, rules)];
  if (out.length > 0) return out;
  for (const [d, codes] of Object.entries(spec.filters ?? {})) {
    const known = new Set(dims.get(d) ?? []);
    const bad = codes.filter((c) => !known.has(c));
    if (bad.length > 0) {
      out.push({ rule: 'unknown-category', reason: `dimension ${d} has no categor${bad.length === 1 ? 'y' : 'ies'} ${bad.slice(0, 5).join(', ')}`, fix: `see GET datasets/{id} for the categories of ${d}`, field: `filters.${d}` });
    }
  }
  if (out.length > 0) return out;
  const cells = [...keptCategories(spec, dims).values()].reduce((p, c) => p * Math.max(1, c.length), 1);
  if (cells > rules.maxCells) {
    out.push({ rule: 'too-many-cells', reason: `the table would have ${cells} cells; at most ${rules.maxCells} are allowed`, fix: 'choose fewer categories (filter), fewer dimensions or a larger area' });
  }
  return out;
}

/**
 * The refusals a query earns once counted (true counts, never shown): too
 * few people in the population, or a table whose non-zero cells are mostly
 * under `sparseBelow` people.
 */
export function checkCounts(population: number, innerCounts: readonly number[], rules: QueryRules): Refusal[] {
  const out: Refusal[] = [];
  if (population < rules.minPopulation) {
    out.push({ rule: 'small-population', reason: `the query's population is under ${rules.minPopulation} people`, fix: 'remove filters or choose a larger area' });
    return out;
  }
  const nonZero = innerCounts.filter((n) => n > 0);
  const sparse = nonZero.filter((n) => n < rules.sparseBelow).length;
  if (nonZero.length > 0 && sparse / nonZero.length > rules.maxSparseShare) {
    out.push({
      rule: 'sparse',
      reason: `most of the table's non-empty cells rest on fewer than ${rules.sparseBelow} people`,
      fix: 'choose fewer categories or a larger area (fewer dimensions, or broader ones such as soc_major instead of occupation)',
    });
  }
  return out;
}
