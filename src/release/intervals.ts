/**
 * The interval an attacker can infer for each suppressed cell of a protected
 * release, by linear programming (HiGHS, the `highs` npm package, WebAssembly).
 * Kept out of src/core because it loads wasm asynchronously.
 *
 * The attacker's view is the release itself: the count tables' structure and
 * published values. Unknowns are the inner cells (>= 0). Constraints:
 * - a published count v (rounded to base b, halves up) lies in [v - b/2, v + b/2);
 *   with integer counts, ceil(v - b/2) .. ceil(v + b/2) - 1 (v-2..v+2 for b=5);
 * - a [low] cell is 1..floor(b/2); a [c] cell is at least 1 (zeros are shown),
 *   and at most minCount-1 when its published reason says primary;
 * - linked tables' shared cells are equal (the model's relations);
 * - the release's layout facts (thresholds, orderings: min <= sum(coef x cell) <= max).
 * For each suppressed cell, min and max of its sum are the LP bounds; this is
 * the continuous relaxation, so an integer attacker's interval is inside
 * [ceil(min), floor(max)] (sound as a bound on what can be learnt; it may be
 * wider than the integer one). An interval of one value means the cell is
 * disclosed through the bounds even though the rank test passed.
 *
 * Solving: the inner cells fall into connected blocks (most tables are blocks of
 * their own) and a cell's LP needs only its block. A block that is just the
 * cell's own rows needs no LP (the intersection of their ranges). The other
 * blocks are loaded once, side by side, into one HiGHS model (Model API), with
 * inner cells that no row tells apart as one column; each solve changes only
 * the objective, one sum per block at a time, and starts from a kept basis; a
 * bound that some solution already reaches needs no solve of its own (see
 * `settle`). The same figures as one LP text per cell solved from scratch
 * (test/disclosure/lp-intervals.test.ts keeps that way as its reference).
 */
import { UsageError } from '../core/errors.js';
import type { Basis, Highs, Model } from 'highs';
import { buildPublishedModel, type LinearModel, type ModelCell, type ModelTableInput } from '../core/disclosure/model.js';
import type { ProtectedRelease } from '../core/disclosure/release.js';

export interface CellInterval {
  table: string;
  keys: string[];
  cell: string;
  reason: string;
  /** Lower and upper bound an attacker can infer (integers); null upper = unbounded. */
  min: number;
  max: number | null;
  /** True when the interval is a single value (disclosed). */
  exact: boolean;
}

export interface IntervalReport {
  computed: number;
  skipped: number;
  solver: string;
  intervals: CellInterval[];
  note: string;
}

type Loader = () => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;

/** The HiGHS solver, loaded on first use (WebAssembly): only publishing audits need it. */
async function loadHighs(): Promise<Highs> {
  let mod: unknown;
  try {
    mod = await import('highs');
  } catch {
    throw new UsageError('the disclosure audit needs the "highs" package (the LP solver), which is not installed: reinstall Routeways (npm install -g routeways) or run npm install');
  }
  // The package's types describe it as CommonJS; at run time Node loads its ESM build, whose default export is the loader.
  const loaded = mod as { default: Loader & { default?: Loader } };
  return (loaded.default.default ?? loaded.default)();
}

const SEP = '\u0001';

/** A constraint lower <= sum(coefs[j] * x[vars[j]]) <= upper; `unit` when every coefficient is 1. */
interface Row {
  vars: number[];
  coefs: number[];
  lower: number;
  upper: number;
  unit: boolean;
  /** A layout fact's row (left out when choosing which cells to solve first). */
  fact?: true;
}

type Suppressed = { cell: ModelCell; reason: string };
type Outcome = { min: number; max: number | null } | { error: string };

