/**
 * Secondary suppression by Gaussian elimination, after Statistics Norway's
 * GaussSuppression (R package SSBtools; Langsrud 2024, "Secondary cell
 * suppression by Gaussian elimination: an algorithm suitable for handling
 * issues with zeros and singletons"). Written here because no JavaScript
 * library does secondary suppression at all.
 *
 * Each cell is a vector over the inner cells (model.ts). Candidates are taken
 * in order of preference for publication (totals, then large inner cells, then
 * small ones: so small inner cells are the first to be suppressed). A
 * candidate is published if, added to everything already published, it does
 * not make any primary-suppressed cell a linear combination of published
 * cells; otherwise it is suppressed (secondary). The published cells are kept
 * as a reduced echelon basis (echelon.ts: arithmetic modulo a prime, see
 * there), and every primary cell's residual against that basis is kept up to
 * date (watched.ts): a candidate c is refused exactly when some primary's
 * residual is parallel to c's (adding c would turn it to zero), which a hash
 * of the residuals' supports finds without touching the others.
 *
 * Speed: a step changes only the residuals and basis vectors that are
 * non-zero at its pivot, and the pivot is the entry of c that the fewest of
 * them use. Which entry is chosen changes the vectors, not the spaces they
 * span, so every decision (and the result) is the same whatever the choice;
 * the choice only decides the work.
 *
 * Zeros: true zeros are always published (policy), and a published zero tells
 * anyone that every inner cell under it is zero; the model drops zero inner
 * cells, i.e. treats them as known. A suppressed cell is therefore never zero.
 *
 * Singletons (protectSingletons): a person counted alone in an inner cell
 * knows that cell is 1. For every such singleton inner cell s and every
 * primary cell p (other than s itself), p must not be derivable from the
 * published cells plus s: in residual terms, p's residual must not be
 * parallel to s's residual. Exception: when the linked-table relations alone
 * make p equal to s (the same people counted in two tables), the insider
 * learns only about themselves, so the pair is exempt. This is the
 * single-insider guarantee; a coalition
 * of several singletons is not guarded against (GaussSuppression's "anySum"
 * family goes further for sums of singletons).
 *
 * Linked tables enter as known relations (added before any candidate).
 */
import { fromMap, inverse, parallel, ReducedBasis, releaseSpare, supportKey, supportVec, valueAt, type Vec } from './echelon.js';
import type { LinearModel, SparseVector } from './model.js';
import { WatchList, type Change } from './watched.js';

export interface SecondaryInput {
  model: LinearModel;
  /** Cells suppressed by the primary rules (published or hidden). */
  primary: number[];
  /** Published cells that may be suppressed, most wanted for publication first. */
  candidates: number[];
  /** Published cells that are never suppressed (true zeros). */
  forced: number[];
  /** Inner cells holding exactly one person (insider knowledge), when protecting singletons. */
  singletons: number[];
  onProgress?: (done: number, total: number) => void;
}

export interface SecondaryResult {
  /** Candidates suppressed to protect the primary cells. */
  secondary: number[];
}

/**
 * Run secondary suppression. Deterministic given the candidate order.
 *
 * The model falls apart into independent blocks: inner cells linked by a cell
 * that sums them or by a relation. Elimination in one block never touches
 * another (a residual of one block's vectors lives on that block's inner
 * cells; a primary and a singleton in different blocks can only have equal
 * residuals when both are zero), so each block is solved on its own, with
 * the same result as one big run but without scanning every primary cell for
 * every candidate (a set of reports protected together is mostly small
 * blocks: one node or one link across the regions).
 */
export function gaussSuppress(input: SecondaryInput): SecondaryResult {
  const { model } = input;
  const parent = new Int32Array(model.innerCount).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (ids: Iterable<number>) => {
    let first = -1;
    for (const i of ids) {
      if (first < 0) first = find(i);
      else {
        const r = find(i);
        if (r !== first) parent[r] = first;
      }
    }
  };
  for (const rel of model.relations) union(rel.keys());
  for (const list of [input.primary, input.candidates, input.forced]) for (const c of list) union(model.cells[c]!.support);
  const blocks = new Map<number, { relations: SparseVector[]; primary: number[]; candidates: number[]; forced: number[]; singletons: number[] }>();
  const block = (inner: number) => {
    const root = find(inner);
    let b = blocks.get(root);
    if (!b) blocks.set(root, (b = { relations: [], primary: [], candidates: [], forced: [], singletons: [] }));
    return b;
  };
  for (const rel of model.relations) for (const k of rel.keys()) { block(k).relations.push(rel); break; }
  for (const c of input.primary) block(model.cells[c]!.support[0]!).primary.push(c);
  for (const c of input.candidates) block(model.cells[c]!.support[0]!).candidates.push(c);
  // A forced cell with no inner cells (a true zero) adds nothing.
  for (const c of input.forced) if (model.cells[c]!.support.length > 0) block(model.cells[c]!.support[0]!).forced.push(c);
  for (const s of input.singletons) block(s).singletons.push(s);
  const total = input.candidates.length;
  let done = 0;
  const secondary: number[] = [];
  try {
    for (const b of blocks.values()) {
      // No primary cell: everything in the block is published; no candidate: nothing to decide.
      if (b.primary.length === 0 || b.candidates.length === 0) {
        done += b.candidates.length;
        continue;
      }
      const base = done;
      const r = solveBlock(model, b.relations, b, input.onProgress ? (d) => input.onProgress!(base + d, total) : undefined);
      done += b.candidates.length;
      secondary.push(...r);
    }
  } finally {
    releaseSpare();
  }
  const position = new Map(input.candidates.map((c, i) => [c, i] as const));
  secondary.sort((a, b) => position.get(a)! - position.get(b)!);
  if (input.onProgress && total > 0) input.onProgress(total, total);
  return { secondary };
}

