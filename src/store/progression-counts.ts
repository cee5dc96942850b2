/**
 * The SQL that reduces a dataset's employment histories to the progression
 * counts (src/core/progression/counts.ts): per-group counts of people, sums
 * and order statistics, route counts and the occupational moves network.
 * Every rule is the pure core's (src/core/progression/), restated in SQL and
 * tested to give identical results (test/progression/).
 *
 * The person-level facts live in TEMP tables (`prog_person`: one row per
 * person of the population with their status and facts; `prog_values`: each
 * analysed person's value for each measure), dropped after the pass, so
 * records never leave the store; what leaves is counts, sums, and the order
 * statistics a median and its exact interval need.
 *
 * Passes: (1) context: the day the records run to and the dataset's median
 * hourly pay; (2) the person table; (3) counts and sums by the finest
 * grouping, added up into every margin; (4) the order statistics of the
 * medians over GROUPING SETS, at the ranks the core works out from each
 * group's count (an exact binomial interval needs them); (5) route counts.
 * The moves network (countMoves) is a pass of its own over all spells.
 */
import { DOUBLE, INTEGER, LIST, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { MEAN_MEASURES, MEDIAN_MEASURES, SHARE_MEASURES, type MedianMeasure } from '../core/progression/catalogue.js';
import { compareAggregates, groupingSets, type AggregateKeys, type GroupAggregate } from '../core/progression/aggregate.js';
import { DEFAULT_BY, DEFAULT_ROUTES, lowPayThreshold, type CountOptions, type ProgressionCounts, type ProgressionCoverage } from '../core/progression/counts.js';
import { MONTHS_PER_YEAR, WEEKS_PER_YEAR } from '../core/progression/pay.js';
import { checkPriceIndex, DAYS_PER_YEAR } from '../core/progression/person-values.js';
import { compareRouteCounts, NO_JOB, NOT_CODED, type OccupationBy, type RouteCount, type RouteOptions } from '../core/progression/routes.js';
import type { MovesNetwork } from '../core/progression/moves.js';
import { GROUP_DIMENSIONS, type GroupDimension, type ProgressionSettings } from '../core/progression/settings.js';
import { SOC_MAJOR_SKILL } from '../core/progression/skill.js';
import { CONTRACTS, NON_PERMANENT } from '../core/progression/spells.js';
import { medianOf, medianRanks, type MedianWithInterval } from '../core/stats/median-interval.js';
import type { Store } from './database.js';
import { ensureRecordKeySecret, recordKeysSql } from './record-keys.js';
import { refuseCountsOnly } from './counts.js';

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
export const PLACED = `o.started_on IS NOT NULL AND (o.ended_on IS NULL OR o.ended_on >= o.started_on)`;
/** Gross hourly pay of occupations row `o` (pay.ts hourlyPay): same constants, same order of operations. */
const hourly = (o: string) => `CASE WHEN ${o}.pay > 0 THEN CASE ${o}.pay_period
      WHEN 'hour' THEN ${o}.pay
      WHEN 'week' THEN CASE WHEN ${o}.hours > 0 THEN ${o}.pay / ${o}.hours END
      WHEN 'month' THEN CASE WHEN ${o}.hours > 0 THEN (${o}.pay * ${MONTHS_PER_YEAR}) / (${WEEKS_PER_YEAR}::DOUBLE * ${o}.hours) END
      WHEN 'year' THEN CASE WHEN ${o}.hours > 0 THEN ${o}.pay / (${WEEKS_PER_YEAR}::DOUBLE * ${o}.hours) END END END`;
const HOURLY = hourly('o');
/** SOC major group -> skill level (skill.ts). */
const skill = (o: string) => `CASE ${o}.soc_major ${Object.entries(SOC_MAJOR_SKILL).map(([g, l]) => `WHEN '${g}' THEN ${l}`).join(' ')} END`;
const TEMPORARY = NON_PERMANENT.map((c) => `'${c}'`).join(', ');
const PERSON_TABLE = 'prog_person';
const VALUES_TABLE = 'prog_values';
/** A region's person view reads its region and the titles' clusters from these (a view takes no parameters). */
const SCOPE_TABLE = 'prog_scope';
const CLUSTERS_TABLE = 'prog_clusters';

/*
 * Picking one row per person by an order of preference: max() (or
 * arg_max_null) of a BIGINT whose high bits are the preference and whose low
 * 32 bits are 2^32 - 1 - rowid (so the first listed wins ties); arg_max with
 * a struct key or struct payload is several times slower. Preference,
 * high to low: qualification: highest flag (1) | level + 1 (4) | achievement
 * day (17); first job: covers the achievement day (2 = yes, latest start
 * wins; 1 = starts after it, earliest start wins) | start day (17); job at
 * the end: start day (17). Days count from 1900-01-01, clamped to 17 bits
 * (to 2258). Rowids must stay below 2^32 (4 billion rows a table).
 */
const ROW_UNIT = '4294967296';
const rowInv = (rowid: string) => `(4294967295 - ${rowid} % 4294967296)`;
const rowOf = (key: string) => `(4294967295 - ${key} % 4294967296)`;
const DAY_UNIT = '131072';
const DAY_MAX = '131071';
const daysKey = (days: string) => `least(greatest(${days} + 25567, 0), ${DAY_MAX})::BIGINT`;
const Q_KEY = `((coalesce(highest::BIGINT, 0) * 16 + least(greatest(coalesce(level, -1) + 1, 0), 15)) * ${DAY_UNIT}
      + coalesce(${daysKey(day('achieved_on'))}, 0)) * ${ROW_UNIT} + ${rowInv('rowid')}`;
const FIRST_KEY = `CASE WHEN s <= a THEN 2 * ${DAY_UNIT} + ${daysKey('s')} ELSE ${DAY_UNIT} + ${DAY_MAX} - ${daysKey('s')} END * ${ROW_UNIT} + ${rowInv('code')}`;
const END_KEY = `${daysKey('s')} * ${ROW_UNIT} + ${rowInv('code')}`;
/*
 * A spell's facts for the job columns, packed into one BIGINT so each job
 * needs three arg_max_null (code, hourly pay, hours) rather than one per
 * column: start day (17 bits, as in the keys) | SOC sub-major group (7; 0 =
 * not coded) | skill level (3; 0 = none) | contract (3; 0 = none, else its
 * place in CONTRACTS) | rowid (32). arg_max_null, not arg_max: arg_max skips
 * rows whose value is NULL and would take another spell's pay.
 */
const CONTRACT_CODE = `CASE o.contract ${CONTRACTS.map((c, i) => `WHEN '${c}' THEN ${i + 1}`).join(' ')} ELSE 0 END`;
const SPELL_CODE = `((((${daysKey(day('o.started_on'))} * 128 + coalesce(TRY_CAST(o.soc_submajor AS UTINYINT) % 128, 0)) * 8
      + coalesce(${skill('o')}, 0)) * 8 + ${CONTRACT_CODE}) * ${ROW_UNIT} + o.rowid % ${ROW_UNIT})`;
const jobPick = (key: string, p: string) => ['code', 'hourly', 'hours'].map((c) => `arg_max_null(${c}, ${key}) AS ${p}_${c}`).join(', ');
/** The job columns decoded from a picked code: f_* (first job) or e_* (job at the end); f_s NULL when there is none. */
const jobColumns = (p: string) => {
  const c = `(jobs.${p}_code // ${ROW_UNIT})`;
  return `(${c} // 8192)::INTEGER - 25567 AS ${p}_s, CASE WHEN ${c} // 64 % 128 > 0 THEN (${c} // 64 % 128)::VARCHAR END AS ${p}_soc,
         CASE WHEN ${c} // 8 % 8 > 0 THEN (${c} // 8 % 8)::INTEGER END AS ${p}_skill, jobs.${p}_hourly, jobs.${p}_hours,
         [${CONTRACTS.map((x) => `'${x}'`).join(', ')}][(${c} % 8)::INTEGER] AS ${p}_contract, jobs.${p}_code % ${ROW_UNIT} AS ${p}_r`;
};

/**
 * Pass 1: the last day recorded and the two middle hourly pays of the
 * dataset (all regions). quantile_disc(x, 0.5) is the lower middle value
 * x((n+1)/2) exactly (a selection, not a sort); the upper middle x(n/2+1) is
 * the same value when at least n/2+1 values are at or below it, else the
 * next larger value.
 */
export interface HistoryContext {
  latest: number | null;
  n: number;
  mid: [number, number] | null;
}

export async function countHistoryContext(store: Pick<Store, 'connection'>, datasetId: number): Promise<HistoryContext> {
  const [r] = await rows<{ latest: number | null; n: bigint; lo: number | null; hi: number | null }>(
    store,
    `WITH h AS MATERIALIZED (SELECT ${HOURLY} AS x, coalesce(o.ended_on, o.started_on) AS last FROM occupations o WHERE o.dataset_id = $dataset AND ${PLACED}),
          m AS (SELECT count(x) AS n, quantile_disc(x, 0.5) AS lo, max(last) AS latest FROM h)
     SELECT greatest(latest, (SELECT max(coalesce(b.ended_on, b.started_on)) FROM benefits b WHERE b.dataset_id = $dataset AND (b.ended_on IS NULL OR b.ended_on >= b.started_on)))
              - ${EPOCH} AS latest,
            n, lo,
            CASE WHEN n % 2 = 1 OR (SELECT count(*) FROM h WHERE x <= m.lo) >= n // 2 + 1 THEN lo ELSE (SELECT min(x) FROM h WHERE x > m.lo) END AS hi
       FROM m`,
    { dataset: datasetId },
  );
  const n = num(r.n ?? 0);
  return { latest: r.latest === null ? null : num(r.latest), n, mid: n > 0 ? [r.lo!, r.hi!] : null };
}

/** A title's cluster from two bound lists (titles, cluster ids): no table is written for it. */
const clusterOf = (title: string, clustered: boolean) => (clustered ? `list_extract($cl_i, list_position($cl_t, ${title}))` : 'NULL::VARCHAR');

let populationCounter = 0;

/**
 * Pass 2 for every region at once, kept for a run of many reports: a
 * region's person table is then its rows of this one (its people's facts do
 * not depend on the region asked for), not a pass over the records per region.
 */
export interface PopulationTable {
  table: string;
  drop(): Promise<void>;
}

export async function preparePopulation(store: Pick<Store, 'connection'>, datasetId: number, months: number, observed: number | null): Promise<PopulationTable> {
  const table = `prog_population_${process.pid}_${++populationCounter}`;
  await store.connection.run(personTableSql(false, false, table), { dataset: datasetId, months, observed }, { observed: INTEGER });
  return { table, drop: async () => void (await store.connection.run(`DROP TABLE IF EXISTS ${table}`)) };
}

/** What a run of many reports counts once: pass 1, and pass 2 for every region (by the settings that shape it). */
export interface KnownHistory {
  history?: Promise<HistoryContext>;
  population?: (months: number, observed: number | null) => Promise<PopulationTable>;
}

/**
 * Pass 2: one row per person of the population, with a qualification or not
 * (status), and the facts of person.ts: the first job's and the end job's
 * columns (f_*, e_*; f_s / e_s NULL when there is none), and the flags.
 */
export function personTableSql(regionFilter: boolean, clustered = false, table = PERSON_TABLE): string {
  const cluster = clusterOf('x.title', clustered);
  // Within a region, records are read for its people only: filtering people alone left every
  // record of the dataset grouped and joined (a third of this table's time per region).
  const ofRegion = regionFilter ? ' AND person_key IN (SELECT person_key FROM people WHERE dataset_id = $dataset AND region = $region)' : '';
  return `
CREATE OR REPLACE TEMP TABLE ${table} AS
WITH q AS (
  SELECT person_key, ${rowOf(`max(${Q_KEY})`)} AS qr FROM qualifications WHERE dataset_id = $dataset${ofRegion} GROUP BY person_key
), pop0 AS (
  SELECT p.person_key, p.region, x.title, ${cluster} AS cluster, x.ssa, x.level::VARCHAR AS level, x.type, ${day('x.achieved_on')} AS a, q.qr IS NOT NULL AS has_q
    FROM people p LEFT JOIN q ON q.person_key = p.person_key LEFT JOIN qualifications x ON x.rowid = q.qr
   WHERE p.dataset_id = $dataset ${regionFilter ? 'AND p.region = $region' : ''}
), pop AS (
  SELECT *, CASE WHEN a IS NOT NULL THEN (((${EPOCH} + a) + to_months($months::INTEGER))::DATE - ${EPOCH})::INTEGER END AS e FROM pop0
), pop2 AS (
  SELECT *, CASE WHEN NOT has_q THEN 'no-qualification' WHEN a IS NULL THEN 'no-date'
                 WHEN $observed::INTEGER IS NULL OR e > $observed::INTEGER THEN 'incomplete' ELSE 'analysed' END AS status
    FROM pop
), an AS (
  SELECT person_key, a, e FROM pop2 WHERE status = 'analysed'
), sp0 AS (
  SELECT o.person_key, ${day('o.started_on')} AS s, ${day('o.ended_on')} AS f, ${SPELL_CODE} AS code, ${HOURLY} AS hourly, o.hours,
         o.exit_reason = 'involuntary' AS invol, o.employment_type = 'training' AS train
    FROM occupations o WHERE o.dataset_id = $dataset${ofRegion} AND ${PLACED}
), sp AS (
  SELECT sp0.*, an.a, an.e FROM sp0 JOIN an ON an.person_key = sp0.person_key WHERE sp0.s <= an.e AND (sp0.f IS NULL OR sp0.f >= an.a)
), jobs AS (
  SELECT person_key,
         ${jobPick(FIRST_KEY, 'f')},
         ${jobPick(`CASE WHEN f IS NULL OR f >= e THEN ${END_KEY} END`, 'e')},
         bool_or(s < e) AS in_window,
         bool_or(f IS NOT NULL AND f < e AND invol) AS invol,
         bool_or(train AND s < e AND (f IS NULL OR f > a)) AS training
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
SELECT pop2.person_key, pop2.region, pop2.title, pop2.cluster, pop2.ssa, pop2.level, pop2.type, pop2.a, pop2.e, pop2.status,
       ${jobColumns('f')},
       ${jobColumns('e')},
       coalesce(jobs.in_window, false) AS in_window, coalesce(jobs.invol, false) AS invol,
       coalesce(jobs.training, false) AS training, coalesce(days.days, 0) AS days,
       coalesce(ben.claim_base, false) AS claim_base, coalesce(ben.repeat_claim, false) AS repeat_claim
  FROM pop2 LEFT JOIN jobs ON jobs.person_key = pop2.person_key
  LEFT JOIN days ON days.person_key = pop2.person_key LEFT JOIN ben ON ben.person_key = pop2.person_key`;
}

/** Each analysed person's values (person-values.ts), one column per measure. */
function valuesSql(priceIndex: boolean, keys: string | null): string {
  const ratio = priceIndex ? `(pe.v / pf.v)` : `power(1 + $inflation, (e_s - f_s) / ${DAYS_PER_YEAR}::DOUBLE)`;
  const joins = priceIndex
    ? `LEFT JOIN (SELECT unnest($years) AS y, unnest($index) AS v) pf ON pf.y = year(${EPOCH} + f_s)
       LEFT JOIN (SELECT unnest($years) AS y, unnest($index) AS v) pe ON pe.y = year(${EPOCH} + e_s)`
    : '';
  const t = `$threshold::DOUBLE`;
  const keyJoin = keys === null ? '' : `LEFT JOIN (${keys}) rk ON rk.person_key = ${PERSON_TABLE}.person_key`;
  return `
SELECT ssa, level, type, title, cluster, region,${keys === null ? '' : ' coalesce(rk.rkey, 0) AS rkey,'}
       e_s IS NOT NULL AS in_work_end,
       CASE WHEN f_hourly IS NOT NULL AND e_hourly IS NOT NULL THEN e_hourly > f_hourly * ${ratio} * (1 + $min_gain) END AS real_wage_gain,
       CASE WHEN f_hours IS NOT NULL AND e_hours IS NOT NULL THEN e_hours - f_hours END AS hours_change,
       CASE WHEN f_hours IS NOT NULL AND e_hours IS NOT NULL THEN e_hours - f_hours > 0 END AS hours_up,
       CASE WHEN f_contract IN (${TEMPORARY}) AND e_contract IS NOT NULL THEN e_contract = 'permanent' END AS temp_to_permanent,
       CASE WHEN in_window THEN invol END AS involuntary_exit,
       CASE WHEN claim_base THEN repeat_claim END AS repeat_claim,
       CASE WHEN ${t} IS NOT NULL AND e_hourly IS NOT NULL THEN e_hourly < ${t} END AS low_pay,
       CASE WHEN f_hourly < ${t} AND e_hourly IS NOT NULL THEN e_hourly < ${t} END AS low_pay_persistence,
       CASE WHEN in_window THEN training END AS training,
       CASE WHEN f_skill IS NOT NULL AND e_skill IS NOT NULL THEN e_skill > f_skill END AS skill_up,
       CASE WHEN f_hourly IS NOT NULL AND e_hourly IS NOT NULL THEN e_hourly / f_hourly - 1 END AS wage_gain,
       e_hourly AS hourly_pay_end,
       ($months::DOUBLE * days) / (e - a) AS months_in_work
  FROM ${PERSON_TABLE} ${joins} ${keyJoin}
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

/** Pass 3: counts and sums by the finest grouping (`by`); every margin is their sum (rollUp). */
function countsSql(by: GroupDimension[], keyed: boolean): string {
  const shares = SHARE_MEASURES.map((m) => `count(*) FILTER (WHERE ${m}) AS ${m}_num, count(${m}) AS ${m}_den`);
  const medians = MEDIAN_MEASURES.map((m) => `count(${m}) AS ${m}_n`);
  const means = MEAN_MEASURES.map((m) => `count(${m}) AS ${m}_n, sum(${m}) AS ${m}_sum, sum(${m} * ${m}) AS ${m}_sumsq`);
  // Sums of record keys (cell keys before the modulo): additive, so margins are sums like the counts.
  const keys = keyed
    ? [
        'sum(rkey) AS people_key',
        ...SHARE_MEASURES.map((m) => `coalesce(sum(rkey) FILTER (WHERE ${m}), 0) AS ${m}_numkey, coalesce(sum(rkey) FILTER (WHERE ${m} IS NOT NULL), 0) AS ${m}_denkey`),
        ...[...MEDIAN_MEASURES, ...MEAN_MEASURES].map((m) => `coalesce(sum(rkey) FILTER (WHERE ${m} IS NOT NULL), 0) AS ${m}_nkey`),
      ]
    : [];
  return `SELECT ${by.length > 0 ? `${by.join(', ')}, ` : ''}count(*) AS people, ${[...shares, ...medians, ...means, ...keys].join(', ')}
  FROM ${VALUES_TABLE} ${by.length > 0 ? 'GROUP BY ALL' : ''}`;
}

/**
 * The finest groups' counts and sums added up over each grouping set (counts
 * of people and sums are additive; medians are not). Each row's numbers are
 * read once into an array and added as arrays: with titles among the
 * dimensions there are tens of thousands of finest groups.
 */
function rollUp(finest: Row[], sets: GroupDimension[][], by: GroupDimension[]): Array<{ set: GroupDimension[]; row: Row }> {
  const names = finest.length > 0 ? Object.keys(finest[0]!).filter((k) => !DIMS.has(k)) : [];
  const values = finest.map((r) => Float64Array.from(names, (k) => (r[k] === null ? 0 : Number(r[k]))));
  const out: Array<{ set: GroupDimension[]; row: Row }> = [];
  for (const set of sets) {
    const groups = new Map<string, { dims: (string | null)[]; sum: Float64Array }>();
    finest.forEach((r, i) => {
      const dims = by.map((d) => (set.includes(d) ? ((r[d] as string | null) ?? null) : null));
      const id = JSON.stringify(dims);
      const acc = groups.get(id);
      if (!acc) groups.set(id, { dims, sum: Float64Array.from(values[i]!) });
      else for (let k = 0; k < names.length; k++) acc.sum[k]! += values[i]![k]!;
    });
    for (const g of groups.values()) out.push({ set, row: { ...Object.fromEntries(by.map((d, i) => [d, g.dims[i]])), ...Object.fromEntries(names.map((k, i) => [k, g.sum[i]!])) } });
  }
  return out;
}

const DIMS = new Set<string>(GROUP_DIMENSIONS);

/** Pass 4: the order statistics at the ranks given per count n (1-based; 0 = none). */
function orderStatsSql(sets: GroupDimension[][], by: GroupDimension[]): string {
  const g = groupingSql(sets, by);
  const lists = MEDIAN_MEASURES.map((m) => `list(${m} ORDER BY ${m}) FILTER (WHERE ${m} IS NOT NULL) AS ${m}_xs`);
  const picks = MEDIAN_MEASURES.map(
    (m, i) => `l.${m}_xs[r${i}.m1] AS ${m}_m1, l.${m}_xs[r${i}.m2] AS ${m}_m2, l.${m}_xs[r${i}.lo] AS ${m}_lo, l.${m}_xs[r${i}.hi] AS ${m}_hi`,
  );
  const joins = MEDIAN_MEASURES.map((m, i) => `LEFT JOIN ranks r${i} ON r${i}.n = len(l.${m}_xs)`);
  return `WITH ranks AS (SELECT unnest($n) AS n, unnest($m1) AS m1, unnest($m2) AS m2, unnest($lo) AS lo, unnest($hi) AS hi),
l AS (SELECT ${by.length > 0 ? `${by.join(', ')}, ` : ''}${g.gid} AS gid, ${lists.join(', ')} FROM ${VALUES_TABLE} GROUP BY ${g.groupBy})
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

const KEY_MOD = 4096;
const keyOf = (r: Row, col: string) => num(r[col] ?? 0) % KEY_MOD;

function keysFrom(count: Row): AggregateKeys {
  return {
    people: keyOf(count, 'people_key'),
    shares: Object.fromEntries(SHARE_MEASURES.map((m) => [m, { num: keyOf(count, `${m}_numkey`), den: keyOf(count, `${m}_denkey`) }])) as AggregateKeys['shares'],
    bases: Object.fromEntries([...MEDIAN_MEASURES, ...MEAN_MEASURES].map((m) => [m, keyOf(count, `${m}_nkey`)])) as AggregateKeys['bases'],
  };
}

function aggregateFrom(count: Row, stats: Row | undefined, set: GroupDimension[], keyed: boolean): GroupAggregate {
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
    ...(keyed ? { cellKeys: keysFrom(count) } : {}),
  };
}

/** Passes 3 and 4: the aggregates of every grouping set, in canonical order (from the values table). */
async function countAggregates(store: Pick<Store, 'connection'>, sets: GroupDimension[][], by: GroupDimension[], keyed: boolean): Promise<GroupAggregate[]> {
  const finest = (await rows<Row>(store, countsSql(by, keyed))).filter((r) => num(r.people) > 0);
  const counts = rollUp(finest, sets, by);
  const ranks = ranksParams(counts.map((c) => c.row));
  const stats = await rows<Row>(store, orderStatsSql(sets, by), ranks.params, ranks.types);
  const statsById = new Map(stats.map((r) => [groupId(by.map((d) => r[d] ?? null), num(r.gid)), r]));
  return counts
    .map(({ set, row }) => aggregateFrom(row, statsById.get(groupId(by.map((d) => row[d] ?? null), gidOf(set, by))), set, keyed))
    .sort(compareAggregates(sets));
}

const UP = 'f_skill IS NOT NULL AND e_skill IS NOT NULL AND e_skill > f_skill';

/** Pass 5: route counts (routes.ts). */
async function countRoutesSql(store: Pick<Store, 'connection'>, options: RouteOptions, keys: KeySource | null): Promise<RouteCount[]> {
  const from = options.qualificationBy === 'title' ? `${PERSON_TABLE}.title` : `coalesce(ssa, '${NOT_CODED}')`;
  const byTitle = options.occupationBy === 'title';
  const job = (j: string) => (byTitle ? `CASE WHEN ${j}_s IS NULL THEN '${NO_JOB}' ELSE ${j}o.title END` : `CASE WHEN ${j}_s IS NULL THEN '${NO_JOB}' ELSE coalesce(${j}_soc, '${NOT_CODED}') END`);
  const titles = byTitle ? `LEFT JOIN occupations fo ON fo.rowid = f_r LEFT JOIN occupations eo ON eo.rowid = e_r` : '';
  const keyJoin = keys === null ? '' : `LEFT JOIN (${keys.sql}) rk ON rk.person_key = ${PERSON_TABLE}.person_key`;
  const r = await rows<Row>(
    store,
    `SELECT ${from} AS from_key, ${job('f')} AS first_key, ${job('e')} AS then_key, count(*) AS people,
            count(*) FILTER (WHERE ${UP}) AS up
            ${keys === null ? '' : `, coalesce(sum(rk.rkey), 0) AS cell_key, coalesce(sum(rk.rkey) FILTER (WHERE ${UP}), 0) AS up_key`}
       FROM ${PERSON_TABLE} ${titles} ${keyJoin} WHERE status = 'analysed' GROUP BY ALL`,
    keys?.params ?? {},
  );
  return r
    .map((x) => ({ from: String(x.from_key), first: String(x.first_key), then: String(x.then_key), people: num(x.people), up: num(x.up), ...(keys === null ? {} : { key: keyOf(x, 'cell_key'), upKey: keyOf(x, 'up_key') }) }))
    .sort(compareRouteCounts);
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
    `SELECT DISTINCT year(${EPOCH} + unnest([f_s, e_s])) AS y FROM ${PERSON_TABLE} WHERE status = 'analysed' AND f_hourly IS NOT NULL AND e_hourly IS NOT NULL`,
  );
  return r.map((x) => num(x.y));
}

