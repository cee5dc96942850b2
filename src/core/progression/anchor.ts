/**
 * The qualification a person's progression is measured from: their highest,
 * by the pathways analysis's rule (src/core/pathways/types.ts), so each
 * person is counted once and groups partition people: the one marked
 * `highest`, else the highest level, then the latest achieved, then the
 * first listed. Its achievement date starts the follow-up window.
 */
import type { QualificationRecord } from './spells.js';

/** The anchor qualification, or null when the person has none. */
export function anchorQualification(quals: readonly QualificationRecord[]): QualificationRecord | null {
  let best: QualificationRecord | null = null;
  for (const q of quals) if (best === null || better(q, best)) best = q;
  return best;
}

/** Strictly better (ties keep the earlier-listed one). */
function better(a: QualificationRecord, b: QualificationRecord): boolean {
  const ha = a.highest ? 1 : 0;
  const hb = b.highest ? 1 : 0;
  if (ha !== hb) return ha > hb;
  const la = a.level ?? -1;
  const lb = b.level ?? -1;
  if (la !== lb) return la > lb;
  const da = a.achievedOn ?? -Infinity;
  const db = b.achievedOn ?? -Infinity;
  return da > db;
}
