/**
 * The audit: an independent check that no suppressed cell of a release can be
 * worked out exactly from what is published. It shares only the linear model
 * (model.ts) with secondary suppression; the arithmetic is its own: exact
 * rational elimination with BigInt integers into a fully reduced row echelon
 * form (each pivot column is zero in every other row), pivoting on the column
 * fewest rows use (secondary.ts keeps a plain echelon form, other pivots and plain
 * numbers), so a bug in one is unlikely to hide in the other.
 *
 * Rank test: a suppressed cell is derivable iff its vector over the inner
 * cells lies in the row space of the published cells' vectors, the known
 * relations (linked tables) and the known zeros; i.e. iff it reduces to zero
 * against the echelon form. With singletons, each primary cell is also tested
 * against the published space plus any one singleton inner cell (an insider
 * who knows they are alone in it): derivable iff its residual is a multiple
 * of that singleton's residual — unless the linked-table relations alone make
 * the two equal (they count the same people: the insider learns about themselves).
 */
import type { LinearModel, SparseVector } from './model.js';

type BigVec = Map<number, bigint>;

const abs = (x: bigint) => (x < 0n ? -x : x);
function bgcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function toBig(v: SparseVector | number[]): BigVec {
  const out: BigVec = new Map();
  if (Array.isArray(v)) for (const i of v) out.set(i, (out.get(i) ?? 0n) + 1n);
  else for (const [k, x] of v) out.set(k, BigInt(x));
  return out;
}

/** Scale to coprime integers with a positive coefficient at the highest index. */
function canonical(v: BigVec): BigVec {
  let g = 0n;
  let top = -1;
  for (const [k, x] of v) {
    g = bgcd(g, x);
    if (k > top) top = k;
  }
  if (g === 0n) return v;
  if (v.get(top)! < 0n) g = -g;
  const out: BigVec = new Map();
  for (const [k, x] of v) out.set(k, x / g);
  return out;
}

/** Row echelon form over the rationals, fully reduced, rows kept as coprime integers. */
export class RowSpace {
  private rows = new Map<number, BigVec>(); // pivot -> row
  private occurs = new Map<number, Set<number>>(); // column -> pivots of rows with a non-zero there

  get rank(): number {
    return this.rows.size;
  }

  /** v reduced against every row (zero at every pivot), canonical scale. */
  residual(v: BigVec): BigVec {
    const x: BigVec = new Map(v);
    for (const k of [...x.keys()]) {
      const row = this.rows.get(k);
      const xk = x.get(k);
      if (!row || xk === undefined) continue;
      // Rows are zero at other pivots, so one pass suffices.
      const rk = row.get(k)!;
      const g = bgcd(rk, xk);
      const a = rk / g;
      const c = xk / g;
      if (a !== 1n) for (const [j, xv] of x) x.set(j, xv * a);
      for (const [j, rv] of row) {
        const nv = (x.get(j) ?? 0n) - c * rv;
        if (nv === 0n) x.delete(j);
        else x.set(j, nv);
      }
    }
    return canonical(x);
  }

  /** Add v to the space; returns false when it was already in it. */
  add(v: BigVec): boolean {
    const r = this.residual(v);
    if (r.size === 0) return false;
    // Pivot on the column that the fewest existing rows use (least back-substitution and fill-in),
    // the highest index on ties.
    let pivot = -1;
    let uses = Infinity;
    for (const k of r.keys()) {
      const u = this.occurs.get(k)?.size ?? 0;
      if (u < uses || (u === uses && k > pivot)) {
        pivot = k;
        uses = u;
      }
    }
    const rp = r.get(pivot)!;
    // Clear the new pivot column from the existing rows.
    for (const p of [...(this.occurs.get(pivot) ?? [])]) {
      const row = this.rows.get(p)!;
      const xk = row.get(pivot);
      if (xk === undefined) continue;
      const g = bgcd(rp, xk);
      const a = rp / g;
      const c = xk / g;
      const next: BigVec = new Map();
      for (const [j, xv] of row) next.set(j, xv * a);
      for (const [j, rv] of r) {
        const nv = (next.get(j) ?? 0n) - c * rv;
        if (nv === 0n) next.delete(j);
        else next.set(j, nv);
      }
      this.setRow(p, canonical(next), row);
    }
    this.setRow(pivot, r, undefined);
    return true;
  }