/**
 * The entry of r to pivot on: the one the fewest watched classes and basis vectors use, so a
 * step changes as little as it can (lowest index on ties). Which entry is chosen changes the
 * basis and the residuals but not the space they span, hence no decision.
 */
function quietestPivot(r: Vec, uses: (k: number) => number): number {
  let best = -1;
  let least = Infinity;
  for (let i = 0; i < r.n; i++) {
    const k = r.idx[i]!;
    const u = uses(k);
    if (u < least || (u === least && k < best)) {
      best = k;
      least = u;
    }
  }
  return best;
}

/** Secondary suppression of one independent block of the model. */
function solveBlock(
  model: LinearModel,
  relations: SparseVector[],
  input: { primary: number[]; candidates: number[]; forced: number[]; singletons: number[] },
  onProgress?: (done: number) => void,
): number[] {
  const basis = new ReducedBasis();
  const insider = input.singletons.length > 0;
  const watch = new WatchList();
  const cellVec = (c: number) => supportVec(model.cells[c]!.support);
  for (const p of input.primary) watch.add(cellVec(p), true, false);
  for (const s of input.singletons) watch.add(supportVec([s]), false, true);

  /** Whether a step makes a primary's residual parallel to a singleton's (in another class: not exempt). */
  const discloses = (changes: Change[], r: Vec): boolean => {
    if (changes.length === 0) return false;
    const moved = new Map<number, Change[]>();
    for (const c of changes) if (c.size > 0) (moved.get(c.key) ?? moved.set(c.key, []).get(c.key)!).push(c);
    const changed = new Set(changes.map((c) => c.id));
    const made = new Map<number, Vec>();
    const after = (c: Change) => made.get(c.id) ?? made.set(c.id, watch.after(c, r)).get(c.id)!;
    for (const c of changes) {
      if (c.size === 0) continue;
      const w = watch.get(c.id);
      const clash = (id: number) => (w.primary && watch.get(id).singleton) || (w.singleton && watch.get(id).primary);
      for (const o of moved.get(c.key)!) if (o.id !== c.id && o.size === c.size && clash(o.id) && parallel(after(c), after(o))) return true;
      for (const id of watch.idsWithKey(c.key)) {
        const o = watch.get(id);
        if (!changed.has(id) && o.res.n === c.size && clash(id) && parallel(after(c), o.res)) return true;
      }
    }
    return false;
  };

  /** Try to publish v; returns false (and changes nothing) if that would disclose a primary cell. */
  const tryPublish = (v: Vec, check: boolean): boolean => {
    const r = basis.reduce(v);
    if (r.n === 0) return true;
    // A primary becomes derivable exactly when its residual is parallel to r.
    if (check && watch.find(r, supportKey(r), (w) => w.primary) !== undefined) return false;
    const q = quietestPivot(r, (k) => watch.using(k) + basis.using(k));
    const changes = watch.changes(r, q, inverse(valueAt(r, q)));
    if (check && insider && discloses(changes, r)) return false;
    watch.apply(changes, r, q);
    basis.add(r, q); // last: the basis keeps r (scaled)
    return true;
  };

  for (const rel of relations) tryPublish(fromMap(rel), false);
  for (const f of input.forced) tryPublish(cellVec(f), false);
  const suppressed: number[] = [];
  input.candidates.forEach((c, i) => {
    if (!tryPublish(cellVec(c), true)) suppressed.push(c);
    if (onProgress && i % 256 === 255) onProgress(i + 1);
  });
  // A suppressed candidate that later publications made derivable adds nothing by being hidden: publish it.
  return suppressed.filter((c) => basis.reduce(cellVec(c)).n > 0);
}
