/**
 * The linear model of a release: which inner cells (unknowns) each cell of each
 * count table is the sum of, and which linear relations between tables anyone
 * knows. Secondary suppression and the audit both work on this model.
 *
 * - An additive table's inner cells are the cross product of its dimensions'
 *   leaf categories; every other cell (a margin) is the sum of the inner cells
 *   under it, following the categories' `children` lists (hierarchies such as
 *   SOC major > sub-major group, and totals).
 * - A non-additive table has no relations within itself: each cell is its own
 *   inner cell.
 * - Linked tables count the same people: a cell of one and a cell of the other
 *   with the same identity (the same dimension ids and keys, once dimensions at
 *   their grand total are dropped) hold the same number. Each such pair is a
 *   known relation (sum of one side's inner cells minus the other's = 0), so a
 *   cell that can only be recovered by combining two tables is caught.
 *
 * Sparse throughout: true zeros are published, so every zero inner cell is
 * known to be zero and is dropped from the unknowns (conservative: an attacker
 * who knows more can derive more). Cells are built only where they are
 * non-zero (truth mode) or published (attacker mode).
 */
import type { Dimension } from '../results.js';
import { InputError } from '../errors.js';

/** A count table as the model sees it. `key` is unique within the release. */
export interface ModelTableInput {
  key: string;
  dimensions: Dimension[];
  additive: boolean;
  /** Keys of the tables this one is linked with (either side may name the other). */
  linkedWith: string[];
  /**
   * Truth mode: the table's cells with their true counts (absent = zero).
   * Attacker mode: the published cells, `n` the published value or null when suppressed.
   */
  cells: Array<{ keys: string[]; n: number | null; w?: number; w2?: number }>;
  /** Attacker mode: published statements that a cell of this table equals a cell of a linked table. */
  sameAs?: Array<{ keys: string[]; table: string; otherKeys: string[] }>;
}

/**
 * Tables of several reports that add up across regions (a set of reports
 * protected together): each chosen cell of `total` (the all-regions report's
 * table) equals the sum of the cells with the same keys of `parts` (the
 * regional reports' tables) plus a remainder: people of no published region.
 * The remainder is an inner cell of its own, never published (known to be zero
 * when it is zero, as every zero inner cell is). In truth mode a non-zero
 * remainder is also a cell of the model (`remainder: true`, not published), so
 * primary suppression treats a small one (1..minCount-1 people) like any other
 * small count: secondary suppression and the audit keep it underivable.
 */
export interface RegionSum {
  total: string;
  parts: string[];
  /** true: every inner cell (all keys leaves; every cell of a table that is not additive); else these cells only. */
  cells: true | string[][];
}

export interface ModelCell {
  index: number;
  table: string;
  keys: string[];
  /** True count (truth mode), published value (attacker mode), NaN when unknown. */
  n: number;
  w?: number;
  w2?: number;
  /** Sorted indices of the inner cells this cell is the sum of (zero inner cells dropped). */
  support: number[];
  /** A margin (some key is not a leaf category). */
  margin: boolean;
  /** A region sum's remainder (people of no published region) at these keys of `table` (the all-regions table): never published. */
  remainder?: true;
}

/** A sparse integer vector over inner cells: index -> non-zero coefficient. */
export type SparseVector = Map<number, number>;

export interface LinearModel {
  innerCount: number;
  /** True count of each inner cell (truth mode only). */
  innerN: number[];
  cells: ModelCell[];
  /** The cell of a table at keys; a valid but absent cell is created as a true zero. Throws on unknown tables or codes. */
  cell(table: string, keys: string[]): ModelCell;
  /** Linear relations anyone knows to be zero (linked tables' shared cells). */
  relations: SparseVector[];
  /** The pairs of cells (indices) behind the relations: the same people counted in two linked tables. */
  linkedCells: Array<[number, number]>;
  innerLabel(i: number): string;
  cellLabel(c: ModelCell): string;
}

