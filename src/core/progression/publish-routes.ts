/**
 * Career routes as publishable tables: a flow diagram of qualification ->
 * first job -> job at the end of the window (a table declared as a flow,
 * each link a count cell with its cell key, so link widths come from
 * protected counts), and the most common three-step routes of each listed
 * qualification with the people who moved up a skill level.
 *
 * Routes partition people, so a link's people and cell key are sums over
 * route counts (record keys add up modulo 4096 like counts do).
 */
import type { CountCell, CountTable, ReportRow, ReportTable } from '../results.js';
import { NO_JOB, NOT_CODED, type RouteCount } from './routes.js';

const KEY_MOD = 4096;

export interface RouteLabels {
  qualification: (key: string) => string;
  job: (key: string) => string;
}

export interface FlowOptions {
  /** Qualifications drawn (the largest, each with at least `minBase` people). */
  qualifications: number;
  /** Jobs drawn in each column; the others are joined as "Other occupations". */
  jobs: number;
  minBase: number;
  /** Routes listed per qualification in the routes table. */
  routesEach: number;
}

export const OTHER_JOBS = 'other';

interface Sum {
  n: number;
  key: number | undefined;
}

function add(map: Map<string, Sum>, id: string, n: number, key: number | undefined): void {
  const s = map.get(id) ?? { n: 0, key: key === undefined ? undefined : 0 };
  s.n += n;
  s.key = s.key === undefined || key === undefined ? undefined : (s.key + key) % KEY_MOD;
  map.set(id, s);
}

