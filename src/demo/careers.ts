/**
 * The demo's careers: each person's occupation rows (build.ts draws them, as
 * before) become employment spells with end dates, hours, pay, contracts
 * and exits; later spells follow them; and benefit claims fill some gaps.
 * No I/O, and its own random stream (so the rows drawn before careers
 * existed stay as they were: same titles, codes, types and start dates).
 *
 * Planted effects (PLANTED_CAREERS), for the progression measures to recover
 * between the first job and the job held later:
 * - wage gain: people whose highest qualification is an apprenticeship gain
 *   U(0.15, 0.35) an hour (median 0.25); classroom and none U(0, 0.08);
 * - temporary to permanent: care roles (SOC sub-major 61) start on zero-hours
 *   contracts and are permanent later with probability 0.7; other people
 *   starting on a non-permanent contract, 0.15;
 * - moving up: people with a construction qualification (SSA 5) who start in
 *   an elementary job (SOC major group 9) move to a skilled construction
 *   trade (sub-major 53) with probability 0.7; other elementary starters move
 *   to a job of their own cluster outside major group 9 with 0.08.
 * A later spell in the same job (a pay rise, a new contract) keeps the
 * job's title, code and employment type, so the occupations the clusters
 * and pathways analyses see change only for the people who move up.
 */
import { payForHourly, type PayPeriod } from '../core/progression/pay.js';
import type { Contract, ExitReason } from '../core/progression/spells.js';
import type { ClusterSpec } from './model.js';
import type { DemoRandom } from './random.js';

export const PLANTED_CAREERS = {
  wageGain: { apprenticeship: [0.15, 0.35], classroom: [0, 0.08] },
  toPermanent: { care: 0.7, other: 0.15 },
  skillUp: { construction: 0.7, other: 0.08 },
  /** The day the demo's records run to: no spell or claim ends later (later ones are ongoing). */
  extractedOn: '2016-12-31',
} as const;

/** One occupation row as build.ts drew it. */
export interface DrawnJob {
  title: string;
  /** The soc column as written (a code, a shorter code or blank). */
  socText: string;
  /** The true SOC 2020 unit group. */
  soc: string;
  employment: string;
  start: number;
}

export interface CareerInput {
  jobs: DrawnJob[];
  /** The person's highest qualification: SSA tier 1 and whether an apprenticeship; null without qualifications. */
  anchor: { ssa: string; apprenticeship: boolean } | null;
  cluster: ClusterSpec;
  /** The skilled construction trades a construction starter may move to (sub-major 53). */
  trades: ClusterSpec;
}

export interface CareerSpell {
  title: string;
  socText: string;
  employment: string;
  start: number;
  end: number | null;
  hours: number;
  pay: string;
  period: PayPeriod;
  contract: Contract;
  exit: ExitReason | null;
}

export interface Career {
  spells: CareerSpell[];
  claims: Array<[number, number | null]>;
}

const DAY = 86_400_000;
export const EXTRACTED_ON = Date.UTC(2016, 11, 31) / DAY;

/** Hourly pay (2012 pounds) by SOC major group, before a person's own variation. */
const BASE_HOURLY: Record<string, number> = { '1': 15, '2': 16, '3': 12, '4': 9.5, '5': 10.5, '6': 8.2, '7': 7.6, '8': 8.8, '9': 7.2 };
const HOURS: Record<string, readonly number[]> = {
  'full-time': [35, 37.5, 39, 40],
  'part-time': [16, 20, 24, 30],
  training: [30, 35, 37.5],
  'zero-hours': [8, 12, 16, 20, 25],
};
const FIRST_CONTRACTS: readonly (readonly [Contract, number])[] = [
  ['permanent', 0.45], ['temporary', 0.3], ['fixed-term', 0.1], ['zero-hours', 0.08], ['self-employed', 0.07],
];
const EXITS: readonly (readonly [ExitReason, number])[] = [['voluntary', 0.72], ['involuntary', 0.22], ['unknown', 0.06]];

