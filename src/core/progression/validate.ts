/**
 * Checks of one person's history that no single value shows: spells and
 * claims that end before they start, and spells (or claims) that overlap.
 *
 * Problems are data, not exceptions: the ingest layer turns each into a
 * `file:line:column` error (it knows which column a field is in) and decides
 * whether the import stops. Overlap is inclusive of end days: a spell ending
 * on 31 March and the next starting on 31 March overlap by one day; an open
 * spell (no end) overlaps every later one.
 */
import { isoFromDay, type Day } from './dates.js';
import type { BenefitClaim, PersonHistory, Spell } from './spells.js';

export type HistoryProblemKind = 'reversed' | 'overlap' | 'undated-end' | 'pay-without-period' | 'period-without-pay';

export interface HistoryProblem {
  kind: HistoryProblemKind;
  file: 'occupations.csv' | 'benefits.csv';
  /** The row at fault (undefined when the record carries no line). */
  line?: number;
  /** For an overlap: the row it overlaps. */
  otherLine?: number;
  field: 'started_on' | 'ended_on' | 'pay' | 'pay_period';
  value: string;
  problem: string;
  expected: string;
}

interface Interval {
  line?: number;
  start: Day;
  end: Day | null;
  order: number;
}

const OCC = 'occupations.csv';
const BEN = 'benefits.csv';
const lineWord = (line: number | undefined) => (line === undefined ? 'another row' : `line ${line}`);
const endWord = (end: Day | null) => (end === null ? 'is ongoing' : `ends ${isoFromDay(end)}`);

/** Every problem of one person's history: occupations.csv's then benefits.csv's, each in line order. */
export function validateHistory(history: Pick<PersonHistory, 'spells' | 'claims'>): HistoryProblem[] {
  return [...byLine(spellProblems(history.spells)), ...byLine(claimProblems(history.claims))];
}

/** Stable sort by line (rows without a line last). */
function byLine(problems: HistoryProblem[]): HistoryProblem[] {
  return problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || 0);
}

function spellProblems(spells: Spell[]): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const intervals: Interval[] = [];
  spells.forEach((s, i) => {
    const line = s.line;
    if (s.pay !== null && s.payPeriod === null) {
      problems.push({ kind: 'pay-without-period', file: OCC, line, field: 'pay_period', value: '', problem: `pay ${s.pay} has no pay_period`, expected: 'hour, week, month or year' });
    }
    if (s.pay === null && s.payPeriod !== null) {
      problems.push({ kind: 'period-without-pay', file: OCC, line, field: 'pay', value: '', problem: `pay_period '${s.payPeriod}' has no pay`, expected: 'the pay for that period, or no pay_period' });
    }
    if (s.startedOn === null) {
      if (s.endedOn !== null) {
        problems.push({ kind: 'undated-end', file: OCC, line, field: 'started_on', value: '', problem: `the spell ends ${isoFromDay(s.endedOn)} but has no started_on`, expected: 'a start date for a spell with an end date' });
      }
      return;
    }
    if (s.endedOn !== null && s.endedOn < s.startedOn) {
      problems.push(reversed(OCC, line, s.startedOn, s.endedOn));
      return;
    }
    intervals.push({ line, start: s.startedOn, end: s.endedOn, order: s.order ?? i });
  });
  problems.push(...overlaps(OCC, intervals, 'spell'));
  return problems;
}

function claimProblems(claims: BenefitClaim[]): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const intervals: Interval[] = [];
  claims.forEach((c, i) => {
    if (c.endedOn !== null && c.endedOn < c.startedOn) problems.push(reversed(BEN, c.line, c.startedOn, c.endedOn));
    else intervals.push({ line: c.line, start: c.startedOn, end: c.endedOn, order: i });
  });
  problems.push(...overlaps(BEN, intervals, 'claim'));
  return problems;
}

function reversed(file: HistoryProblem['file'], line: number | undefined, start: Day, end: Day): HistoryProblem {
  return {
    kind: 'reversed',
    file,
    line,
    field: 'ended_on',
    value: isoFromDay(end),
    problem: `ended_on ${isoFromDay(end)} is before started_on ${isoFromDay(start)}`,
    expected: 'an end date on or after the start date',
  };
}

/**
 * Intervals that start on or before the end of an earlier-starting one.
 * Sweeps in start order keeping the interval that reaches furthest, so each
 * overlapping row is reported once, against a row it certainly overlaps.
 */
function overlaps(file: HistoryProblem['file'], intervals: Interval[], noun: string): HistoryProblem[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.order - b.order);
  const problems: HistoryProblem[] = [];
  let reach: Interval | null = null;
  for (const iv of sorted) {
    if (reach !== null && (reach.end === null || iv.start <= reach.end)) {
      problems.push({
        kind: 'overlap',
        file,
        line: iv.line,
        otherLine: reach.line,
        field: 'started_on',
        value: isoFromDay(iv.start),
        problem: `this ${noun} starts ${isoFromDay(iv.start)}, inside the ${noun} on ${lineWord(reach.line)} (started ${isoFromDay(reach.start)}, ${endWord(reach.end)})`,
        expected: `one person's ${noun}s not to overlap: each ends before the next starts`,
      });
    }
    if (reach === null || (reach.end !== null && (iv.end === null || iv.end > reach.end))) reach = iv;
  }
  return problems;
}
