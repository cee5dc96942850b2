/**
 * A synthetic dataset of employment histories, generated straight into the
 * store's tables with SQL (the import does not write spells yet, and CSV
 * parsing is not what the progression bench measures).
 *
 * Per person: one or two qualifications (SSA 1-15, levels 1-4, achieved
 * 2016-2020), 3-5 spells around the achievement date (some overlapping,
 * some open, SOC sub-major groups with a drift up the skill levels, pay by
 * the hour, week, month or year, contracts, exit reasons), and for a third
 * of people one or two benefit claims. Deterministic (DuckDB's hash()).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const REGIONS = `['NE','NW','YH','EM','WM','EE','LN','SE','SW','WA','SC','NI']`;
const SOCS = `['11','12','21','22','23','24','31','32','33','34','35','41','42','51','52','53','54','61','62','71','72','81','82','91','92']`;

export async function generateHistories(c: DuckDBConnection, datasetId: number, people: number): Promise<void> {
  const p = { d: datasetId, n: people };
  await c.run(`INSERT INTO people (dataset_id, person_key, person_id, region, region_raw)
    SELECT $d, i, 'P' || i, ${REGIONS}[(1 + hash(i, 1) % 12)::BIGINT], NULL FROM range($n) t(i)`, p);
  await c.run(`INSERT INTO qualifications (dataset_id, person_key, title, code, ssa, ssa_raw, level, type, achieved_on, highest, weight)
    SELECT $d, i, 'Qualification ' || (hash(i, 2) % 400), NULL, (1 + hash(i, 3) % 15)::VARCHAR, NULL,
           [1, 2, 2, 2, 3, 3, 3, 4][(1 + hash(i, 4) % 8)::BIGINT]::TINYINT,
           CASE WHEN hash(i, 5) % 3 = 0 THEN 'apprenticeship' ELSE 'classroom' END,
           DATE '2016-01-01' + (hash(i, 6) % 1500)::INTEGER, NULL, NULL
      FROM range($n) t(i)
    UNION ALL
    SELECT $d, i, 'Short course ' || (hash(i, 7) % 100), NULL, (1 + hash(i, 8) % 15)::VARCHAR, NULL, 1::TINYINT, 'classroom',
           DATE '2015-01-01' + (hash(i, 9) % 400)::INTEGER, NULL, NULL
      FROM range($n) t(i) WHERE hash(i, 10) % 3 = 0`, p);
  // Spell j of 3-5 starts about 200 days after spell j-1, from about 400 days before the achievement date.
  await c.run(`INSERT INTO occupations (dataset_id, person_key, title, soc, soc_raw, soc_submajor, soc_major, employment_type, started_on,
                                        ended_on, hours, pay, pay_period, contract, exit_reason)
    WITH s AS (
      SELECT i, j, (hash(i, 11) % 3)::INTEGER + 3 AS k,
             DATE '2016-01-01' + ((hash(i, 6) % 1500)::INTEGER - 400 + j::INTEGER * 200 + (hash(i, j, 12) % 60)::INTEGER) AS started,
             ${SOCS}[(1 + least(24, greatest(0, (hash(i, 13) % 25)::INTEGER - j * (hash(i, 14) % 3)::INTEGER)))::BIGINT] AS soc,
             [16, 20, 30, 37.5, 40][(1 + hash(i, j, 15) % 5)::BIGINT] AS hours,
             7 + (hash(i, j, 16) % 1200) / 100.0 + j * 0.4 AS hourly,
             ['hour', 'week', 'month', 'year'][(1 + hash(i, j, 17) % 4)::BIGINT] AS per
        FROM range($n) t(i), range(5) u(j)
    )
    SELECT $d, i, 'Job ' || soc, soc, soc, soc, soc[1], ['full-time', 'part-time', 'training'][(1 + hash(i, j, 18) % 3)::BIGINT], started,
           CASE WHEN j = k - 1 AND hash(i, 19) % 2 = 0 THEN NULL ELSE started + 150 + (hash(i, j, 20) % 100)::INTEGER END,
           hours,
           CASE per WHEN 'hour' THEN hourly WHEN 'week' THEN hourly * hours WHEN 'month' THEN hourly * hours * 52.143 / 12 ELSE hourly * hours * 52.143 END,
           per,
           ['permanent', 'permanent', 'temporary', 'fixed-term', 'zero-hours', 'self-employed'][(1 + hash(i, j, 21) % 6)::BIGINT],
           ['voluntary', 'involuntary', 'unknown'][(1 + hash(i, j, 22) % 3)::BIGINT]
      FROM s WHERE j < k
     ORDER BY i, j`, p);
  await c.run(`INSERT INTO benefits (dataset_id, person_key, started_on, ended_on)
    SELECT $d, i, DATE '2015-06-01' + ((hash(i, 23) % 1500)::INTEGER + j::INTEGER * 300),
           CASE WHEN hash(i, j, 24) % 4 = 0 THEN NULL ELSE DATE '2015-06-01' + ((hash(i, 23) % 1500)::INTEGER + j::INTEGER * 300 + 30 + (hash(i, j, 25) % 200)::INTEGER) END
      FROM range($n) t(i), range(2) u(j) WHERE hash(i, 26) % 3 = 0 AND (j = 0 OR hash(i, 27) % 2 = 0)`, p);
}