  private setRow(pivot: number, row: BigVec, old: BigVec | undefined) {
    if (old) for (const j of old.keys()) this.occurs.get(j)?.delete(pivot);
    this.rows.set(pivot, row);
    for (const j of row.keys()) {
      let s = this.occurs.get(j);
      if (!s) this.occurs.set(j, (s = new Set()));
      s.add(pivot);
    }
  }
}

const keyOf = (v: BigVec) =>
  [...v.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, x]) => `${k}:${x}`)
    .join(',');

export interface AuditInput {
  model: LinearModel;
  /** Cells whose values are published. */
  published: number[];
  /** Cells withheld that must not be derivable (primary and secondary suppressed). */
  suppressed: number[];
  /** Of the suppressed, the primary ones (tested against insiders too). */
  primary?: number[];
  /** Inner cells holding one person (insider knowledge), or empty. */
  singletons?: number[];
  onProgress?: (done: number, total: number) => void;
}

export interface AuditFinding {
  cell: number;
  table: string;
  label: string;
  why: string;
}

export interface AuditResult {
  passed: boolean;
  checked: number;
  /** Rank of the published relations (for the report). */
  rank: number;
  derivable: AuditFinding[];
}

/** Run the rank audit. Pure and deterministic. */
export function auditModel(input: AuditInput): AuditResult {
  const { model } = input;
  const space = new RowSpace();
  for (const rel of model.relations) space.add(toBig(rel));
  // Small cells first: inner cells become one-entry rows, and margins then reduce to the few
  // inner cells that are not published, which keeps the rows sparse.
  const order = [...input.published].sort((a, b) => model.cells[a]!.support.length - model.cells[b]!.support.length || a - b);
  order.forEach((c, i) => {
    space.add(toBig(model.cells[c]!.support));
    if (input.onProgress && i % 512 === 0) input.onProgress(i, input.published.length + input.suppressed.length);
  });
  const derivable: AuditFinding[] = [];
  const residuals = new Map<number, BigVec>();
  for (const c of input.suppressed) {
    const cell = model.cells[c]!;
    const r = space.residual(toBig(cell.support));
    residuals.set(c, r);
    if (r.size === 0) {
      derivable.push({
        cell: c,
        table: cell.table,
        label: model.cellLabel(cell),
        why: 'its value is a linear combination of published cells (and of the tables it is linked with)',
      });
    }
  }
  const singletons = input.singletons ?? [];
  if (singletons.length > 0 && input.primary) {
    const bySingletonKey = new Map<string, number[]>();
    for (const s of singletons) {
      const r = space.residual(toBig([s]));
      if (r.size === 0) continue;
      const k = keyOf(r);
      const list = bySingletonKey.get(k) ?? [];
      list.push(s);
      bySingletonKey.set(k, list);
    }
    // Pairs the linked-table relations alone make equal count the same people: not a disclosure.
    const relationsOnly = new RowSpace();
    for (const rel of model.relations) relationsOnly.add(toBig(rel));
    const sameKey = (v: number[]) => keyOf(relationsOnly.residual(toBig(v)));
    for (const p of input.primary) {
      const r = residuals.get(p) ?? space.residual(toBig(model.cells[p]!.support));
      if (r.size === 0) continue;
      const own = model.cells[p]!.support.length === 1 ? model.cells[p]!.support[0] : -1;
      const candidates = (bySingletonKey.get(keyOf(r)) ?? []).filter((s) => s !== own);
      const pSame = candidates.length > 0 && model.relations.length > 0 ? sameKey(model.cells[p]!.support) : null;
      const hit = candidates.find((s) => pSame === null || sameKey([s]) !== pSame);
      if (hit !== undefined) {
        const cell = model.cells[p]!;
        derivable.push({
          cell: p,
          table: cell.table,
          label: model.cellLabel(cell),
          why: `a person counted alone in ${model.innerLabel(hit)} could work it out from the published cells`,
        });
      }
    }
  }
  return { passed: derivable.length === 0, checked: input.suppressed.length, rank: space.rank, derivable };
}
