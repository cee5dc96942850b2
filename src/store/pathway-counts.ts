/**
 * The SQL that reduces a dataset's records to the counts the pathways
 * analysis works on (src/core/pathways/types.ts explains the rules): one row
 * per level x [region x] coverage status x SSA x qualification type x SOC
 * sub-major group x employment type, with distinct people and weight sums.
 */
import { InputError } from '../core/errors.js';
import type { CoverageStatus, PathwayCountRow, PathwayCounts, PathwayLevel } from '../core/pathways/types.js';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import { queryRows, type Store } from './database.js';
import { ensureRecordKeySecret, recordKeysSql, type RecordKeyTable } from './record-keys.js';
import { countedPathwaySql, datasetKind } from './counts.js';

export interface PathwayCountOptions {
  /** 2 or 3: only people whose highest qualification is at that level; 'all' or undefined: every level (rows carry the level). */
  level?: PathwayLevel;
  /** Only people in this region (code). */
  region?: string | null;
  /** Count by region as well. */
  byRegion?: boolean;
  /** Sum the weights of the highest qualifications. */
  weighted?: boolean;
  /** Record keys prepared for this run (computed in the query when absent). */
  recordKeys?: RecordKeyTable;
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
  cell_key: number;
}

/*
 * Picking one row per person fast: each qualification row gets one BIGINT
 * whose high bits are the order of preference and whose low bits carry the
 * values we need, so a plain max() per person both picks the row and returns
 * its values (one hash aggregate over integers; no sort, no struct, no join of
 * two per-person tables). Qualifications and occupations go through the same
 * aggregate (UNION ALL), so each person is grouped once.
 *
 * Qualification key, high to low bits: highest flag (1) | level + 1 (4) |
 * days since 1900 achieved (17) | 2^32 - 1 - rowid (32: first listed wins
 * ties) | SSA tier 1 (4; 0 = none) | type (2: 1 apprenticeship, 2 classroom,
 * 0 none) = 60 bits. Occupation key: days since 1900 started (17) |
 * 2^32 - 1 - rowid (32) | SOC sub-major group (7; 0 = none) | employment type
 * (2: 1 training, 2 full-time, 3 part-time, 0 none) = 58 bits.
 */
const ROWINV = `(4294967295 - rowid % 4294967296)`;
// Dates as days since 1900-01-01 (DATE - DATE is a whole number of days), kept within 17 bits.
const days = (col: string) => `coalesce(least(greatest(${col} - DATE '1900-01-01', 0), 131071), 0)`;
// Codes as small integers: the store holds SSA '1'..'15' and SOC sub-major '11'..'92' (anything else reads as none).
const Q_KEY = `(((coalesce(highest::BIGINT, 0) * 16 + least(greatest(coalesce(level, -1) + 1, 0), 15)) * 131072 + ${days('achieved_on')}) * 4294967296
      + ${ROWINV}) * 64 + coalesce(TRY_CAST(ssa AS UTINYINT) % 16, 0)::BIGINT * 4
      + CASE type WHEN 'apprenticeship' THEN 1 WHEN 'classroom' THEN 2 ELSE 0 END`;
const O_KEY = `(${days('started_on')} * 4294967296 + ${ROWINV}) * 512 + coalesce(TRY_CAST(soc_submajor AS UTINYINT) % 128, 0)::BIGINT * 4
      + CASE employment_type WHEN 'training' THEN 1 WHEN 'full-time' THEN 2 WHEN 'part-time' THEN 3 ELSE 0 END`;
/** 2^55: the qualification key's level sits above this. */
const LEVEL_UNIT = '36028797018963968';