const isCare = (soc: string) => soc.startsWith('61');
const isElementary = (soc: string) => soc.startsWith('9');

function payText(hourly: number, hours: number, period: PayPeriod): string {
  const pay = payForHourly(hourly, hours, period);
  return period === 'year' ? String(Math.round(pay)) : pay.toFixed(2);
}

/** The pay period a job's pay is recorded in: by the hour for casual and elementary work more often. */
function periodFor(rng: DemoRandom, contract: Contract, soc: string): PayPeriod {
  const hourly = contract === 'zero-hours' || contract === 'temporary' || isElementary(soc) ? 0.6 : 0.15;
  const u = rng.float();
  if (u < hourly) return 'hour';
  const rest = (u - hourly) / (1 - hourly);
  return rest < 0.2 ? 'week' : rest < 0.6 ? 'month' : 'year';
}

/** The job a mover moves to: a skilled construction trade, or a job of their own cluster outside major group 9. */
function moveTarget(rng: DemoRandom, input: CareerInput, first: DrawnJob): { title: string; soc: string } | null {
  if (!isElementary(first.soc)) return null;
  const construction = input.anchor?.ssa === '5';
  if (!rng.chance(construction ? PLANTED_CAREERS.skillUp.construction : PLANTED_CAREERS.skillUp.other)) return null;
  const pool = construction
    ? input.trades.occupations.filter((o) => o.soc.startsWith('53'))
    : input.cluster.occupations.filter((o) => !isElementary(o.soc));
  if (pool.length === 0) return null;
  const spec = rng.weightedBy(pool, (o) => o.weight);
  return { title: rng.weighted(spec.variants), soc: spec.soc };
}

/** A person's spells and claims from the occupation rows drawn for them (at least one). */
export function drawCareer(rng: DemoRandom, input: CareerInput): Career {
  const { jobs } = input;
  const first = jobs[0];
  const care = isCare(first.soc);
  let contract0: Contract;
  if (care) contract0 = rng.chance(0.9) ? 'zero-hours' : 'temporary';
  else if (first.employment === 'training') contract0 = 'fixed-term';
  else contract0 = rng.weighted(FIRST_CONTRACTS);
  const nonPermanent = contract0 === 'temporary' || contract0 === 'fixed-term' || contract0 === 'zero-hours';
  const converts = nonPermanent && rng.chance(care ? PLANTED_CAREERS.toPermanent.care : PLANTED_CAREERS.toPermanent.other);
  const laterContract: Contract = converts ? 'permanent' : contract0;
  const range = input.anchor?.apprenticeship ? PLANTED_CAREERS.wageGain.apprenticeship : PLANTED_CAREERS.wageGain.classroom;
  const gain = range[0] + rng.float() * (range[1] - range[0]);
  const h0 = (BASE_HOURLY[first.soc[0]] ?? 8) * (0.85 + 0.3 * rng.float()) * (first.employment === 'training' ? 0.75 : 1);
  const hoursOf = (employment: string, contract: Contract) => rng.pick(HOURS[contract === 'zero-hours' ? 'zero-hours' : employment] ?? HOURS['full-time']);
  const firstHours = hoursOf(first.employment, contract0);

  const spells: CareerSpell[] = [];
  const spell = (job: { title: string; socText: string; employment: string; soc: string }, start: number, hourly: number, contract: Contract, hours: number): CareerSpell => {
    const period = periodFor(rng, contract, job.soc);
    return { title: job.title, socText: job.socText, employment: job.employment, start, end: null, hours, pay: payText(hourly, hours, period), period, contract, exit: null };
  };
  // The rows drawn already: each ends a few days before the next starts (they start at least 30 days apart).
  jobs.forEach((j, i) => {
    const later = i > 0;
    spells.push(spell(j, j.start, later ? h0 * (1 + gain) : h0, later ? laterContract : contract0, later && converts ? hoursOf(j.employment, 'permanent') : firstHours));
    if (later) endSpell(rng, spells[i - 1], j.start - 1 - rng.int(Math.min(14, j.start - jobs[i - 1].start - 2)));
  });
  const claims: Array<[number, number | null]> = [];
  if (rng.chance(0.25)) claims.push([first.start - 200 - rng.int(300), first.start - 10 - rng.int(60)]);
  const last = spells[spells.length - 1];
  const lastEnd = last.start + (jobs.length === 1 ? 45 + rng.int(170) : 60 + rng.int(300));
  if (lastEnd <= EXTRACTED_ON) laterSpells(rng, { input, spells, claims, lastEnd, h0, gain, contract: laterContract, hours: converts ? null : firstHours, spell });
  return { spells, claims: claims.map(([s, e]) => [s, e === null || e > EXTRACTED_ON ? null : e] as [number, number | null]).filter(([s]) => s <= EXTRACTED_ON) };
}

