/**
 * Checks of employment histories that no single value shows: a spell or
 * claim ending before it starts, spells (or claims) of one person that
 * overlap, pay without a pay_period and the reverse, an end without a start.
 *
 * The rules are the pure core's (src/core/progression/validate.ts), so the
 * import refuses exactly what the measures could not use. SQL first finds
 * the people who may break a rule (one pass with a window over each file);
 * only their rows come into JavaScript, with their lines, and the core says
 * what is wrong. Each problem becomes a row of `import_problems` against the
 * row at fault (so --skip-invalid leaves that row out and the rest of the
 * person's history stays consistent: the rows not reported never overlap).
 * Rows with a value problem are left out of these checks: they are reported
 * already and are not imported.
 *
 * Overlaps are checked only in a file with an `ended_on` column: without
 * one, rows are occupations at a moment (the extracts before histories),
 * not spells, and a person's several dated rows are not an error.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { validateHistory, type HistoryProblem } from '../core/progression/validate.js';
import type { BenefitClaim, Spell } from '../core/progression/spells.js';
import type { PayPeriod } from '../core/progression/pay.js';
import { queryRows } from '../store/database.js';
import { applySql, clean, isBlank } from './extract-format.js';
import { PROBLEMS_TABLE } from './problem-table.js';
import type { Staged } from './staging.js';
import { lookupName } from './validate.js';

interface HistoryRow {
  pid: string;
  rid: bigint;
  s: number | null;
  f: number | null;
  pay: number | null;
  per: string | null;
}

const EPOCH = `DATE '1970-01-01'`;

/** The normalised value of a field of staging row `t`, NULL when the file lacks the column or the value is blank. */
function value(s: Staged, field: string): string {
  const col = s.col(field);
  if (!col) return 'NULL';
  const spec = s.spec.fields.find((f) => f.name === field)!;
  if (spec.categorical) return `(SELECT l.val FROM ${lookupName(s, field)} l WHERE l.raw = t.${col})`;
  return `CASE WHEN ${isBlank(`t.${col}`)} THEN NULL ELSE ${applySql(spec.normalise!, `t.${col}`)} END`;
}

/** The file's rows without value problems: person id, staging row, dates as days, pay and its period. */
function rowsSql(s: Staged, fileNo: number): string {
  const day = (field: string) => (s.col(field) ? `(${value(s, field)} - ${EPOCH})::INTEGER` : 'NULL::INTEGER');
  return `SELECT ${clean(`t.${s.col('person_id')}`)} AS pid, t.rowid AS rid, ${day('started_on')} AS s, ${day('ended_on')} AS f,
      ${s.col('pay') ? value(s, 'pay') : 'NULL::DOUBLE'} AS pay, ${s.col('pay_period') ? value(s, 'pay_period') : 'NULL::VARCHAR'} AS per
    FROM ${s.table} t
   WHERE NOT ${isBlank(`t.${s.col('person_id')}`)} AND t.rowid NOT IN (SELECT rid FROM ${PROBLEMS_TABLE} WHERE file_no = ${fileNo} AND rid IS NOT NULL)`;
}

/**
 * People who may break a rule: a row that ends before it starts, ends
 * without a start, has pay xor a period, or starts on or before the furthest
 * end of the person's earlier-starting rows (an open row reaches forever).
 */
function suspectsSql(rows: string, spells: boolean): string {
  const single = `SELECT DISTINCT pid FROM r WHERE f < s OR (s IS NULL AND f IS NOT NULL) OR ((pay IS NULL) <> (per IS NULL))`;
  if (!spells) return `WITH r AS (${rows}) ${single}`;
  return `WITH r AS (${rows})
    ${single}
    UNION
    SELECT DISTINCT pid FROM (
      SELECT pid, s, max(coalesce(f, 2147483647)) OVER (PARTITION BY pid ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
        FROM r WHERE s IS NOT NULL AND (f IS NULL OR f >= s)
    ) WHERE s <= reach`;
}

/**
 * Add the history problems of occupations.csv and benefits.csv (either may
 * be absent) to import_problems; returns how many.
 */