/** The SQL, for reading and for running elsewhere (parameters: $dataset, and $level / $region when filtering). */
export function pathwayCountSql(options: PathwayCountOptions = {}): string {
  const byRegion = options.byRegion ?? false;
  const oneRegion = options.region !== undefined && options.region !== null;
  const weighted = options.weighted ?? false;
  const filters = ['qk IS NOT NULL'];
  const keys = options.recordKeys ? `SELECT person_key, rkey FROM ${options.recordKeys.table}` : recordKeysSql('$dataset');
  if (options.level === 2 || options.level === 3) filters.push(`qk // ${LEVEL_UNIT} % 16 = $level + 1`);
  if (oneRegion) filters.push('p.region = $region');
  // One region: its people's records only, so the aggregate is over the region, not the dataset.
  const ofRegion = oneRegion ? ' AND person_key IN (SELECT person_key FROM people WHERE dataset_id = $dataset AND region = $region)' : '';
  return `
WITH k AS (
  SELECT person_key, max(qk) AS qk, max(ok) AS ok${weighted ? ', arg_max_null(w, qk) AS weight' : ''}
    FROM (SELECT person_key, ${Q_KEY} AS qk, NULL::BIGINT AS ok${weighted ? ', weight AS w' : ''}
            FROM qualifications WHERE dataset_id = $dataset${ofRegion}
          UNION ALL
          SELECT person_key, NULL::BIGINT, ${O_KEY}${weighted ? ', NULL::DOUBLE' : ''}
            FROM occupations WHERE dataset_id = $dataset${ofRegion})
   GROUP BY person_key
), grouped AS (
  SELECT (qk // ${LEVEL_UNIT} % 16)::INTEGER - 1 AS lvl, ${byRegion ? 'p.region AS region,' : ''}
         (qk % 64)::INTEGER AS qp, (ok % 512)::INTEGER AS op,
         count(*) AS n, sum(rk.rkey) AS ks${weighted ? ', sum(weight) AS w, sum(weight * weight) AS w2, count(*) FILTER (WHERE weight IS NULL) AS missing_w' : ''}
    FROM k JOIN (${keys}) rk USING (person_key) ${byRegion || oneRegion ? 'JOIN people p ON p.dataset_id = $dataset AND p.person_key = k.person_key' : ''}
   WHERE ${filters.join(' AND ')}
   GROUP BY ALL
), decoded AS (
  SELECT CASE WHEN lvl < 0 THEN NULL ELSE lvl END AS level, ${byRegion ? 'region,' : ''}
         CASE WHEN op IS NULL THEN 'no-occupation' WHEN op // 4 = 0 THEN 'no-soc' WHEN qp // 4 = 0 THEN 'no-ssa' ELSE 'analysed' END AS status,
         qp, op, n, ks${weighted ? ', w, w2, missing_w' : ', NULL::DOUBLE AS w, NULL::DOUBLE AS w2, 0 AS missing_w'}
    FROM grouped
)
SELECT level, ${byRegion ? 'region,' : ''} status,
       CASE WHEN status = 'analysed' THEN (qp // 4)::VARCHAR END AS ssa,
       CASE WHEN status = 'analysed' THEN ['apprenticeship', 'classroom'][qp % 4] END AS qt,
       CASE WHEN status = 'analysed' THEN (op // 4)::VARCHAR END AS soc,
       CASE WHEN status = 'analysed' THEN ['training', 'full-time', 'part-time'][op % 4] END AS et,
       sum(n) AS n, CAST(sum(ks) % ${KEY_RANGE} AS INTEGER) AS cell_key, sum(w) AS w, sum(w2) AS w2, sum(missing_w) AS missing_w
  FROM decoded
 GROUP BY ALL
 ORDER BY ALL`;
}

/** Count a dataset's people for the pathways analysis. Throws InputError when weights are asked for and some are missing or negative. */
export async function countPathways(store: Pick<Store, 'connection'>, datasetId: number, options: PathwayCountOptions = {}): Promise<PathwayCounts> {
  const params: Record<string, string | number> = { dataset: datasetId };
  if (options.level === 2 || options.level === 3) params.level = options.level;
  if (options.region !== undefined && options.region !== null) params.region = options.region;
  await ensureRecordKeySecret(store);
  // A counts-only dataset holds the cube the warehouse computed (src/store/counts.ts).
  const counted = (await datasetKind(store, datasetId)) === 'counts';
  const sql = counted
    ? countedPathwaySql({ byRegion: options.byRegion ?? false, oneRegion: 'region' in params, ...(typeof params.level === 'number' ? { level: params.level as 2 | 3 } : {}) })
    : pathwayCountSql(options);
  const rows = await queryRows<Row>(store.connection, sql, params);
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
        key: Number(r.cell_key),
        ...(weighted ? { w: r.w ?? 0, w2: r.w2 ?? 0 } : {}),
      }),
    ),
  };
}
