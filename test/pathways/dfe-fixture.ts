/**
 * The project's own record-level fixture consistent with the DfE's published
 * level-2 tables (seed 002: Tables 1, 4, 6, 8 and the level-2 column of
 * Annex D), in test/fixtures/dfe-level2/.
 *
 * The DfE published only tables, so the records are constructed: an integer
 * program (HiGHS, from npm) chooses how many people fall in each SSA x
 * occupation x qualification type x employment type cell so that every
 * published sample count holds exactly, every published percentage is as
 * close as whole people allow (the DfE's were survey-weighted), every SSA and
 * the whole sample have the published number of distinct occupations, the
 * shares the DfE did not show stay under 10%, and only SSA x occupation pairs
 * the DfE's mapping lists (i.e. that occurred in its data) are used. Then the
 * cells become people, with some realistic noise the analysis must see
 * through: lower qualifications that are not the highest, earlier jobs that
 * are not the main one, level-3 people, people with no job or no SSA.
 *
 * Regenerate (after `npx tsc -p tsconfig.json`):
 *   node dist/test/pathways/dfe-fixture.js --write
 * (Without --write the module only exports; node --test runs it harmlessly.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'dfe-level2');
const MAPPING_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'related', 'dfe-2020.csv');

/** Published level-2 figures (seed 002), used both to build the fixture and, in the test, to check it. */
export const PUBLISHED = {
  // Table 4 / Table 8: sample counts per SSA tier 1 in scope; the rest are 'Other sector subject areas' (59).
  ssaCounts: { '4': 66, '5': 50, '7': 50, '1': 42, '15': 39 } as Record<string, number>,
  otherSsaCount: 59,
  total: 307,
  // Annex D, level-2 column "< 30": the SSAs out of scope at level 2.
  smallSsas: ['3', '9', '13', '6', '8', '14', '2'],
  // Table 4: % apprenticeship and % full-time employment (classroom and training are the complements).
  ssaApprenticeship: { '4': 47, '5': 23, '7': 67, '1': 38, '15': 86, other: 33, total: 47 } as Record<string, number>,
  ssaFullTime: { '4': 37, '5': 51, '7': 59, '1': 55, '15': 61, other: 66, total: 54 } as Record<string, number>,
  ssaPerc: { '4': 22, '5': 16, '7': 16, '1': 14, '15': 13, other: 19, total: 100 } as Record<string, number>,
  // Table 6: occupations with 30 or more people, then 'Other occupations' (150).
  occupationCounts: { '52': 45, '61': 38, '41': 37, '53': 35 } as Record<string, number>,
  otherOccupationCount: 150,
  occupationPerc: { '52': 15, '61': 13, '41': 12, '53': 11, other: 49, total: 100 } as Record<string, number>,
  occupationFullTime: { '52': 24, '61': 50, '41': 63, '53': 34, other: 66, total: 54 } as Record<string, number>,
  occupationApprenticeship: { '52': 51, '61': 51, '41': 66, '53': 47, other: 41, total: 47 } as Record<string, number>,
  // Table 8: number of occupations, % in related occupations, % in clear occupational pathways (with its occupation, Figure 4 / Annex D).
  ssaOccupations: { '4': 12, '5': 9, '7': 10, '1': 12, '15': 7, other: 16, all: 23 } as Record<string, number>,
  ssaRelated: { '4': 67, '5': 79, '7': 81, '1': 69, '15': 76, other: 32, all: 66 } as Record<string, number>,
  ssaClear: { '4': ['52', 51], '5': ['53', 46], '7': ['62', 39], '1': ['61', 68], '15': ['41', 60] } as Record<string, [string, number]>,
  // Table 1: related % and sample count by qualification type x employment type.
  related: {
    'apprenticeship|training': [97, 73],
    'apprenticeship|full-time': [76, 72],
    'apprenticeship|total': [86, 145],
    'classroom|training': [72, 69],
    'classroom|full-time': [29, 93],
    'classroom|total': [47, 162],
    'total|training': [85, 142],
    'total|full-time': [50, 165],
    'total|total': [66, 307],
  } as Record<string, [number, number]>,
  // Annex D, level-2 column: the shares shown (10% or more); every other share of these SSAs is below 10% (blank).
  annexD: {
    '15': { '41': 60 },
    '5': { '81': 11, '53': 46, '52': 13 },
    '4': { '35': 11, '52': 51 },
    '1': { '61': 68 },
    '7': { '92': 16, '62': 39 },
  } as Record<string, Record<string, number>>,
};

