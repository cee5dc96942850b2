/**
 * The SQL that reduces a dataset's records to the counts the pathways
 * analysis works on (src/core/pathways/types.ts explains the rules): one row
 * per level x [region x] coverage status x SSA x qualification type x SOC
 * sub-major group x employment type, with distinct people and weight sums.
 *
 * Each person once: `arg_max` picks the highest qualification and the main
 * occupation per person in one grouped pass each (no window sort), which keeps
 * a 10M-person dataset within seconds.
 */
import { InputError } from '../core/errors.js';
import type { CoverageStatus, PathwayCountRow, PathwayCounts, PathwayLevel } from '../core/pathways/types.js';
import { queryRows, type Store } from './database.js';

export interface PathwayCountOptions {
  /** 2 or 3: only people whose highest qualification is at that level; 'all' or undefined: every level (rows carry the level). */
  level?: PathwayLevel;
  /** Only people in this region (code). */
  region?: string | null;
  /** Count by region as well. */
  byRegion?: boolean;
  /** Sum the weights of the highest qualifications. */
  weighted?: boolean;
}

interface Row {
  level: number | null;
  region?: string | null;
  status: CoverageStatus;
  ssa: string | null;
  qt: string | null;
  soc: string | null;
  et: string | null;
  n: bigint | number;
  w: number | null;
  w2: number | null;
  missing_w: bigint | number;
}

/** The SQL, for reading and for running elsewhere (parameters: $dataset, and $level / $region when filtering). */
export function pathwayCountSql(options: PathwayCountOptions = {}): string {
  const byRegion = options.byRegion ?? false;
  const needPeople = byRegion || (options.region !== undefined && options.region !== null);
  const filters: string[] = [];
  if (options.level === 2 || options.level === 3) filters.push('(hq.q).level = $level');
  if (options.region !== undefined && options.region !== null) filters.push('p.region = $region');
  return `
WITH hq AS (
  SELECT person_key,
         arg_max(struct_pack(ssa := ssa, level := level, type := type, weight := weight),
                 struct_pack(h := coalesce(highest::INTEGER, 0), l := coalesce(level, -1)::INTEGER,
                             d := coalesce(achieved_on, DATE '0001-01-01'), r := -rowid)) AS q
    FROM qualifications WHERE dataset_id = $dataset
   GROUP BY person_key
), occ AS (
  SELECT person_key,
         arg_max(struct_pack(soc := soc_submajor, et := employment_type),
                 struct_pack(d := coalesce(started_on, DATE '0001-01-01'), r := -rowid)) AS o
    FROM occupations WHERE dataset_id = $dataset
   GROUP BY person_key
), person AS (
  SELECT (hq.q).level AS level,
         ${needPeople ? 'p.region' : 'NULL::VARCHAR'} AS region,
         CASE WHEN occ.person_key IS NULL THEN 'no-occupation'
              WHEN (occ.o).soc IS NULL THEN 'no-soc'
              WHEN (hq.q).ssa IS NULL THEN 'no-ssa'
              ELSE 'analysed' END AS status,
         (hq.q).ssa AS ssa, (hq.q).type AS qt, (occ.o).soc AS soc, (occ.o).et AS et, (hq.q).weight AS weight
    FROM hq LEFT JOIN occ USING (person_key)
    ${needPeople ? 'JOIN people p ON p.dataset_id = $dataset AND p.person_key = hq.person_key' : ''}
   ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
)
SELECT level, ${byRegion ? 'region,' : ''} status,
       CASE WHEN status = 'analysed' THEN ssa END AS ssa,
       CASE WHEN status = 'analysed' THEN qt END AS qt,
       CASE WHEN status = 'analysed' THEN soc END AS soc,
       CASE WHEN status = 'analysed' THEN et END AS et,
       count(*) AS n,
       ${options.weighted ? 'sum(weight) AS w, sum(weight * weight) AS w2, count(*) FILTER (WHERE weight IS NULL) AS missing_w' : 'NULL::DOUBLE AS w, NULL::DOUBLE AS w2, 0 AS missing_w'}
  FROM person
 GROUP BY ALL
 ORDER BY ALL`;
}

/** Count a dataset's people for the pathways analysis. Throws InputError when weights are asked for and some are missing or negative. */
export async function countPathways(store: Pick<Store, 'connection'>, datasetId: number, options: PathwayCountOptions = {}): Promise<PathwayCounts> {
  const params: Record<string, string | number> = { dataset: datasetId };
  if (options.level === 2 || options.level === 3) params.level = options.level;
  if (options.region !== undefined && options.region !== null) params.region = options.region;
  const rows = await queryRows<Row>(store.connection, pathwayCountSql(options), params);
  const weighted = options.weighted ?? false;
  if (weighted) {
    const missing = rows.reduce((s, r) => s + Number(r.missing_w), 0);
    if (missing > 0) {
      throw new InputError(
        `${missing} people's highest qualification has no weight; a weighted analysis needs the 'weight' column of qualifications.csv for every person (or run without --weight)`,
      );
    }
    const neg = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM qualifications WHERE dataset_id = $d AND weight < 0`, { d: datasetId });
    if (Number(neg[0].n) > 0) throw new InputError(`${Number(neg[0].n)} qualification rows have a negative weight; weights must be 0 or more`);
  }
  return {
    weighted,
    byRegion: options.byRegion ?? false,
    rows: rows.map(
      (r): PathwayCountRow => ({
        level: r.level === null ? null : Number(r.level),
        ...(options.byRegion ? { region: r.region ?? null } : {}),
        status: r.status,
        ssa: r.ssa,
        qualificationType: r.qt,
        soc: r.soc,
        employmentType: r.et,
        n: Number(r.n),
        ...(weighted ? { w: r.w ?? 0, w2: r.w2 ?? 0 } : {}),
      }),
    ),
  };
}