/** Where the record keys come from: the table prepared for a run, or computed in the query (recordKeysSql). */
interface KeySource {
  sql: string;
  params: Params;
}

async function keySource(store: Pick<Store, 'connection'>, datasetId: number, asked: CountOptions['cellKeys']): Promise<KeySource | null> {
  if (!asked) return null;
  if (typeof asked === 'object') {
    if (asked.datasetId !== datasetId) throw new RangeError(`countProgression: record keys prepared for dataset ${asked.datasetId}, not ${datasetId}`);
    return { sql: `SELECT person_key, rkey FROM ${asked.table}`, params: {} };
  }
  await ensureRecordKeySecret(store);
  return { sql: recordKeysSql('$rk_dataset'), params: { rk_dataset: datasetId } };
}

/**
 * Pass 2 for the people of `region` (null: all): from the population table
 * when one is kept, else from the records. From the population it is a view
 * (the region's rows, each title's cluster joined from a small table), not a
 * copy: at 10M people a copy beside the population took the publish's peak
 * memory from 3.6 to 8.2 GiB. Returns what to drop afterwards.
 */
async function personTable(
  store: Pick<Store, 'connection'>,
  datasetId: number,
  months: number,
  observed: number | null,
  region: string | null,
  clusters: Params | null,
  population: KnownHistory['population'],
): Promise<string> {
  const c = store.connection;
  const regionParam: Params = region !== null ? { region } : {};
  if (!population) {
    await c.run(personTableSql(region !== null, clusters !== null), { dataset: datasetId, months, observed, ...regionParam, ...clusters }, { observed: INTEGER });
    return `DROP TABLE IF EXISTS ${PERSON_TABLE}`;
  }
  const { table } = await population(months, observed);
  await c.run(`CREATE OR REPLACE TEMP TABLE ${SCOPE_TABLE} AS SELECT CAST($region AS VARCHAR) AS region`, { region });
  await c.run(
    clusters
      ? `CREATE OR REPLACE TEMP TABLE ${CLUSTERS_TABLE} AS SELECT unnest($cl_t) AS title, unnest($cl_i) AS cluster`
      : `CREATE OR REPLACE TEMP TABLE ${CLUSTERS_TABLE} (title VARCHAR, cluster VARCHAR)`,
    clusters ?? {},
  );
  await c.run(
    `CREATE OR REPLACE TEMP VIEW ${PERSON_TABLE} AS
     SELECT p.* REPLACE (c.cluster AS cluster) FROM ${table} p LEFT JOIN ${CLUSTERS_TABLE} c ON c.title = p.title
     ${region !== null ? `WHERE p.region = (SELECT region FROM ${SCOPE_TABLE})` : ''}`,
  );
  return `DROP VIEW IF EXISTS ${PERSON_TABLE}; DROP TABLE IF EXISTS ${SCOPE_TABLE}; DROP TABLE IF EXISTS ${CLUSTERS_TABLE}`;
}