/** The attacker's constraints: each published, [low] or [c] cell's bounds on its sum, and the model's relations. */
function constraintRows(release: ProtectedRelease, model: LinearModel): { rows: Row[]; suppressed: Suppressed[] } {
  const info = new Map<string, { symbol?: string; reason?: string; value?: number }>();
  for (const t of release.countTables) for (const c of t.cells) info.set(t.id + SEP + c.keys.join(SEP), c);
  const base = release.policy.roundingBase ?? 1;
  const half = base > 1 ? base / 2 : 0;
  const rows: Row[] = [];
  const sum = (support: number[], lower: number, upper: number) => rows.push({ vars: support, coefs: support.map(() => 1), lower, upper, unit: true });
  const suppressed: Suppressed[] = [];
  for (const c of model.cells) {
    const i = info.get(c.table + SEP + c.keys.join(SEP)) ?? {};
    if (c.support.length === 0) continue;
    if (i.value !== undefined) {
      if (half === 0) sum(c.support, i.value, i.value);
      else sum(c.support, Math.ceil(i.value - half), Math.ceil(i.value + half) - 1);
    } else if (i.symbol === '[low]') {
      sum(c.support, 1, Math.max(1, Math.floor(half)));
    } else if (i.symbol === '[c]') {
      sum(c.support, 1, i.reason === 'primary-small-count' ? release.policy.minCount - 1 : Infinity);
      suppressed.push({ cell: c, reason: i.reason ?? 'secondary' });
    }
  }
  // What the layout says (thresholds, orderings): each fact bounds a weighted sum of cells.
  for (const f of release.facts ?? []) {
    const terms = new Map<number, number>();
    for (const t of f.terms) for (const i of model.cell(t.table, t.keys).support) terms.set(i, (terms.get(i) ?? 0) + t.coef);
    for (const [i, x] of [...terms]) if (x === 0) terms.delete(i);
    if (terms.size === 0) continue;
    rows.push({ vars: [...terms.keys()], coefs: [...terms.values()], lower: f.min ?? -Infinity, upper: f.max ?? Infinity, unit: false, fact: true });
  }
  for (const r of model.relations) {
    // Summed per inner cell, as an LP reader would a repeated variable.
    const terms = new Map<number, number>();
    for (const [i, x] of r) terms.set(i, (terms.get(i) ?? 0) + x);
    rows.push({ vars: [...terms.keys()], coefs: [...terms.values()], lower: 0, upper: 0, unit: false });
  }
  return { rows, suppressed };
}