interface DimIndex {
  dim: Dimension;
  codes: Set<string>;
  leaves: string[];
  leafSet: Map<string, string[]>;
  /** Categories (incl. itself) whose leaf set contains each leaf. */
  ancestors: Map<string, string[]>;
  /** A category covering every leaf (the grand total), if any. */
  total: string | null;
  isLeaf(code: string): boolean;
  isTotal(code: string): boolean;
}

function indexDimension(table: string, dim: Dimension): DimIndex {
  const byCode = new Map(dim.categories.map((c) => [c.code, c] as const));
  if (byCode.size !== dim.categories.length) {
    throw new InputError(`count table ${table}: dimension ${dim.id} lists a category code twice`);
  }
  const leafSet = new Map<string, string[]>();
  const visiting = new Set<string>();
  const leavesOf = (code: string): string[] => {
    const done = leafSet.get(code);
    if (done) return done;
    const cat = byCode.get(code);
    if (!cat) throw new InputError(`count table ${table}: dimension ${dim.id} has no category "${code}" (named as a child)`);
    if (visiting.has(code)) throw new InputError(`count table ${table}: dimension ${dim.id}: category "${code}" contains itself`);
    visiting.add(code);
    let result: string[];
    if (!cat.children || cat.children.length === 0) result = [code];
    else result = [...new Set(cat.children.flatMap(leavesOf))];
    visiting.delete(code);
    leafSet.set(code, result);
    return result;
  };
  for (const c of dim.categories) leavesOf(c.code);
  const leaves = dim.categories.filter((c) => !c.children || c.children.length === 0).map((c) => c.code);
  const leafCodes = new Set(leaves);
  const ancestors = new Map<string, string[]>(leaves.map((l) => [l, []]));
  for (const c of dim.categories) for (const l of leafSet.get(c.code)!) ancestors.get(l)!.push(c.code);
  const isTotalCode = (code: string) =>
    byCode.get(code)?.children !== undefined && byCode.get(code)!.children!.length > 0 && leafSet.get(code)!.length === leaves.length;
  const total = dim.categories.find((c) => isTotalCode(c.code))?.code ?? null;
  return {
    dim,
    codes: new Set(byCode.keys()),
    leaves,
    leafSet,
    ancestors,
    total,
    // A leaf has no children (a category whose only leaf is itself has none: that would be a cycle).
    isLeaf: (code) => leafCodes.has(code),
    isTotal: isTotalCode,
  };
}

const SEP = '\u0001';
const keyOf = (keys: string[]) => keys.join(SEP);

interface TableIndex {
  input: ModelTableInput;
  dims: DimIndex[];
  cells: Map<string, ModelCell>;
}

/** Identity of a cell across linked tables: its (dimension id, key) pairs, dimensions at their grand total left out. */
function identityOf(t: TableIndex, keys: string[]): string {
  const parts: string[] = [];
  t.dims.forEach((d, i) => {
    if (!d.isTotal(keys[i]!)) parts.push(`${d.dim.id}=${keys[i]}`);
  });
  return parts.sort().join(SEP);
}

function checkKeys(t: TableIndex, keys: string[]): void {
  if (keys.length !== t.dims.length) {
    throw new InputError(`count table ${t.input.key}: a cell has ${keys.length} keys, expected ${t.dims.length} (${t.dims.map((d) => d.dim.id).join(', ')})`);
  }
  keys.forEach((k, i) => {
    if (!t.dims[i]!.codes.has(k)) {
      throw new InputError(`count table ${t.input.key}: dimension ${t.dims[i]!.dim.id} has no category "${k}"`);
    }
  });
}

function product<T>(lists: T[][]): T[][] {
  let out: T[][] = [[]];
  for (const list of lists) {
    const next: T[][] = [];
    for (const prefix of out) for (const item of list) next.push([...prefix, item]);
    out = next;
  }
  return out;
}

