/**
 * The aggregation queries `routeways sql` prints: run in a warehouse over an
 * extract held there, they give the count tables `routeways import-counts`
 * loads. Three tables, each one SELECT:
 *
 *  - regions:  people per region (as held);
 *  - patterns: each distinct incidence pattern of people with both a
 *    qualification and an occupation (region, the set of qualification
 *    titles, the set of occupation titles) with how many people share it and
 *    the sum of their record keys. Node, link and cluster counts and their
 *    cell keys are sums over patterns, and the bootstrap resamples patterns
 *    with their multiplicity, so no person id leaves the warehouse;
 *  - pathways: the pathway cube (src/store/pathway-counts.ts) by region, from
 *    each person's highest qualification and latest occupation.
 *
 * Values that Routeways classifies (region, SSA, SOC, qualification and
 * employment type) are grouped as held and classified by import-counts with
 * the shipped classifications, as `import` does. The few values the queries
 * must read themselves to pick a person's rows (level, dates, highest) are
 * normalised here the way `import` reads them.
 */
import type { Dialect } from './dialects.js';
import type { WarehouseMapping } from './mapping.js';

export const COUNT_TABLES = ['regions', 'patterns', 'pathways'] as const;
export type CountTable = (typeof COUNT_TABLES)[number];

/** The columns of each count table, in order: import-counts checks them by these names. */
export const COUNT_COLUMNS: Readonly<Record<CountTable, readonly string[]>> = {
  regions: ['region', 'people'],
  patterns: ['region', 'qualifications', 'occupations', 'people', 'key_sum'],
  pathways: ['region', 'level', 'ssa', 'qualification_type', 'soc', 'employment_type', 'has_occupation', 'people', 'key_sum', 'weight_sum', 'weight_sq_sum', 'missing_weight'],
};

const SECRET = /^[0-9a-f]{64}$/;

interface Ctx {
  d: Dialect;
  m: WarehouseMapping;
  secret: string;
}

/** A column of alias `a` as text, or a typed NULL when the warehouse does not hold it. */
function text(c: Ctx, alias: string, column: string | null): string {
  return column === null ? `CAST(NULL AS ${c.d.text})` : `CAST(${alias}.${c.d.ident(column)} AS ${c.d.text})`;
}

/** The secret and every person's region and record key: the CTEs each query starts with. */
function keyedPeople(c: Ctx): string {
  const p = c.m.people;
  return `rw_secret AS (SELECT '${c.secret}' AS secret),
rw_people AS (
  SELECT ${text(c, 'p', p.person_id)} AS pid, ${text(c, 'p', p.region)} AS region
    FROM ${c.d.table(p.table)} p
),
rw_keyed AS (
  SELECT p.pid, p.region, ${c.d.recordKey('s.secret', 'p.pid')} AS rkey
    FROM rw_people p CROSS JOIN rw_secret s
)`;
}

function regionsSql(c: Ctx): string {
  const p = c.m.people;
  return `SELECT ${text(c, 'p', p.region)} AS region, COUNT(*) AS people
  FROM ${c.d.table(p.table)} p
 GROUP BY ${text(c, 'p', p.region)}`;
}

function patternsSql(c: Ctx): string {
  const { qualifications: q, occupations: o } = c.m;
  const titles = (alias: string, t: { table: string; person_id: string; title: string }) =>
    `SELECT DISTINCT ${text(c, alias, t.person_id)} AS pid, TRIM(${text(c, alias, t.title)}) AS item FROM ${c.d.table(t.table)} ${alias}`;
  return `WITH ${keyedPeople(c)},
rw_q AS (${titles('q', q)}),
rw_o AS (${titles('o', o)}),
rw_qp AS (SELECT pid, ${c.d.jsonArray('item')} AS items FROM rw_q WHERE item IS NOT NULL AND item <> '' GROUP BY pid),
rw_op AS (SELECT pid, ${c.d.jsonArray('item')} AS items FROM rw_o WHERE item IS NOT NULL AND item <> '' GROUP BY pid)
SELECT k.region, qp.items AS qualifications, op.items AS occupations, COUNT(*) AS people, SUM(k.rkey) AS key_sum
  FROM rw_keyed k JOIN rw_qp qp ON qp.pid = k.pid JOIN rw_op op ON op.pid = k.pid
 GROUP BY k.region, qp.items, op.items`;
}