/** Connected blocks of inner cells (union-find over the rows): each inner cell's block. The LP for a cell needs only its block. */
function blockOf(rows: Row[], innerCount: number): Int32Array {
  const parent = Int32Array.from({ length: innerCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const r of rows) for (let j = 1; j < r.vars.length; j++) parent[find(r.vars[j]!)] = find(r.vars[0]!);
  for (let i = 0; i < innerCount; i++) parent[i] = find(i);
  return parent;
}

/**
 * Cells tied to other cells (a block larger than the cell itself: totals, linked tables)
 * first, since an isolated cell's interval is just its symbol's range; then primary cells,
 * the ones the release protects.
 */
function orderCells(suppressed: Suppressed[], block: Int32Array): void {
  const blockSize = new Int32Array(block.length);
  for (const b of block) blockSize[b]!++;
  const tied = new Map<ModelCell, number>();
  for (const { cell } of suppressed) {
    let size = 0;
    for (const b of new Set(cell.support.map((i) => block[i]!))) size += blockSize[b]!;
    tied.set(cell, Number(size > cell.support.length));
  }
  suppressed.sort(
    (a, b) =>
      tied.get(b.cell)! - tied.get(a.cell)! ||
      Number(b.reason === 'primary-small-count') - Number(a.reason === 'primary-small-count'),
  );
}

/** Integer bounds from the LP optima (the relaxation rounded inward, with a little slack for the solver's tolerance). */
const inward = (lo: number, hi: number | null) => ({ min: Math.ceil(lo - 1e-6), max: hi === null ? null : Math.floor(hi + 1e-6) });

/**
 * A block whose every row bounds the sum of exactly the cell's inner cells needs no LP:
 * the sum lies in the intersection of the rows' ranges (and is not negative).
 */
function closedForm(rows: Row[], support: number[]): Outcome | null {
  let lower = 0;
  let upper = Infinity;
  for (const r of rows) {
    if (!r.unit || r.vars.length !== support.length || r.vars.some((v, j) => v !== support[j])) return null;
    lower = Math.max(lower, r.lower);
    upper = Math.min(upper, r.upper);
  }
  if (lower > upper) return { error: 'Infeasible' };
  return inward(lower, upper === Infinity ? null : upper);
}

/** HiGHS's names for its model status codes (as its one-shot solve reports them). */
const STATUS = ['Not Set', 'Load error', 'Model error', 'Presolve error', 'Solve error', 'Postsolve error', 'Empty', 'Optimal', 'Infeasible', 'Primal infeasible or unbounded', 'Unbounded', 'Bound on objective reached', 'Target for objective reached', 'Time limit reached', 'Iteration limit reached', 'Unknown'];
const statusName = (code: number) => STATUS[code] ?? `status ${code}`;

/** A connected block that needs an LP: its rows, inner cells, and the distinct sums asked about. */
interface Block {
  rows: Row[];
  vars: number[];
  supports: number[][];
}

/**
 * Loads blocks side by side into the solver (no row spans two blocks). Inner cells of a block
 * that appear in the same rows with the same coefficients are one column (their sum, >= 0):
 * the same LP, often much smaller, since a cell's sum always covers such a group whole (its
 * own row is one of the rows). Sets `column` to each inner cell's column; returns the number of columns.
 */
function passBlocks(highs: Highs, lp: Model, blocks: Block[], column: Int32Array): number {
  let n = 0;
  const rows: Row[] = [];
  for (const b of blocks) {
    const pattern = new Map<number, string[]>(b.vars.map((v) => [v, []]));
    b.rows.forEach((r, k) => r.vars.forEach((v, j) => pattern.get(v)!.push(`${k}:${r.coefs[j]}`)));
    const group = new Map<string, number>();
    for (const v of b.vars) {
      const key = pattern.get(v)!.join();
      if (!group.has(key)) group.set(key, n++);
      column[v] = group.get(key)!;
    }
    rows.push(...b.rows);
  }
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    const seen = new Set<number>();
    r.vars.forEach((v, j) => {
      if (seen.has(column[v]!)) return;
      seen.add(column[v]!);
      indices.push(column[v]!);
      values.push(r.coefs[j]!);
    });
    starts.push(indices.length);
  }
  lp.passModel({
    numCols: n,
    numRows: rows.length,
    colCost: new Float64Array(n),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(highs.infinity),
    rowLower: rows.map((r) => (r.lower === -Infinity ? -highs.infinity : r.lower)),
    rowUpper: rows.map((r) => (r.upper === Infinity ? highs.infinity : r.upper)),
    matrix: { format: 'csr', numRows: rows.length, numCols: n, starts: new Int32Array(starts), indices: new Int32Array(indices), values: new Float64Array(values) },
  });
  return n;
}

/** One sum's LP: its columns, the range the rows over exactly its inner cells give (and >= 0), and what is known so far. */
interface Goal {
  cols: Int32Array;
  lower: number;
  upper: number;
  min?: number;
  max?: number | null;
  error?: string;
}

function goalsOf(b: Block, column: Int32Array): Goal[] {
  const range = new Map<string, { lower: number; upper: number }>();
  for (const r of b.rows) {
    if (!r.unit) continue;
    const key = r.vars.join();
    const g = range.get(key) ?? { lower: 0, upper: Infinity };
    range.set(key, { lower: Math.max(g.lower, r.lower), upper: Math.min(g.upper, r.upper) });
  }
  return b.supports.map((support) => ({
    cols: Int32Array.from(new Set(support.map((v) => column[v]!))).sort(),
    ...(range.get(support.join()) ?? { lower: 0, upper: Infinity }),
  }));
}

const sumOf = (g: Goal, x: Float64Array) => g.cols.reduce((s, c) => s + x[c]!, 0);

/**
 * A feasible point where a sum sits at the bound its own rows give settles that bound with
 * no solve: the sum can go no further. Every optimal solution is such a point for every goal.
 */
function settle(goals: Goal[], x: Float64Array): void {
  for (const g of goals) {
    if (g.error !== undefined) continue;
    const sum = sumOf(g, x);
    if (g.min === undefined && sum <= g.lower + 1e-6) g.min = g.lower;
    if (g.max === undefined && g.upper < Infinity && sum >= g.upper - 1e-6) g.max = g.upper;
  }
}

