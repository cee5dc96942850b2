/**
 * The qualification ladder's counts (src/core/progression/ladder.ts): the
 * register's current qualifications and their prerequisites, read from the
 * register tables when the store holds the register (its default place), the
 * titles and codes the dataset records, and per step the holders of the
 * first qualification and those who also gained the next (on or after the
 * first when both are dated), with cell keys. Parameterised throughout.
 */
import { listValue } from '@duckdb/node-api';
import type { LadderCount, LadderQualification, LadderStep } from '../core/progression/ladder.js';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import { queryRows, type Store } from './database.js';
import { ensureRecordKeySecret, recordKeysSql, type RecordKeyTable } from './record-keys.js';

/** The register's current qualifications with their prerequisites, or [] when the store holds no register. */
export async function storedLadderRegister(store: Pick<Store, 'connection'>): Promise<LadderQualification[]> {
  const [t] = await queryRows<{ n: bigint }>(store.connection, `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('register_qualifications', 'register_prerequisites')`);
  if (Number(t!.n) < 2) return [];
  const rows = await queryRows<{ id: string; title: string; unit_code: string | null; pre: string[] | null }>(
    store.connection,
    `SELECT q.id, q.title, q.unit_code, list(p.required_id ORDER BY p.required_id) FILTER (WHERE p.required_id IS NOT NULL) AS pre
       FROM register_qualifications q LEFT JOIN register_prerequisites p ON p.qualification_id = q.id
      WHERE q.status = 'current' GROUP BY ALL ORDER BY q.id`,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, unitCode: r.unit_code, prerequisites: [...(r.pre ?? [])] }));
}

/** The qualification titles (as entered) a dataset records, with a unit code each is recorded under. */
export async function recordedQualificationTitles(store: Pick<Store, 'connection'>, datasetId: number): Promise<Array<{ title: string; code: string | null }>> {
  return queryRows(store.connection, `SELECT DISTINCT title, code FROM qualifications WHERE dataset_id = $ds ORDER BY ALL`, { ds: datasetId });
}

/** Holders of each step's first qualification (in `region`, or everyone), and those who went on to the next. Internal: true counts. */
export async function countLadder(
  store: Pick<Store, 'connection'>,
  datasetId: number,
  steps: readonly LadderStep[],
  options: { region?: string | null; recordKeys?: RecordKeyTable } = {},
): Promise<LadderCount[]> {
  if (steps.length === 0) return [];
  await ensureRecordKeySecret(store);
  const pairs = (side: 'from' | 'to') => steps.flatMap((s) => s[side].titles.map((t) => [s.id, t] as const));
  const keys = options.recordKeys ? `SELECT person_key, rkey FROM ${options.recordKeys.table}` : recordKeysSql('$ds');
  const region = options.region ?? null;
  const rows = await queryRows<{ step: string; holders: bigint; holders_key: number; went_on: bigint; went_on_key: number }>(
    store.connection,
    `WITH f AS (SELECT unnest($fs) AS step, unnest($ft) AS title), t AS (SELECT unnest($ts) AS step, unnest($tt) AS title),
          firsts AS (SELECT f.step, q.person_key, min(q.achieved_on) AS on_ FROM qualifications q JOIN f USING (title) WHERE q.dataset_id = $ds GROUP BY ALL),
          nexts AS (SELECT t.step, q.person_key, max(q.achieved_on) AS on_, bool_or(q.achieved_on IS NULL) AS undated FROM qualifications q JOIN t USING (title) WHERE q.dataset_id = $ds GROUP BY ALL),
          per AS (
            SELECT a.step, a.person_key, rk.rkey,
                   n.person_key IS NOT NULL AND (a.on_ IS NULL OR n.undated OR n.on_ >= a.on_) AS went_on
              FROM firsts a JOIN (${keys}) rk USING (person_key)
              ${region === null ? '' : 'JOIN people p ON p.dataset_id = $ds AND p.person_key = a.person_key AND p.region = $region'}
              LEFT JOIN nexts n ON n.step = a.step AND n.person_key = a.person_key)
     SELECT step, count(*) AS holders, CAST(sum(rkey) % ${KEY_RANGE} AS INTEGER) AS holders_key,
            count(*) FILTER (WHERE went_on) AS went_on, CAST(coalesce(sum(rkey) FILTER (WHERE went_on), 0) % ${KEY_RANGE} AS INTEGER) AS went_on_key
       FROM per GROUP BY step ORDER BY step`,
    {
      ds: datasetId,
      fs: listValue(pairs('from').map((p) => p[0])),
      ft: listValue(pairs('from').map((p) => p[1])),
      ts: listValue(pairs('to').map((p) => p[0])),
      tt: listValue(pairs('to').map((p) => p[1])),
      ...(region === null ? {} : { region }),
    },
  );
  return rows.map((r) => ({ step: r.step, holders: Number(r.holders), holdersKey: Number(r.holders_key), wentOn: Number(r.went_on), wentOnKey: Number(r.went_on_key) }));
}