/**
 * The published tables do not add up: Table 4's and Table 8's SSA rows sum to
 * 306 and Table 6's occupation rows to 305, but every total is 307 (and
 * Table 1's four cells do sum to 307). Records cannot reproduce that, so the
 * fixture keeps the total, the named groups and Table 1 exact, and lets the
 * residual 'Other' groups absorb the difference: 60 people in 'Other sector
 * subject areas' (published 59) and 152 in 'Other occupations' (published 150).
 */
export const RECONCILED = { otherSsaCount: 60, otherOccupationCount: 152 };

export interface Cell {
  ssa: string;
  soc: string;
  type: 'apprenticeship' | 'classroom';
  emp: 'training' | 'full-time';
  n: number;
  /** Survey weight of each person in the cell (see rakeWeights). */
  weight?: number;
}

/** SSA -> SOC -> related, from the shipped mapping (the pairs the DfE's data had). */
export function readDfeMapping(): Map<string, Map<string, boolean>> {
  const m = new Map<string, Map<string, boolean>>();
  for (const line of readFileSync(MAPPING_FILE, 'utf8').trim().split('\n').slice(1)) {
    const f = line.match(/^(\d+),".*?",(\d+),".*?",(yes|no)$/);
    if (!f) throw new Error(`unexpected mapping line ${line}`);
    if (!m.has(f[1])) m.set(f[1], new Map());
    m.get(f[1])!.set(f[2], f[3] === 'yes');
  }
  return m;
}