/** Cost 1 minimises a sum, -1 maximises it. */
type Sense = 1 | -1;
const bound = (sense: Sense) => (sense === 1 ? 'min' : 'max');

/** Each block's first goal whose bound in this sense is not known yet (none once its other bound failed). */
function nextGoals(goals: Goal[][], sense: Sense): Goal[] {
  const next: Goal[] = [];
  for (const gs of goals) {
    const g = gs.find((x) => x.error === undefined && x[bound(sense)] === undefined);
    if (g) next.push(g);
  }
  return next;
}

/**
 * Min and max of each sum, the blocks loaded once side by side. Each solve optimises one sum
 * per block at once (the blocks share no rows, so the optimum is each block's own optimum,
 * read off the solution), and only the objective changes between solves. First all sums at
 * once, down then up: most cells a release protects sit at their own rows' bounds, settled by
 * these two; every later solve starts from the basis the one of the two in its direction left
 * (primal simplex: a basis stays feasible when the objective changes), which takes fewer steps
 * than going on from the last solve. Null when several blocks are loaded and a solve fails in
 * a way no one block can be blamed for (the caller then solves block by block, which names
 * the cell).
 */
function solveTogether(highs: Highs, lp: Model, blocks: Block[], column: Int32Array): Goal[][] | null {
  const n = passBlocks(highs, lp, blocks, column);
  const goals = blocks.map((b) => goalsOf(b, column));
  const all = goals.flat();
  const { optimal, unbounded } = highs.constants.modelStatus;
  const start = new Map<Sense, Basis>();
  /** Optimises the sum of the goals' sums; on success, settles every goal the solution can. */
  const solve = (gs: Goal[], sense: Sense) => {
    const cost = new Float64Array(n);
    for (const g of gs) for (const c of g.cols) cost[c]! += sense;
    lp.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
    if (start.has(sense)) lp.setBasis(start.get(sense)!);
    const status = lp.run().modelStatus;
    if (status !== optimal) return { status, x: null };
    const x = lp.getSolution().colValue;
    settle(all, x);
    return { status, x };
  };
  /** Solves for several sums at once; its basis is where the later solves in that direction start. */
  const together = (gs: Goal[], sense: Sense) => {
    if (!solve(gs, sense).x) return false;
    start.set(sense, lp.getBasis());
    return true;
  };
  // The first solve starts from nothing, where dual simplex suits (costs >= 0 at zero are dual feasible).
  lp.options.set({ simplex_strategy: 1 });
  together(all, 1);
  lp.options.set({ simplex_strategy: 4 });
  const open = all.filter((g) => g.max === undefined);
  if (!together(open, -1)) together(open.filter((g) => g.upper < Infinity), -1);
  for (const sense of [1, -1] as const) {
    for (let gs = nextGoals(goals, sense); gs.length > 0; gs = nextGoals(goals, sense)) {
      const { status, x } = solve(gs, sense);
      if (x) for (const g of gs) g[bound(sense)] = sumOf(g, x);
      else if (blocks.length === 1) blame(gs[0]!, sense, status, unbounded);
      else if (status !== unbounded) return null;
      // Some block's sum has no maximum: find which, one at a time.
      else for (const g of gs) {
        const alone = solve([g], sense);
        if (alone.x) g[bound(sense)] = sumOf(g, alone.x);
        else if (alone.status === unbounded && sense === -1) g.max = null;
        else return null;
      }
    }
  }
  return goals;
}

/** A failed solve of one block's goal: no maximum (unbounded), or the status named. */
function blame(g: Goal, sense: Sense, status: number, unbounded: number): void {
  if (sense === -1 && status === unbounded) g.max = null;
  else g.error = statusName(status);
}

