/**
 * The follow-up window and what a person's spells say about it.
 *
 * The window starts on the achievement day A and ends on E = A + `months`
 * calendar months. Its days are A .. E-1 (so a 12-month window has 365 or
 * 366 days); "at the end of the window" means on day E.
 *
 * - The job at a day: among the spells covering it, the one that started
 *   latest (a new job held beside an old one is taken as the main one), then
 *   the first listed.
 * - The first job: the job at A when the person was in work that day, else the
 *   earliest spell starting after A and by E (first listed on a tie).
 * - Days in work: days of the window covered by at least one spell, so
 *   overlapping spells count once.
 */
import { addMonths, type Day } from './dates.js';
import { isPlaced, type Spell } from './spells.js';

export interface FollowUpWindow {
  start: Day;
  /** Day E: the window's last day is E - 1. */
  end: Day;
  /** E - A. */
  days: number;
}

/** A dated spell with its listing order (for ties). */
export interface PlacedSpell {
  spell: Spell;
  start: Day;
  /** Inclusive; null = ongoing. */
  end: Day | null;
  order: number;
}

export function followUpWindow(achievedOn: Day, months: number): FollowUpWindow {
  const end = addMonths(achievedOn, months);
  return { start: achievedOn, end, days: end - achievedOn };
}

/** The spells that can be placed in time (dated, not reversed), with their listing order. */
export function placedSpells(spells: readonly Spell[]): PlacedSpell[] {
  const out: PlacedSpell[] = [];
  spells.forEach((s, i) => {
    if (isPlaced(s)) out.push({ spell: s, start: s.startedOn, end: s.endedOn, order: s.order ?? i });
  });
  return out;
}

export function covers(p: PlacedSpell, day: Day): boolean {
  return p.start <= day && (p.end === null || p.end >= day);
}

/** The main job on `day`, or null when no spell covers it. */
export function jobAt(spells: readonly PlacedSpell[], day: Day): PlacedSpell | null {
  let best: PlacedSpell | null = null;
  for (const p of spells) {
    if (!covers(p, day)) continue;
    if (best === null || p.start > best.start || (p.start === best.start && p.order < best.order)) best = p;
  }
  return best;
}

/** The first job of the window (see the module notes), or null. */
export function firstJob(spells: readonly PlacedSpell[], w: FollowUpWindow): PlacedSpell | null {
  const atStart = jobAt(spells, w.start);
  if (atStart !== null) return atStart;
  let best: PlacedSpell | null = null;
  for (const p of spells) {
    if (p.start <= w.start || p.start > w.end) continue;
    if (best === null || p.start < best.start || (p.start === best.start && p.order < best.order)) best = p;
  }
  return best;
}

/** Days A .. E-1 covered by at least one spell. */
export function daysInWork(spells: readonly PlacedSpell[], w: FollowUpWindow): number {
  const last = w.end - 1;
  const clipped = spells
    .filter((p) => p.start <= last && (p.end === null || p.end >= w.start))
    .map((p) => [Math.max(p.start, w.start), Math.min(p.end ?? last, last)] as const)
    .sort((a, b) => a[0] - b[0]);
  let days = 0;
  let reach = -Infinity;
  for (const [s, e] of clipped) {
    const from = Math.max(s, reach + 1);
    if (e >= from) days += e - from + 1;
    reach = Math.max(reach, e);
  }
  return days;
}