export async function validateHistories(c: DuckDBConnection, files: { occupations: Staged; occupationsNo: number; benefits?: Staged; benefitsNo?: number }): Promise<number> {
  const occSpells = !!files.occupations.col('ended_on');
  const benSpells = !!files.benefits?.col('ended_on');
  const occ = await suspectRows(c, files.occupations, files.occupationsNo, occSpells);
  const ben = files.benefits ? await suspectRows(c, files.benefits, files.benefitsNo!, benSpells) : [];
  if (occ.length === 0 && ben.length === 0) return 0;
  const occLines = await linesOf(c, files.occupations, occ);
  const benLines = files.benefits ? await linesOf(c, files.benefits, ben) : new Map<bigint, number>();
  const byPerson = new Map<string, { spells: Spell[]; claims: BenefitClaim[]; spellRid: Map<number, bigint>; claimRid: Map<number, bigint> }>();
  const entry = (pid: string) => {
    let e = byPerson.get(pid);
    if (!e) byPerson.set(pid, (e = { spells: [], claims: [], spellRid: new Map(), claimRid: new Map() }));
    return e;
  };
  for (const r of occ) {
    const e = entry(r.pid);
    const line = occLines.get(r.rid)!;
    e.spellRid.set(line, r.rid);
    e.spells.push({
      line, title: '', socSubmajor: null, socMajor: null, employmentType: null, startedOn: r.s, endedOn: r.f,
      hours: null, pay: r.pay, payPeriod: r.per as PayPeriod | null, contract: null, exitReason: null,
    });
  }
  for (const r of ben) {
    if (r.s === null) continue; // a blank start is a value problem of its own
    const e = entry(r.pid);
    const line = benLines.get(r.rid)!;
    e.claimRid.set(line, r.rid);
    e.claims.push({ line, startedOn: r.s, endedOn: r.f });
  }
  const found: Array<{ p: HistoryProblem; rid: bigint; s: Staged; fileNo: number }> = [];
  for (const e of byPerson.values()) {
    for (const p of validateHistory(e)) {
      const onOcc = p.file === 'occupations.csv';
      if (p.kind === 'overlap' && !(onOcc ? occSpells : benSpells)) continue;
      const s = onOcc ? files.occupations : files.benefits!;
      found.push({ p, rid: (onOcc ? e.spellRid : e.claimRid).get(p.line!)!, s, fileNo: onOcc ? files.occupationsNo : files.benefitsNo! });
    }
  }
  await appendProblems(c, found);
  return found.length;
}

/** Rows of the people who may break a rule, in file order. */
async function suspectRows(c: DuckDBConnection, s: Staged, fileNo: number, spells: boolean): Promise<HistoryRow[]> {
  if (!s.col('ended_on') && !s.col('pay') && !s.col('pay_period')) return [];
  const rows = rowsSql(s, fileNo);
  await c.run(`CREATE OR REPLACE TEMP TABLE import_history_suspects AS ${suspectsSql(rows, spells)}`);
  return queryRows<HistoryRow>(c, `SELECT r.* FROM (${rows}) r JOIN import_history_suspects x ON x.pid = r.pid ORDER BY r.rid`);
}

/** Line (CSV) or row number (Parquet) of each of these rows. */
async function linesOf(c: DuckDBConnection, s: Staged, rows: HistoryRow[]): Promise<Map<bigint, number>> {
  if (rows.length === 0) return new Map();
  const max = rows.reduce((m, r) => (r.rid > m ? r.rid : m), 0n);
  await s.writeLines(c, 'import_history_lines', Number(max));
  const lines = await queryRows<{ rid: number; line: number }>(c, `SELECT rid, line FROM import_history_lines`);
  return new Map(lines.map((l) => [BigInt(l.rid), Number(l.line)]));
}

async function appendProblems(c: DuckDBConnection, found: Array<{ p: HistoryProblem; rid: bigint; s: Staged; fileNo: number }>): Promise<void> {
  const appender = await c.createAppender(PROBLEMS_TABLE, 'main', 'temp');
  try {
    for (const { p, rid, s, fileNo } of found) {
      // The column at fault, or the nearest one the file has (pay without a pay_period column: the pay).
      const at = [p.field, 'pay', 'started_on'].map((f) => s.resolved.columns.find((x) => x.field === f)).find((x) => x !== undefined);
      // The core speaks of lines; a Parquet file has rows.
      const words = (t: string) => (s.format === 'parquet' ? t.replaceAll(/\bline (\d+)/g, 'row $1') : t);
      appender.appendInteger(fileNo);
      appender.appendVarchar(s.file);
      appender.appendBigInt(rid);
      if (at) appender.appendInteger(at.index + 1);
      else appender.appendNull();
      appender.appendVarchar(at?.header ?? p.field);
      appender.appendVarchar(p.value);
      appender.appendVarchar(words(p.problem));
      appender.appendVarchar(words(p.expected));
      for (let k = 0; k < 3; k++) appender.appendNull(); // first_rid, line, first_line
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}
