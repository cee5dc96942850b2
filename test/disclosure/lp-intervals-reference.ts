/**
 * The LP interval check as it was first written (test-only reference): one CPLEX LP text per
 * suppressed cell's connected block, solved twice (minimise, maximise) from scratch with
 * `highs.solve(text)`. Slow but plain; src/release/intervals.ts must give the same report.
 * The bench (bench/intervals.ts) times it as the "before" figure.
 */
import { buildPublishedModel, type ModelTableInput } from '../../src/core/disclosure/model.js';
import type { ProtectedRelease } from '../../src/core/disclosure/release.js';
import type { IntervalReport } from '../../src/release/intervals.js';

type Highs = { solve(lp: string, options: Record<string, unknown>): { Status: string; ObjectiveValue: number } };
type Loader = () => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;

async function loadHighs(): Promise<Highs> {
  const loaded = (await import('highs')) as unknown as { default: Loader & { default?: Loader } };
  return (loaded.default.default ?? loaded.default)();
}

const SEP = '\u0001';

/** Attacker intervals for up to `maxCells` suppressed cells, the first way (one LP text per solve). */
export async function referenceIntervals(release: ProtectedRelease, maxCells: number): Promise<IntervalReport> {
  const inputs: ModelTableInput[] = release.countTables.map((t) => ({
    key: t.id,
    dimensions: t.dimensions,
    additive: t.additive,
    linkedWith: [...(t.linkedWith ?? [])],
    cells: t.cells.map((c) => ({ keys: c.keys, n: 'value' in c ? c.value : null })),
    sameAs: (t.sameAs ?? []).map((x) => ({ keys: [...x.keys], table: x.table, otherKeys: [...x.otherKeys] })),
  }));
  const model = buildPublishedModel(inputs);
  const info = new Map<string, { symbol?: string; reason?: string; value?: number }>();
  for (const t of release.countTables) for (const c of t.cells) info.set(t.id + SEP + c.keys.join(SEP), c);
  const base = release.policy.roundingBase ?? 1;
  const half = base > 1 ? base / 2 : 0;
  const v = (i: number) => `x${i}`;
  const sum = (support: number[]) => (support.length ? support.map(v).join(' + ') : '0 x0');

  // Each constraint row with the inner cells it touches; the LP for a cell only needs the rows
  // connected to it (tables are mostly independent blocks), which keeps each solve small.
  const rows: Array<{ text: string; vars: number[]; fact?: true }> = [];
  const push = (text: string, vars: number[], fact?: true) => rows.push({ text, vars, ...(fact ? { fact } : {}) });
  const suppressed: Array<{ cell: (typeof model.cells)[number]; reason: string }> = [];
  model.cells.forEach((c, k) => {
    const i = info.get(c.table + SEP + c.keys.join(SEP)) ?? {};
    if (c.support.length === 0) return;
    const s = sum(c.support);
    if (i.value !== undefined) {
      if (half === 0) push(` p${k}: ${s} = ${i.value}`, c.support);
      else {
        push(` pl${k}: ${s} >= ${Math.ceil(i.value - half)}`, c.support);
        push(` pu${k}: ${s} <= ${Math.ceil(i.value + half) - 1}`, c.support);
      }
    } else if (i.symbol === '[low]') {
      push(` l${k}: ${s} >= 1`, c.support);
      push(` lu${k}: ${s} <= ${Math.max(1, Math.floor(half))}`, c.support);
    } else if (i.symbol === '[c]') {
      push(` s${k}: ${s} >= 1`, c.support);
      if (i.reason === 'primary-small-count') push(` su${k}: ${s} <= ${release.policy.minCount - 1}`, c.support);
      suppressed.push({ cell: c, reason: i.reason ?? 'secondary' });
    }
  });
  model.relations.forEach((r, k) => {
    const terms = [...r.entries()].map(([i, x]) => `${x >= 0 ? '+' : '-'} ${Math.abs(x)} ${v(i)}`).join(' ');
    push(` r${k}: ${terms} = 0`, [...r.keys()]);
  });
  // The layout facts (thresholds, orderings): min <= sum(coef x cell) <= max.
  (release.facts ?? []).forEach((f, k) => {
    const terms = new Map<number, number>();
    for (const t of f.terms) for (const i of model.cell(t.table, t.keys).support) terms.set(i, (terms.get(i) ?? 0) + t.coef);
    for (const [i, x] of [...terms]) if (x === 0) terms.delete(i);
    if (terms.size === 0) return;
    const text = [...terms.entries()].map(([i, x]) => `${x >= 0 ? '+' : '-'} ${Math.abs(x)} ${v(i)}`).join(' ');
    if (f.min !== undefined) push(` fl${k}: ${text} >= ${f.min}`, [...terms.keys()], true);
    if (f.max !== undefined) push(` fu${k}: ${text} <= ${f.max}`, [...terms.keys()], true);
  });
  // Facts may name cells no published cell covers: their inner cells come after the model's.
  let innerCount = model.innerCount;
  for (const r of rows) for (const i of r.vars) innerCount = Math.max(innerCount, i + 1);
  // Connected blocks of inner cells (union-find over the rows).
  const parent = Array.from({ length: innerCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const r of rows) for (let j = 1; j < r.vars.length; j++) parent[find(r.vars[j]!)] = find(r.vars[0]!);
  // Which cells come first is chosen on the tables' own structure (blocks without the layout facts).
  const structure = Array.from({ length: innerCount }, (_, i) => i);
  const root = (x: number): number => {
    while (structure[x] !== x) x = structure[x] = structure[structure[x]!]!;
    return x;
  };
  for (const r of rows) if (!r.fact) for (let j = 1; j < r.vars.length; j++) structure[root(r.vars[j]!)] = root(r.vars[0]!);
  // Cells tied to other cells (a block larger than the cell itself: totals, linked tables)
  // first, since an isolated cell's interval is just its symbol's range; then primary cells,
  // the ones the release protects.
  const blockSize = new Map<number, number>();
  for (let i = 0; i < innerCount; i++) blockSize.set(root(i), (blockSize.get(root(i)) ?? 0) + 1);
  const tied = (c: (typeof suppressed)[number]['cell']) => {
    const roots = new Set(c.support.map(root));
    let size = 0;
    for (const r of roots) size += blockSize.get(r)!;
    return size > c.support.length;
  };
  suppressed.sort(
    (a, b) =>
      Number(tied(b.cell)) - Number(tied(a.cell)) ||
      Number(b.reason === 'primary-small-count') - Number(a.reason === 'primary-small-count'),
  );
  const todo = suppressed.slice(0, Math.max(0, maxCells));
  const report: IntervalReport = {
    computed: 0,
    skipped: suppressed.length - todo.length,
    solver: 'HiGHS (highs npm package), LP relaxation',
    intervals: [],
    note: 'Bounds an attacker can infer from the published figures (rounding, suppression and the layout\'s thresholds and orderings taken into account); the continuous relaxation, rounded inward to whole people.',
  };
  if (todo.length === 0) return report;
  highsPromise ??= loadHighs();
  const highs = await highsPromise;
  for (const { cell, reason } of todo) {
    const blocks = new Set(cell.support.map(find));
    const inBlock = (i: number) => blocks.has(find(i));
    const block = rows.filter((r) => r.vars.length > 0 && inBlock(r.vars[0]!)).map((r) => r.text);
    const vars: number[] = [];
    for (let i = 0; i < innerCount; i++) if (inBlock(i)) vars.push(i);
    const bounds = vars.map((i) => ` ${v(i)} >= 0`).join('\n');
    const lp = (sense: 'Minimize' | 'Maximize', objective: string) =>
      `${sense}\n obj: ${objective}\nSubject To\n${block.join('\n')}\nBounds\n${bounds}\nEnd\n`;
    const objective = sum(cell.support);
    const lo = highs.solve(lp('Minimize', objective), { output_flag: false });
    const hi = highs.solve(lp('Maximize', objective), { output_flag: false });
    if (lo.Status !== 'Optimal') throw new Error(`interval LP for ${model.cellLabel(cell)}: ${lo.Status}`);
    const min = Math.ceil(lo.ObjectiveValue - 1e-6);
    const max = hi.Status === 'Optimal' ? Math.floor(hi.ObjectiveValue + 1e-6) : hi.Status === 'Unbounded' ? null : NaN;
    if (Number.isNaN(max)) throw new Error(`interval LP for ${model.cellLabel(cell)}: ${hi.Status}`);
    report.intervals.push({ table: cell.table, keys: cell.keys, cell: model.cellLabel(cell), reason, min, max, exact: max !== null && max <= min });
    report.computed++;
  }
  return report;
}