/** Outcomes for the cells of each block (keyed by block root); HiGHS is loaded only if some block needs an LP. */
async function solveBlocks(blocks: Map<number, ModelCell[]>, rows: Row[], block: Int32Array): Promise<Map<ModelCell, Outcome>> {
  const rowsOf = new Map<number, Row[]>([...blocks.keys()].map((root) => [root, []]));
  for (const r of rows) if (r.vars.length > 0) rowsOf.get(block[r.vars[0]!]!)?.push(r);
  const out = new Map<ModelCell, Outcome>();
  // One LP per distinct sum in a block (cells with the same inner cells, such as a linked table's copy, share it).
  const lpBlocks = new Map<number, Block>();
  for (const [root, cells] of blocks) {
    const supports = new Map<string, number[]>();
    for (const c of cells) {
      const closed = closedForm(rowsOf.get(root)!, c.support);
      if (closed) out.set(c, closed);
      else supports.set(c.support.join(), c.support);
    }
    if (supports.size > 0) lpBlocks.set(root, { rows: rowsOf.get(root)!, vars: [], supports: [...supports.values()] });
  }
  if (lpBlocks.size === 0) return out;
  block.forEach((b, i) => lpBlocks.get(b)?.vars.push(i));
  highsPromise ??= loadHighs();
  const highs = await highsPromise;
  const column = new Int32Array(block.length);
  const lp = highs.createModel();
  const list = [...lpBlocks.values()];
  let goals: Goal[][];
  try {
    lp.options.set({ output_flag: false, presolve: 'off' });
    goals = solveTogether(highs, lp, list, column) ?? list.map((b) => solveTogether(highs, lp, [b], column)![0]!);
  } finally {
    lp.dispose();
  }
  [...lpBlocks.keys()].forEach((root, k) => {
    const bySupport = new Map(list[k]!.supports.map((s, j) => [s.join(), goals[k]![j]!]));
    for (const c of blocks.get(root)!) {
      const g = bySupport.get(c.support.join());
      if (g) out.set(c, g.error !== undefined ? { error: g.error } : inward(g.min!, g.max!));
    }
  });
  return out;
}

/** Attacker intervals for up to `maxCells` suppressed cells (primary ones first). */
export async function attackerIntervals(release: ProtectedRelease, maxCells: number): Promise<IntervalReport> {
  const inputs: ModelTableInput[] = release.countTables.map((t) => ({
    key: t.id,
    dimensions: t.dimensions,
    additive: t.additive,
    linkedWith: [...(t.linkedWith ?? [])],
    cells: t.cells.map((c) => ({ keys: c.keys, n: 'value' in c ? c.value : null })),
    sameAs: (t.sameAs ?? []).map((x) => ({ keys: [...x.keys], table: x.table, otherKeys: [...x.otherKeys] })),
  }));
  const model = buildPublishedModel(inputs);
  const { rows, suppressed } = constraintRows(release, model);
  // Facts may name cells no published cell covers: their inner cells come after the model's.
  let innerCount = model.innerCount;
  for (const r of rows) for (const i of r.vars) if (i >= innerCount) innerCount = i + 1;
  const block = blockOf(rows, innerCount);
  // Which cells come first is chosen on the tables' own structure; the facts then narrow their intervals.
  orderCells(suppressed, blockOf(rows.filter((r) => !r.fact), innerCount));
  const todo = suppressed.slice(0, Math.max(0, maxCells));
  const report: IntervalReport = {
    computed: 0,
    skipped: suppressed.length - todo.length,
    solver: 'HiGHS (highs npm package), LP relaxation',
    intervals: [],
    note: 'Bounds an attacker can infer from the published figures (rounding, suppression and the layout\'s thresholds and orderings taken into account); the continuous relaxation, rounded inward to whole people.',
  };
  if (todo.length === 0) return report;
  // A suppressed cell's own row ties its inner cells together, so the cell lies in one block.
  const blocks = new Map<number, ModelCell[]>();
  for (const { cell } of todo) {
    const root = block[cell.support[0]!]!;
    if (!blocks.has(root)) blocks.set(root, []);
    blocks.get(root)!.push(cell);
  }
  const outcomes = await solveBlocks(blocks, rows, block);
  for (const { cell, reason } of todo) {
    const o = outcomes.get(cell)!;
    if ('error' in o) throw new Error(`interval LP for ${model.cellLabel(cell)}: ${o.error}`);
    report.intervals.push({ table: cell.table, keys: cell.keys, cell: model.cellLabel(cell), reason, min: o.min, max: o.max, exact: o.max !== null && o.max <= o.min });
    report.computed++;
  }
  return report;
}