/**
 * Count a dataset's progression: the same result as
 * progressionFromHistories (src/core/progression/from-histories.ts) on the
 * dataset's records. Throws UsageError when a price index lacks a year.
 */
export async function countProgression(
  store: Pick<Store, 'connection'>,
  datasetId: number,
  settings: ProgressionSettings,
  options: CountOptions = {},
  /** Passes 1 and 2 when already counted: the same for every region of the dataset. */
  known: KnownHistory = {},
): Promise<ProgressionCounts> {
  await refuseCountsOnly(store, datasetId, 'progression (employment histories)');
  const by = [...(options.by ?? DEFAULT_BY)];
  const sets = options.sets ?? groupingSets(by, options.margins ?? true);
  for (const set of sets) for (const d of set) if (!by.includes(d)) throw new RangeError(`countProgression: grouping set (${set.join(', ')}) is not within by (${by.join(', ')})`);
  const routeOptions = { ...DEFAULT_ROUTES, ...options.routes };
  const ctx = await (known.history ?? countHistoryContext(store, datasetId));
  const observedTo = settings.observedTo ?? ctx.latest;
  const medianHourly = ctx.mid === null ? null : medianOf(ctx.mid[0], ctx.mid[1]);
  const threshold = lowPayThreshold(settings, medianHourly);
  const region = options.region ?? null;
  const clusters = options.clusters && options.clusters.size > 0 ? { cl_t: listValue([...options.clusters.keys()]), cl_i: listValue([...options.clusters.values()]) } : null;
  const dropPersons = await personTable(store, datasetId, settings.months, observedTo, region, clusters, known.population);
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
    const keys = await keySource(store, datasetId, options.cellKeys);
    await store.connection.run(`CREATE OR REPLACE TEMP TABLE ${VALUES_TABLE} AS ${valuesSql(index !== undefined, keys?.sql ?? null)}`, { ...base, ...keys?.params }, types);
    return {
      settings,
      context: { observedTo, medianHourly, spellsWithPay: ctx.n, lowPayThreshold: threshold },
      sets,
      coverage: await countCoverage(store),
      aggregates: await countAggregates(store, sets, by, keys !== null),
      routeOptions,
      routes: await countRoutesSql(store, routeOptions, keys),
    };
  } finally {
    await store.connection.run(`DROP TABLE IF EXISTS ${VALUES_TABLE}; ${dropPersons}`);
  }
}

/**
 * The occupational moves network (moves.ts) of a dataset's people, or of one
 * region's: consecutive dated spells in start order (first listed on a tie).
 */
export async function countMoves(store: Pick<Store, 'connection'>, datasetId: number, occupationBy: OccupationBy, region: string | null = null): Promise<MovesNetwork> {
  await refuseCountsOnly(store, datasetId, "people's moves between jobs (employment histories)");
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

/** Dated spells of a dataset (employment histories): progression has nothing to follow without them. */
export async function countDatedSpells(store: Pick<Store, 'connection'>, datasetId: number): Promise<number> {
  const [r] = await rows<{ n: bigint }>(store, `SELECT count(*) AS n FROM occupations o WHERE o.dataset_id = $dataset AND ${PLACED}`, { dataset: datasetId });
  return num(r?.n ?? 0);
}