class ModelBuilder {
  tables = new Map<string, TableIndex>();
  cells: ModelCell[] = [];
  innerN: number[] = [];
  /** Table and keys of each inner cell, for its label (made when asked: most are never shown). */
  innerOf: Array<[string, string[]]> = [];
  innerByKey = new Map<string, number>();
  relations: SparseVector[] = [];
  linkedCells: Array<[number, number]> = [];

  constructor(inputs: ModelTableInput[]) {
    for (const input of inputs) {
      if (this.tables.has(input.key)) throw new InputError(`two count tables in one release are both called ${input.key}`);
      this.tables.set(input.key, {
        input,
        dims: input.dimensions.map((d) => indexDimension(input.key, d)),
        cells: new Map(),
      });
    }
    for (const t of this.tables.values()) {
      for (const other of t.input.linkedWith) {
        if (!this.tables.has(other)) throw new InputError(`count table ${t.input.key} is linked with ${other}, which is not in the release`);
      }
    }
  }

  /** The inner cell of a table at keys, made on first use. */
  inner(table: string, keys: string[], n: number): number {
    const k = table + SEP + keyOf(keys);
    let i = this.innerByKey.get(k);
    if (i === undefined) {
      i = this.newInner(table, keys, n);
      this.innerByKey.set(k, i);
    }
    return i;
  }

  /** A new inner cell (truth mode: each table's cells are distinct, so no look-up is needed). */
  newInner(table: string, keys: string[], n: number): number {
    this.innerN.push(n);
    this.innerOf.push([table, keys]);
    return this.innerN.length - 1;
  }

  addCell(t: TableIndex, keys: string[], n: number, support: number[], w?: number, w2?: number, key = keyOf(keys)): ModelCell {
    const cell: ModelCell = {
      index: this.cells.length,
      table: t.input.key,
      keys,
      n,
      support,
      margin: keys.some((k, i) => !t.dims[i]!.isLeaf(k)),
    };
    if (w !== undefined) cell.w = w;
    if (w2 !== undefined) cell.w2 = w2;
    this.cells.push(cell);
    t.cells.set(key, cell);
    return cell;
  }

  /** Truth mode: the cell of t at keys (valid keys; key = keyOf(keys)), made as a true zero when absent. */
  cellAt(t: TableIndex, keys: string[], key: string): ModelCell {
    return t.cells.get(key) ?? this.addCell(t, keys, 0, [], undefined, undefined, key);
  }

  linkedPairs(): Array<[TableIndex, TableIndex]> {
    const seen = new Set<string>();
    const pairs: Array<[TableIndex, TableIndex]> = [];
    for (const t of this.tables.values()) {
      for (const o of t.input.linkedWith) {
        if (o === t.input.key) continue;
        const id = [t.input.key, o].sort().join(SEP);
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push([t, this.tables.get(o)!]);
      }
    }
    return pairs;
  }

  finish(lookupMissing: (t: TableIndex, keys: string[]) => ModelCell): LinearModel {
    const tables = this.tables;
    const innerOf = this.innerOf;
    return {
      innerCount: this.innerN.length,
      innerN: this.innerN,
      cells: this.cells,
      relations: this.relations,
      linkedCells: this.linkedCells,
      cell(table, keys) {
        const t = tables.get(table);
        if (!t) throw new InputError(`no count table called ${table} in this release`);
        const found = t.cells.get(keyOf(keys));
        if (found) return found;
        checkKeys(t, keys);
        return lookupMissing(t, keys);
      },
      innerLabel: (i) => {
        const at = innerOf[i];
        return at ? `${at[0]} [${at[1].join(', ')}]` : `inner cell ${i}`;
      },
      cellLabel: (c) => describeCell(tables.get(c.table)!, c.keys) + (c.remainder ? ' (people of no published region)' : ''),
    };
  }
}