const byPeople = (m: Map<string, Sum>) => [...m.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** The qualifications drawn: the largest with at least the minimum base. */
function chosenQualifications(routes: readonly RouteCount[], o: FlowOptions): string[] {
  const totals = new Map<string, Sum>();
  for (const r of routes) add(totals, r.from, r.people, r.key);
  return byPeople(totals)
    .filter(([, s]) => s.n >= o.minBase)
    .slice(0, o.qualifications)
    .map(([q]) => q);
}

/** The jobs kept in a column (the largest among the chosen qualifications' people); others become OTHER_JOBS. */
function keptJobs(routes: readonly RouteCount[], pick: (r: RouteCount) => string, top: number): Set<string> {
  const totals = new Map<string, Sum>();
  for (const r of routes) add(totals, pick(r), r.people, undefined);
  return new Set(byPeople(totals).slice(0, top).map(([j]) => j));
}

export interface RouteTables {
  countTable: CountTable;
  flow: ReportTable;
  routes: ReportTable;
  /** People on the qualifications drawn (findings, never published). */
  drawn: number;
}

function cell(code: string, s: Sum): CountCell {
  return { keys: [code], n: s.n, ...(s.key !== undefined ? { key: s.key } : {}) };
}

/** The flow and routes tables of a report, from its route counts. */
export function routeTables(routes: readonly RouteCount[], labels: RouteLabels, o: FlowOptions, section: string): RouteTables {
  const quals = chosenQualifications(routes, o);
  const mine = routes.filter((r) => quals.includes(r.from));
  const firstKept = keptJobs(mine, (r) => r.first, o.jobs);
  const thenKept = keptJobs(mine, (r) => r.then, o.jobs);
  const f = (r: RouteCount) => (firstKept.has(r.first) ? r.first : OTHER_JOBS);
  const t = (r: RouteCount) => (thenKept.has(r.then) ? r.then : OTHER_JOBS);
  const jobLabel = (j: string) => (j === OTHER_JOBS ? 'Other occupations' : labels.job(j));
  const sums = new Map<string, Sum>();
  const upSums = new Map<string, Sum>();
  for (const r of mine) {
    add(sums, JSON.stringify(['q', r.from]), r.people, r.key);
    add(sums, JSON.stringify(['qf', r.from, f(r)]), r.people, r.key);
    add(sums, JSON.stringify(['ft', f(r), t(r)]), r.people, r.key);
    add(sums, JSON.stringify(['r', r.from, r.first, r.then]), r.people, r.key);
    if (r.up > 0) add(upSums, JSON.stringify(['up', r.from, r.first, r.then]), r.up, r.upKey);
  }
  const all = new Map([...sums, ...upSums]);
  const categories = [...all.keys()].map((code) => ({ code, label: describe(JSON.parse(code) as string[], labels, jobLabel) }));
  const countTable: CountTable = {
    id: 'progression-routes',
    title: 'People on each career route (qualification, first job, job at the end of the window)',
    dimensions: [{ id: 'route', label: 'Route', categories }],
    additive: false,
    cells: [...all.entries()].map(([code, s]) => cell(code, s)).filter((c) => c.n > 0),
  };
  const ref = (parts: string[]) => ({ table: countTable.id, keys: [JSON.stringify(parts)] });
  return { countTable, flow: flowTable(sums, labels, jobLabel, ref, section, o), routes: routesTable(quals, mine, labels, ref, section, o), drawn: mine.reduce((a, r) => a + r.people, 0) };
}

function describe(parts: string[], labels: RouteLabels, jobLabel: (j: string) => string): string {
  const [kind, ...rest] = parts;
  if (kind === 'q') return labels.qualification(rest[0]!);
  if (kind === 'qf') return `${labels.qualification(rest[0]!)} -> ${jobLabel(rest[1]!)}`;
  if (kind === 'ft') return `${jobLabel(rest[0]!)} -> ${jobLabel(rest[1]!)}`;
  const route = `${labels.qualification(rest[0]!)} -> ${labels.job(rest[1]!)} -> ${labels.job(rest[2]!)}`;
  return kind === 'up' ? `${route}: moved up a skill level` : route;
}

const FIRST_STEP = 'Qualification to first job';
const SECOND_STEP = 'First job to job at the end of the window';

function flowTable(sums: Map<string, Sum>, labels: RouteLabels, jobLabel: (j: string) => string, ref: (p: string[]) => { table: string; keys: string[] }, section: string, o: FlowOptions): ReportTable {
  const rows: ReportRow[] = [];
  for (const [code] of byPeople(sums)) {
    const [kind, a, b] = JSON.parse(code) as string[];
    if (kind !== 'qf' && kind !== 'ft') continue;
    const from = kind === 'qf' ? labels.qualification(a!) : jobLabel(a!);
    rows.push({
      id: code,
      cells: [{ kind: 'text', text: kind === 'qf' ? FIRST_STEP : SECOND_STEP }, { kind: 'text', text: from }, { kind: 'text', text: jobLabel(b!) }, { kind: 'count', ref: ref(JSON.parse(code) as string[]) }],
    });
  }
  // The first step's links before the second's (a stable sort keeps most people first within each).
  const step = (id: string) => (id.startsWith('["qf"') ? 0 : 1);
  rows.sort((x, y) => step(x.id) - step(y.id));
  return {
    id: 'progression-flow',
    title: 'Career routes: qualification, first job and job at the end of the window',
    caption: `People on the ${o.qualifications} largest qualifications' routes (each with at least ${o.minBase} people followed up)`,
    section,
    columns: [
      { id: 'step', label: 'Step' },
      { id: 'from', label: 'From' },
      { id: 'to', label: 'To' },
      { id: 'people', label: 'People' },
    ],
    rows,
    notes: [
      `Occupations outside the ${o.jobs} largest of each step are joined as "Other occupations"; "No job" is no job in the window (first job) or none at its end.`,
      'The diagram draws each link as wide as its published count; links of zero are not drawn.',
    ],
    display: { kind: 'flow', step: 0, from: 1, to: 2, value: 3 },
  };
}

function routesTable(
  quals: string[],
  mine: readonly RouteCount[],
  labels: RouteLabels,
  ref: (p: string[]) => { table: string; keys: string[] },
  section: string,
  o: FlowOptions,
): ReportTable {
  const rows: ReportRow[] = [];
  for (const q of quals) {
    const top = mine.filter((r) => r.from === q).sort((a, b) => b.people - a.people || (a.first + a.then < b.first + b.then ? -1 : 1)).slice(0, o.routesEach);
    for (const r of top) {
      const route = ['r', r.from, r.first, r.then];
      rows.push({
        id: JSON.stringify(route),
        cells: [
          { kind: 'text', text: labels.qualification(q) },
          { kind: 'text', text: labels.job(r.first) },
          { kind: 'text', text: labels.job(r.then) },
          { kind: 'count', ref: ref(route) },
          { kind: 'share', num: ref(route), den: ref(['q', q]) },
          r.up > 0 ? { kind: 'count', ref: ref(['up', r.from, r.first, r.then]) } : { kind: 'empty' },
        ],
      });
    }
  }
  return {
    id: 'progression-routes',
    title: 'The most common career routes from each qualification',
    caption: `The ${o.routesEach} routes most people took from each qualification drawn above`,
    section,
    columns: [
      { id: 'qualification', label: 'Qualification' },
      { id: 'first', label: 'First job' },
      { id: 'then', label: 'Job at the end of the window' },
      { id: 'people', label: 'People' },
      { id: 'share', label: "Share of the qualification's people" },
      { id: 'up', label: 'Moved up a skill level' },
    ],
    rows,
    notes: ['Moving up: the job at the end is in a SOC major group of a higher skill level than the first job (ONS SOC skill levels).'],
  };
}

export { NO_JOB, NOT_CODED };
