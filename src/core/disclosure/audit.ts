/**
 * The audit: an independent check that no suppressed cell of a release can be
 * worked out exactly from what is published. It shares only the linear model
 * (model.ts) with secondary suppression; the arithmetic is its own: exact
 * rational elimination with integers (rowspace.ts: numbers while they stay
 * safe integers, BigInts beyond) into a fully reduced row echelon form, rows
 * scaled to coprime integers (secondary.ts works modulo a prime, with its own
 * pivots, classes of residuals and code), so a bug in one is unlikely to hide
 * in the other.
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
import type { LinearModel } from './model.js';
import { BIG_INTEGERS, Overflow, RowSpace, SAFE_INTEGERS, sameVec, supportHash, toVec, type Ring, type Vec } from './rowspace.js';

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

/** Run the rank audit. Pure and deterministic. Exact: in numbers while they stay safe integers, else in BigInts. */
export function auditModel(input: AuditInput): AuditResult {
  try {
    return auditIn(SAFE_INTEGERS, input);
  } catch (e) {
    if (e instanceof Overflow) return auditIn(BIG_INTEGERS, input);
    throw e;
  }
}

function auditIn<T>(ring: Ring<T>, input: AuditInput): AuditResult {
  const { model } = input;
  const vec = (v: Parameters<typeof toVec>[1]) => toVec(ring, v);
  const space = new RowSpace(ring);
  for (const rel of model.relations) space.add(vec(rel));
  const insiders = (input.singletons ?? []).length > 0 && input.primary !== undefined;
  // The relations alone, for the insider test (a copy: the same rows as building it again).
  const relationsOnly = insiders ? space.clone() : null;
  // Small cells first: inner cells become one-entry rows, and margins then reduce to the few
  // inner cells that are not published, which keeps the rows sparse.
  const order = [...input.published].sort((a, b) => model.cells[a]!.support.length - model.cells[b]!.support.length || a - b);
  order.forEach((c, i) => {
    space.add(vec(model.cells[c]!.support));
    if (input.onProgress && i % 512 === 0) input.onProgress(i, input.published.length + input.suppressed.length);
  });
  const derivable: AuditFinding[] = [];
  const residuals: Array<Vec<T> | undefined> = [];
  // Cells with the same inner cells (a margin over one non-zero cell, linked tables) share a residual.
  const bySupport = new Map<number | string, Map<number, T>>();
  for (const c of input.suppressed) {
    const cell = model.cells[c]!;
    const support = cell.support.length === 1 ? cell.support[0]! : cell.support.join(',');
    const r = bySupport.get(support) ?? space.residual(vec(cell.support));
    bySupport.set(support, r);
    residuals[c] = r;
    if (r.size === 0) {
      derivable.push({
        cell: c,
        table: cell.table,
        label: model.cellLabel(cell),
        why: 'its value is a linear combination of published cells (and of the tables it is linked with)',
      });
    }
  }
  if (insiders) derivable.push(...insiderFindings(ring, input, space, relationsOnly!, residuals));
  return { passed: derivable.length === 0, checked: input.suppressed.length, rank: space.rank, derivable };
}

/**
 * Primary cells an insider counted alone in an inner cell could work out: the primary's residual
 * is a multiple of the singleton's, and the relations alone do not make the two equal.
 */
function insiderFindings<T>(
  ring: Ring<T>,
  input: AuditInput,
  space: RowSpace<T>, relationsOnly: RowSpace<T>,
  residuals: Array<Vec<T> | undefined>,
): AuditFinding[] {
  const { model } = input;
  const vec = (v: number[]) => toVec(ring, v);
  // The singletons' residuals, each distinct one once, found by the hash of its support.
  const bySupport = new Map<number, Array<{ res: Vec<T>; singletons: number[] }>>();
  for (const s of input.singletons!) {
    const res = space.residual(vec([s]));
    if (res.size === 0) continue;
    const h = supportHash(res);
    const bucket = bySupport.get(h) ?? bySupport.set(h, []).get(h)!;
    const same = bucket.find((e) => sameVec(e.res, res));
    if (same) same.singletons.push(s);
    else bucket.push({ res, singletons: [s] });
  }
  const singletonsWith = (r: Vec<T>) => bySupport.get(supportHash(r))?.find((e) => sameVec(e.res, r))?.singletons ?? [];
  // Pairs the linked-table relations alone make equal count the same people: not a disclosure.
  const sameOnly = (v: number[]) => relationsOnly.residual(vec(v));
  const singletonOnly = new Map<number, Vec<T>>();
  const sameOnlyOf = (s: number) => singletonOnly.get(s) ?? singletonOnly.set(s, sameOnly([s])).get(s)!;
  const out: AuditFinding[] = [];
  for (const p of input.primary!) {
    const r = residuals[p] ?? space.residual(vec(model.cells[p]!.support));
    if (r.size === 0) continue;
    const own = model.cells[p]!.support.length === 1 ? model.cells[p]!.support[0] : -1;
    const candidates = singletonsWith(r).filter((s) => s !== own);
    const pSame = candidates.length > 0 && model.relations.length > 0 ? sameOnly(model.cells[p]!.support) : null;
    const hit = candidates.find((s) => pSame === null || !sameVec(sameOnlyOf(s), pSame));
    if (hit !== undefined) {
      const cell = model.cells[p]!;
      out.push({
        cell: p,
        table: cell.table,
        label: model.cellLabel(cell),
        why: `a person counted alone in ${model.innerLabel(hit)} could work it out from the published cells`,
      });
    }
  }
  return out;
}