function describeCell(t: TableIndex, keys: string[]): string {
  return `${t.input.key} [${keys.map((k, i) => `${t.dims[i]!.dim.id}=${k}`).join(', ')}]`;
}

function relation(a: number[], b: number[]): SparseVector | null {
  const v: SparseVector = new Map();
  for (const i of a) v.set(i, (v.get(i) ?? 0) + 1);
  for (const i of b) {
    const x = (v.get(i) ?? 0) - 1;
    if (x === 0) v.delete(i);
    else v.set(i, x);
  }
  return v.size > 0 ? v : null;
}

/**
 * Truth mode: the model of a release from its tables' true counts. Every
 * non-zero cell of each table's full cross product (margins included) is
 * built; a margin given in the input must equal the sum of its children.
 */
export function buildTruthModel(inputs: ModelTableInput[], sums: RegionSum[] = []): LinearModel {
  const b = new ModelBuilder(inputs);
  for (const t of b.tables.values()) {
    const key = t.input.key;
    const given = new Map<string, { keys: string[]; n: number; w?: number; w2?: number }>();
    for (const c of t.input.cells) {
      checkKeys(t, c.keys);
      if (c.n === null || !Number.isInteger(c.n) || c.n < 0) {
        throw new InputError(`count table ${key}: cell ${describeCell(t, c.keys)} has count ${String(c.n)}, expected a whole number of people >= 0`);
      }
      const k = keyOf(c.keys);
      if (given.has(k)) throw new InputError(`count table ${key}: cell ${describeCell(t, c.keys)} is listed twice`);
      given.set(k, { keys: c.keys, n: c.n, w: c.w, w2: c.w2 });
    }
    if (!t.input.additive) {
      for (const c of given.values()) {
        if (c.n === 0) continue;
        b.addCell(t, c.keys, c.n, [b.newInner(key, c.keys, c.n)], c.w, c.w2);
      }
      continue;
    }
    // Aggregate every non-zero inner cell into all the margins above it.
    const agg = new Map<string, { keys: string[]; n: number; w: number; w2: number; weighted: boolean; support: number[] }>();
    for (const c of given.values()) {
      if (c.n === 0 || !c.keys.every((k, i) => t.dims[i]!.isLeaf(k))) continue;
      const inner = b.newInner(key, c.keys, c.n);
      for (const combo of product(c.keys.map((k, i) => t.dims[i]!.ancestors.get(k)!))) {
        const ck = keyOf(combo);
        let a = agg.get(ck);
        if (!a) agg.set(ck, (a = { keys: combo, n: 0, w: 0, w2: 0, weighted: false, support: [] }));
        a.n += c.n;
        if (c.w !== undefined) {
          a.w += c.w;
          a.weighted = true;
        }
        if (c.w2 !== undefined) a.w2 += c.w2;
        a.support.push(inner);
      }
    }
    for (const c of given.values()) {
      const a = agg.get(keyOf(c.keys));
      const sum = a?.n ?? 0;
      if (sum !== c.n) {
        throw new InputError(
          `count table ${key}: margin cell ${describeCell(t, c.keys)} holds ${c.n} people but the cells under it sum to ${sum} (the table is marked additive)`,
        );
      }
    }
    for (const a of agg.values()) {
      const g = given.get(keyOf(a.keys));
      // Weights of margins: as given when given, else summed from the inner cells.
      const w = g?.w ?? (a.weighted ? a.w : undefined);
      const w2 = g?.w2 ?? (a.weighted ? a.w2 : undefined);
      b.addCell(t, a.keys, a.n, a.support.sort((x, y) => x - y), w, w2);
    }
  }
  // Linked tables: cells with the same identity count the same people (both non-zero here; zeros
  // are known). A pair with different counts is not the same population (e.g. one table's grand
  // total covers people the other leaves out), so it is not a relation.
  for (const [t, u] of b.linkedPairs()) {
    const uByIdentity = new Map<string, ModelCell>();
    for (const c of u.cells.values()) uByIdentity.set(identityOf(u, c.keys), c);
    for (const c of t.cells.values()) {
      const other = uByIdentity.get(identityOf(t, c.keys));
      if (!other || other.n !== c.n) continue;
      const r = relation(c.support, other.support);
      if (r) {
        b.relations.push(r);
        b.linkedCells.push([c.index, other.index]);
      }
    }
  }
  const model = b.finish((t, keys) => b.addCell(t, keys, 0, []));
  for (const sum of sums) addRegionSum(b, model, sum);
  return model;
}

