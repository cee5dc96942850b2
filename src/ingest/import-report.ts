/**
 * The import report: files read, problems, the linkage report (as in the
 * DfE's linked-data method: who has both records, who only one, ids not in
 * people.csv, what goes into analysis) and the classification values that
 * matched nothing. Printed by the CLI and kept with the dataset.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import { storedLinkage, unmatchedValues, type StoredLinkage, type UnmatchedValues } from '../store/write-dataset.js';
import { clean, cleanOrNull } from './extract-format.js';
import type { Problem } from './problems.js';

export interface FileReport {
  file: string;
  rows: number;
  rejected: number;
  bytes: number;
  sha256: string;
  columns: string[];
  /** Headers that are not Routeways columns (characteristics in people.csv; ignored elsewhere). */
  unknownColumns: string[];
}

export type UnmatchedReport = UnmatchedValues;

export interface LinkageReport extends Omit<StoredLinkage, 'intoAnalysis'> {
  /** person_ids in qualifications.csv not in people.csv, and their records (left out). */
  qualificationIdsNotInPeople: number;
  qualificationRecordsNotInPeople: number;
  occupationIdsNotInPeople: number;
  occupationRecordsNotInPeople: number;
  /** What analyses of qualifications against occupations use: people with both, and their records. */
  intoAnalysis: StoredLinkage['intoAnalysis'];
}

export interface ImportReport {
  dataset: string;
  datasetId: number;
  store: string;
  sourceDir: string;
  socVersion: '2010' | '2020';
  replaced: boolean;
  files: FileReport[];
  characteristics: string[];
  problems: number;
  /** The first problems (at most 20). */
  firstProblems: Problem[];
  rejectsFile: string | null;
  linkage: LinkageReport;
  unmatched: { region: UnmatchedReport; ssa: UnmatchedReport; soc: UnmatchedReport };
  related: { rows: number; mappingId: number } | null;
  /** benefits.csv, when the extract has one: claims written, and claims (and ids) left out because their ids are not in people.csv. */
  benefits: { claims: number; people: number; idsNotInPeople: number; claimsNotInPeople: number } | null;
  warnings: string[];
  seconds: number;
  /** What the `afterWrite` step (import --code: the title coder) reported, when there was one. */
  coding?: unknown;
}

export interface Orphans {
  ids: number;
  records: number;
}

/**
 * Records (and their distinct ids) whose person_id is not in people.csv:
 * the `total` rows that went in (`rows`) less the `linked` ones written.
 */
export async function orphans(c: DuckDBConnection, rows: string, pidCol: string, counts: { total: number; linked: number }): Promise<Orphans> {
  if (counts.total === counts.linked) return { ids: 0, records: 0 };
  const r = await queryRows<{ ids: bigint; records: bigint }>(
    c,
    `SELECT count(DISTINCT pid) AS ids, count(*) AS records
     FROM (SELECT ${clean(pidCol)} AS pid FROM ${rows}) WHERE pid NOT IN (SELECT person_id FROM import_people)`,
  );
  return { ids: Number(r[0].ids), records: Number(r[0].records) };
}

/** The linkage report of a dataset just written, with the records left out because their ids are not in people.csv. */
export async function linkageReport(c: DuckDBConnection, datasetId: number, q: Orphans, o: Orphans): Promise<LinkageReport> {
  const s = await storedLinkage({ connection: c }, datasetId);
  return {
    people: s.people,
    qualificationRecords: s.qualificationRecords,
    occupationRecords: s.occupationRecords,
    peopleWithBoth: s.peopleWithBoth,
    peopleWithQualificationsOnly: s.peopleWithQualificationsOnly,
    peopleWithOccupationsOnly: s.peopleWithOccupationsOnly,
    peopleWithNeither: s.peopleWithNeither,
    qualificationIdsNotInPeople: q.ids,
    qualificationRecordsNotInPeople: q.records,
    occupationIdsNotInPeople: o.ids,
    occupationRecordsNotInPeople: o.records,
    intoAnalysis: s.intoAnalysis,
  };
}

/** Where a classified column's values were matched: its lookup (match-values.ts), when every row of the file went in. */
export interface LookupCounts {
  lookup: string;
  /** The lookup's column that is NULL for a value that matched nothing ('code', or 'sub' for SOC). */
  code: 'code' | 'sub';
  /** Rows of the file that went in (all of those staged). */
  rows: number;
}

/**
 * The values that matched nothing, per classified column: from the lookup's
 * counts where it holds every row written (a few hundred values instead of
 * 10M records: a second of a 10M import), otherwise counted over the records.
 */
export async function unmatchedReport(
  c: DuckDBConnection,
  datasetId: number,
  counted: Partial<Record<keyof ImportReport['unmatched'], LookupCounts>>,
): Promise<ImportReport['unmatched']> {
  const store = { connection: c };
  const one = async (column: keyof ImportReport['unmatched']) => {
    const l = counted[column];
    return l ? unmatchedInLookup(c, l) : unmatchedValues(store, datasetId, column);
  };
  return { region: await one('region'), ssa: await one('ssa'), soc: await one('soc') };
}

/** What unmatchedValues (src/store/write-dataset.ts) counts over the stored records, from a lookup's counts. */
async function unmatchedInLookup(c: DuckDBConnection, l: LookupCounts): Promise<UnmatchedValues> {
  // The value as entered, trimmed (a value equal to its code has nothing to trim); blank ones are not in lookups.
  const unmatched = `SELECT ${cleanOrNull('raw')} AS value, sum(n) AS count FROM ${l.lookup} WHERE ${l.code} IS NULL GROUP BY 1`;
  const top = await queryRows<{ value: string; count: bigint }>(c, `${unmatched} ORDER BY 2 DESC, 1 LIMIT 10`);
  const t = await queryRows<{ rows: bigint | null; values: bigint; valued: bigint | null }>(
    c,
    `SELECT (SELECT sum(count) FROM (${unmatched})) AS rows, (SELECT count(*) FROM (${unmatched})) AS values, (SELECT sum(n) FROM ${l.lookup}) AS valued`,
  );
  return {
    rows: Number(t[0].rows ?? 0),
    values: Number(t[0].values),
    blank: l.rows - Number(t[0].valued ?? 0),
    top: top.map((x) => ({ value: x.value, count: Number(x.count) })),
  };
}
