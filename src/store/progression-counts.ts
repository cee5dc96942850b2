/**
 * The SQL that reduces a dataset's employment histories to the progression
 * counts (src/core/progression/counts.ts): per-group counts of people, sums
 * and order statistics, route counts and the occupational moves network.
 * Every rule is the pure core's (src/core/progression/), restated in SQL and
 * tested to give identical results (test/progression/).
 *
 * The person-level facts live in a TEMP table (`prog_person`: one row per
 * person with a qualification, dropped after the pass), so records never
 * leave the store; what leaves is counts, sums, and the order statistics a
 * median and its exact interval need.
 *
 * Passes: (1) context: the day the records run to and the dataset's median
 * hourly pay; (2) the person table; (3) per-group counts and sums over
 * GROUPING SETS; (4) the order statistics of the medians, at ranks the core
 * works out from each group's count (an exact binomial interval needs them);
 * (5) route counts.
 */
import { DOUBLE, INTEGER, LIST, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { MEAN_MEASURES, MEDIAN_MEASURES, SHARE_MEASURES, type MedianMeasure } from '../core/progression/catalogue.js';
import { compareAggregates, groupingSets, type GroupAggregate } from '../core/progression/aggregate.js';
import { DEFAULT_BY, DEFAULT_ROUTES, lowPayThreshold, type CountOptions, type ProgressionCounts, type ProgressionCoverage } from '../core/progression/counts.js';
import { MONTHS_PER_YEAR, WEEKS_PER_YEAR } from '../core/progression/pay.js';
import { checkPriceIndex, DAYS_PER_YEAR } from '../core/progression/person-values.js';
import { compareRouteCounts, NO_JOB, NOT_CODED, type OccupationBy, type RouteCount, type RouteOptions } from '../core/progression/routes.js';
import type { MovesNetwork } from '../core/progression/moves.js';
import type { GroupDimension, ProgressionSettings } from '../core/progression/settings.js';
import { SOC_MAJOR_SKILL } from '../core/progression/skill.js';
import { NON_PERMANENT } from '../core/progression/spells.js';
import { medianOf, medianRanks, type MedianWithInterval } from '../core/stats/median-interval.js';
import type { Store } from './database.js';

type Params = Record<string, DuckDBValue>;
type Types = Record<string, DuckDBType>;

async function rows<T>(store: Pick<Store, 'connection'>, sql: string, params: Params = {}, types: Types = {}): Promise<T[]> {
  const reader = await store.connection.runAndReadAll(sql, params, types);
  return reader.getRowObjectsJS() as T[];
}

const num = (v: unknown): number => Number(v);
const EPOCH = `DATE '1970-01-01'`;
/** A date as whole days since 1970-01-01 (dates.ts Day). */
const day = (col: string) => `(${col} - ${EPOCH})::INTEGER`;
/** A spell that can be placed in time (spells.ts isPlaced). */
const PLACED = `o.started_on IS NOT NULL AND (o.ended_on IS NULL OR o.ended_on >= o.started_on)`;
/** Gross hourly pay (pay.ts hourlyPay): same constants, same order of operations. */
const HOURLY = `CASE WHEN o.pay > 0 THEN CASE o.pay_period
      WHEN 'hour' THEN o.pay
      WHEN 'week' THEN CASE WHEN o.hours > 0 THEN o.pay / o.hours END
      WHEN 'month' THEN CASE WHEN o.hours > 0 THEN (o.pay * ${MONTHS_PER_YEAR}) / (${WEEKS_PER_YEAR}::DOUBLE * o.hours) END
      WHEN 'year' THEN CASE WHEN o.hours > 0 THEN o.pay / (${WEEKS_PER_YEAR}::DOUBLE * o.hours) END END END`;
/** SOC major group -> skill level (skill.ts). */
const SKILL = `CASE o.soc_major ${Object.entries(SOC_MAJOR_SKILL).map(([g, l]) => `WHEN '${g}' THEN ${l}`).join(' ')} END`;
const TEMPORARY = NON_PERMANENT.map((c) => `'${c}'`).join(', ');
const PERSON_TABLE = 'prog_person';

/** Pass 1: the last day recorded and the two middle hourly pays of the dataset (all regions). */
async function countContext(store: Pick<Store, 'connection'>, datasetId: number): Promise<{ latest: number | null; n: number; mid: [number, number] | null }> {
  const [r] = await rows<{ latest: number | null; n: bigint; lo: number | null; hi: number | null }>(
    store,
    `WITH h AS (SELECT list_sort(list(${HOURLY}) FILTER (WHERE ${HOURLY} IS NOT NULL)) AS xs FROM occupations o WHERE o.dataset_id = $dataset AND ${PLACED})
     SELECT greatest((SELECT max(coalesce(o.ended_on, o.started_on)) FROM occupations o WHERE o.dataset_id = $dataset AND ${PLACED}),
                     (SELECT max(coalesce(b.ended_on, b.started_on)) FROM benefits b WHERE b.dataset_id = $dataset AND (b.ended_on IS NULL OR b.ended_on >= b.started_on)))
              - ${EPOCH} AS latest,
            len(xs) AS n, xs[(len(xs) + 1) // 2] AS lo, xs[len(xs) // 2 + 1] AS hi
       FROM h`,
    { dataset: datasetId },
  );
  const n = num(r.n ?? 0);
  return { latest: r.latest === null ? null : num(r.latest), n, mid: n > 0 ? [r.lo!, r.hi!] : null };
}

/** Pass 2: one row per person of the population with a qualification or not (status), and the facts of person.ts. */
export function personTableSql(regionFilter: boolean): string {
  const job = `{'s': s, 'title': title, 'soc': soc, 'skill': skill, 'hourly': hourly, 'hours': hours, 'contract': contract}`;
  return `
CREATE OR REPLACE TEMP TABLE ${PERSON_TABLE} AS
WITH q AS (
  SELECT person_key,
         arg_max({'title': title, 'ssa': ssa, 'level': level, 'type': type, 'a': ${day('achieved_on')}},
                 {'h': coalesce(highest::INTEGER, 0), 'l': coalesce(level, -1), 'd': coalesce(achieved_on, DATE '0001-01-01'), 'r': -rowid}) AS q
    FROM qualifications WHERE dataset_id = $dataset GROUP BY person_key
), pop0 AS (
  SELECT p.person_key, p.region, q.q AS q,
         CASE WHEN q.q.a IS NOT NULL THEN (((${EPOCH} + q.q.a) + to_months($months::INTEGER))::DATE - ${EPOCH})::INTEGER END AS e
    FROM people p LEFT JOIN q ON q.person_key = p.person_key
   WHERE p.dataset_id = $dataset ${regionFilter ? 'AND p.region = $region' : ''}
), pop AS (
  SELECT person_key, region, q.title AS title, q.ssa AS ssa, q.level::VARCHAR AS level, q.type AS type, q.a AS a, e,
         CASE WHEN q IS NULL THEN 'no-qualification' WHEN q.a IS NULL THEN 'no-date'
              WHEN $observed::INTEGER IS NULL OR e > $observed::INTEGER THEN 'incomplete' ELSE 'analysed' END AS status
    FROM pop0
), an AS (
  SELECT person_key, a, e FROM pop WHERE status = 'analysed'
), sp AS (
  SELECT o.person_key, o.rowid AS r, ${day('o.started_on')} AS s, ${day('o.ended_on')} AS f, o.title, o.soc_submajor AS soc,
         ${SKILL} AS skill, ${HOURLY} AS hourly, o.hours, o.contract, o.exit_reason, o.employment_type AS et, an.a, an.e
    FROM occupations o JOIN an ON an.person_key = o.person_key
   WHERE o.dataset_id = $dataset AND ${PLACED} AND ${day('o.started_on')} <= an.e AND (o.ended_on IS NULL OR ${day('o.ended_on')} >= an.a)
), jobs AS (
  SELECT person_key,
         arg_max(${job}, {'c': CASE WHEN s <= a THEN 2 ELSE 1 END, 'd': CASE WHEN s <= a THEN s ELSE -s END, 'r': -r}) AS fj,
         arg_max(${job}, {'s': s, 'r': -r}) FILTER (WHERE f IS NULL OR f >= e) AS ej,
         bool_or(s < e) AS in_window,
         bool_or(f IS NOT NULL AND f < e AND exit_reason = 'involuntary') AS invol,
         bool_or(et = 'training' AND s < e AND (f IS NULL OR f > a)) AS training
    FROM sp GROUP BY person_key
), days AS (
  SELECT person_key, sum(greatest(0, ce - greatest(cs, coalesce(reach + 1, cs)) + 1))::INTEGER AS days
    FROM (SELECT person_key, cs, ce, max(ce) OVER (PARTITION BY person_key ORDER BY cs ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
            FROM (SELECT person_key, greatest(s, a) AS cs, least(coalesce(f, e - 1), e - 1) AS ce FROM sp WHERE s < e))
   GROUP BY person_key
), bn AS (
  SELECT b.person_key, ${day('b.started_on')} AS s, ${day('b.ended_on')} AS f
    FROM benefits b JOIN an ON an.person_key = b.person_key
   WHERE b.dataset_id = $dataset AND (b.ended_on IS NULL OR b.ended_on >= b.started_on)
), bx AS (
  SELECT person_key, min(f) AS x FROM bn GROUP BY person_key HAVING min(f) IS NOT NULL
), ben AS (
  SELECT an.person_key, any_value(bx.x < an.e) AS claim_base, bool_or(bn.s >= an.a AND bn.s < an.e AND bn.s > bx.x) AS repeat_claim
    FROM an JOIN bx ON bx.person_key = an.person_key JOIN bn ON bn.person_key = an.person_key
   GROUP BY an.person_key
)
SELECT pop.*, jobs.fj, jobs.ej, coalesce(jobs.in_window, false) AS in_window, coalesce(jobs.invol, false) AS invol,
       coalesce(jobs.training, false) AS training, coalesce(days.days, 0) AS days,
       coalesce(ben.claim_base, false) AS claim_base, coalesce(ben.repeat_claim, false) AS repeat_claim
  FROM pop LEFT JOIN jobs ON jobs.person_key = pop.person_key LEFT JOIN days ON days.person_key = pop.person_key
  LEFT JOIN ben ON ben.person_key = pop.person_key`;
}

/** Each analysed person's values (person-values.ts), one column per measure. */
function valuesSql(priceIndex: boolean): string {
  const ratio = priceIndex ? `(pe.v / pf.v)` : `power(1 + $inflation, (ej.s - fj.s) / ${DAYS_PER_YEAR}::DOUBLE)`;
  const joins = priceIndex
    ? `LEFT JOIN (SELECT unnest($years) AS y, unnest($index) AS v) pf ON pf.y = year(${EPOCH} + fj.s)
       LEFT JOIN (SELECT unnest($years) AS y, unnest($index) AS v) pe ON pe.y = year(${EPOCH} + ej.s)`
    : '';
  const t = `$threshold::DOUBLE`;
  return `
SELECT ssa, level, type, title, region,
       ej IS NOT NULL AS in_work_end,
       CASE WHEN fj.hourly IS NOT NULL AND ej.hourly IS NOT NULL THEN ej.hourly > fj.hourly * ${ratio} * (1 + $min_gain) END AS real_wage_gain,
       CASE WHEN fj.hours IS NOT NULL AND ej.hours IS NOT NULL THEN ej.hours - fj.hours END AS hours_change,
       CASE WHEN fj.hours IS NOT NULL AND ej.hours IS NOT NULL THEN ej.hours - fj.hours > 0 END AS hours_up,
       CASE WHEN fj.contract IN (${TEMPORARY}) AND ej.contract IS NOT NULL THEN ej.contract = 'permanent' END AS temp_to_permanent,
       CASE WHEN in_window THEN invol END AS involuntary_exit,
       CASE WHEN claim_base THEN repeat_claim END AS repeat_claim,
       CASE WHEN ${t} IS NOT NULL AND ej.hourly IS NOT NULL THEN ej.hourly < ${t} END AS low_pay,
       CASE WHEN fj.hourly < ${t} AND ej.hourly IS NOT NULL THEN ej.hourly < ${t} END AS low_pay_persistence,
       CASE WHEN in_window THEN training END AS training,
       CASE WHEN fj.skill IS NOT NULL AND ej.skill IS NOT NULL THEN ej.skill > fj.skill END AS skill_up,
       CASE WHEN fj.hourly IS NOT NULL AND ej.hourly IS NOT NULL THEN ej.hourly / fj.hourly - 1 END AS wage_gain,
       ej.hourly AS hourly_pay_end,
       ($months::DOUBLE * days) / (e - a) AS months_in_work
  FROM ${PERSON_TABLE} ${joins}
 WHERE status = 'analysed'`;
}

function groupingSql(sets: GroupDimension[][], by: GroupDimension[]): { groupBy: string; gid: string } {
  return {
    groupBy: `GROUPING SETS (${sets.map((s) => `(${s.join(', ')})`).join(', ')})`,
    gid: by.length === 0 ? '0' : `grouping(${by.join(', ')})`,
  };
}

/** The grouping() bitmask DuckDB gives a set: bit (n-1-i) is 1 when by[i] is not grouped. */
function gidOf(set: GroupDimension[], by: GroupDimension[]): number {
  return by.reduce((m, d, i) => (set.includes(d) ? m : m | (1 << (by.length - 1 - i))), 0);
}

/** Pass 3: per-group counts and sums. */
function countsSql(sets: GroupDimension[][], by: GroupDimension[], priceIndex: boolean): string {
  const g = groupingSql(sets, by);
  const shares = SHARE_MEASURES.map((m) => `count(*) FILTER (WHERE ${m}) AS ${m}_num, count(${m}) AS ${m}_den`);
  const medians = MEDIAN_MEASURES.map((m) => `count(${m}) AS ${m}_n`);
  const means = MEAN_MEASURES.map((m) => `count(${m}) AS ${m}_n, sum(${m}) AS ${m}_sum, sum(${m} * ${m}) AS ${m}_sumsq`);
  return `WITH v AS (${valuesSql(priceIndex)})
SELECT ${by.length > 0 ? `${by.join(', ')}, ` : ''}${g.gid} AS gid, count(*) AS people, ${[...shares, ...medians, ...means].join(', ')}
  FROM v GROUP BY ${g.groupBy}`;
}

/** Pass 4: the order statistics at the ranks given per count n (1-based; 0 = none). */
function orderStatsSql(sets: GroupDimension[][], by: GroupDimension[], priceIndex: boolean): string {
  const g = groupingSql(sets, by);
  const lists = MEDIAN_MEASURES.map((m) => `list_sort(list(${m}) FILTER (WHERE ${m} IS NOT NULL)) AS ${m}_xs`);
  const picks = MEDIAN_MEASURES.map(
    (m, i) => `l.${m}_xs[r${i}.m1] AS ${m}_m1, l.${m}_xs[r${i}.m2] AS ${m}_m2, l.${m}_xs[r${i}.lo] AS ${m}_lo, l.${m}_xs[r${i}.hi] AS ${m}_hi`,
  );
  const joins = MEDIAN_MEASURES.map((m, i) => `LEFT JOIN ranks r${i} ON r${i}.n = len(l.${m}_xs)`);
  return `WITH v AS (${valuesSql(priceIndex)}),
ranks AS (SELECT unnest($n) AS n, unnest($m1) AS m1, unnest($m2) AS m2, unnest($lo) AS lo, unnest($hi) AS hi),
l AS (SELECT ${by.length > 0 ? `${by.join(', ')}, ` : ''}${g.gid} AS gid, ${lists.join(', ')} FROM v GROUP BY ${g.groupBy})
SELECT ${by.length > 0 ? `${by.map((d) => `l.${d}`).join(', ')}, ` : ''}l.gid, ${picks.join(', ')}
  FROM l ${joins.join(' ')}`;
}

type Row = Record<string, unknown>;
const groupId = (keys: unknown[], gid: number) => JSON.stringify([gid, ...keys]);

function ranksParams(counts: Row[]): { params: Params; types: Types } {
  const ns = [...new Set(counts.flatMap((r) => MEDIAN_MEASURES.map((m) => num(r[`${m}_n`]))))].filter((n) => n > 0).sort((a, b) => a - b);
  const ranks = ns.map((n) => medianRanks(n));
  const col = (f: (r: ReturnType<typeof medianRanks>) => number) => listValue(ranks.map(f));
  const list = LIST(INTEGER);
  return {
    params: { n: listValue(ns), m1: col((r) => r.mid[0]), m2: col((r) => r.mid[1]), lo: col((r) => r.interval?.[0] ?? 0), hi: col((r) => r.interval?.[1] ?? 0) },
    types: { n: list, m1: list, m2: list, lo: list, hi: list },
  };
}

function aggregateFrom(count: Row, stats: Row | undefined, set: GroupDimension[], by: GroupDimension[]): GroupAggregate {
  const median = (m: MedianMeasure): MedianWithInterval => {
    const n = num(count[`${m}_n`]);
    if (n === 0 || !stats) return { n, median: null, low: null, high: null };
    return { n, median: medianOf(stats[`${m}_m1`] as number, stats[`${m}_m2`] as number), low: (stats[`${m}_lo`] as number | null) ?? null, high: (stats[`${m}_hi`] as number | null) ?? null };
  };
  return {
    by: set,
    keys: set.map((d) => (count[d] as string | null) ?? null),
    people: num(count.people),
    shares: Object.fromEntries(SHARE_MEASURES.map((m) => [m, { num: num(count[`${m}_num`]), den: num(count[`${m}_den`]) }])) as GroupAggregate['shares'],
    medians: Object.fromEntries(MEDIAN_MEASURES.map((m) => [m, median(m)])) as GroupAggregate['medians'],
    means: Object.fromEntries(
      MEAN_MEASURES.map((m) => [m, { n: num(count[`${m}_n`]), sum: num(count[`${m}_sum`] ?? 0), sumSq: num(count[`${m}_sumsq`] ?? 0) }]),
    ) as GroupAggregate['means'],
  };
}

/** Passes 3 and 4: the aggregates of every grouping set, in canonical order. */
async function countAggregates(store: Pick<Store, 'connection'>, sets: GroupDimension[][], by: GroupDimension[], base: Params, types: Types, priceIndex: boolean): Promise<GroupAggregate[]> {
  const counts = (await rows<Row>(store, countsSql(sets, by, priceIndex), base, types)).filter((r) => num(r.people) > 0);
  const ranks = ranksParams(counts);
  const stats = await rows<Row>(store, orderStatsSql(sets, by, priceIndex), { ...base, ...ranks.params }, { ...types, ...ranks.types });
  const statsById = new Map(stats.map((r) => [groupId(by.map((d) => r[d] ?? null), num(r.gid)), r]));
  const setByGid = new Map(sets.map((s) => [gidOf(s, by), s]));
  return counts
    .map((c) => {
      const gid = num(c.gid);
      // A dimension outside the set reads NULL: key only on the set's own.
      const set = setByGid.get(gid)!;
      const keys = by.map((d) => (set.includes(d) ? c[d] ?? null : null));
      return aggregateFrom(c, statsById.get(groupId(keys, gid)), set, by);
    })
    .sort(compareAggregates(sets));
}

/** Pass 5: route counts (routes.ts). */
async function countRoutesSql(store: Pick<Store, 'connection'>, options: RouteOptions): Promise<RouteCount[]> {
  const from = options.qualificationBy === 'title' ? 'title' : `coalesce(ssa, '${NOT_CODED}')`;
  const job = (j: string) => (options.occupationBy === 'title' ? `CASE WHEN ${j} IS NULL THEN '${NO_JOB}' ELSE ${j}.title END` : `CASE WHEN ${j} IS NULL THEN '${NO_JOB}' ELSE coalesce(${j}.soc, '${NOT_CODED}') END`);
  const r = await rows<Row>(
    store,
    `SELECT ${from} AS from_key, ${job('fj')} AS first_key, ${job('ej')} AS then_key, count(*) AS people,
            count(*) FILTER (WHERE fj.skill IS NOT NULL AND ej.skill IS NOT NULL AND ej.skill > fj.skill) AS up
       FROM ${PERSON_TABLE} WHERE status = 'analysed' GROUP BY ALL`,
  );
  return r.map((x) => ({ from: String(x.from_key), first: String(x.first_key), then: String(x.then_key), people: num(x.people), up: num(x.up) })).sort(compareRouteCounts);
}

async function countCoverage(store: Pick<Store, 'connection'>): Promise<ProgressionCoverage> {
  const r = await rows<{ status: string; n: bigint }>(store, `SELECT status, count(*) AS n FROM ${PERSON_TABLE} GROUP BY status`);
  const of = (s: string) => num(r.find((x) => x.status === s)?.n ?? 0);
  const c = { noQualification: of('no-qualification'), noDate: of('no-date'), incomplete: of('incomplete'), analysed: of('analysed') };
  return { people: c.noQualification + c.noDate + c.incomplete + c.analysed, ...c };
}

/** The years the compared jobs (first and end, both with an hourly pay) start in, for checking a price index. */
async function comparedYears(store: Pick<Store, 'connection'>): Promise<number[]> {
  const r = await rows<{ y: number }>(
    store,
    `SELECT DISTINCT year(${EPOCH} + unnest([fj.s, ej.s])) AS y FROM ${PERSON_TABLE} WHERE status = 'analysed' AND fj.hourly IS NOT NULL AND ej.hourly IS NOT NULL`,
  );
  return r.map((x) => num(x.y));
}

/**
 * Count a dataset's progression: the same result as
 * progressionFromHistories (src/core/progression/from-histories.ts) on the
 * dataset's records. Throws UsageError when a price index lacks a year.
 */
export async function countProgression(store: Pick<Store, 'connection'>, datasetId: number, settings: ProgressionSettings, options: CountOptions = {}): Promise<ProgressionCounts> {
  const by = [...(options.by ?? DEFAULT_BY)];
  const sets = groupingSets(by, options.margins ?? true);
  const routeOptions = { ...DEFAULT_ROUTES, ...options.routes };
  const ctx = await countContext(store, datasetId);
  const observedTo = settings.observedTo ?? ctx.latest;
  const medianHourly = ctx.mid === null ? null : medianOf(ctx.mid[0], ctx.mid[1]);
  const threshold = lowPayThreshold(settings, medianHourly);
  const region = options.region ?? null;
  await store.connection.run(personTableSql(region !== null), { dataset: datasetId, months: settings.months, observed: observedTo, ...(region !== null ? { region } : {}) }, { observed: INTEGER });
  try {
    const index = settings.realGain.priceIndex;
    if (index) checkPriceIndex(settings.realGain, await comparedYears(store));
    const years = index ? Object.keys(index).map(Number) : [];
    const base: Params = {
      months: settings.months,
      threshold,
      min_gain: settings.realGain.minGain,
      ...(index ? { years: listValue(years), index: listValue(years.map((y) => index[y])) } : { inflation: settings.realGain.inflation }),
    };
    const types: Types = { threshold: DOUBLE, min_gain: DOUBLE, months: INTEGER, ...(index ? { years: LIST(INTEGER), index: LIST(DOUBLE) } : { inflation: DOUBLE }) };
    return {
      settings,
      context: { observedTo, medianHourly, spellsWithPay: ctx.n, lowPayThreshold: threshold },
      sets,
      coverage: await countCoverage(store),
      aggregates: await countAggregates(store, sets, by, base, types, index !== undefined),
      routeOptions,
      routes: await countRoutesSql(store, routeOptions),
    };
  } finally {
    await store.connection.run(`DROP TABLE IF EXISTS ${PERSON_TABLE}`);
  }
}

/**
 * The occupational moves network (moves.ts) of a dataset's people, or of one
 * region's: consecutive dated spells in start order (first listed on a tie).
 */
export async function countMoves(store: Pick<Store, 'connection'>, datasetId: number, occupationBy: OccupationBy, region: string | null = null): Promise<MovesNetwork> {
  const key = occupationBy === 'title' ? 'o.title' : 'o.soc_submajor';
  const regionJoin = region === null ? '' : 'JOIN people p ON p.dataset_id = o.dataset_id AND p.person_key = o.person_key AND p.region = $region';
  const r = await rows<{ kind: string; a: string; b: string | null; people: bigint }>(
    store,
    `WITH sp AS (
       SELECT o.person_key, ${key} AS k, lag(${key}) OVER (PARTITION BY o.person_key ORDER BY o.started_on, o.rowid) AS prev
         FROM occupations o ${regionJoin} WHERE o.dataset_id = $dataset AND ${PLACED}
     ), moves AS (
       SELECT DISTINCT person_key, prev AS a, k AS b FROM sp WHERE prev IS NOT NULL AND k IS NOT NULL AND prev <> k
     )
     SELECT 'edge' AS kind, a, b, count(*) AS people FROM moves GROUP BY a, b
     UNION ALL SELECT 'node', k, NULL, count(DISTINCT person_key) FROM sp WHERE k IS NOT NULL GROUP BY k
     UNION ALL SELECT 'in', b, NULL, count(DISTINCT person_key) FROM moves GROUP BY b
     UNION ALL SELECT 'out', a, NULL, count(DISTINCT person_key) FROM moves GROUP BY a`,
    { dataset: datasetId, ...(region === null ? {} : { region }) },
  );
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const of = (kind: string) => new Map(r.filter((x) => x.kind === kind).map((x) => [x.a, num(x.people)]));
  const [ins, outs] = [of('in'), of('out')];
  return {
    occupationBy,
    nodes: [...of('node')].map(([id, people]) => ({ id, people, movedIn: ins.get(id) ?? 0, movedOut: outs.get(id) ?? 0 })).sort((x, y) => cmp(x.id, y.id)),
    edges: r
      .filter((x) => x.kind === 'edge')
      .map((x) => ({ from: x.a, to: x.b!, people: num(x.people) }))
      .sort((x, y) => cmp(x.from, y.from) || cmp(x.to, y.to)),
  };
}