/** Whether keys name categories of table t (a regional table may lack a category the total has). */
function hasKeys(t: TableIndex, keys: string[]): boolean {
  return keys.length === t.dims.length && keys.every((k, i) => t.dims[i]!.codes.has(k));
}

/** Truth mode: the relations of one region sum, with a remainder inner cell where it is not zero. */
function addRegionSum(b: ModelBuilder, model: LinearModel, sum: RegionSum): void {
  const total = b.tables.get(sum.total);
  if (!total) throw new InputError(`region sum: no count table called ${sum.total}`);
  const parts = sum.parts.map((p) => {
    const t = b.tables.get(p);
    if (!t) throw new InputError(`region sum: no count table called ${p}`);
    return t;
  });
  const inner = (t: TableIndex, keys: string[]) => !t.input.additive || keys.every((k, i) => t.dims[i]!.isLeaf(k));
  const keySets = new Map<string, string[]>();
  if (sum.cells === true) {
    for (const t of [total, ...parts]) for (const [key, c] of t.cells) if (c.n > 0 && inner(t, c.keys)) keySets.set(key, c.keys);
  } else {
    for (const k of sum.cells) keySets.set(keyOf(k), k);
  }
  for (const [key, keys] of keySets) {
    if (!hasKeys(total, keys)) continue;
    const whole = b.cellAt(total, keys, key);
    const pieces = parts.filter((t) => hasKeys(t, keys)).map((t) => b.cellAt(t, keys, key));
    const rest = whole.n - pieces.reduce((s, c) => s + c.n, 0);
    // A total below the sum of its parts is not the same population: no relation.
    if (rest < 0 || (whole.n === 0 && pieces.length === 0)) continue;
    const v: SparseVector = new Map();
    for (const i of whole.support) v.set(i, (v.get(i) ?? 0) + 1);
    for (const c of pieces) for (const i of c.support) v.set(i, (v.get(i) ?? 0) - 1);
    if (rest > 0) {
      const r = b.newInner(`${sum.total} (no published region)`, keys, rest);
      v.set(r, -1);
      // The remainder as a cell of its own (not in the table's cell map: it is no cell of the
      // table), so a small one is primary-suppressed and kept underivable like any small count.
      const cell: ModelCell = { index: b.cells.length, table: sum.total, keys, n: rest, support: [r], margin: false, remainder: true };
      b.cells.push(cell);
    }
    for (const [k, x] of v) if (x === 0) v.delete(k);
    if (v.size > 0) b.relations.push(v);
  }
  (model as { innerCount: number }).innerCount = b.innerN.length;
}

/** Largest number of inner cells the attacker-mode model enumerates (a release read back from files). */
export const ATTACKER_MODEL_CAP = 2_000_000;

/**
 * Attacker mode: the model an outsider can build from a published release —
 * the tables' structure and the published values (null = suppressed). Inner
 * cells are every combination of leaves under a published cell; those under
 * a published zero are known to be zero and dropped. Relations between linked
 * tables are the equalities the release states (`sameAs`) between published
 * cells. Throws if the model would exceed `cap` inner cells.
 */