/** Solve for the cell counts (deterministic for a given HiGHS version). */
export async function solveCells(): Promise<Cell[]> {
  const mapping = readDfeMapping();
  const P = PUBLISHED;
  const big = Object.keys(P.ssaCounts);
  const ssas = [...big, ...P.smallSsas];
  const types = ['apprenticeship', 'classroom'] as const;
  const emps = ['training', 'full-time'] as const;
  const xs: Array<{ v: string; ssa: string; soc: string; type: (typeof types)[number]; emp: (typeof emps)[number] }> = [];
  for (const s of ssas) {
    for (const o of mapping.get(s)!.keys()) {
      for (const [ti, t] of types.entries()) for (const [ei, e] of emps.entries()) xs.push({ v: `x_${s}_${o}_${ti}${ei}`, ssa: s, soc: o, type: t, emp: e });
    }
  }
  const cons: string[] = [];
  const obj: string[] = [];
  const bounds: string[] = [];
  const generals = xs.map((x) => x.v);
  const binaries: string[] = [];
  let k = 0;
  const sum = (pred: (x: (typeof xs)[number]) => boolean, coef = 1): string => {
    const t = xs.filter(pred).map((x) => `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${x.v}`);
    return t.length ? t.join(' ') : '+ 0 dummy';
  };
  let group = '';
  const skip = (process.env.FIXTURE_SKIP ?? '').split(',');
  const push = (c: string) => {
    if (!skip.includes(group)) cons.push(c);
  };
  const eq = (expr: string, rhs: number) => push(` c${k++}: ${expr} = ${rhs}`);
  const le = (expr: string, rhs: number) => push(` c${k++}: ${expr} <= ${rhs}`);
  const ge = (expr: string, rhs: number) => push(` c${k++}: ${expr} >= ${rhs}`);
  /** |100 * count(A) - p * base| <= base * (0.5 + e1 + e2): e1 <= 0.5 (cheap), e2 <= 0.99 (dear). */
  const pct = (pred: (x: (typeof xs)[number]) => boolean, p: number, base: number) => {
    const id = k;
    const e1 = `e1_${id}`;
    const e2 = `e2_${id}`;
    bounds.push(` 0 <= ${e1} <= 0.5`, ` 0 <= ${e2} <= 0.99`);
    obj.push(`${e1}`, `100 ${e2}`);
    const a = sum(pred, 100);
    le(`${a} - ${base} ${e1} - ${base} ${e2}`, p * base + 0.5 * base);
    ge(`${a} + ${base} ${e1} + ${base} ${e2}`, p * base - 0.5 * base);
  };
  const inSsa = (g: string) => (x: (typeof xs)[number]) => (g === 'other' ? P.smallSsas.includes(x.ssa) : g === 'total' ? true : x.ssa === g);
  const bigSoc = Object.keys(P.occupationCounts);
  const inSoc = (g: string) => (x: (typeof xs)[number]) => (g === 'other' ? !bigSoc.includes(x.soc) : g === 'total' ? true : x.soc === g);
  const rel = (x: (typeof xs)[number]) => mapping.get(x.ssa)!.get(x.soc)!;

  // Sample counts (exact).
  group = 'counts';
  for (const s of big) eq(sum(inSsa(s)), P.ssaCounts[s]);
  eq(sum(inSsa('other')), RECONCILED.otherSsaCount);
  for (const s of P.smallSsas) {
    ge(sum(inSsa(s)), 1);
    le(sum(inSsa(s)), P.ssaCounts[s] ?? 29);
  }
  group = 'occ';
  for (const o of bigSoc) eq(sum(inSoc(o)), P.occupationCounts[o]);
  const allSocs = [...new Set(xs.map((x) => x.soc))];
  for (const o of allSocs.filter((o) => !bigSoc.includes(o))) le(sum((x) => x.soc === o), 29);
  for (const [key, [, n]] of Object.entries(P.related)) {
    const [t, e] = key.split('|');
    group = `qe:${key}`;
    eq(sum((x) => (t === 'total' || x.type === t) && (e === 'total' || x.emp === e)), n);
  }
  // Percentages (as close as whole people allow).
  const ssaBase = (g: string) => (g === 'other' ? RECONCILED.otherSsaCount : g === 'total' || g === 'all' ? P.total : P.ssaCounts[g]);
  group = 't4';
  for (const [g, p] of Object.entries(P.ssaApprenticeship)) pct((x) => inSsa(g)(x) && x.type === 'apprenticeship', p, ssaBase(g));
  for (const [g, p] of Object.entries(P.ssaFullTime)) pct((x) => inSsa(g)(x) && x.emp === 'full-time', p, ssaBase(g));
  const socBase = (g: string) => (g === 'other' ? RECONCILED.otherOccupationCount : g === 'total' ? P.total : P.occupationCounts[g]);
  group = 't6';
  for (const [g, p] of Object.entries(P.occupationFullTime)) pct((x) => inSoc(g)(x) && x.emp === 'full-time', p, socBase(g));
  for (const [g, p] of Object.entries(P.occupationApprenticeship)) pct((x) => inSoc(g)(x) && x.type === 'apprenticeship', p, socBase(g));
  group = 't8';
  for (const [g, p] of Object.entries(P.ssaRelated)) pct((x) => inSsa(g === 'all' ? 'total' : g)(x) && rel(x), p, ssaBase(g));
  group = 't1';
  for (const [key, [p, n]] of Object.entries(P.related)) {
    const [t, e] = key.split('|');
    pct((x) => (t === 'total' || x.type === t) && (e === 'total' || x.emp === e) && rel(x), p, n);
  }
  // Annex D level 2: shown shares (>= 10%), everything else under 10%; the clear pathway is the most common occupation.
  group = 'annexd';
  for (const s of big) {
    const shown = P.annexD[s];
    const [top] = P.ssaClear[s];
    for (const o of mapping.get(s)!.keys()) {
      const cell = (x: (typeof xs)[number]) => x.ssa === s && x.soc === o;
      if (shown[o] !== undefined) {
        pct(cell, shown[o], P.ssaCounts[s]);
        ge(sum(cell, 10), P.ssaCounts[s]);
      } else {
        le(sum(cell, 10), P.ssaCounts[s] - 0.01);
      }
      if (o !== top) le(`${sum(cell)} ${sum((x) => x.ssa === s && x.soc === top, -1)}`, -1);
    }
  }
  // Health: published 69% related but 68% in caring (a related occupation): someone related is elsewhere.
  ge(sum((x) => x.ssa === '1' && x.soc !== '61' && rel(x)), 1);
  // Distinct occupations per SSA, for the pooled small SSAs, and overall.
  group = 'y';
  const y = (s: string, o: string) => `y_${s}_${o}`;
  for (const s of ssas) {
    for (const o of mapping.get(s)!.keys()) {
      binaries.push(y(s, o));
      ge(`${sum((x) => x.ssa === s && x.soc === o)} - ${y(s, o)}`, 0);
      le(`${sum((x) => x.ssa === s && x.soc === o)} - 100 ${y(s, o)}`, 0);
    }
  }
  group = 'distinct';
  for (const s of big) eq([...mapping.get(s)!.keys()].map((o) => y(s, o)).join(' + '), P.ssaOccupations[s]);
  const union = (group: string[], prefix: string, target: number) => {
    const socs = [...new Set(group.flatMap((s) => [...mapping.get(s)!.keys()]))];
    for (const o of socs) {
      const z = `${prefix}_${o}`;
      binaries.push(z);
      const users = group.filter((s) => mapping.get(s)!.has(o));
      for (const s of users) ge(`${z} - ${y(s, o)}`, 0);
      le(`${z} - ${users.map((s) => y(s, o)).join(' - ')}`, 0);
    }
    eq(socs.map((o) => `${prefix}_${o}`).join(' + '), target);
  };
  group = 'distinct-other';
  union(P.smallSsas, 'zo', P.ssaOccupations.other);
  group = 'distinct-all';
  union(ssas, 'za', P.ssaOccupations.all);

  const lp = [
    'Minimize',
    ` obj: ${obj.join(' + ')}`,
    'Subject To',
    ...cons,
    'Bounds',
    ...bounds,
    ' dummy = 0',
    'Generals',
    ` ${generals.join(' ')}`,
    'Binaries',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  const { default: loadHighs } = (await import('highs')) as unknown as { default: () => Promise<{ solve(lp: string, o?: object): { Status: string; Columns: Record<string, { Primal: number }> } }> };
  const highs = await loadHighs();
  const res = highs.solve(lp, { output_flag: false, time_limit: 120, mip_rel_gap: 0 });
  if (res.Status !== 'Optimal' && res.Status !== 'Time limit reached') throw new Error(`fixture model: ${res.Status}`);
  return xs
    .map((x) => ({ ssa: x.ssa, soc: x.soc, type: x.type, emp: x.emp, n: Math.round(res.Columns[x.v]?.Primal ?? 0) }))
    .filter((c) => c.n > 0);
}

/**
 * The DfE's percentages are survey-weighted; whole people cannot hit some of
 * them within a point (86% of 39 people, 68% of 42). So each cell gets a
 * survey weight: a linear program (HiGHS) over the cells' weight totals puts
 * every published share within `tolerance` of its published value, keeps the
 * shares the DfE left blank under 9.5% and each SSA's clear pathway its most
 * common occupation, and otherwise keeps weights as close to 1 as it can
 * (each between 0.25 and 4).
 */
export async function weighCells(cells: Cell[], tolerance = 0.0045): Promise<Cell[]> {
  const mapping = readDfeMapping();
  const P = PUBLISHED;
  const big = Object.keys(P.ssaCounts);
  const bigSoc = Object.keys(P.occupationCounts);
  type Pred = (c: Cell) => boolean;
  const inSsa = (g: string): Pred => (c) => (g === 'other' ? P.smallSsas.includes(c.ssa) : g === 'total' || g === 'all' ? true : c.ssa === g);
  const inSoc = (g: string): Pred => (c) => (g === 'other' ? !bigSoc.includes(c.soc) : g === 'total' ? true : c.soc === g);
  const rel: Pred = (c) => mapping.get(c.ssa)!.get(c.soc)!;
  const all: Pred = () => true;
  const cons: string[] = [];
  let k = 0;
  const v = (i: number) => `W${i}`;
  const terms = (pred: Pred, coef: number) =>
    cells.map((c, i) => (pred(c) ? `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${v(i)}` : '')).filter((x) => x !== '').join(' ');
  /** lo <= W(A) / W(G) <= hi, as W(A) - lo W(G) >= 0 and W(A) - hi W(G) <= 0 (A within G). */
  const ratio = (a: Pred, g: Pred, lo: number, hi: number) => {
    const expr = (x: number) => cells.map((c, i) => {
      if (!g(c)) return '';
      const coef = (a(c) ? 1 : 0) - x;
      return coef === 0 ? '' : `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${v(i)}`;
    }).filter((t) => t !== '').join(' ');
    if (lo > 0) cons.push(` r${k++}: ${expr(lo)} >= 0`);
    if (hi < 1) cons.push(` r${k++}: ${expr(hi)} <= 0`);
  };
  const eq = (a: Pred, g: Pred, p: number) => ratio(a, g, p / 100 - tolerance, p / 100 + tolerance);
  for (const [g, p] of Object.entries(P.ssaPerc)) if (g !== 'total') eq(inSsa(g), all, p);
  for (const [g, p] of Object.entries(P.occupationPerc)) if (g !== 'total') eq(inSoc(g), all, p);
  for (const [g, p] of Object.entries(P.ssaApprenticeship)) eq((c) => inSsa(g)(c) && c.type === 'apprenticeship', inSsa(g), p);
  for (const [g, p] of Object.entries(P.ssaFullTime)) eq((c) => inSsa(g)(c) && c.emp === 'full-time', inSsa(g), p);
  for (const [g, p] of Object.entries(P.occupationFullTime)) eq((c) => inSoc(g)(c) && c.emp === 'full-time', inSoc(g), p);
  for (const [g, p] of Object.entries(P.occupationApprenticeship)) eq((c) => inSoc(g)(c) && c.type === 'apprenticeship', inSoc(g), p);
  for (const [g, p] of Object.entries(P.ssaRelated)) eq((c) => inSsa(g)(c) && rel(c), inSsa(g), p);
  for (const [key, [p]] of Object.entries(P.related)) {
    const [t, e] = key.split('|');
    const grp: Pred = (c) => (t === 'total' || c.type === t) && (e === 'total' || c.emp === e);
    eq((c) => grp(c) && rel(c), grp, p);
  }
  for (const s of big) {
    const [top] = P.ssaClear[s];
    for (const [o, p] of Object.entries(P.annexD[s])) eq((c) => c.ssa === s && c.soc === o, inSsa(s), p);
    for (const o of mapping.get(s)!.keys()) {
      if (P.annexD[s][o] === undefined) ratio((c) => c.ssa === s && c.soc === o, inSsa(s), 0, 0.095);
      if (o !== top && cells.some((c) => c.ssa === s && c.soc === o)) {
        cons.push(` r${k++}: ${terms((c) => c.ssa === s && c.soc === top, 1)} ${terms((c) => c.ssa === s && c.soc === o, -1)} >= 0.5`);
      }
    }
  }
  const people = cells.reduce((s, c) => s + c.n, 0);
  cons.push(` r${k++}: ${terms(all, 1)} = ${people}`);
  // |W_i - n_i| <= D_i, minimise sum D_i.
  const bounds: string[] = [];
  cells.forEach((c, i) => {
    cons.push(` d${i}a: ${v(i)} - D${i} <= ${c.n}`, ` d${i}b: ${v(i)} + D${i} >= ${c.n}`);
    bounds.push(` ${0.25 * c.n} <= ${v(i)} <= ${4 * c.n}`);
  });
  const lp = ['Minimize', ` obj: ${cells.map((_, i) => `D${i}`).join(' + ')}`, 'Subject To', ...cons, 'Bounds', ...bounds, 'End'].join('\n');
  const { default: loadHighs } = (await import('highs')) as unknown as { default: () => Promise<{ solve(lp: string, o?: object): { Status: string; Columns: Record<string, { Primal: number }> } }> };
  const res = (await loadHighs()).solve(lp, { output_flag: false });
  if (res.Status !== 'Optimal') throw new Error(`fixture weights: ${res.Status}`);
  return cells.map((c, i) => ({ ...c, weight: Math.round((res.Columns[v(i)].Primal / c.n) * 1e6) / 1e6 }));
}

/** A small deterministic generator for the noise. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const REGIONS = ['NE', 'NW', 'YH', 'EM', 'WM', 'EE', 'LN', 'SE', 'SW'];

/** Turn the cells into an extract (people.csv, qualifications.csv, occupations.csv). */
export function writeExtract(dir: string, cells: Cell[]): { people: number } {
  const rand = lcg(2020);
  const mapping = readDfeMapping();
  const people: string[] = ['person_id,region,cohort'];
  const quals: string[] = ['person_id,qualification,ssa,level,type,achieved_on,highest,weight'];
  const occs: string[] = ['person_id,occupation,soc,employment_type,started_on'];
  let id = 0;
  const pid = () => `P${String(++id).padStart(4, '0')}`;
  const socCode = (sub: string) => `${sub}${String(11 + Math.floor(rand() * 8))}`;
  for (const c of cells) {
    for (let i = 0; i < c.n; i++) {
      const p = pid();
      people.push(`${p},${REGIONS[Math.floor(rand() * REGIONS.length)]},1998`);
      const flagged = rand() < 0.5;
      const wt = c.weight ?? 1;
      quals.push(`${p},Level 2 ${c.type === 'apprenticeship' ? 'apprenticeship' : 'diploma'} (SSA ${c.ssa}),${c.ssa},2,${c.type},2017-0${1 + Math.floor(rand() * 9)}-15,${flagged ? 'true' : ''},${wt}`);
      // A lower qualification that is not the highest.
      if (rand() < 0.4) quals.push(`${p},Level 1 certificate,${1 + Math.floor(rand() * 15)},1,classroom,2015-06-30,${flagged ? 'false' : ''},${wt}`);
      occs.push(`${p},Job ${c.soc},${socCode(c.soc)},${c.emp},2018-0${1 + Math.floor(rand() * 3)}-01`);
      // An earlier job in another occupation, not the main one.
      if (rand() < 0.25) occs.push(`${p},Earlier job,${socCode(rand() < 0.5 ? '92' : '71')},full-time,2016-09-01`);
    }
  }
  // People the level-2 tables must leave out.
  const ssaCodes = [...mapping.keys()];
  for (let i = 0; i < 60; i++) {
    // Highest qualification at level 3 (some also hold a level 2).
    const p = pid();
    const s = ssaCodes[Math.floor(rand() * ssaCodes.length)];
    const socs = [...mapping.get(s)!.keys()];
    people.push(`${p},${REGIONS[i % REGIONS.length]},1998`);
    quals.push(`${p},Level 3 diploma,${s},3,${rand() < 0.1 ? 'apprenticeship' : 'classroom'},2018-06-30,,1`);
    if (i % 2 === 0) quals.push(`${p},Level 2 diploma,${s},2,classroom,2016-06-30,,1`);
    occs.push(`${p},Job,${socCode(socs[Math.floor(rand() * socs.length)])},${rand() < 0.7 ? 'full-time' : 'training'},2018-02-01`);
  }
  for (let i = 0; i < 10; i++) {
    // Level 2, no occupation.
    const p = pid();
    people.push(`${p},LN,1998`);
    quals.push(`${p},Level 2 diploma,7,2,classroom,2017-06-30,,1`);
  }
  for (let i = 0; i < 5; i++) {
    // Level 2, SSA not recorded.
    const p = pid();
    people.push(`${p},SE,1998`);
    quals.push(`${p},Level 2 award,,2,classroom,2017-06-30,,1`);
    occs.push(`${p},Job,${socCode('71')},full-time,2018-01-01`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'people.csv'), people.join('\n') + '\n');
  writeFileSync(join(dir, 'qualifications.csv'), quals.join('\n') + '\n');
  writeFileSync(join(dir, 'occupations.csv'), occs.join('\n') + '\n');
  return { people: id };
}

if (process.argv.includes('--write')) {
  const cells = await weighCells(await solveCells(), Number(process.env.FIXTURE_TOL ?? 0.0045));
  const { people } = writeExtract(FIXTURE_DIR, cells);
  process.stdout.write(`wrote ${people} people (${cells.reduce((s, c) => s + c.n, 0)} in the level-2 tables) to ${FIXTURE_DIR}\n`);
}