type SpellMaker = (job: { title: string; socText: string; employment: string; soc: string }, start: number, hourly: number, contract: Contract, hours: number) => CareerSpell;

/**
 * After the drawn rows: the last one ends; most people go on in the same job
 * (a new spell: the rise, the new contract), a few move up, some leave work
 * and claim. `hours` null: converted to permanent, hours drawn again.
 */
function laterSpells(
  rng: DemoRandom,
  x: { input: CareerInput; spells: CareerSpell[]; claims: Array<[number, number | null]>; lastEnd: number; h0: number; gain: number; contract: Contract; hours: number | null; spell: SpellMaker },
): void {
  const { input, spells, claims } = x;
  const last = spells[spells.length - 1];
  endSpell(rng, last, x.lastEnd);
  if (rng.chance(0.06)) {
    last.exit = 'involuntary';
    claims.push([x.lastEnd + 1 + rng.int(30), rng.chance(0.5) ? null : x.lastEnd + 90 + rng.int(300)]);
    return;
  }
  const drawn = input.jobs[input.jobs.length - 1];
  const target = moveTarget(rng, input, input.jobs[0]);
  const job = target ? { title: target.title, socText: target.soc, employment: 'full-time', soc: target.soc } : drawn;
  const start = x.lastEnd + 1 + rng.int(21);
  if (last.exit === 'involuntary' && start - x.lastEnd > 7 && rng.chance(0.6)) claims.push([x.lastEnd + 2, start - 2]);
  const hours = x.hours ?? rng.pick(HOURS[job.employment] ?? HOURS['full-time']);
  const next = x.spell(job, start, x.h0 * (1 + x.gain) * (1 + 0.02 * (input.jobs.length - 1)), x.contract, hours);
  spells.push(next);
  // Some hold it to the end of the records; others end it, and a further spell (a further rise) may follow.
  if (rng.chance(0.55)) return;
  const end = next.start + 400 + rng.int(1000);
  if (end > EXTRACTED_ON) return;
  endSpell(rng, next, end);
  const after = next.end! + 1 + rng.int(60);
  if (after <= EXTRACTED_ON && rng.chance(0.6)) spells.push(x.spell(job, after, x.h0 * (1 + x.gain) * 1.04, x.contract, hours));
}

/** End a spell on `end`, with a reason. */
function endSpell(rng: DemoRandom, s: CareerSpell, end: number): void {
  s.end = end;
  s.exit = rng.weighted(EXITS);
}

/** A claim of someone never in work in the records (out of work before and after), or none. */
export function drawWorklessClaims(rng: DemoRandom, from: number): Array<[number, number | null]> {
  if (!rng.chance(0.4)) return [];
  const start = from + rng.int(400);
  return [[start, rng.chance(0.5) ? null : Math.min(EXTRACTED_ON, start + 60 + rng.int(500))]];
}
