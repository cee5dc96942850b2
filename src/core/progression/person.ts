/**
 * One person's follow-up: the facts about their window that the measures
 * are made of. The same facts, computed in SQL for a whole dataset, are the
 * store's person table (src/store/progression-counts.ts).
 *
 * Who is followed up: people with a qualification. They are `analysed` when
 * their anchor qualification (anchor.ts) has an achievement date and their
 * whole window has been observed (E on or before the day the records run
 * to); else `no-date` or `incomplete`.
 *
 * Facts (window days A .. E-1, E the end; window.ts):
 * - involuntary exit: a spell ending in the window (A <= ended_on < E) with
 *   exit_reason `involuntary`;
 * - work-related training: a spell of employment type `training` held on a
 *   day after A and before E (a training spell that ends on A is the
 *   qualification's own);
 * - repeat benefit claim: the person left a claim (the earliest end of any
 *   claim, X) before E, and started a new claim in the window after it
 *   (A <= start < E and start > X). People who never left a claim before E
 *   are not in the base.
 */
import type { Day } from './dates.js';
import { hourlyPay } from './pay.js';
import { anchorQualification } from './anchor.js';
import { skillLevel } from './skill.js';
import { isPlaced, isValidClaim, type BenefitClaim, type Contract, type PersonHistory, type QualificationRecord } from './spells.js';
import { daysInWork, firstJob, followUpWindow, jobAt, placedSpells, type FollowUpWindow, type PlacedSpell } from './window.js';

export type PersonStatus = 'analysed' | 'no-date' | 'incomplete';

export interface JobSummary {
  startedOn: Day;
  title: string;
  socSubmajor: string | null;
  skill: number | null;
  hourly: number | null;
  hours: number | null;
  contract: Contract | null;
}

export interface PersonOutcome {
  personKey: number;
  region: string | null;
  qualification: QualificationRecord;
  status: PersonStatus;
  /** The rest is set only when analysed. */
  window: FollowUpWindow | null;
  daysInWork: number;
  /** In work on some day of the window (A .. E-1). */
  inWorkInWindow: boolean;
  first: JobSummary | null;
  /** The job at E (null: not in work at the end of the window). */
  end: JobSummary | null;
  involuntaryExit: boolean;
  training: boolean;
  claimBase: boolean;
  repeatClaim: boolean;
}

/** The last day the records cover: the latest start or end of any dated spell or claim (null when there are none). */
export function latestRecordedDay(histories: Iterable<Pick<PersonHistory, 'spells' | 'claims'>>): Day | null {
  let latest: Day | null = null;
  const see = (d: Day) => {
    if (latest === null || d > latest) latest = d;
  };
  for (const h of histories) {
    for (const s of h.spells) if (isPlaced(s)) see(s.endedOn ?? s.startedOn);
    for (const c of h.claims) if (isValidClaim(c)) see(c.endedOn ?? c.startedOn);
  }
  return latest;
}

/** The person's outcome; null when they hold no qualification (they are not followed up). */
export function personOutcome(h: PersonHistory, months: number, observedTo: Day | null): PersonOutcome | null {
  const q = anchorQualification(h.qualifications);
  if (q === null) return null;
  const base: PersonOutcome = {
    personKey: h.personKey,
    region: h.region,
    qualification: q,
    status: 'no-date',
    window: null,
    daysInWork: 0,
    inWorkInWindow: false,
    first: null,
    end: null,
    involuntaryExit: false,
    training: false,
    claimBase: false,
    repeatClaim: false,
  };
  if (q.achievedOn === null) return base;
  const w = followUpWindow(q.achievedOn, months);
  if (observedTo === null || w.end > observedTo) return { ...base, status: 'incomplete' };
  const spells = placedSpells(h.spells);
  const first = firstJob(spells, w);
  const end = jobAt(spells, w.end);
  const claims = claimFacts(h.claims, w);
  return {
    ...base,
    status: 'analysed',
    window: w,
    daysInWork: daysInWork(spells, w),
    inWorkInWindow: spells.some((p) => p.start < w.end && (p.end === null || p.end >= w.start)),
    first: first && summary(first),
    end: end && summary(end),
    involuntaryExit: spells.some((p) => p.end !== null && p.end >= w.start && p.end < w.end && p.spell.exitReason === 'involuntary'),
    training: spells.some((p) => p.spell.employmentType === 'training' && p.start < w.end && (p.end === null || p.end > w.start)),
    ...claims,
  };
}

function summary(p: PlacedSpell): JobSummary {
  const s = p.spell;
  return {
    startedOn: p.start,
    title: s.title,
    socSubmajor: s.socSubmajor,
    skill: skillLevel(s.socMajor),
    hourly: hourlyPay(s.pay, s.payPeriod, s.hours),
    hours: s.hours,
    contract: s.contract,
  };
}

function claimFacts(claims: readonly BenefitClaim[], w: FollowUpWindow): { claimBase: boolean; repeatClaim: boolean } {
  const valid = claims.filter(isValidClaim);
  let firstExit: Day | null = null;
  for (const c of valid) if (c.endedOn !== null && (firstExit === null || c.endedOn < firstExit)) firstExit = c.endedOn;
  if (firstExit === null || firstExit >= w.end) return { claimBase: false, repeatClaim: false };
  const x = firstExit;
  return { claimBase: true, repeatClaim: valid.some((c) => c.startedOn >= w.start && c.startedOn < w.end && c.startedOn > x) };
}