export function buildPublishedModel(
  inputs: ModelTableInput[],
  cap = ATTACKER_MODEL_CAP,
  sums: RegionSum[] = [],
  /** Region sums: 'unknown' remainders (people of no published region), or 'zero' (an attacker who knows there are none: stricter). */
  remainders: 'unknown' | 'zero' = 'unknown',
): LinearModel {
  const b = new ModelBuilder(inputs);
  let enumerated = 0;
  const leafCombos = (t: TableIndex, keys: string[]): string[][] => {
    if (!t.input.additive) return [keys];
    const lists = keys.map((k, i) => t.dims[i]!.leafSet.get(k)!);
    const size = lists.reduce((s, l) => s * l.length, 1);
    enumerated += size;
    if (enumerated > cap) throw new InputError(`the release's tables have more than ${cap} inner cells; too large to re-audit`);
    return product(lists);
  };
  const zeroInner = new Set<string>();
  for (const t of b.tables.values()) {
    for (const c of t.input.cells) {
      checkKeys(t, c.keys);
      if (c.n === 0) for (const combo of leafCombos(t, c.keys)) zeroInner.add(t.input.key + SEP + keyOf(combo));
    }
  }
  const supportOf = (t: TableIndex, keys: string[]): number[] => {
    const s: number[] = [];
    for (const combo of leafCombos(t, keys)) {
      const k = t.input.key + SEP + keyOf(combo);
      if (!zeroInner.has(k)) s.push(b.inner(t.input.key, combo, NaN));
    }
    return s.sort((x, y) => x - y);
  };
  for (const t of b.tables.values()) {
    for (const c of t.input.cells) {
      if (t.cells.has(keyOf(c.keys))) throw new InputError(`count table ${t.input.key}: cell ${describeCell(t, c.keys)} is published twice`);
      b.addCell(t, c.keys, c.n === null ? NaN : c.n, supportOf(t, c.keys));
    }
  }
  // Relations: only the equalities the release states between its published cells.
  for (const t of b.tables.values()) {
    for (const same of t.input.sameAs ?? []) {
      const u = b.tables.get(same.table);
      if (!u) throw new InputError(`count table ${t.input.key} says a cell equals one of ${same.table}, which is not in the release`);
      checkKeys(t, same.keys);
      checkKeys(u, same.otherKeys);
      const r = relation(supportOf(t, same.keys), supportOf(u, same.otherKeys));
      if (r) b.relations.push(r);
    }
  }
  // Region sums: every inner cell under a published cell of the total or a part.
  for (const sum of sums) {
    const total = b.tables.get(sum.total);
    if (!total) throw new InputError(`region sum: no count table called ${sum.total}`);
    const parts = sum.parts.map((p) => b.tables.get(p)).filter((t): t is TableIndex => t !== undefined);
    const combos = new Map<string, string[]>();
    if (sum.cells === true) {
      for (const t of [total, ...parts]) for (const c of t.input.cells) for (const combo of leafCombos(t, c.keys)) combos.set(keyOf(combo), combo);
    } else {
      for (const k of sum.cells) combos.set(keyOf(k), k);
    }
    for (const keys of combos.values()) {
      if (!hasKeys(total, keys)) continue;
      const v: SparseVector = new Map();
      for (const i of supportOf(total, keys)) v.set(i, (v.get(i) ?? 0) + 1);
      for (const t of parts) {
        if (!hasKeys(t, keys)) continue;
        for (const i of supportOf(t, keys)) v.set(i, (v.get(i) ?? 0) - 1);
      }
      const knownZero = zeroInner.has(total.input.key + SEP + keyOf(keys));
      if (remainders === 'unknown' && !knownZero) v.set(b.inner(`${sum.total} (no published region)`, keys, NaN), -1);
      for (const [k, x] of [...v]) if (x === 0) v.delete(k);
      if (v.size > 0) b.relations.push(v);
    }
  }
  return b.finish((t, keys) => b.addCell(t, keys, NaN, supportOf(t, keys)));
}
