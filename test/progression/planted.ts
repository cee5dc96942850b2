/**
 * A seeded generator of employment histories with planted effects, each
 * with a known true value the measures must recover:
 *
 * - wage gain (first job to the job at the end): apprenticeships U(0.20, 0.40),
 *   true median 0.30; classroom qualifications U(0.00, 0.10), median 0.05;
 * - temporary to permanent: people with care qualifications (SSA 1) start in
 *   zero-hours care jobs (SOC 61) and are permanent at the end with
 *   probability 0.6; everyone else starting non-permanent, 0.2;
 * - moving up: construction (SSA 5) starts in elementary trades (91, skill 1)
 *   and is in skilled construction trades (53, skill 3) at the end with
 *   probability 0.5; the others (skill 2 jobs) move to skill 3 with 0.1.
 *
 * Around them, noise that must not disturb them: pay given by the hour, week,
 * month or year; people who leave work before the window ends; side jobs
 * overlapping the main one inside the window; earlier jobs; uncoded jobs and
 * jobs without pay; benefit claims; no achievement date; no qualification.
 * Every window ends by 2021-12-31; the records are observed to 2022-12-31.
 */
import { Random } from '../../src/core/random.js';
import { dayFromIso, isoFromDay } from '../../src/core/progression/dates.js';
import { payForHourly as payFor, type PayPeriod } from '../../src/core/progression/pay.js';
import type { Contract, PersonHistory } from '../../src/core/progression/spells.js';
import { person, type SpellSpec } from './helpers.js';

export const PLANTED = {
  gain: { apprenticeship: 0.3, classroom: 0.05 },
  toPermanent: { care: 0.6, other: 0.2 },
  skillUp: { construction: 0.5, other: 0.1 },
  observedTo: '2022-12-31',
};

const SSAS = ['1', '5', '7', '15'] as const;
const FIRST_SOC: Record<string, string> = { '1': '61', '5': '91', '7': '71', '15': '41' };
const UP_SOC: Record<string, string> = { '1': '32', '5': '53', '7': '35', '15': '35' };
const REGIONS = ['NE', 'NW', 'YH', 'LN'];
const PERIODS: PayPeriod[] = ['hour', 'week', 'month', 'year'];
const HOURS = [16, 20, 30, 37.5, 40];

function paid(rng: Random, hourly: number, rest: SpellSpec): SpellSpec {
  const hours = HOURS[rng.nextInt(HOURS.length)];
  const per = PERIODS[rng.nextInt(PERIODS.length)];
  return { ...rest, hours, pay: payFor(hourly, hours, per), per };
}

const iso = (day: number) => isoFromDay(day);
const between = (rng: Random, lo: number, hi: number) => lo + rng.nextFloat() * (hi - lo);

function onePerson(rng: Random, key: number): PersonHistory {
  const ssa = SSAS[rng.nextInt(SSAS.length)];
  const apprentice = rng.nextFloat() < 0.4;
  const a = dayFromIso('2018-01-01') + rng.nextInt(1096);
  const e = a + 365; // the window's end is 12 calendar months on: 365 or 366 days; B is held well past it
  const region = REGIONS[rng.nextInt(REGIONS.length)];
  const roll = rng.nextFloat();
  const quals = roll < 0.02 ? [] : [{ title: `${apprentice ? 'Apprenticeship' : 'Certificate'} ${ssa}`, ssa, level: 2 + rng.nextInt(2), type: apprentice ? ('apprenticeship' as const) : ('classroom' as const), on: roll < 0.04 ? null : iso(a) }];
  const spells: SpellSpec[] = [];
  if (rng.nextFloat() < 0.3) spells.push({ from: iso(a - 1500), to: iso(a - 900), soc: '92', pay: 7, per: 'hour', contract: 'temporary', exit: 'involuntary' });
  // First job A: the apprenticeship itself (ending on the achievement day), or a job starting soon after.
  const h0 = apprentice ? between(rng, 6, 8) : between(rng, 8, 11);
  const aStart = apprentice ? a - 365 - rng.nextInt(300) : a + 1 + rng.nextInt(60);
  const aEnd = apprentice ? a : a + 90 + rng.nextInt(120);
  const careStart = ssa === '1';
  const aContract: Contract = apprentice ? 'fixed-term' : careStart ? 'zero-hours' : rng.nextFloat() < 0.5 ? 'temporary' : 'permanent';
  spells.push(paid(rng, h0, { from: iso(aStart), to: iso(aEnd), soc: FIRST_SOC[ssa], contract: aContract, type: apprentice ? 'training' : 'full-time', exit: rng.nextFloat() < 0.2 ? 'involuntary' : 'voluntary' }));
  // Job B, held at the end of the window unless the person leaves work first.
  const gain = apprentice ? between(rng, 0.2, 0.4) : between(rng, 0, 0.1);
  const up = rng.nextFloat() < (ssa === '5' ? PLANTED.skillUp.construction : PLANTED.skillUp.other);
  const toPermanent = aContract === 'permanent' || rng.nextFloat() < (careStart ? PLANTED.toPermanent.care : PLANTED.toPermanent.other);
  const bStart = aEnd + 1 + rng.nextInt(40);
  const leaves = rng.nextFloat() < 0.1;
  const coded = rng.nextFloat() < 0.95;
  const withPay = rng.nextFloat() < 0.9;
  const b: SpellSpec = {
    from: iso(bStart),
    to: leaves ? iso(e - 20) : rng.nextFloat() < 0.5 ? null : iso(e + 200),
    soc: coded ? (up ? UP_SOC[ssa] : FIRST_SOC[ssa]) : null,
    contract: toPermanent ? 'permanent' : aContract === 'zero-hours' ? 'zero-hours' : 'temporary',
    exit: leaves && rng.nextFloat() < 0.5 ? 'involuntary' : null,
    type: rng.nextFloat() < 0.1 ? 'training' : 'full-time',
  };
  spells.push(withPay ? paid(rng, h0 * (1 + gain), b) : b);
  // A side job inside the window, overlapping B, ending before E: changes days in work, not the jobs compared.
  if (rng.nextFloat() < 0.15) spells.push({ from: iso(bStart + 5), to: iso(Math.min(bStart + 60, e - 2)), soc: '92', pay: 9, per: 'hour', contract: 'zero-hours' });
  const claims: Array<[string, string | null]> = [];
  if (rng.nextFloat() < 0.3) {
    claims.push([iso(a - 400), iso(a - 200)]);
    if (rng.nextFloat() < 0.4) claims.push([iso(a + 30 + rng.nextInt(200)), rng.nextFloat() < 0.5 ? null : iso(a + 330)]);
  }
  return person(key, { region, quals, spells, claims });
}

export function plantedHistories(n: number, seed: number): PersonHistory[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, (_, i) => onePerson(rng, i));
}