/** A date as sortable 'YYYY-MM-DD' text (DATE, ISO text or DD/MM/YYYY), none or before 1900 as 1900-01-01, as the embedded count orders them. */
function dayKey(c: Ctx, alias: string, column: string | null): string {
  const v = `TRIM(${text(c, alias, column)})`;
  const iso = `CASE WHEN ${v} LIKE '__/__/____' THEN SUBSTR(${v}, 7, 4) || '-' || SUBSTR(${v}, 4, 2) || '-' || SUBSTR(${v}, 1, 2) ELSE SUBSTR(${v}, 1, 10) END`;
  return `CASE WHEN ${v} IS NULL OR ${iso} < '1900-01-01' THEN '1900-01-01' ELSE ${iso} END`;
}

/** Level 1-8 from '3', 'Level 3', 'L3'; NULL otherwise. */
function level(c: Ctx, alias: string, column: string | null): string {
  const v = c.d.stripLevelWord(`LOWER(TRIM(${text(c, alias, column)}))`);
  return `CASE WHEN ${v} IN ('1', '2', '3', '4', '5', '6', '7', '8') THEN CAST(${v} AS ${c.d.int}) END`;
}

function order(c: Ctx, alias: string, column: string | null): string {
  return column === null ? '0' : `COALESCE(${alias}.${c.d.ident(column)}, 0)`;
}

/** Each person's highest qualification, first by the highest flag, then level, then latest achieved, then first listed. */
function highestQualification(c: Ctx): string {
  const q = c.m.qualifications;
  const flag = `CASE WHEN LOWER(TRIM(${text(c, 'q', q.highest)})) IN ('true', 't', 'yes', 'y', '1') THEN 1 ELSE 0 END`;
  const weight = q.weight === null ? `CAST(NULL AS ${c.d.float})` : `CAST(q.${c.d.ident(q.weight)} AS ${c.d.float})`;
  return `SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.pid ORDER BY x.flag DESC, COALESCE(x.level, -1) DESC, x.day DESC, x.ord, x.ssa, x.qtype) AS rn
    FROM (SELECT ${text(c, 'q', q.person_id)} AS pid, ${flag} AS flag, ${level(c, 'q', q.level)} AS level, ${dayKey(c, 'q', q.achieved_on)} AS day,
                 ${order(c, 'q', q.row_order)} AS ord, ${text(c, 'q', q.ssa)} AS ssa, ${text(c, 'q', q.type)} AS qtype, ${weight} AS weight
            FROM ${c.d.table(q.table)} q) x`;
}

/** Each person's latest occupation (latest started, then first listed). */
function latestOccupation(c: Ctx): string {
  const o = c.m.occupations;
  return `SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.pid ORDER BY x.day DESC, x.ord, x.soc, x.etype) AS rn
    FROM (SELECT ${text(c, 'o', o.person_id)} AS pid, ${dayKey(c, 'o', o.started_on)} AS day, ${order(c, 'o', o.row_order)} AS ord,
                 ${text(c, 'o', o.soc)} AS soc, ${text(c, 'o', o.employment_type)} AS etype
            FROM ${c.d.table(o.table)} o) x`;
}

function pathwaysSql(c: Ctx): string {
  const has = 'CASE WHEN o.pid IS NULL THEN 0 ELSE 1 END';
  return `WITH ${keyedPeople(c)},
rw_hq AS (${highestQualification(c)}),
rw_lo AS (${latestOccupation(c)})
SELECT k.region, q.level, q.ssa, q.qtype AS qualification_type, o.soc, o.etype AS employment_type, ${has} AS has_occupation,
       COUNT(*) AS people, SUM(k.rkey) AS key_sum, SUM(q.weight) AS weight_sum, SUM(q.weight * q.weight) AS weight_sq_sum,
       SUM(CASE WHEN q.weight IS NULL THEN 1 ELSE 0 END) AS missing_weight
  FROM rw_keyed k JOIN rw_hq q ON q.pid = k.pid AND q.rn = 1 LEFT JOIN rw_lo o ON o.pid = k.pid AND o.rn = 1
 GROUP BY k.region, q.level, q.ssa, q.qtype, o.soc, o.etype, ${has}`;
}

/** The query of each count table, for a dialect and mapping; `secret` is the store's record-key secret (64 hex digits). */
export function countQueries(d: Dialect, m: WarehouseMapping, secret: string): Record<CountTable, string> {
  if (!SECRET.test(secret)) throw new RangeError('the record-key secret must be 64 lowercase hex digits');
  const c: Ctx = { d, m, secret };
  return { regions: regionsSql(c), patterns: patternsSql(c), pathways: pathwaysSql(c) };
}
