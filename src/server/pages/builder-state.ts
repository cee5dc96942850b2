/**
 * The table builder's choices, carried in the query string of every step so
 * each step has its own URL (the back button, bookmarks and a page without
 * JavaScript all work):
 *
 *   dataset=demo & f.level=2 & f.level=3 & rows=ssa & columns=region & measures=people
 *
 * `f.<dimension>` is a filter (repeated for several categories), `rows` may
 * repeat, `columns` is at most one dimension. Parsing never throws: unknown
 * names are reported back to the page, which says what to change.
 */

export interface BuilderState {
  dataset: string;
  filters: Record<string, string[]>;
  rows: string[];
  columns: string[];
  measures: string[];
}

export const MEASURES = ['people', 'row_share', 'column_share'] as const;
export const MEASURE_LABELS: Record<string, string> = {
  people: 'People (perturbed count)',
  row_share: 'Share of the row',
  column_share: 'Share of the column',
};

const FILTER = 'f.';

/** Reads the builder's parameters from a URL's query string. */
export function parseState(search: URLSearchParams): BuilderState {
  const filters: Record<string, string[]> = {};
  for (const [key, value] of search) {
    if (!key.startsWith(FILTER) || value === '') continue;
    const dim = key.slice(FILTER.length);
    (filters[dim] ??= []).includes(value) || filters[dim].push(value);
  }
  const list = (name: string) => [...new Set(search.getAll(name).filter((v) => v !== ''))];
  return {
    dataset: search.get('dataset') ?? '',
    filters,
    rows: list('rows'),
    columns: list('columns'),
    measures: list('measures'),
  };
}

/** The state as ordered [name, value] pairs (hidden inputs, links). */
export function stateParams(state: BuilderState, parts: { filters?: boolean; layout?: boolean } = {}): Array<[string, string]> {
  const out: Array<[string, string]> = [['dataset', state.dataset]];
  if (parts.filters !== false) {
    for (const dim of Object.keys(state.filters).sort()) for (const v of state.filters[dim]) out.push([`${FILTER}${dim}`, v]);
  }
  if (parts.layout !== false) {
    for (const r of state.rows) out.push(['rows', r]);
    for (const c of state.columns) out.push(['columns', c]);
    for (const m of state.measures) out.push(['measures', m]);
  }
  return out;
}

/** A builder URL for `path` carrying the state (or part of it). */
export function stateUrl(path: string, state: BuilderState, parts?: { filters?: boolean; layout?: boolean }): string {
  const q = new URLSearchParams(stateParams(state, parts)).toString();
  return q ? `${path}?${q}` : path;
}

export interface StateProblem {
  field: string;
  text: string;
}

/** What is wrong with the layout before asking the service (the service checks the rest). */
export function layoutProblems(state: BuilderState, dimensions: ReadonlySet<string>): StateProblem[] {
  const problems: StateProblem[] = [];
  if (state.rows.length === 0) problems.push({ field: 'rows', text: 'Choose at least one dimension for the rows' });
  for (const d of [...state.rows, ...state.columns, ...Object.keys(state.filters)]) {
    if (!dimensions.has(d)) problems.push({ field: 'rows', text: `"${d}" is not a dimension of this dataset` });
  }
  if (state.columns.length > 1) problems.push({ field: 'columns', text: 'Choose one dimension for the columns, or none' });
  const both = state.rows.filter((r) => state.columns.includes(r));
  for (const d of both) problems.push({ field: 'columns', text: `"${d}" cannot be in both the rows and the columns` });
  for (const m of state.measures) {
    if (!(MEASURES as readonly string[]).includes(m)) problems.push({ field: 'measures', text: `"${m}" is not a measure` });
  }
  return problems;
}
